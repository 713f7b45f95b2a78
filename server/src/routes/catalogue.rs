//! The service catalogue and passports.

use super::today_kz;
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use domain::api::ServiceResponse;
use domain::catalogue::ServiceSummary;
use domain::ErrorCode;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/services", get(list_services))
        .route("/api/services/{code}", get(get_service))
}

/// The current version of every service.
async fn list_services(State(state): State<AppState>) -> Json<Vec<ServiceSummary>> {
    let mut codes: Vec<&str> = state.catalogue.iter().map(|s| s.code.as_str()).collect();
    codes.dedup();
    Json(
        codes
            .into_iter()
            .filter_map(|c| state.service(c))
            .map(ServiceSummary::from)
            .collect(),
    )
}

async fn get_service(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> AppResult<Json<ServiceResponse>> {
    let definition = state.service(&code).ok_or(ErrorCode::NotFound)?.clone();
    let year = today_kz().year();
    Ok(Json(ServiceResponse {
        definition,
        year,
        mci_tenge: domain::money::mci(year),
    }))
}
