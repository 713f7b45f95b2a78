//! Drafts of application forms, saved as the applicant types.

//!
//! A person's own draft is stored with an empty company column (the unique index needs a
//! value); here it is `None`.

use domain::form::FormValues;
use domain::Bin;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row};

#[derive(Debug, Clone)]
pub struct DraftRow {
    pub id: String,
    pub owner_id: String,
    /// The company acted for; none for a person's own draft.
    pub acting_bin: Option<Bin>,
    pub service_code: String,
    pub service_version: u32,
    pub variant: String,
    pub values: FormValues,
    pub created_at: String,
    pub updated_at: String,
}

impl<'r> FromRow<'r, AnyRow> for DraftRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let id: String = row.try_get("id")?;
        let bad = |what: String| sqlx::Error::Decode(format!("draft {id}: {what}").into());
        let bin: String = row.try_get("acting_bin")?;
        let version: i64 = row.try_get("service_version")?;
        let values: String = row.try_get("values_json")?;
        Ok(DraftRow {
            acting_bin: match bin.as_str() {
                "" => None,
                b => Some(Bin::parse(b).map_err(|e| bad(format!("BIN: {}", e.code())))?),
            },
            service_version: u32::try_from(version)
                .map_err(|_| bad(format!("service version {version}")))?,
            values: serde_json::from_str(&values).map_err(|e| bad(format!("values: {e}")))?,
            owner_id: row.try_get("owner_id")?,
            service_code: row.try_get("service_code")?,
            variant: row.try_get("variant")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            id,
        })
    }
}

/// The company column as stored: empty for a person's own draft.
fn bin_column(bin: Option<&Bin>) -> &str {
    bin.map(Bin::as_str).unwrap_or_default()
}

const COLUMNS: &str = "id, owner_id, acting_bin, service_code, service_version, variant, values_json, created_at, updated_at";

/// Inserts the draft or replaces the values of the one already kept for the same form, and
/// returns it as stored: one statement, so a concurrent change (the application made from it)
/// cannot come between the save and the read.
pub async fn upsert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    d: &DraftRow,
) -> Result<DraftRow, sqlx::Error> {
    sqlx::query_as(&format!(
        "INSERT INTO drafts (id, owner_id, acting_bin, service_code, service_version, variant, values_json, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         ON CONFLICT (owner_id, acting_bin, service_code, variant) \
         DO UPDATE SET values_json = excluded.values_json, service_version = excluded.service_version, updated_at = excluded.updated_at \
         RETURNING {COLUMNS}"
    ))
    .bind(&d.id)
    .bind(&d.owner_id)
    .bind(bin_column(d.acting_bin.as_ref()))
    .bind(&d.service_code)
    .bind(i64::from(d.service_version))
    .bind(&d.variant)
    .bind(serde_json::to_string(&d.values).map_err(|e| sqlx::Error::Encode(Box::new(e)))?)
    .bind(&d.updated_at)
    .fetch_one(ex)
    .await
}

pub async fn of_owner<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    owner_id: &str,
    acting_bin: Option<&Bin>,
) -> Result<Vec<DraftRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM drafts WHERE owner_id = $1 AND acting_bin = $2 ORDER BY updated_at DESC"
    ))
    .bind(owner_id)
    .bind(bin_column(acting_bin))
    .fetch_all(ex)
    .await
}

pub async fn find<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    owner_id: &str,
    acting_bin: Option<&Bin>,
    service_code: &str,
    variant: &str,
) -> Result<Option<DraftRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM drafts WHERE owner_id = $1 AND acting_bin = $2 AND service_code = $3 AND variant = $4"
    ))
    .bind(owner_id)
    .bind(bin_column(acting_bin))
    .bind(service_code)
    .bind(variant)
    .fetch_optional(ex)
    .await
}

/// Deletes the owner's draft of a form; true when there was one.
pub async fn delete<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    owner_id: &str,
    acting_bin: Option<&Bin>,
    service_code: &str,
    variant: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "DELETE FROM drafts WHERE owner_id = $1 AND acting_bin = $2 AND service_code = $3 AND variant = $4",
    )
    .bind(owner_id)
    .bind(bin_column(acting_bin))
    .bind(service_code)
    .bind(variant)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() > 0)
}
