//! Drafts of application forms, saved as the applicant types.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct DraftRow {
    pub id: String,
    pub owner_id: String,
    /// The company acted for, or empty for a person's own draft.
    pub acting_bin: String,
    pub service_code: String,
    pub service_version: i64,
    pub variant: String,
    pub values_json: String,
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "id, owner_id, acting_bin, service_code, service_version, variant, values_json, created_at, updated_at";

/// Inserts the draft or replaces the values of the one already kept for the same form.
pub async fn upsert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    d: &DraftRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO drafts (id, owner_id, acting_bin, service_code, service_version, variant, values_json, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         ON CONFLICT (owner_id, acting_bin, service_code, variant) \
         DO UPDATE SET values_json = excluded.values_json, service_version = excluded.service_version, updated_at = excluded.updated_at",
    )
    .bind(&d.id)
    .bind(&d.owner_id)
    .bind(&d.acting_bin)
    .bind(&d.service_code)
    .bind(d.service_version)
    .bind(&d.variant)
    .bind(&d.values_json)
    .bind(&d.updated_at)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn of_owner<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    owner_id: &str,
    acting_bin: &str,
) -> Result<Vec<DraftRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM drafts WHERE owner_id = $1 AND acting_bin = $2 ORDER BY updated_at DESC"
    ))
    .bind(owner_id)
    .bind(acting_bin)
    .fetch_all(ex)
    .await
}

pub async fn find<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    owner_id: &str,
    acting_bin: &str,
    service_code: &str,
    variant: &str,
) -> Result<Option<DraftRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM drafts WHERE owner_id = $1 AND acting_bin = $2 AND service_code = $3 AND variant = $4"
    ))
    .bind(owner_id)
    .bind(acting_bin)
    .bind(service_code)
    .bind(variant)
    .fetch_optional(ex)
    .await
}

/// Deletes the owner's draft of a form; true when there was one.
pub async fn delete<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    owner_id: &str,
    acting_bin: &str,
    service_code: &str,
    variant: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "DELETE FROM drafts WHERE owner_id = $1 AND acting_bin = $2 AND service_code = $3 AND variant = $4",
    )
    .bind(owner_id)
    .bind(acting_bin)
    .bind(service_code)
    .bind(variant)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() > 0)
}
