//! Registry checks asked at a step.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct CheckRow {
    pub id: String,
    pub application_id: String,
    pub step_id: String,
    pub registry: String,
    pub status: String,
    pub adverse: i64,
    pub detail: Option<String>,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub checked_at: Option<String>,
}

const COLUMNS: &str =
    "id, application_id, step_id, registry, status, adverse, detail, attempts, last_error, checked_at";

pub async fn ask<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    application_id: &str,
    step_id: &str,
    registry: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO case_checks (id, application_id, step_id, registry, status, adverse, attempts) \
         VALUES ($1, $2, $3, $4, 'pending', 0, 0)",
    )
    .bind(id)
    .bind(application_id)
    .bind(step_id)
    .bind(registry)
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
        "SELECT {COLUMNS} FROM case_checks WHERE status = 'pending' AND ($1 = '' OR application_id = $1) \
         ORDER BY id LIMIT 100"
    ))
    .bind(application_id)
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
        "UPDATE case_checks SET status = 'done', adverse = $1, detail = $2, checked_at = $3, \
         attempts = attempts + 1 WHERE id = $4 AND status = 'pending'",
    )
    .bind(i64::from(adverse))
    .bind(detail)
    .bind(at)
    .bind(id)
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
