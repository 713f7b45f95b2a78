//! Registry checks asked at a step.

use domain::duty::{CheckStatus, Registry};
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row};

#[derive(Debug, Clone)]
pub struct CheckRow {
    pub id: String,
    pub application_id: String,
    pub step_id: String,
    pub registry: Registry,
    pub status: CheckStatus,
    /// The registry found something against the applicant.
    pub adverse: bool,
    pub detail: Option<String>,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub checked_at: Option<String>,
}

impl<'r> FromRow<'r, AnyRow> for CheckRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let id: String = row.try_get("id")?;
        let bad = |what: String| sqlx::Error::Decode(format!("check {id}: {what}").into());
        let registry: String = row.try_get("registry")?;
        let status: String = row.try_get("status")?;
        let adverse: i64 = row.try_get("adverse")?;
        Ok(CheckRow {
            registry: Registry::parse(&registry)
                .ok_or_else(|| bad(format!("registry {registry}")))?,
            status: CheckStatus::parse(&status).ok_or_else(|| bad(format!("status {status}")))?,
            adverse: adverse != 0,
            application_id: row.try_get("application_id")?,
            step_id: row.try_get("step_id")?,
            detail: row.try_get("detail")?,
            attempts: row.try_get("attempts")?,
            last_error: row.try_get("last_error")?,
            checked_at: row.try_get("checked_at")?,
            id,
        })
    }
}

const COLUMNS: &str =
    "id, application_id, step_id, registry, status, adverse, detail, attempts, last_error, checked_at";

pub async fn ask<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    application_id: &str,
    step_id: &str,
    registry: Registry,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO case_checks (id, application_id, step_id, registry, status, adverse, attempts) \
         VALUES ($1, $2, $3, $4, $5, 0, 0)",
    )
    .bind(id)
    .bind(application_id)
    .bind(step_id)
    .bind(registry.code())
    .bind(CheckStatus::Pending.code())
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn of_step<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    step_id: &str,
) -> Result<Vec<CheckRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM case_checks WHERE step_id = $1 ORDER BY registry"
    ))
    .bind(step_id)
    .fetch_all(ex)
    .await
}

/// Pending checks (of one case, or of all when `application_id` is empty).
pub async fn pending<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Vec<CheckRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM case_checks WHERE status = $2 AND ($1 = '' OR application_id = $1) \
         ORDER BY id LIMIT 100"
    ))
    .bind(application_id)
    .bind(CheckStatus::Pending.code())
    .fetch_all(ex)
    .await
}

pub async fn answered<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    adverse: bool,
    detail: &str,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE case_checks SET status = $5, adverse = $1, detail = $2, checked_at = $3, \
         attempts = attempts + 1 WHERE id = $4 AND status = $6",
    )
    .bind(i64::from(adverse))
    .bind(detail)
    .bind(at)
    .bind(id)
    .bind(CheckStatus::Done.code())
    .bind(CheckStatus::Pending.code())
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn failed<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    error: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE case_checks SET attempts = attempts + 1, last_error = $1 WHERE id = $2")
        .bind(error)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}
