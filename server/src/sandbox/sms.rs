//! A stand-in SMS gateway over HTTP, the protocol `integrations::sms` speaks: `POST
//! /sandbox/sms/api/v1/messages` with the practice key, each reference taken once; what it
//! received is listed at `GET /sandbox/sms/messages` (the practice page's phone).

use super::state::Shared;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

/// The key practice mode gives the portal's SMS adapter.
pub const PRACTICE_KEY: &str = "practice-sms-key";

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/sandbox/sms/api/v1/messages", post(receive))
        .route("/sandbox/sms/messages", get(list))
}

async fn receive(
    State(state): State<Shared>,
    headers: HeaderMap,
    Json(m): Json<crate::integrations::sms::SmsRequest>,
) -> Response {
    let authorised = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bearer {PRACTICE_KEY}"));
    if !authorised {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let well_formed = m.to.len() == 12
        && m.to.starts_with("+7")
        && m.to[1..].chars().all(|c| c.is_ascii_digit())
        && !m.text.is_empty()
        && m.text.chars().count() <= 1000;
    if !well_formed {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    }
    let r = sqlx::query(
        "INSERT INTO sandbox_sms (reference, to_phone, text, received_at) SELECT $1, $2, $3, $4 \
         WHERE NOT EXISTS (SELECT 1 FROM sandbox_sms WHERE reference = $1)",
    )
    .bind(&m.reference)
    .bind(&m.to)
    .bind(&m.text)
    .bind(crate::db::now_text())
    .execute(&state.db)
    .await;
    match r {
        Ok(_) => (
            StatusCode::ACCEPTED,
            Json(serde_json::json!({"reference": m.reference})),
        )
            .into_response(),
        Err(e) => crate::error::AppError::from(e).into_response(),
    }
}

#[derive(Deserialize)]
struct ListQuery {
    to: Option<String>,
}

#[derive(Serialize, sqlx::FromRow)]
struct Received {
    reference: String,
    to_phone: String,
    text: String,
    received_at: String,
}

async fn list(State(state): State<Shared>, Query(q): Query<ListQuery>) -> Response {
    const SELECT: &str = "SELECT reference, to_phone, text, received_at FROM sandbox_sms";
    let r: Result<Vec<Received>, _> = match q.to {
        Some(to) => {
            sqlx::query_as(&format!(
                "{SELECT} WHERE to_phone = $1 ORDER BY received_at"
            ))
            .bind(to)
            .fetch_all(&state.db)
            .await
        }
        None => {
            sqlx::query_as(&format!("{SELECT} ORDER BY received_at"))
                .fetch_all(&state.db)
                .await
        }
    };
    match r {
        Ok(list) => Json(list).into_response(),
        Err(e) => crate::error::AppError::from(e).into_response(),
    }
}
