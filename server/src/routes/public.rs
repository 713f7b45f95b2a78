//! The public register: anyone may search it (a licence's number, a company's BIN or name; a
//! person's licence is found by its number only and shows no IIN), check one licence (status,
//! annexes, lineage, whether the signature verifies), and fetch the portal's key that signs
//! the QR statements. Paged, and limited per address so the register cannot be scraped.

use super::{Path, Query};
use crate::client_address::ClientAddress;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::licences::views;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use domain::api::{LicenceCheckResponse, LicenceStatus};
use domain::form::{FieldError, FieldErrorCode};
use domain::licence::{RegisterEntry, RegisterPage, StatementKey};
use domain::ErrorCode;
use serde::Deserialize;

/// Register reads an address may make per minute.
const READS_PER_MINUTE: i64 = 60;
/// Entries per page of a search.
const PAGE: i64 = 20;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/public/licences", get(search))
        .route("/api/public/licences/{number}", get(check_licence))
        .route("/api/public/statement-keys", get(statement_keys))
}

async fn limited(state: &AppState, client: &ClientAddress) -> AppResult<()> {
    if db::auth::take_attempt(
        &state.db,
        &format!("register:{client}"),
        db::unix_now(),
        60,
        READS_PER_MINUTE,
    )
    .await?
    {
        Ok(())
    } else {
        Err(ErrorCode::TooManyRequests.into())
    }
}

#[derive(Debug, Deserialize)]
struct SearchQuery {
    q: String,
    #[serde(default)]
    after: Option<String>,
}

async fn search(
    State(state): State<AppState>,
    client: ClientAddress,
    Query(query): Query<SearchQuery>,
) -> AppResult<Json<RegisterPage>> {
    Ok(Json(
        register_page(&state, &client, &query.q, query.after.as_deref()).await?,
    ))
}

/// A page of the register's search for `q` after the number `after`: a name from three
/// letters on, a number or BIN as typed; counted against the client's reads of the register.
pub(crate) async fn register_page(
    state: &AppState,
    client: &ClientAddress,
    q: &str,
    after: Option<&str>,
) -> AppResult<RegisterPage> {
    let q = q.trim();
    let too = match q.chars().count() {
        0..3 => Some(FieldErrorCode::SearchTooShort),
        201.. => Some(FieldErrorCode::TooLong),
        _ => None,
    };
    if let Some(code) = too {
        return Err(AppError::Validation(vec![FieldError::new("q", code)]));
    }
    limited(state, client).await?;
    let after = after.unwrap_or_default();
    let mut conn = state.read.acquire().await?;
    let mut rows = db::licences::search(&mut conn, q, after, PAGE + 1).await?;
    drop(conn);
    let next = if rows.len() as i64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(|l| l.number.clone())
    } else {
        None
    };
    let entries = rows
        .iter()
        .filter_map(|l| {
            let service = state.service_version(&l.service_code, l.service_version)?;
            Some(RegisterEntry {
                number: l.number.clone(),
                holder_name: l.holder_name.clone(),
                holder_bin: (l.holder_kind == db::licences::HolderKind::Company)
                    .then(|| l.holder_iin.clone()),
                activity: service.activity.clone(),
                licensor: service.provider.name.clone(),
                issued_on: l.issued_on.clone(),
                status: l.status,
            })
        })
        .collect();
    Ok(RegisterPage { entries, next })
}

async fn check_licence(
    State(state): State<AppState>,
    client: ClientAddress,
    Path(number): Path<String>,
) -> AppResult<Json<LicenceCheckResponse>> {
    Ok(Json(licence_check(&state, &client, &number).await?))
}

/// A licence as the public check shows it: what the register holds now, and whether the
/// official's signature verifies. Counted against the client's reads of the register (the
/// API's answer and the page the server writes alike).
pub(crate) async fn licence_check(
    state: &AppState,
    client: &ClientAddress,
    number: &str,
) -> AppResult<LicenceCheckResponse> {
    limited(state, client).await?;
    let licence = db::licences::by_number(&state.read, number.trim())
        .await?
        .filter(|l| l.status != LicenceStatus::PendingSignature)
        .ok_or(ErrorCode::NotFound)?;
    Ok(LicenceCheckResponse {
        signature_valid: views::signature_valid(
            state,
            licence.signature.as_deref(),
            licence.signed_at.as_deref(),
            &licence.pdf_sha256,
            &licence.payload,
        )
        .await,
        document_sha256: licence.pdf_sha256.clone(),
        licence: views::licence_view(state, &licence).await?,
    })
}

async fn statement_keys(State(state): State<AppState>) -> Json<Vec<StatementKey>> {
    Json(vec![state.statements.public()])
}
