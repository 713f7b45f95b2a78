//! Uploaded attachments: metadata here, content in the document store under its SHA-256.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct AttachmentRow {
    pub id: String,
    pub owner_id: String,
    pub service_code: String,
    pub slot: String,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

impl AttachmentRow {
    pub fn to_response(&self) -> domain::api::AttachmentResponse {
        domain::api::AttachmentResponse {
            id: self.id.clone(),
            filename: self.filename.clone(),
            content_type: self.content_type.clone(),
            size: u64::try_from(self.size).unwrap_or(0),
            sha256: self.sha256.clone(),
        }
    }
}

const COLUMNS: &str = "id, owner_id, service_code, slot, filename, content_type, size, sha256";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    a: &AttachmentRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO attachments (id, owner_id, service_code, slot, filename, content_type, size, sha256, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&a.id)
    .bind(&a.owner_id)
    .bind(&a.service_code)
    .bind(&a.slot)
    .bind(&a.filename)
    .bind(&a.content_type)
    .bind(a.size)
    .bind(&a.sha256)
    .bind(super::now_text())
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn by_id<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
) -> Result<Option<AttachmentRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM attachments WHERE id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await
}

pub async fn of_application<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Vec<AttachmentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.owner_id, a.service_code, aa.slot, a.filename, a.content_type, a.size, a.sha256 \
         FROM application_attachments aa JOIN attachments a ON a.id = aa.attachment_id \
         WHERE aa.application_id = $1 ORDER BY aa.slot",
    )
    .bind(application_id)
    .fetch_all(ex)
    .await
}

pub async fn link<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
    slot: &str,
    attachment_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO application_attachments (application_id, slot, attachment_id) VALUES ($1, $2, $3)")
        .bind(application_id)
        .bind(slot)
        .bind(attachment_id)
        .execute(ex)
        .await?;
    Ok(())
}

/// The application an attachment belongs to, if any.
pub async fn application_of<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    attachment_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT application_id FROM application_attachments WHERE attachment_id = $1",
    )
    .bind(attachment_id)
    .fetch_optional(ex)
    .await?;
    Ok(row.map(|r| r.0))
}

/// How many files and bytes a person keeps uploaded.
pub async fn usage<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    owner_id: &str,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as("SELECT COUNT(*), CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM attachments WHERE owner_id = $1")
        .bind(owner_id)
        .fetch_one(ex)
        .await
}

/// What no application holds and no draft names, uploaded before `cutoff`.
const ORPHAN: &str = "NOT EXISTS (SELECT 1 FROM application_attachments aa WHERE aa.attachment_id = attachments.id) \
     AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.values_json LIKE '%' || attachments.id || '%') \
     AND created_at < $1";

/// Attachments no application holds and no draft names, uploaded before `cutoff`.
pub async fn orphans<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    cutoff: &str,
) -> Result<Vec<AttachmentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM attachments WHERE {ORPHAN} ORDER BY created_at LIMIT 500"
    ))
    .bind(cutoff)
    .fetch_all(ex)
    .await
}

/// Deletes the attachment if it is still an orphan (a draft may have taken it meanwhile).
pub async fn delete_if_orphan<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    cutoff: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(&format!(
        "DELETE FROM attachments WHERE id = $2 AND {ORPHAN}"
    ))
    .bind(cutoff)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Whether any attachment or licence still refers to this content.
pub async fn content_in_use<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    sha256: &str,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM attachments WHERE sha256 = $1) \
              + (SELECT COUNT(*) FROM licences WHERE pdf_sha256 = $1)",
    )
    .bind(sha256)
    .fetch_one(ex)
    .await?;
    Ok(n > 0)
}
