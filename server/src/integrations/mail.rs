//! How the outbox's messages leave the portal: the transport (`MAIL_TRANSPORT`) and the
//! message itself, both by `lettre`. A message is RFC 5322 with its headers' words encoded
//! (RFC 2047) and the body in base64, so it is 7-bit clean for any relay; the SMTP transport
//! speaks plain SMTP to a local relay (`smtp://host:port`), STARTTLS (`smtp://…?tls=required`)
//! or TLS (`smtps://`), with credentials when the URL carries them (`smtps://user:pass@host`).

use crate::db::notifications::OutboxRow;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How the outbox is delivered (`MAIL_TRANSPORT`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// `.eml` files in a folder (the default: `DATA_DIR/outbox`).
    Folder(PathBuf),
    /// An SMTP server, by its URL (`smtp://host:port`, `smtps://user:pass@host`).
    Smtp(String),
}

/// The name the portal sends as.
const SENDER_NAME: &str = "Лицензиялау порталы / Портал лицензирования";

impl Transport {
    /// Reads the setting: unset or `file` for the folder, an `smtp://` or `smtps://` URL for a
    /// server (a bare `smtp://host` is port 25).
    pub fn from_setting(setting: Option<&str>, data_dir: &Path) -> Result<Transport, String> {
        match setting.map(str::trim) {
            None | Some("") | Some("file") => Ok(Transport::Folder(data_dir.join("outbox"))),
            Some(s) if s.starts_with("smtp://") || s.starts_with("smtps://") => {
                let url = s.trim_end_matches('/').to_owned();
                AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
                    .map_err(|e| format!("MAIL_TRANSPORT {s}: {e}"))?;
                let host = url.split("://").nth(1).unwrap_or_default();
                if host.is_empty() || host.starts_with(['/', ':', '?']) {
                    return Err(format!("MAIL_TRANSPORT {s}: no host"));
                }
                Ok(Transport::Smtp(url))
            }
            Some(s) => Err(format!(
                "MAIL_TRANSPORT {s}: expected file, smtp://host:port or smtps://host"
            )),
        }
    }

    /// Delivers one message.
    pub async fn send(&self, m: &OutboxRow, public_url: &str) -> Result<(), String> {
        let message = message(m, public_url)?;
        match self {
            Transport::Folder(dir) => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| e.to_string())?;
                // Written whole or not at all: a reader never sees half a message.
                let file = dir.join(format!("{}.eml", m.id));
                let tmp = dir.join(format!(".{}.tmp", m.id));
                tokio::fs::write(&tmp, message.formatted())
                    .await
                    .map_err(|e| e.to_string())?;
                tokio::fs::rename(&tmp, &file)
                    .await
                    .map_err(|e| e.to_string())
            }
            Transport::Smtp(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| e.to_string())?
                    .timeout(Some(Duration::from_secs(10)))
                    .build();
                transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// The portal's mail host, from its public address.
pub fn mail_host(public_url: &str) -> &str {
    public_url
        .split("://")
        .nth(1)
        .unwrap_or(public_url)
        .split(['/', ':'])
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or("localhost")
}

/// The message: the portal as sender (its host from the public address), the recipient, the
/// subject, the date the message was written, a Message-ID from the outbox's id, the body.
pub fn message(m: &OutboxRow, public_url: &str) -> Result<Message, String> {
    let host = mail_host(public_url);
    let from = Mailbox::new(
        Some(SENDER_NAME.to_owned()),
        format!("noreply@{host}")
            .parse()
            .map_err(|e| format!("sender: {e}"))?,
    );
    let to: Mailbox = m
        .to_address
        .parse()
        .map_err(|e| format!("recipient {}: {e}", m.to_address))?;
    let date = time::OffsetDateTime::parse(
        &m.created_at,
        &time::format_description::well_known::Rfc3339,
    )
    .map(std::time::SystemTime::from)
    .map_err(|e| format!("date: {e}"))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(m.subject.clone())
        .date(date)
        .message_id(Some(format!("<{}@{host}>", m.id)))
        .singlepart(
            SinglePart::builder().header(ContentType::TEXT_PLAIN).body(
                Body::new_with_encoding(
                    body_with_link(m, public_url),
                    ContentTransferEncoding::Base64,
                )
                .map_err(|_| "body".to_owned())?,
            ),
        )
        .map_err(|e| format!("message: {e}"))
}

/// The body, then the link to the case's page (in both languages of the body).
pub fn body_with_link(m: &OutboxRow, public_url: &str) -> String {
    match &m.link_path {
        Some(path) => format!(
            "{}\nӨтінішті ашу / Открыть заявление:\n{}{path}\n",
            m.body,
            public_url.trim_end_matches('/')
        ),
        None => m.body.clone(),
    }
}

/// The message as RFC 5322 text.
pub fn rfc5322(m: &OutboxRow, public_url: &str) -> Result<String, String> {
    let bytes = message(m, public_url)?.formatted();
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_transport_setting_is_a_folder_or_a_server() {
        let data = Path::new("data");
        assert_eq!(
            Transport::from_setting(None, data),
            Ok(Transport::Folder(data.join("outbox")))
        );
        assert_eq!(
            Transport::from_setting(Some("smtp://mail.local"), data),
            Ok(Transport::Smtp("smtp://mail.local".into()))
        );
        assert_eq!(
            Transport::from_setting(Some("smtp://127.0.0.1:2525/"), data),
            Ok(Transport::Smtp("smtp://127.0.0.1:2525".into()))
        );
        assert!(Transport::from_setting(Some("smtps://user:secret@mail.example.kz"), data).is_ok());
        assert!(Transport::from_setting(Some("sendmail"), data).is_err());
        assert!(Transport::from_setting(Some("smtp://"), data).is_err());
    }

    fn outbox(subject: &str) -> OutboxRow {
        OutboxRow {
            id: "m1".into(),
            notification_id: "n1".into(),
            to_address: "a@example.kz".into(),
            subject: subject.into(),
            body: "Өтініш қабылданды\n\nЗаявление принято\n".into(),
            created_at: "2026-11-22T10:00:00Z".into(),
            sent_at: None,
            attempts: 0,
            last_error: None,
            link_path: Some("/applications/abc".into()),
            channel: "email".into(),
        }
    }

    #[test]
    fn every_message_links_to_its_case() {
        let body = body_with_link(&outbox("s"), "https://elicense.example.kz/");
        assert!(body.starts_with("Өтініш қабылданды"), "{body}");
        assert!(
            body.ends_with("\nhttps://elicense.example.kz/applications/abc\n"),
            "{body}"
        );
    }

    #[test]
    fn a_message_is_seven_bit_with_its_headers_encoded_in_short_words() {
        let text = rfc5322(
            &outbox("Лицензиялау порталы / Портал лицензирования: MOJ-2026-000001"),
            "https://elicense.example.kz/",
        )
        .unwrap();
        assert!(text.is_ascii());
        assert!(
            text.contains("\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n"),
            "{text}"
        );
        assert!(text.contains("<noreply@elicense.example.kz>"));
        assert!(text.contains("\r\nMessage-ID: <m1@elicense.example.kz>\r\n"));
        assert!(text.contains("\r\nTo: a@example.kz\r\n"));
        assert!(text.contains("\r\nMIME-Version: 1.0\r\n"));
        // RFC 2047: an encoded word is at most 75 characters, header lines fold.
        for word in text
            .split([' ', '\r', '\n', '"'])
            .filter(|w| w.starts_with("=?"))
        {
            assert!(word.len() <= 75, "{} characters: {word}", word.len());
        }
        for line in text.split("\r\n") {
            assert!(line.len() <= 998, "{line}");
        }
    }
}
