//! Applications (cases) and their history.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct ApplicationRow {
    pub id: String,
    pub number: Option<String>,
    pub applicant_id: String,
    pub applicant_iin: String,
    pub service_code: String,
    pub service_version: i64,
    pub variant: String,
    pub provider: String,
    pub form_json: String,
    pub status: String,
    pub fee_tenge: i64,
    pub created_at: String,
    pub submitted_at: Option<String>,
    pub expected_result_date: Option<String>,
    pub decided_at: Option<String>,
    pub refusal_grounds: Option<String>,
    pub signed_payload: Option<String>,
    pub signature: Option<String>,
    pub signer_certificate: Option<String>,
    pub signature_verified_at: Option<String>,
    /// The applying company, when a company key applied.
    pub applicant_bin: Option<String>,
    pub applicant_organisation: Option<String>,
    /// The region whose body runs the case (regional services), from the form.
    pub region: Option<String>,
    /// `psc` when filed at a public service centre (none: the portal).
    pub channel: Option<String>,
    /// The centre's operator who filed it.
    pub filed_by: Option<String>,
    pub representative_iin: Option<String>,
    /// The documents presented on paper (JSON array of texts).
    pub paper_documents: Option<String>,
}

const COLUMNS: &str = "id, number, applicant_id, applicant_iin, service_code, service_version, variant, provider, form_json, \
    status, fee_tenge, created_at, submitted_at, expected_result_date, decided_at, refusal_grounds, signed_payload, signature, \
    signer_certificate, signature_verified_at, applicant_bin, applicant_organisation, region, channel, filed_by, \
    representative_iin, paper_documents";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    a: &ApplicationRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO applications (id, applicant_id, applicant_iin, service_code, service_version, variant, provider, \
         form_json, status, fee_tenge, created_at, applicant_bin, applicant_organisation, region, channel, \
         filed_by, representative_iin, paper_documents) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
    )
    .bind(&a.id)
    .bind(&a.applicant_id)
    .bind(&a.applicant_iin)
    .bind(&a.service_code)
    .bind(a.service_version)
    .bind(&a.variant)
    .bind(&a.provider)
    .bind(&a.form_json)
    .bind(&a.status)
    .bind(a.fee_tenge)
    .bind(&a.created_at)
    .bind(&a.applicant_bin)
    .bind(&a.applicant_organisation)
    .bind(&a.region)
    .bind(&a.channel)
    .bind(&a.filed_by)
    .bind(&a.representative_iin)
    .bind(&a.paper_documents)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn by_id<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
) -> Result<Option<ApplicationRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM applications WHERE id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await
}

/// A registered case by its registration number.
pub async fn by_number<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    number: &str,
) -> Result<Option<ApplicationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE number = $1"
    ))
    .bind(number)
    .fetch_optional(ex)
    .await
}

pub async fn of_applicant<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    applicant_id: &str,
) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE applicant_id = $1 ORDER BY created_at DESC"
    ))
    .bind(applicant_id)
    .fetch_all(ex)
    .await
}

pub async fn queue<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    provider: &str,
) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE provider = $1 AND status IN ('submitted', 'approved', 'refused') \
         ORDER BY CASE status WHEN 'submitted' THEN 0 ELSE 1 END, submitted_at"
    ))
    .bind(provider)
    .fetch_all(ex)
    .await
}

/// Cases of a channel whose open step is `step` (a centre's results waiting to be handed
/// over), oldest first.
pub async fn of_channel_at_step<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    channel: &str,
    step: &str,
) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE channel = $1 AND id IN \
         (SELECT application_id FROM case_steps WHERE step = $2 AND finished_at IS NULL) \
         ORDER BY decided_at, submitted_at"
    ))
    .bind(channel)
    .bind(step)
    .fetch_all(ex)
    .await
}

/// Applications by registration number or applicant IIN.
pub async fn search<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    q: &str,
) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE number = $1 OR applicant_iin = $1 ORDER BY created_at DESC LIMIT 50"
    ))
    .bind(q)
    .fetch_all(ex)
    .await
}

/// Moves a case from `from` to `to` only if it is still in `from`. Returns false when another
/// request changed it first: the caller reports a conflict and changes nothing.
pub async fn transition<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    from: &str,
    to: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE applications SET status = $1 WHERE id = $2 AND status = $3")
        .bind(to)
        .bind(id)
        .bind(from)
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn set_signing_payload<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    payload: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE applications SET signed_payload = $1 WHERE id = $2 AND status = 'paid'")
        .bind(payload)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}

/// A request's registration: its number, time and planned result date, and the signature
/// that certifies it (the applicant's on the portal; at a centre, its operator's, who also
/// gives the bytes signed — on the portal they were stored before signing).
pub struct Submission<'a> {
    pub number: &'a str,
    pub submitted_at: &'a str,
    pub expected: &'a str,
    pub signature: &'a str,
    pub certificate: &'a str,
    pub signed_payload: Option<&'a str>,
}

pub async fn record_submission<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    s: &Submission<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE applications SET number = $1, submitted_at = $2, expected_result_date = $3, signature = $4, \
         signer_certificate = $5, signature_verified_at = $2, signed_payload = COALESCE($6, signed_payload) \
         WHERE id = $7",
    )
    .bind(s.number)
    .bind(s.submitted_at)
    .bind(s.expected)
    .bind(s.signature)
    .bind(s.certificate)
    .bind(s.signed_payload)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(())
}

/// The next registration number of a provider's requests this year (`CCHS-2026-000001`).
pub async fn next_number(
    tx: &mut super::Tx<'_>,
    provider: &str,
    year: i32,
) -> Result<String, sqlx::Error> {
    let seq = super::next_counter(tx, &format!("application-{provider}-{year}")).await?;
    Ok(format!("{provider}-{year}-{seq:06}"))
}

pub async fn record_decision<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    decided_at: &str,
    grounds: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE applications SET decided_at = $1, refusal_grounds = $2 WHERE id = $3")
        .bind(decided_at)
        .bind(grounds)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    pub at: String,
    pub status: String,
    pub note: Option<String>,
}

pub async fn add_event<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
    status: &str,
    actor_id: Option<&str>,
    note: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO application_events (id, application_id, at, status, actor_id, note) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(super::new_id())
        .bind(application_id)
        .bind(super::now_text())
        .bind(status)
        .bind(actor_id)
        .bind(note)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn events<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Vec<EventRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT at, status, note FROM application_events WHERE application_id = $1 ORDER BY at, id",
    )
    .bind(application_id)
    .fetch_all(ex)
    .await
}
