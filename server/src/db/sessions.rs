//! Attestation sessions and their candidates.

use domain::process::SessionResult;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row};

#[derive(Debug, Clone, FromRow)]
pub struct SessionRow {
    pub id: String,
    pub provider: String,
    pub region: String,
    pub held_on: String,
    pub place: String,
    pub created_by: String,
    pub created_at: String,
    pub protocol_signed_at: Option<String>,
    pub protocol_signed_by: Option<String>,
    pub published_at: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CandidateRow {
    pub session_id: String,
    pub application_id: String,
    pub test_score: Option<i64>,
    pub interview: Option<String>,
    pub result: Option<SessionResult>,
}

impl<'r> FromRow<'r, AnyRow> for CandidateRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let application_id: String = row.try_get("application_id")?;
        let result: Option<String> = row.try_get("result")?;
        Ok(CandidateRow {
            result: result
                .map(|r| {
                    SessionResult::parse(&r).ok_or_else(|| {
                        sqlx::Error::Decode(
                            format!("candidate {application_id}: result {r}").into(),
                        )
                    })
                })
                .transpose()?,
            session_id: row.try_get("session_id")?,
            test_score: row.try_get("test_score")?,
            interview: row.try_get("interview")?,
            application_id,
        })
    }
}

const SESSION: &str = "id, provider, region, held_on, place, created_by, created_at, protocol_signed_at, protocol_signed_by, published_at";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    s: &SessionRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO attestation_sessions (id, provider, region, held_on, place, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&s.id)
    .bind(&s.provider)
    .bind(&s.region)
    .bind(&s.held_on)
    .bind(&s.place)
    .bind(&s.created_by)
    .bind(&s.created_at)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn by_id<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {SESSION} FROM attestation_sessions WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await
}

/// A body's sessions (all regions when `region` is empty), newest first.
pub async fn of_body<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    provider: &str,
    region: &str,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {SESSION} FROM attestation_sessions WHERE provider = $1 AND ($2 = '' OR region = $2) \
         ORDER BY held_on DESC, created_at DESC"
    ))
    .bind(provider)
    .bind(region)
    .fetch_all(ex)
    .await
}

/// Sessions whose lists are published, newest first.
pub async fn published<'e, E: Executor<'e, Database = Any>>(
    ex: E,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {SESSION} FROM attestation_sessions WHERE published_at IS NOT NULL ORDER BY held_on DESC LIMIT 100"
    ))
    .fetch_all(ex)
    .await
}

pub async fn candidates<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: &str,
) -> Result<Vec<CandidateRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT session_id, application_id, test_score, interview, result FROM session_candidates \
         WHERE session_id = $1 ORDER BY application_id",
    )
    .bind(session_id)
    .fetch_all(ex)
    .await
}

pub async fn session_of<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {SESSION} FROM attestation_sessions WHERE id = \
         (SELECT session_id FROM session_candidates WHERE application_id = $1)"
    ))
    .bind(application_id)
    .fetch_optional(ex)
    .await
}

/// Schedules a case into a session; false if it is already in one.
pub async fn add_candidate<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: &str,
    application_id: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "INSERT INTO session_candidates (session_id, application_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(session_id)
    .bind(application_id)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Records a candidate's results while the protocol is not signed.
pub async fn record_result<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: &str,
    application_id: &str,
    test_score: Option<i64>,
    interview: Option<&str>,
    result: SessionResult,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE session_candidates SET test_score = $1, interview = $2, result = $3 \
         WHERE session_id = $4 AND application_id = $5 AND session_id IN \
         (SELECT id FROM attestation_sessions WHERE protocol_signed_at IS NULL)",
    )
    .bind(test_score)
    .bind(interview)
    .bind(result.code())
    .bind(session_id)
    .bind(application_id)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Signs the protocol and publishes the lists, once.
pub async fn sign_protocol<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    by: &str,
    at: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE attestation_sessions SET protocol_signed_at = $1, protocol_signed_by = $2, published_at = $1 \
         WHERE id = $3 AND protocol_signed_at IS NULL",
    )
    .bind(at)
    .bind(by)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}
