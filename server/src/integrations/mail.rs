//! How the outbox's messages leave the portal: the transport (`MAIL_TRANSPORT`) and the
//! message as RFC 5322 text.

use crate::db::notifications::OutboxRow;
use std::path::{Path, PathBuf};

/// How the outbox is delivered (`MAIL_TRANSPORT`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// `.eml` files in a folder (the default: `DATA_DIR/outbox`).
    Folder(PathBuf),
    /// An SMTP relay, `smtp://host:port`.
    Smtp(String),
}

impl Transport {
    /// Reads the setting: unset or `file` for the folder, `smtp://host[:port]` for a relay.
    pub fn from_setting(setting: Option<&str>, data_dir: &Path) -> Result<Transport, String> {
        match setting.map(str::trim) {
            None | Some("") | Some("file") => Ok(Transport::Folder(data_dir.join("outbox"))),
            Some(s) => {
                let rest = s
                    .strip_prefix("smtp://")
                    .ok_or_else(|| {
                        format!("MAIL_TRANSPORT {s}: expected file or smtp://host:port")
                    })?
                    .trim_end_matches('/');
                if rest.is_empty() {
                    return Err(format!("MAIL_TRANSPORT {s}: no host"));
                }
                Ok(Transport::Smtp(if rest.contains(':') {
                    rest.to_owned()
                } else {
                    format!("{rest}:25")
                }))
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

/// The message as RFC 5322 text: the portal as sender (its host from the public address),
/// UTF-8 headers encoded as RFC 2047 words, the date in RFC 2822 form and the body in base64
/// (7-bit clean for any transport).
pub fn rfc5322(m: &OutboxRow, public_url: &str) -> String {
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s.as_bytes());
    let host = mail_host(public_url);
    let date = time::OffsetDateTime::parse(
        &m.created_at,
        &time::format_description::well_known::Rfc3339,
    )
    .ok()
    .and_then(|t| {
        t.format(&time::format_description::well_known::Rfc2822)
            .ok()
    })
    .unwrap_or_default();
    let body = b64(&m.body);
    let wrapped: Vec<&str> = body
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    format!(
        "From: =?UTF-8?B?{}?= <noreply@{host}>\r\nTo: {}\r\nSubject: =?UTF-8?B?{}?=\r\nDate: {date}\r\n\
         Message-ID: <{}@{host}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
        b64("Лицензиялау порталы / Портал лицензирования"),
        m.to_address,
        b64(&m.subject),
        m.id,
        wrapped.join("\r\n"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_transport_setting_is_a_folder_or_a_relay() {
        let data = Path::new("data");
        assert_eq!(
            Transport::from_setting(None, data),
            Ok(Transport::Folder(data.join("outbox")))
        );
        assert_eq!(
            Transport::from_setting(Some("smtp://mail.local"), data),
            Ok(Transport::Smtp("mail.local:25".into()))
        );
        assert_eq!(
            Transport::from_setting(Some("smtp://127.0.0.1:2525/"), data),
            Ok(Transport::Smtp("127.0.0.1:2525".into()))
        );
        assert!(Transport::from_setting(Some("sendmail"), data).is_err());
        assert!(Transport::from_setting(Some("smtp://"), data).is_err());
    }

    #[test]
    fn a_message_is_seven_bit_with_its_headers_encoded() {
        let m = OutboxRow {
            id: "m1".into(),
            notification_id: "n1".into(),
            to_address: "a@example.kz".into(),
            subject: "Портал: MOJ-2026-000001".into(),
            body: "Өтініш қабылданды\n\nЗаявление принято\n".into(),
            created_at: "2026-11-22T10:00:00Z".into(),
            sent_at: None,
            attempts: 0,
            last_error: None,
        };
        let text = rfc5322(&m, "https://elicense.example.kz/");
        assert!(text.is_ascii());
        assert!(
            text.contains("\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n"),
            "{text}"
        );
        assert!(text.contains("<noreply@elicense.example.kz>"));
        assert!(text.contains("\r\nMessage-ID: <m1@elicense.example.kz>\r\n"));
    }
}
