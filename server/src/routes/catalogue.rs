//! The service catalogue and passports.

use super::today_kz;
use super::{Path, Query};
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use domain::api::ServiceResponse;
use domain::catalogue::{versions_of, ServiceSummary};
use domain::ErrorCode;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/services", get(list_services))
        .route("/api/services/{code}", get(get_service))
        .route("/api/forms/{code}", get(get_form))
}

/// The current version of every service, with its earlier versions.
async fn list_services(State(state): State<AppState>) -> Json<Vec<ServiceSummary>> {
    Json(summaries(&state))
}

/// Every service, its current version with the earlier ones named (the catalogue, here and
/// written into `/` by `prerender`).
pub fn summaries(state: &AppState) -> Vec<ServiceSummary> {
    let mut codes: Vec<&str> = Vec::new();
    for s in state.catalogue.iter() {
        if !codes.contains(&s.code.as_str()) {
            codes.push(&s.code);
        }
    }
    codes
        .into_iter()
        .filter_map(|c| state.service(c))
        .map(|current| {
            let mut summary = ServiceSummary::from(current);
            summary.earlier = versions_of(&state.catalogue, &current.code)
                .into_iter()
                .filter(|v| v.version != current.version)
                .collect();
            summary
        })
        .collect()
}

#[derive(Deserialize)]
struct VersionQuery {
    version: Option<u32>,
}

/// A service's passport and form: the current version, or the one named.
async fn get_service(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<VersionQuery>,
) -> AppResult<Json<ServiceResponse>> {
    let definition = match q.version {
        None => state.service(&code),
        Some(v) => state.service_version(&code, v),
    }
    .ok_or(ErrorCode::NotFound)?
    .clone();
    let year = today_kz().year();
    Ok(Json(ServiceResponse {
        versions: versions_of(&state.catalogue, &code),
        definition,
        year,
        mci_tenge: domain::money::mci(year),
    }))
}

/// A form that is not a request (the licensing-control conclusion), for the officer's screen.
async fn get_form(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> AppResult<Json<domain::catalogue::FormSchema>> {
    state
        .forms
        .iter()
        .find(|f| f.code == code)
        .cloned()
        .map(Json)
        .ok_or_else(|| ErrorCode::NotFound.into())
}
