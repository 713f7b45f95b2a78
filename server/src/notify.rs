//! Telling the applicant: each applicant-visible change of a case lands in the cabinet inbox
//! and, when the request gave an e-mail address, in the outbox — both in the transaction that
//! makes the change, so a change is never told without happening or happen untold. The outbox
//! is delivered afterwards by [`deliver_pending`] through the configured [`Transport`]: a
//! local folder of `.eml` files by default, or an SMTP relay (`integrations::mail`).

use crate::db::{self, applications::Case, notifications::*};
use crate::error::AppResult;
use crate::integrations::mail::{mail_host, rfc5322, Transport};
use crate::state::AppState;
use domain::Text;

/// Records the message for the applicant of `app` inside `tx`.
pub async fn tell(tx: &mut db::Tx<'_>, app: &Case, text: &Text) -> AppResult<()> {
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
    if let Some(to) = app.values.get("email").filter(|e| {
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

/// Delivers what the outbox holds through the transport, recording each delivery; returns
/// how many were delivered. A message is delivered once: the record is made only for a
/// message still unsent. A failed delivery is recorded with its error and tried again later.
pub async fn deliver_pending(state: &AppState, transport: &Transport) -> AppResult<usize> {
    let mut sent = 0;
    for m in pending(&state.db, 50).await? {
        let content = rfc5322(&m, &state.public_url);
        let delivered = match transport {
            Transport::Folder(dir) => {
                let file = dir.join(format!("{}.eml", m.id));
                match tokio::fs::create_dir_all(dir).await {
                    Ok(()) => tokio::fs::write(&file, content)
                        .await
                        .map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                }
            }
            Transport::Smtp(addr) => {
                let from = format!("noreply@{}", mail_host(&state.public_url));
                crate::integrations::smtp::send(addr, &from, &m.to_address, &content)
                    .await
                    .map_err(|e| e.to_string())
            }
        };
        match delivered {
            Ok(()) => {
                if record_attempt(&state.db, &m.id, Some(&db::now_text()), None).await? {
                    sent += 1;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, outbox = %m.id, "outbox delivery failed");
                record_attempt(&state.db, &m.id, None, Some(&e)).await?;
            }
        }
    }
    Ok(sent)
}
