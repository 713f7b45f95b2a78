//! The outbox's SMTP transport: a plain SMTP client (RFC 5321) for a relay that accepts the
//! portal's mail without authentication — the usual local mail transfer agent, which then
//! handles TLS and onward delivery. Each step waits at most ten seconds for its reply.

use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const WAIT: Duration = Duration::from_secs(10);

/// Why a message was not accepted by the relay.
#[derive(Debug)]
pub struct SmtpError(pub String);

impl std::fmt::Display for SmtpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Hands one RFC 5322 message (7-bit, CRLF lines) to the relay at `addr` (`host:port`).
pub async fn send(addr: &str, from: &str, to: &str, message: &str) -> Result<(), SmtpError> {
    let fail = |what: &str, e: &dyn std::fmt::Display| SmtpError(format!("{what}: {e}"));
    let stream = tokio::time::timeout(WAIT, TcpStream::connect(addr))
        .await
        .map_err(|e| fail("connect", &e))?
        .map_err(|e| fail("connect", &e))?;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    reply(&mut read, &[220]).await?;
    let mut say = async |line: String, ok: &[u16]| -> Result<(), SmtpError> {
        write
            .write_all(line.as_bytes())
            .await
            .map_err(|e| fail("write", &e))?;
        reply(&mut read, ok).await
    };
    say("EHLO licensing-portal\r\n".into(), &[250]).await?;
    say(format!("MAIL FROM:<{from}>\r\n"), &[250]).await?;
    say(format!("RCPT TO:<{to}>\r\n"), &[250, 251]).await?;
    say("DATA\r\n".into(), &[354]).await?;
    // A line that starts with a dot gets another (RFC 5321 4.5.2); the lone dot ends it.
    let mut data = String::with_capacity(message.len() + 8);
    for line in message.trim_end_matches("\r\n").split("\r\n") {
        if line.starts_with('.') {
            data.push('.');
        }
        data.push_str(line);
        data.push_str("\r\n");
    }
    data.push_str(".\r\n");
    say(data, &[250]).await?;
    // The message is accepted; the goodbye is a courtesy.
    let _ = say("QUIT\r\n".into(), &[221]).await;
    Ok(())
}

/// Reads one reply (its continuation lines too) and checks its code.
async fn reply<R: AsyncBufReadExt + Unpin>(read: &mut R, ok: &[u16]) -> Result<(), SmtpError> {
    loop {
        let mut line = String::new();
        let n = tokio::time::timeout(WAIT, read.read_line(&mut line))
            .await
            .map_err(|_| SmtpError("the relay did not answer".into()))?
            .map_err(|e| SmtpError(format!("read: {e}")))?;
        if n == 0 {
            return Err(SmtpError("the relay closed the connection".into()));
        }
        let code: u16 = line.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0);
        // "250-…" continues; "250 …" ends the reply.
        if line.as_bytes().get(3) == Some(&b'-') {
            continue;
        }
        return if ok.contains(&code) {
            Ok(())
        } else {
            Err(SmtpError(format!("the relay answered {}", line.trim_end())))
        };
    }
}
