//! The payment gateway's callback: the only way the portal learns that a fee was paid.

use crate::db;
use crate::error::{AppError, AppResult};
use crate::integrations::payment_gateway::SIGNATURE_HEADER;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use domain::api::PaymentStatus;
use domain::case::CaseStatus;
use domain::ErrorCode;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/payments/callback", post(receive_payment_callback))
}

async fn receive_payment_callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Json<serde_json::Value>> {
    let signature = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or(ErrorCode::Forbidden)?;
    let callback = state
        .gateway
        .verify_callback(&body, signature)
        .ok_or_else(|| {
            tracing::warn!("payment callback with a bad signature");
            AppError::Api(ErrorCode::Forbidden)
        })?;
    let payment = db::payments::by_gateway_id(&state.db, &callback.payment_id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    if payment.id != callback.order_id || payment.amount_tenge != callback.amount_tenge {
        tracing::warn!(payment = %payment.id, "payment callback does not match the order");
        return Err(ErrorCode::BadRequest.into());
    }
    let body_text = String::from_utf8_lossy(&body).into_owned();
    match PaymentStatus::parse(&callback.status) {
        Some(PaymentStatus::Paid) => {
            let mut tx = state.db.begin().await?;
            // A repeated callback changes nothing.
            if db::payments::mark_paid(&mut *tx, &payment.id, &callback.at, &body_text, signature)
                .await?
                && db::applications::transition(
                    &mut *tx,
                    &payment.application_id,
                    CaseStatus::AwaitingPayment,
                    CaseStatus::Paid,
                )
                .await?
            {
                db::applications::add_event(
                    &mut *tx,
                    &payment.application_id,
                    CaseStatus::Paid,
                    None,
                    Some(&payment.id),
                )
                .await?;
            }
            tx.commit().await?;
        }
        Some(PaymentStatus::Cancelled) => {
            db::payments::mark_cancelled(&state.db, &payment.id).await?
        }
        Some(PaymentStatus::Pending) | None => return Err(ErrorCode::BadRequest.into()),
    }
    Ok(Json(serde_json::json!({"received": true})))
}
