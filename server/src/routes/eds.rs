//! The signing preflight: before filling a form, the applicant checks that their signing key
//! is valid and fits the service (IIN, BIN, role). Only the public certificate is sent; the
//! key file and its password stay in the browser.

use super::Body;
use crate::auth::CurrentUser;
use crate::error::{request_lang, AppResult};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use domain::api::{CheckKeyRequest, CheckKeyResponse, Role};
use domain::signing::Applicant;
use domain::ErrorCode;

/// Key checks a person may make per minute.
const PREFLIGHTS_PER_MINUTE: i64 = 20;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/eds/check", post(check_key))
}

async fn check_key(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: axum::http::HeaderMap,
    Body(req): Body<CheckKeyRequest>,
) -> AppResult<Json<CheckKeyResponse>> {
    user.require(Role::Applicant)?;
    // Each check may fetch the authority's CRL: a person checks a key now and then, not in a
    // loop.
    if !crate::db::auth::take_attempt(
        &state.db,
        &format!("preflight:{}", user.id),
        crate::db::unix_now(),
        60,
        PREFLIGHTS_PER_MINUTE,
    )
    .await?
    {
        return Err(ErrorCode::TooManyRequests.into());
    }
    let iin = user.iin.clone().ok_or(ErrorCode::Forbidden)?;
    let service = state
        .service(&req.service_code)
        .ok_or(ErrorCode::NotFound)?;
    let b64 = base64::engine::general_purpose::STANDARD;
    let der = b64
        .decode(req.certificate_b64.trim())
        .map_err(|_| ErrorCode::BadRequest)?;
    let pool: Vec<Vec<u8>> = req
        .chain_b64
        .iter()
        .filter_map(|c| b64.decode(c.trim()).ok())
        .collect();
    let facts = eds::certificate_facts(&der).map_err(|_| ErrorCode::BadRequest)?;
    let lang = request_lang(&headers);
    let applicant = Applicant {
        iin: &iin,
        bin: user.acting_bin().map(|b| b.as_str()),
    };
    let problems =
        crate::signatures::preflight(&state, &der, &pool, &facts, applicant, service).await;
    let valid_until = time::OffsetDateTime::from_unix_timestamp(facts.not_after)
        .map(|t| t.date().to_string())
        .unwrap_or_default();
    Ok(Json(CheckKeyResponse {
        fits: problems.is_empty(),
        messages: problems
            .iter()
            .map(|p| p.message(lang).to_owned())
            .collect(),
        problems,
        holder: facts.full_name(),
        iin: facts.iin,
        bin: facts.bin,
        organisation: facts.organisation,
        role: facts.role.map(|r| r.code().to_owned()),
        valid_until,
    }))
}
