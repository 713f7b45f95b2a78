//! Results that are signed documents of their own beside the licence: an annex, a duplicate,
//! a commission's decision (attestation, exam), a motivated refusal, a change of a licence's
//! status. Each is a PDF in the document store and the official's signature over its bytes.

use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row};

use domain::licence::DecisionOutcome;
pub use domain::licence::DocumentKind;

#[derive(Debug, Clone)]
pub struct ResultDocument {
    pub id: String,
    pub kind: DocumentKind,
    /// The annex's or decision's own number.
    pub number: Option<String>,
    /// The licence an annex, a duplicate or a status change belongs to.
    pub licence_number: Option<String>,
    pub application_id: Option<String>,
    /// The person (IIN) or company (BIN) it is about.
    pub holder_iin: Option<String>,
    pub subtypes: Option<String>,
    /// A decision's outcome.
    pub outcome: Option<DecisionOutcome>,
    pub grounds: Option<String>,
    pub lang: String,
    pub issued_on: String,
    pub pdf_sha256: String,
    /// What the document says, shown beside the bytes signed.
    pub summary: String,
    pub signature: Option<String>,
    pub signer_certificate: Option<String>,
    pub signer_name: Option<String>,
    pub signer_iin: Option<String>,
    pub signed_at: Option<String>,
}

impl ResultDocument {
    pub fn signed(&self) -> bool {
        self.signature.is_some()
    }
}

impl<'r> FromRow<'r, AnyRow> for ResultDocument {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let id: String = row.try_get("id")?;
        let kind: String = row.try_get("kind")?;
        Ok(ResultDocument {
            kind: DocumentKind::parse(&kind).ok_or_else(|| {
                sqlx::Error::Decode(format!("result document {id}: kind {kind}").into())
            })?,
            number: row.try_get("number")?,
            licence_number: row.try_get("licence_number")?,
            application_id: row.try_get("application_id")?,
            holder_iin: row.try_get("holder_iin")?,
            subtypes: row.try_get("subtypes")?,
            outcome: match row.try_get::<Option<String>, _>("outcome")? {
                None => None,
                Some(o) => Some(DecisionOutcome::parse(&o).ok_or_else(|| {
                    sqlx::Error::Decode(format!("result document {id}: outcome {o}").into())
                })?),
            },
            grounds: row.try_get("grounds")?,
            lang: row.try_get("lang")?,
            issued_on: row.try_get("issued_on")?,
            pdf_sha256: row.try_get("pdf_sha256")?,
            summary: row.try_get("summary")?,
            signature: row.try_get("signature")?,
            signer_certificate: row.try_get("signer_certificate")?,
            signer_name: row.try_get("signer_name")?,
            signer_iin: row.try_get("signer_iin")?,
            signed_at: row.try_get("signed_at")?,
            id,
        })
    }
}

const COLUMNS: &str = "id, kind, number, licence_number, application_id, holder_iin, subtypes, outcome, grounds, lang, \
    issued_on, pdf_sha256, summary, signature, signer_certificate, signer_name, signer_iin, signed_at";

/// Stores a document waiting for its signature.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    d: &ResultDocument,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO result_documents ({COLUMNS}, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
         $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)"
    ))
    .bind(&d.id)
    .bind(d.kind.code())
    .bind(&d.number)
    .bind(&d.licence_number)
    .bind(&d.application_id)
    .bind(&d.holder_iin)
    .bind(&d.subtypes)
    .bind(d.outcome.map(DecisionOutcome::code))
    .bind(&d.grounds)
    .bind(&d.lang)
    .bind(&d.issued_on)
    .bind(&d.pdf_sha256)
    .bind(&d.summary)
    .bind(&d.signature)
    .bind(&d.signer_certificate)
    .bind(&d.signer_name)
    .bind(&d.signer_iin)
    .bind(&d.signed_at)
    .bind(if d.signature.is_some() {
        "signed"
    } else {
        "pending_signature"
    })
    .bind(super::now_text())
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn by_id<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
) -> Result<Option<ResultDocument>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM result_documents WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await
}

/// The document of a kind a case produced, if any.
pub async fn of_case<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
    kind: DocumentKind,
) -> Result<Option<ResultDocument>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM result_documents WHERE application_id = $1 AND kind = $2"
    ))
    .bind(application_id)
    .bind(kind.code())
    .fetch_optional(ex)
    .await
}

/// Every document a case produced (its result, or its refusal).
pub async fn all_of_case<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Vec<ResultDocument>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM result_documents WHERE application_id = $1 ORDER BY created_at, id"
    ))
    .bind(application_id)
    .fetch_all(ex)
    .await
}

/// The signed documents of a licence (annexes, duplicates, status changes), oldest first.
pub async fn of_licence<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    licence_number: &str,
) -> Result<Vec<ResultDocument>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM result_documents WHERE licence_number = $1 AND status = 'signed' \
         ORDER BY signed_at, id"
    ))
    .bind(licence_number)
    .fetch_all(ex)
    .await
}

/// A person's signed decisions of a kind (their attestations), newest first.
pub async fn of_holder<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    holder: &str,
    kind: DocumentKind,
) -> Result<Vec<ResultDocument>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM result_documents WHERE holder_iin = $1 AND kind = $2 AND status = 'signed' \
         ORDER BY signed_at DESC, id"
    ))
    .bind(holder)
    .bind(kind.code())
    .fetch_all(ex)
    .await
}

/// A signed decision by its number.
pub async fn by_number<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    number: &str,
) -> Result<Option<ResultDocument>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM result_documents WHERE number = $1"
    ))
    .bind(number)
    .fetch_optional(ex)
    .await
}

/// Attaches the official's verified signature, once.
pub async fn sign<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    signature: &str,
    certificate: &str,
    signer_name: &str,
    signer_iin: &str,
    signed_at: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE result_documents SET signature = $1, signer_certificate = $2, signer_name = $3, signer_iin = $4, \
         signed_at = $5, status = 'signed' WHERE id = $6 AND status = 'pending_signature'",
    )
    .bind(signature)
    .bind(certificate)
    .bind(signer_name)
    .bind(signer_iin)
    .bind(signed_at)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// How many documents of a kind a licence has (an annex's or duplicate's number follows it).
pub async fn count_of_licence<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    licence_number: &str,
    kind: DocumentKind,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM result_documents WHERE licence_number = $1 AND kind = $2",
    )
    .bind(licence_number)
    .bind(kind.code())
    .fetch_one(ex)
    .await
}

/// Removes a document still waiting for its signature (the case moved on without it).
pub async fn drop_unsigned<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM result_documents WHERE id = $1 AND status = 'pending_signature'")
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}

/// The document of a kind waiting for its signature on a licence (a change of its status).
pub async fn pending_of_licence<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    licence_number: &str,
    kind: DocumentKind,
) -> Result<Option<ResultDocument>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM result_documents WHERE licence_number = $1 AND kind = $2 \
         AND status = 'pending_signature' AND application_id IS NULL ORDER BY created_at DESC, id LIMIT 1"
    ))
    .bind(licence_number)
    .bind(kind.code())
    .fetch_optional(ex)
    .await
}

/// Removes the unsigned status-change drafts of a licence (a new draft replaces them).
pub async fn drop_unsigned_of_licence<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    licence_number: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM result_documents WHERE licence_number = $1 AND status = 'pending_signature' \
         AND application_id IS NULL",
    )
    .bind(licence_number)
    .execute(ex)
    .await?;
    Ok(())
}
