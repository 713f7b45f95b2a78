//! Documents officials sign with their EDS besides the licence: decisions at a step and the
//! attestation protocol, with the exact bytes signed.

use sqlx::{Any, Executor, FromRow};

/// A decision at a step; the object is the step's record (`case_steps.id`).
pub const DECISION: &str = "decision";
/// The attestation commission's protocol; the object is the session.
pub const PROTOCOL: &str = "protocol";

#[derive(Debug, Clone, FromRow)]
pub struct SignedDocumentRow {
    pub id: String,
    pub kind: String,
    pub object_id: String,
    pub application_id: Option<String>,
    pub document: String,
    pub signature: String,
    pub signer_certificate: String,
    pub signer_iin: String,
    pub signer_name: String,
    pub signed_at: String,
}

const COLUMNS: &str = "id, kind, object_id, application_id, document, signature, signer_certificate, signer_iin, signer_name, signed_at";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    row: &SignedDocumentRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO signed_documents ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    ))
    .bind(&row.id)
    .bind(&row.kind)
    .bind(&row.object_id)
    .bind(&row.application_id)
    .bind(&row.document)
    .bind(&row.signature)
    .bind(&row.signer_certificate)
    .bind(&row.signer_iin)
    .bind(&row.signer_name)
    .bind(&row.signed_at)
    .execute(ex)
    .await?;
    Ok(())
}

/// The signed document of an object, if it was signed.
pub async fn of_object<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    kind: &str,
    object_id: &str,
) -> Result<Option<SignedDocumentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM signed_documents WHERE kind = $1 AND object_id = $2"
    ))
    .bind(kind)
    .bind(object_id)
    .fetch_optional(ex)
    .await
}

/// Every signed decision of a case, oldest first.
pub async fn of_application<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Vec<SignedDocumentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM signed_documents WHERE application_id = $1 ORDER BY signed_at, id"
    ))
    .bind(application_id)
    .fetch_all(ex)
    .await
}
