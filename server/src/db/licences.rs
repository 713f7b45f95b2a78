//! Issued licences and the official's signature over each.

use domain::api::LicenceStatus;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row};

#[derive(Debug, Clone)]
pub struct LicenceRow {
    pub number: String,
    pub application_id: String,
    /// The holder's IIN (a person) or BIN (a company).
    pub holder_iin: String,
    pub holder_name: String,
    pub service_code: String,
    pub service_version: u32,
    pub issued_on: String,
    pub pdf_sha256: String,
    pub payload: String,
    pub signature: Option<String>,
    pub signer_certificate: Option<String>,
    pub signer_name: Option<String>,
    pub signed_at: Option<String>,
    pub status: LicenceStatus,
}

impl<'r> FromRow<'r, AnyRow> for LicenceRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let number: String = row.try_get("number")?;
        let bad = |what: String| sqlx::Error::Decode(format!("licence {number}: {what}").into());
        let status: String = row.try_get("status")?;
        let version: i64 = row.try_get("service_version")?;
        Ok(LicenceRow {
            status: LicenceStatus::parse(&status).ok_or_else(|| bad(format!("status {status}")))?,
            service_version: u32::try_from(version)
                .map_err(|_| bad(format!("service version {version}")))?,
            application_id: row.try_get("application_id")?,
            holder_iin: row.try_get("holder_iin")?,
            holder_name: row.try_get("holder_name")?,
            service_code: row.try_get("service_code")?,
            issued_on: row.try_get("issued_on")?,
            pdf_sha256: row.try_get("pdf_sha256")?,
            payload: row.try_get("payload")?,
            signature: row.try_get("signature")?,
            signer_certificate: row.try_get("signer_certificate")?,
            signer_name: row.try_get("signer_name")?,
            signed_at: row.try_get("signed_at")?,
            number,
        })
    }
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
    .bind(i64::from(l.service_version))
    .bind(&l.issued_on)
    .bind(&l.pdf_sha256)
    .bind(&l.payload)
    .bind(&l.signature)
    .bind(&l.signer_certificate)
    .bind(&l.signer_name)
    .bind(&l.signed_at)
    .bind(l.status.code())
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
        "UPDATE licences SET signature = $1, signer_certificate = $2, signer_name = $3, signed_at = $4, status = $6 \
         WHERE number = $5 AND status = $7",
    )
    .bind(signature)
    .bind(certificate)
    .bind(signer_name)
    .bind(signed_at)
    .bind(number)
    .bind(LicenceStatus::Valid.code())
    .bind(LicenceStatus::PendingSignature.code())
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}
