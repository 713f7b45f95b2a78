//! Documents officials sign with their EDS besides the licence: decisions at a step and the
//! attestation protocol, with the exact bytes signed.

use super::evidence::SignedObject;
use crate::state::AcceptedSignature;
use sqlx::{Any, Executor, FromRow};

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

/// Keeps a document an official signed, with the evidence of the signature, in the caller's
/// transaction: a decision (`SignedObject::Decision`, the object is the step's record,
/// `case_steps.id`) or a protocol (`SignedObject::Protocol`, the object is the session).
#[allow(clippy::too_many_arguments)]
pub async fn record(
    tx: &mut super::Tx<'_>,
    kind: SignedObject,
    object_id: &str,
    application_id: Option<&str>,
    document: &[u8],
    cms_b64: &str,
    accepted: &AcceptedSignature,
    signer_name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO signed_documents ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    ))
    .bind(super::new_id())
    .bind(kind.as_str())
    .bind(object_id)
    .bind(application_id)
    // The server's own canonical JSON: always UTF-8.
    .bind(String::from_utf8_lossy(document).into_owned())
    .bind(cms_b64)
    .bind(accepted.signer.certificate_pem())
    .bind(accepted.signer.iin.to_string())
    .bind(signer_name)
    .bind(super::now_text())
    .execute(&mut **tx)
    .await?;
    super::evidence::record(&mut **tx, kind, object_id, accepted, cms_b64, document).await
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
    .bind(kind.as_str())
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
