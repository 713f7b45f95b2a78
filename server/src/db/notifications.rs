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
        "INSERT INTO outbox (id, notification_id, to_address, subject, body, created_at, attempts) \
         VALUES ($1, $2, $3, $4, $5, $6, 0)",
    )
    .bind(&m.id)
    .bind(&m.notification_id)
    .bind(&m.to_address)
    .bind(&m.subject)
    .bind(&m.body)
    .bind(&m.created_at)
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

/// Messages not yet delivered, oldest first.
pub async fn pending<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    limit: i64,
) -> Result<Vec<OutboxRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, notification_id, to_address, subject, body, created_at, sent_at, attempts, last_error \
         FROM outbox WHERE sent_at IS NULL AND attempts < 10 ORDER BY created_at LIMIT $1",
    )
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Records a delivery attempt: sent (at) or failed (error).
pub async fn record_attempt<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    sent_at: Option<&str>,
    error: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, sent_at = $1, last_error = $2 \
         WHERE id = $3 AND sent_at IS NULL",
    )
    .bind(sent_at)
    .bind(error)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}
