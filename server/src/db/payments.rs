//! Fee payments as the portal knows them: created here, confirmed only by the gateway's
//! signed callback.

use domain::api::PaymentStatus;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row};

#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub id: String,
    pub application_id: String,
    pub gateway_payment_id: Option<String>,
    pub amount_tenge: i64,
    pub status: PaymentStatus,
    pub paid_at: Option<String>,
}

impl<'r> FromRow<'r, AnyRow> for PaymentRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let id: String = row.try_get("id")?;
        let status: String = row.try_get("status")?;
        Ok(PaymentRow {
            status: PaymentStatus::parse(&status).ok_or_else(|| {
                sqlx::Error::Decode(format!("payment {id}: status {status}").into())
            })?,
            application_id: row.try_get("application_id")?,
            gateway_payment_id: row.try_get("gateway_payment_id")?,
            amount_tenge: row.try_get("amount_tenge")?,
            paid_at: row.try_get("paid_at")?,
            id,
        })
    }
}

const COLUMNS: &str = "id, application_id, gateway_payment_id, amount_tenge, status, paid_at";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    p: &PaymentRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO payments (id, application_id, gateway_payment_id, amount_tenge, status, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&p.id)
    .bind(&p.application_id)
    .bind(&p.gateway_payment_id)
    .bind(p.amount_tenge)
    .bind(p.status.code())
    .bind(super::now_text())
    .execute(ex)
    .await?;
    Ok(())
}

/// The latest payment of an application.
pub async fn latest_of<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Option<PaymentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM payments WHERE application_id = $1 ORDER BY CASE status WHEN $2 THEN 0 ELSE 1 END, created_at DESC LIMIT 1"
    ))
    .bind(application_id)
    .bind(PaymentStatus::Paid.code())
    .fetch_optional(ex)
    .await
}

pub async fn by_gateway_id<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    gateway_id: &str,
) -> Result<Option<PaymentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM payments WHERE gateway_payment_id = $1"
    ))
    .bind(gateway_id)
    .fetch_optional(ex)
    .await
}

/// Marks a pending payment paid; false when it was not pending (a repeated callback).
pub async fn mark_paid<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    paid_at: &str,
    body: &str,
    signature: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE payments SET status = $5, paid_at = $1, callback_body = $2, callback_signature = $3 WHERE id = $4 AND status = $6",
    )
    .bind(paid_at)
    .bind(body)
    .bind(signature)
    .bind(id)
    .bind(PaymentStatus::Paid.code())
    .bind(PaymentStatus::Pending.code())
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn mark_cancelled<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE payments SET status = $2 WHERE id = $1 AND status = $3")
        .bind(id)
        .bind(PaymentStatus::Cancelled.code())
        .bind(PaymentStatus::Pending.code())
        .execute(ex)
        .await?;
    Ok(())
}
