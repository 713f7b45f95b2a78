//! The cabinet inbox and the e-mail outbox.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct NotificationRow {
    pub id: String,
    pub user_id: String,
    pub application_id: String,
    pub text_kk: String,
    pub text_ru: String,
    pub text_en: String,
    pub created_at: String,
    pub read_at: Option<String>,
}

/// The outbox's channels.
pub const EMAIL: &str = "email";
pub const SMS: &str = "sms";

#[derive(Debug, Clone, FromRow)]
pub struct OutboxRow {
    pub id: String,
    pub notification_id: String,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub attempts: i64,
    pub last_error: Option<String>,
    /// The case's page (a path), linked from the message.
    pub link_path: Option<String>,
    /// `email` or `sms`.
    pub channel: String,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    n: &NotificationRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notifications (id, user_id, application_id, text_kk, text_ru, text_en, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&n.id)
    .bind(&n.user_id)
    .bind(&n.application_id)
    .bind(&n.text_kk)
    .bind(&n.text_ru)
    .bind(&n.text_en)
    .bind(&n.created_at)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn enqueue<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    m: &OutboxRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (id, notification_id, to_address, subject, body, created_at, attempts, link_path, channel) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8)",
    )
    .bind(&m.id)
    .bind(&m.notification_id)
    .bind(&m.to_address)
    .bind(&m.subject)
    .bind(&m.body)
    .bind(&m.created_at)
    .bind(&m.link_path)
    .bind(&m.channel)
    .execute(ex)
    .await?;
    Ok(())
}

/// A person's messages, newest first.
pub async fn of_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: &str,
) -> Result<Vec<NotificationRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, user_id, application_id, text_kk, text_ru, text_en, created_at, read_at \
         FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT 200",
    )
    .bind(user_id)
    .fetch_all(ex)
    .await
}

/// Marks one of the person's own messages read; false if it is not theirs.
pub async fn mark_read<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    user_id: &str,
    at: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3",
    )
    .bind(at)
    .bind(id)
    .bind(user_id)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// The columns of an outbox message.
const OUTBOX: &str =
    "id, notification_id, to_address, subject, body, created_at, sent_at, attempts, last_error, link_path, channel";

/// Whether any message is due for delivery now: asked first, of a reader, so that a round
/// with nothing to send takes no writer connection (each hand-out of one empties the answers
/// kept in memory, and on PostgreSQL tells every other instance to empty theirs).
pub async fn any_due<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(&format!(
        "SELECT id FROM outbox WHERE {DUE} LIMIT 1",
        DUE = DUE.replace("$2", "$1")
    ))
    .bind(now)
    .fetch_optional(ex)
    .await?;
    Ok(row.is_some())
}

/// What is due: not sent, not given up, its retry time come, and no live lease on it.
const DUE: &str = "sent_at IS NULL AND failed_at IS NULL \
    AND (next_attempt_at IS NULL OR next_attempt_at <= $2) \
    AND (lease_until IS NULL OR lease_until < $2)";

/// Claims up to `limit` messages that are due (not sent, not given up, not waiting for their
/// next try, not claimed by another instance whose lease still runs) for `owner` until
/// `lease_until`: one statement, so two instances never claim the same message.
pub async fn claim<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    owner: &str,
    now: &str,
    lease_until: &str,
    limit: i64,
) -> Result<Vec<OutboxRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "UPDATE outbox SET lease_owner = $1, lease_until = $3 \
         WHERE id IN (SELECT id FROM outbox WHERE {DUE} ORDER BY created_at LIMIT $4) AND {DUE} \
         RETURNING {OUTBOX}"
    ))
    .bind(owner)
    .bind(now)
    .bind(lease_until)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Records a delivery by the lease's owner, once.
pub async fn mark_sent<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    owner: &str,
    at: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, sent_at = $1, lease_owner = NULL, lease_until = NULL \
         WHERE id = $2 AND lease_owner = $3 AND sent_at IS NULL",
    )
    .bind(at)
    .bind(id)
    .bind(owner)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Records a failed delivery: tried again at `next_attempt_at`, or given up (`failed_at`).
pub async fn mark_failed<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    owner: &str,
    error: &str,
    next_attempt_at: Option<&str>,
    failed_at: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, failed_at = $3, \
         lease_owner = NULL, lease_until = NULL WHERE id = $4 AND lease_owner = $5 AND sent_at IS NULL",
    )
    .bind(error)
    .bind(next_attempt_at)
    .bind(failed_at)
    .bind(id)
    .bind(owner)
    .execute(ex)
    .await?;
    Ok(())
}

/// How the e-mails and SMS about a case went: one per message, newest first.
#[derive(Debug, Clone, FromRow)]
pub struct DeliveryRow {
    pub application_id: String,
    pub channel: String,
    pub subject: String,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub failed_at: Option<String>,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<String>,
}

pub async fn deliveries_of<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Vec<DeliveryRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT n.application_id, o.channel, o.subject, o.created_at, o.sent_at, o.failed_at, o.attempts, o.last_error, \
         o.next_attempt_at FROM outbox o JOIN notifications n ON n.id = o.notification_id \
         WHERE n.application_id = $1 ORDER BY o.created_at DESC, o.id LIMIT 50",
    )
    .bind(application_id)
    .fetch_all(ex)
    .await
}

impl DeliveryRow {
    /// The delivery as support sees it (with the last error); the applicant gets it without.
    pub fn view(self) -> domain::api::MailDelivery {
        use domain::api::{DeliveryChannel, DeliveryState};
        domain::api::MailDelivery {
            state: match (&self.sent_at, &self.failed_at) {
                (Some(_), _) => DeliveryState::Sent,
                (None, Some(_)) => DeliveryState::Failed,
                (None, None) => DeliveryState::Waiting,
            },
            channel: if self.channel == SMS {
                DeliveryChannel::Sms
            } else {
                DeliveryChannel::Email
            },
            application_id: self.application_id,
            subject: self.subject,
            written_at: self.created_at,
            attempts: self.attempts,
            sent_at: self.sent_at,
            next_attempt_at: self.next_attempt_at,
            last_error: self.last_error,
        }
    }
}
