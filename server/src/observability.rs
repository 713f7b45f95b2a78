//! Seeing the portal run: a request id on every request (in its log lines and in every error
//! answer), request counts and latency by route, the outbox's backlog and the overdue steps as
//! Prometheus metrics, and the health and readiness answers a load balancer asks.
//!
//! - `GET /healthz`: the process answers.
//! - `GET /readyz`: the database answers, every migration is applied, the document store
//!   takes a write; 503 naming what is not ready otherwise.
//! - `GET /metrics`: Prometheus text, only with `METRICS_TOKEN` set and given as a bearer
//!   token (not public otherwise: 404).

use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use prometheus::Encoder;

pub use crate::http_policy::{request_id, REQUEST_ID};

/// Counts each request and its latency under its route's template (`/api/applications/{id}`),
/// so the labels stay few.
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| {
            if request.uri().path().starts_with("/api/") {
                "/api/(unknown)".to_owned()
            } else {
                "(static)".to_owned()
            }
        });
    let method = request.method().as_str().to_owned();
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    let m = &state.metrics;
    m.latency
        .with_label_values(&[&method, &route])
        .observe(started.elapsed().as_secs_f64());
    m.requests
        .with_label_values(&[&method, &route, response.status().as_str()])
        .inc();
    response
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok"}))
}

/// Whether this instance can serve: the database, the migrations, the document store.
async fn readyz(State(state): State<AppState>) -> Response {
    let mut problems = Vec::new();
    match sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(&state.db)
        .await
    {
        Ok(n) if usize::try_from(n).ok() == Some(crate::db::migrations_count()) => {}
        Ok(n) => problems.push(format!(
            "migrations: {n} of {} applied",
            crate::db::migrations_count()
        )),
        Err(e) => problems.push(format!("database: {e}")),
    }
    if let Err(e) = state.documents.writable().await {
        problems.push(format!("documents: {e}"));
    }
    if problems.is_empty() {
        Json(serde_json::json!({"status": "ready"})).into_response()
    } else {
        tracing::warn!(?problems, "not ready");
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({"status": "not ready", "problems": problems})),
        )
            .into_response()
    }
}

/// Compares two secrets in time independent of where they differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = state.metrics_token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !same_secret(given.as_bytes(), token.as_bytes()) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let m = &state.metrics;
    let now = crate::db::now_text();
    let count = |sql: &'static str| {
        let db = state.db.clone();
        let now = now.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .bind(now)
                .fetch_one(&db)
                .await
                .unwrap_or(-1)
        }
    };
    m.outbox_backlog.set(
        count(
            "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND $1 <> ''",
        )
        .await,
    );
    m.outbox_failed
        .set(count("SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL AND $1 <> ''").await);
    m.overdue_steps.set(
        count("SELECT COUNT(*) FROM case_steps WHERE finished_at IS NULL AND due_at < $1").await,
    );
    let mut out = Vec::new();
    if let Err(e) = prometheus::TextEncoder::new().encode(&m.registry.gather(), &mut out) {
        return crate::error::AppError::internal(e).into_response();
    }
    (
        [(header::CONTENT_TYPE, prometheus::TEXT_FORMAT.to_owned())],
        out,
    )
        .into_response()
}
