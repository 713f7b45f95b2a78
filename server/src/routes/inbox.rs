//! The applicant's cabinet inbox: what they were told about their cases.

use super::Body;
use super::Path;
use crate::auth::CurrentUser;
use crate::db;
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::api::{InboxMessage, Role};
use domain::{ErrorCode, Text};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/inbox", get(list_messages))
        .route("/api/inbox/{id}/read", post(mark_read))
}

async fn list_messages(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<InboxMessage>>> {
    user.require(Role::Applicant)?;
    Ok(Json(
        db::notifications::of_user(&state.db, &user.id)
            .await?
            .into_iter()
            .map(|n| InboxMessage {
                id: n.id,
                application_id: n.application_id,
                text: Text::new(&n.text_kk, &n.text_ru, &n.text_en),
                created_at: n.created_at,
                read: n.read_at.is_some(),
            })
            .collect(),
    ))
}

async fn mark_read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(_): Body<serde_json::Value>,
) -> AppResult<Json<serde_json::Value>> {
    user.require(Role::Applicant)?;
    if !db::notifications::mark_read(&state.db, &id, &user.id, &db::now_text()).await? {
        return Err(ErrorCode::NotFound.into());
    }
    Ok(Json(serde_json::json!({"read": true})))
}
