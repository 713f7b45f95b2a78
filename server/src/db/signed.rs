//! Documents officials sign with their EDS besides the licence: decisions at a step and the
//! attestation protocol, with the exact bytes signed.

use super::evidence::SignedObject;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row};

#[derive(Debug, Clone)]
pub struct SignedDocumentRow {
    pub id: String,
    pub kind: SignedObject,
    pub object_id: String,
    pub application_id: Option<String>,
    pub document: String,
    pub signature: String,
    pub signer_certificate: String,
    pub signer_iin: String,
    pub signer_name: String,
    pub signed_at: String,
}

impl<'r> FromRow<'r, AnyRow> for SignedDocumentRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let id: String = row.try_get("id")?;
        let kind: String = row.try_get("kind")?;
        Ok(SignedDocumentRow {
            kind: SignedObject::parse(&kind).ok_or_else(|| {
                sqlx::Error::Decode(format!("signed document {id}: kind {kind}").into())
            })?,
            object_id: row.try_get("object_id")?,
            application_id: row.try_get("application_id")?,
            document: row.try_get("document")?,
            signature: row.try_get("signature")?,
            signer_certificate: row.try_get("signer_certificate")?,
            signer_iin: row.try_get("signer_iin")?,
            signer_name: row.try_get("signer_name")?,
            signed_at: row.try_get("signed_at")?,
            id,
        })
    }
}

const COLUMNS: &str = "id, kind, object_id, application_id, document, signature, signer_certificate, signer_iin, signer_name, signed_at";

/// Keeps a document an official signed, in the caller's transaction (with its evidence:
/// `signatures::record_document`).
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    d: &SignedDocumentRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO signed_documents ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    ))
    .bind(&d.id)
    .bind(d.kind.code())
    .bind(&d.object_id)
    .bind(&d.application_id)
    .bind(&d.document)
    .bind(&d.signature)
    .bind(&d.signer_certificate)
    .bind(&d.signer_iin)
    .bind(&d.signer_name)
    .bind(&d.signed_at)
    .execute(ex)
    .await?;
    Ok(())
}

/// The signed document of an object, if it was signed.
pub async fn of_object<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    kind: SignedObject,
    object_id: &str,
) -> Result<Option<SignedDocumentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM signed_documents WHERE kind = $1 AND object_id = $2"
    ))
    .bind(kind.code())
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
