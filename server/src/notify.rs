//! Telling the applicant: each applicant-visible change of a case lands in the cabinet inbox
//! and, when the request gave an e-mail address, in the outbox — both in the transaction that
//! makes the change, so a change is never told without happening or happen untold. The outbox
//! is delivered afterwards by [`deliver_pending`] (a local folder of `.eml` files by default;
//! an SMTP transport is a different `deliver` behind the same outbox).

use crate::db::{self, applications::ApplicationRow, notifications::*};
use crate::error::AppResult;
use crate::state::AppState;
use domain::Text;
use std::path::Path;

/// Records the message for the applicant of `app` inside `tx`.
pub async fn tell(tx: &mut db::Tx<'_>, app: &ApplicationRow, text: &Text) -> AppResult<()> {
    let now = db::now_text();
    let number = app.number.clone().unwrap_or_default();
    let with_number = |t: &str| {
        if number.is_empty() {
            t.to_owned()
        } else {
            format!("{number}: {t}")
        }
    };
    let n = NotificationRow {
        id: db::new_id(),
        user_id: app.applicant_id.clone(),
        application_id: app.id.clone(),
        text_kk: with_number(&text.kk),
        text_ru: with_number(&text.ru),
        text_en: with_number(&text.en),
        created_at: now.clone(),
        read_at: None,
    };
    insert(&mut **tx, &n).await?;
    let form: domain::form::FormValues = serde_json::from_str(&app.form_json).unwrap_or_default();
    if let Some(to) = form.get("email").filter(|e| {
        domain::form::check_field(
            &domain::catalogue::FieldKind::Email,
            true,
            Some(e),
            time::Date::MIN,
        )
        .is_none()
    }) {
        enqueue(
            &mut **tx,
            &OutboxRow {
                id: db::new_id(),
                notification_id: n.id.clone(),
                to_address: to.clone(),
                subject: format!("Лицензиялау порталы / Портал лицензирования: {number}"),
                // Kazakh and Russian, the two languages of state correspondence.
                body: format!("{}\n\n{}\n", n.text_kk, n.text_ru),
                created_at: now,
                sent_at: None,
                attempts: 0,
                last_error: None,
            },
        )
        .await?;
    }
    Ok(())
}

/// The message as RFC 5322 text: the portal as sender (its host from the public address),
/// UTF-8 headers encoded as RFC 2047 words, the date in RFC 2822 form and the body in base64
/// (7-bit clean for any transport).
pub fn rfc5322(m: &OutboxRow, public_url: &str) -> String {
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s.as_bytes());
    let host = public_url
        .split("://")
        .nth(1)
        .unwrap_or(public_url)
        .split(['/', ':'])
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or("localhost");
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

/// Delivers what the outbox holds into `dir` as RFC 5322 `.eml` files, recording each
/// delivery; returns how many were delivered. A message is delivered once: the record is
/// made only for a message still unsent.
pub async fn deliver_pending(state: &AppState, dir: &Path) -> AppResult<usize> {
    let mut sent = 0;
    for m in pending(&state.db, 50).await? {
        let file = dir.join(format!("{}.eml", m.id));
        let content = rfc5322(&m, &state.public_url);
        let written = match tokio::fs::create_dir_all(dir).await {
            Ok(()) => tokio::fs::write(&file, content).await,
            Err(e) => Err(e),
        };
        match written {
            Ok(()) => {
                if record_attempt(&state.db, &m.id, Some(&db::now_text()), None).await? {
                    sent += 1;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, outbox = %m.id, "outbox delivery failed");
                record_attempt(&state.db, &m.id, None, Some(&e.to_string())).await?;
            }
        }
    }
    Ok(sent)
}
