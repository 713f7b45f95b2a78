//! The sandbox payment gateway: its own API, its own payment page, its own signing key.
//!
//! It keeps its records in `sandbox_payments` and signs callbacks with an Ed25519 key stored
//! under `<data>/sandbox/gateway-key.pk8`.

use super::state::Shared;
use crate::integrations::payment_gateway::{
    CreatePaymentRequest, CreatePaymentResponse, PaymentCallback, SIGNATURE_HEADER,
};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use serde::Deserialize;

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/sandbox/gateway/api/v1/payments", post(create_payment))
        .route(
            "/sandbox/gateway/pay/{id}",
            get(payment_page).post(complete_payment),
        )
}

fn base(state: &Shared) -> String {
    format!("{}/sandbox/gateway", state.public_url)
}

async fn create_payment(
    State(state): State<Shared>,
    Json(req): Json<CreatePaymentRequest>,
) -> Response {
    if req.amount_tenge <= 0 || req.order_id.is_empty() {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            "amount and order_id are required",
        )
            .into_response();
    }
    let id = crate::db::new_id();
    let r = sqlx::query(
        "INSERT INTO sandbox_payments (id, order_id, amount_tenge, description, return_url, callback_url, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)",
    )
    .bind(&id)
    .bind(&req.order_id)
    .bind(req.amount_tenge)
    .bind(&req.description)
    .bind(&req.return_url)
    .bind(&req.callback_url)
    .bind(crate::db::now_text())
    .execute(&state.db)
    .await;
    if let Err(e) = r {
        return crate::error::AppError::from(e).into_response();
    }
    Json(CreatePaymentResponse {
        payment_url: format!("{}/pay/{id}", base(&state)),
        payment_id: id,
    })
    .into_response()
}

#[derive(sqlx::FromRow)]
struct SandboxPayment {
    id: String,
    order_id: String,
    amount_tenge: i64,
    description: String,
    return_url: String,
    callback_url: String,
    status: String,
}

async fn load(state: &Shared, id: &str) -> Result<Option<SandboxPayment>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, order_id, amount_tenge, description, return_url, callback_url, status FROM sandbox_payments WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await
}

async fn payment_page(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let p = match load(&state, &id).await {
        Ok(Some(p)) => p,
        Ok(None) => return (StatusCode::NOT_FOUND, "no such payment").into_response(),
        Err(e) => return crate::error::AppError::from(e).into_response(),
    };
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let actions = if p.status == "pending" {
        format!(
            "<form method=\"post\" action=\"/sandbox/gateway/pay/{}\">\
             <button type=\"submit\" name=\"action\" value=\"pay\">Pay {} ₸</button> \
             <button type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button></form>",
            esc(&p.id),
            p.amount_tenge
        )
    } else {
        format!(
            "<p>This payment is {}.</p><p><a href=\"{}\">Return to the portal</a></p>",
            esc(&p.status),
            esc(&p.return_url)
        )
    };
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sandbox payment gateway</title>\
         <link rel=\"stylesheet\" href=\"/sandbox.css\"></head><body><main>\
         <h1>Sandbox payment gateway</h1><p>A stand-in for the e-government payment gateway. No money moves.</p>\
         <dl><dt>Payment</dt><dd>{}</dd><dt>Order</dt><dd>{}</dd><dt>Purpose</dt><dd>{}</dd><dt>Amount</dt><dd>{} ₸</dd></dl>{}\
         </main></body></html>",
        esc(&p.id),
        esc(&p.order_id),
        esc(&p.description),
        p.amount_tenge,
        actions
    ))
    .into_response()
}

#[derive(Deserialize)]
struct CompleteForm {
    action: String,
}

async fn complete_payment(
    State(state): State<Shared>,
    Path(id): Path<String>,
    Form(form): Form<CompleteForm>,
) -> Response {
    let new_status = match form.action.as_str() {
        "pay" => "paid",
        "cancel" => "cancelled",
        _ => return (StatusCode::UNPROCESSABLE_ENTITY, "unknown action").into_response(),
    };
    let updated =
        sqlx::query("UPDATE sandbox_payments SET status = $1 WHERE id = $2 AND status = 'pending'")
            .bind(new_status)
            .bind(&id)
            .execute(&state.db)
            .await;
    let p = match (updated, load(&state, &id).await) {
        (Ok(_), Ok(Some(p))) => p,
        (Ok(_), Ok(None)) => return (StatusCode::NOT_FOUND, "no such payment").into_response(),
        (Err(e), _) | (_, Err(e)) => return crate::error::AppError::from(e).into_response(),
    };
    if p.status == new_status {
        let callback = PaymentCallback {
            payment_id: p.id.clone(),
            order_id: p.order_id.clone(),
            amount_tenge: p.amount_tenge,
            status: p.status.clone(),
            at: crate::db::now_text(),
        };
        let body = serde_json::to_vec(&callback).unwrap_or_default();
        let signature = state.gateway.sign(&body);
        // The merchant learns of the payment from this call, before the browser returns.
        let delivered = state
            .http
            .post(&p.callback_url)
            .header("content-type", "application/json")
            .header(SIGNATURE_HEADER, signature)
            .body(body)
            .send()
            .await
            .map(|r| r.status().is_success())
            .unwrap_or(false);
        let _ = sqlx::query("UPDATE sandbox_payments SET callback_status = $1 WHERE id = $2")
            .bind(if delivered { "delivered" } else { "failed" })
            .bind(&p.id)
            .execute(&state.db)
            .await;
    }
    Redirect::to(&p.return_url).into_response()
}
