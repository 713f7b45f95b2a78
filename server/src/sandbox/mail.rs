//! A stand-in mail relay: an SMTP server (RFC 5321, the commands a relay needs) that keeps
//! what it receives, so the outbox's SMTP transport is exercised over a real connection.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One message as the relay received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message, dot-stuffing undone, CRLF lines.
    pub data: String,
}

/// A running relay.
pub struct Relay {
    pub addr: SocketAddr,
    pub received: Arc<Mutex<Vec<Received>>>,
}

/// Listens on `127.0.0.1` at a free port and serves each connection.
pub async fn start() -> std::io::Result<Relay> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let received = Arc::new(Mutex::new(Vec::new()));
    let kept = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let kept = kept.clone();
            tokio::spawn(async move {
                if let Err(e) = session(socket, kept).await {
                    tracing::debug!(error = %e, "sandbox relay session");
                }
            });
        }
    });
    Ok(Relay { addr, received })
}

async fn session(
    socket: tokio::net::TcpStream,
    kept: Arc<Mutex<Vec<Received>>>,
) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut read = BufReader::new(read);
    write.write_all(b"220 sandbox relay ready\r\n").await?;
    let mut from: Option<String> = None;
    let mut to: Vec<String> = Vec::new();
    loop {
        let mut line = String::new();
        if read.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let answer: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
            b"250-sandbox relay\r\n250 8BITMIME\r\n"
        } else if let Some(a) = command.strip_prefix("MAIL FROM:") {
            from = Some(a.trim_matches(['<', '>', ' ']).to_ascii_lowercase());
            to.clear();
            b"250 OK\r\n"
        } else if let Some(a) = command.strip_prefix("RCPT TO:") {
            if from.is_none() {
                b"503 MAIL first\r\n"
            } else {
                to.push(a.trim_matches(['<', '>', ' ']).to_ascii_lowercase());
                b"250 OK\r\n"
            }
        } else if command == "DATA" {
            if to.is_empty() {
                b"503 RCPT first\r\n"
            } else {
                write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                let mut data = String::new();
                loop {
                    let mut l = String::new();
                    if read.read_line(&mut l).await? == 0 {
                        return Ok(());
                    }
                    if l == ".\r\n" {
                        break;
                    }
                    data.push_str(l.strip_prefix('.').unwrap_or(&l));
                }
                if let Ok(mut all) = kept.lock() {
                    all.push(Received {
                        from: from.take().unwrap_or_default(),
                        to: std::mem::take(&mut to),
                        data,
                    });
                }
                b"250 OK queued\r\n"
            }
        } else if command == "RSET" {
            from = None;
            to.clear();
            b"250 OK\r\n"
        } else if command == "NOOP" {
            b"250 OK\r\n"
        } else if command == "QUIT" {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            b"502 not implemented\r\n"
        };
        write.write_all(answer).await?;
    }
}
