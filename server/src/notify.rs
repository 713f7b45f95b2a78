//! Telling the applicant: each applicant-visible change of a case lands in the cabinet inbox
//! and, when the request gave an e-mail address, in the outbox — both in the transaction that
//! makes the change, so a change is never told without happening or happen untold. The outbox
//! is delivered afterwards by [`deliver_pending`] through the configured [`Transport`]: a
//! local folder of `.eml` files by default, or an SMTP relay (`integrations::mail`).

use crate::db::{self, applications::Case, notifications::*};
use crate::error::AppResult;
use crate::integrations::mail::Transport;
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
                created_at: now.clone(),
                sent_at: None,
                attempts: 0,
                last_error: None,
                link_path: Some(domain::paths::page::application(&app.id)),
                channel: EMAIL.to_owned(),
            },
        )
        .await?;
    }
    // An SMS too, when the applicant agreed to them for this application: in the language
    // the request was made in, short, with the link.
    if let Some(phone) = sms_consent_of(&mut **tx, &app.id).await? {
        enqueue(
            &mut **tx,
            &OutboxRow {
                id: db::new_id(),
                notification_id: n.id.clone(),
                to_address: phone,
                subject: format!("SMS {number}"),
                body: if app.lang == "kk" {
                    n.text_kk.clone()
                } else {
                    n.text_ru.clone()
                },
                created_at: now,
                sent_at: None,
                attempts: 0,
                last_error: None,
                link_path: Some(domain::paths::page::application(&app.id)),
                channel: SMS.to_owned(),
            },
        )
        .await?;
    }
    Ok(())
}

pub use db::notifications::{EMAIL, SMS};

/// The number an applicant agreed to receive SMS at about an application.
async fn sms_consent_of<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    application_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT phone FROM sms_consents WHERE application_id = $1")
        .bind(application_id)
        .fetch_optional(ex)
        .await
}

/// Records the applicant's consent to SMS about the application, at the form's number.
pub async fn consent_to_sms<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    application_id: &str,
    phone: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sms_consents (application_id, phone, given_at) VALUES ($1, $2, $3)")
        .bind(application_id)
        .bind(phone)
        .bind(db::now_text())
        .execute(ex)
        .await?;
    Ok(())
}

/// This instance's name on the outbox's leases.
fn instance() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(db::new_id)
}

/// How long a claimed message is this instance's to send.
const LEASE_SECONDS: i64 = 120;

/// A message that keeps failing is tried for at least this long before it is given up.
pub const GIVE_UP_AFTER_SECONDS: i64 = 2 * 24 * 60 * 60;

/// The wait before the next try after `attempts` failures: a minute, then longer and longer,
/// at most six hours.
pub fn backoff_seconds(attempts: i64) -> i64 {
    let minutes = [1, 5, 15, 30, 60, 120, 240, 360];
    60 * minutes[usize::try_from(attempts.max(1) - 1)
        .unwrap_or_default()
        .min(minutes.len() - 1)]
}

/// Delivers what is due in the outbox through the transport; returns how many were
/// delivered. Messages are claimed with a lease first, so with several instances each message
/// is sent by one. A failed delivery is recorded with its error and tried again later (see
/// [`backoff_seconds`]); after two days of failures it is given up and shown as failed.
pub async fn deliver_pending(state: &AppState, transport: &Transport) -> AppResult<usize> {
    let now = time::OffsetDateTime::now_utc();
    let owner = instance();
    let lease = db::timestamp_text(now + time::Duration::seconds(LEASE_SECONDS));
    if !db::notifications::any_due(&state.read, &db::timestamp_text(now)).await? {
        return Ok(0);
    }
    let claimed = claim(&state.db, owner, &db::timestamp_text(now), &lease, 50).await?;
    let mut sent = 0;
    for m in claimed {
        let delivered = match (m.channel.as_str(), &state.sms) {
            (SMS, Some(sms)) => {
                let text = format!(
                    "{} {}{}",
                    m.body,
                    state.public_url.trim_end_matches('/'),
                    m.link_path.as_deref().unwrap_or("")
                );
                sms.send(&m.to_address, &text, &m.id).await
            }
            (SMS, None) => Err("no SMS gateway is configured (SMS_URL, SMS_KEY)".to_owned()),
            _ => transport.send(&m, &state.public_url).await,
        };
        match delivered {
            Ok(()) => {
                if mark_sent(&state.db, &m.id, owner, &db::now_text()).await? {
                    sent += 1;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, outbox = %m.id, "outbox delivery failed");
                let written = crate::engine::timing::parse_time(&m.created_at).unwrap_or(now);
                let attempts = m.attempts + 1;
                let (next, failed) = if (now - written).whole_seconds() >= GIVE_UP_AFTER_SECONDS {
                    (None, Some(db::timestamp_text(now)))
                } else {
                    let at = now + time::Duration::seconds(backoff_seconds(attempts));
                    (Some(db::timestamp_text(at)), None)
                };
                mark_failed(
                    &state.db,
                    &m.id,
                    owner,
                    &e,
                    next.as_deref(),
                    failed.as_deref(),
                )
                .await?;
            }
        }
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_span_two_days_before_giving_up() {
        assert_eq!(backoff_seconds(1), 60);
        assert!(backoff_seconds(3) > backoff_seconds(2));
        assert_eq!(backoff_seconds(50), 6 * 60 * 60);
        // Tries until two days have passed: the waits alone add up to more than two days
        // only after many attempts, so it is the time, not a count, that gives up.
        let mut waited = 0;
        let mut attempts = 0;
        while waited < GIVE_UP_AFTER_SECONDS {
            attempts += 1;
            waited += backoff_seconds(attempts);
        }
        assert!(attempts > 10, "{attempts}");
    }
}
