//! Issued licences and the official's signature over each.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct LicenceRow {
    pub number: String,
    pub application_id: String,
    pub holder_iin: String,
    pub holder_name: String,
    pub service_code: String,
    pub service_version: i64,
    pub issued_on: String,
    pub pdf_sha256: String,
    pub payload: String,
    pub signature: Option<String>,
    pub signer_certificate: Option<String>,
    pub signer_name: Option<String>,
    pub signed_at: Option<String>,
    pub status: String,
}

const COLUMNS: &str = "number, application_id, holder_iin, holder_name, service_code, service_version, issued_on, pdf_sha256, \
    payload, signature, signer_certificate, signer_name, signed_at, status";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    l: &LicenceRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO licences ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    ))
    .bind(&l.number)
    .bind(&l.application_id)
    .bind(&l.holder_iin)
    .bind(&l.holder_name)
    .bind(&l.service_code)
    .bind(l.service_version)
    .bind(&l.issued_on)
    .bind(&l.pdf_sha256)
    .bind(&l.payload)
    .bind(&l.signature)
    .bind(&l.signer_certificate)
    .bind(&l.signer_name)
    .bind(&l.signed_at)
    .bind(&l.status)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn by_number<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    number: &str,
) -> Result<Option<LicenceRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM licences WHERE number = $1"))
        .bind(number)
        .fetch_optional(ex)
        .await
}

pub async fn of_application<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Option<LicenceRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM licences WHERE application_id = $1"
    ))
    .bind(application_id)
    .fetch_optional(ex)
    .await
}

/// Attaches the official's verified signature and makes the licence valid.
pub async fn sign<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    number: &str,
    signature: &str,
    certificate: &str,
    signer_name: &str,
    signed_at: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE licences SET signature = $1, signer_certificate = $2, signer_name = $3, signed_at = $4, status = 'valid' \
         WHERE number = $5 AND status = 'pending_signature'",
    )
    .bind(signature)
    .bind(certificate)
    .bind(signer_name)
    .bind(signed_at)
    .bind(number)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}
