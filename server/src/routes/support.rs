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
use domain::api::{DeliveryState, MailDelivery, Role, SupportSearchResponse};
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
    let mut results = Vec::new();
    let mut mail = Vec::new();
    for row in db::applications::search(&state.db, q).await? {
        // Every support view is recorded: the applicant sees it in their application.
        db::access::record(
            &state.db,
            &row.id,
            &user.id,
            Accessor::Support,
            None,
            AccessAction::Found,
        )
        .await?;
        results.push(case_view_full(&state, &row).await?);
        for d in db::notifications::deliveries_of(&state.db, &row.id).await? {
            mail.push(MailDelivery {
                state: match (&d.sent_at, &d.failed_at) {
                    (Some(_), _) => DeliveryState::Sent,
                    (None, Some(_)) => DeliveryState::Failed,
                    (None, None) => DeliveryState::Waiting,
                },
                application_id: d.application_id,
                subject: d.subject,
                written_at: d.created_at,
                attempts: d.attempts,
                sent_at: d.sent_at,
                next_attempt_at: d.next_attempt_at,
                last_error: d.last_error,
            });
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
