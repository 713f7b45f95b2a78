//! Support staff: find a case by registration number or IIN and see exactly what the applicant
//! sees, nothing more.

use super::Query;
use crate::auth::CurrentUser;
use crate::db;
use crate::engine::case_view_full;
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use domain::api::{Role, SupportSearchResponse};
use domain::case::{AccessAction, Accessor};
use domain::ErrorCode;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/support/search", get(search_cases))
}

#[derive(Deserialize)]
struct SearchQuery {
    q: String,
}

async fn search_cases(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<SearchQuery>,
) -> AppResult<Json<SupportSearchResponse>> {
    user.require(Role::Support)?;
    let q = q.q.trim();
    if q.is_empty() || q.len() > 64 {
        return Err(ErrorCode::BadRequest.into());
    }
    let rows = db::applications::search(&state.read, q).await?;
    // Every support view is recorded (the applicant sees it in their application), all of one
    // search in one transaction: one commit on the single writer, not one per case found.
    let mut tx = state.db.begin().await?;
    for row in &rows {
        db::access::record(
            &mut *tx,
            &row.id,
            &user.id,
            Accessor::Support,
            None,
            AccessAction::Found,
        )
        .await?;
    }
    tx.commit().await?;
    let mut results = Vec::new();
    let mut mail = Vec::new();
    for row in &rows {
        results.push(case_view_full(&state, row).await?);
        for d in db::notifications::deliveries_of(&state.read, &row.id).await? {
            mail.push(d.view());
        }
    }
    let explainers = results
        .iter()
        .map(|c| crate::engine::explain::explain(c, &mail))
        .collect();
    Ok(Json(SupportSearchResponse {
        results,
        mail,
        explainers,
    }))
}
