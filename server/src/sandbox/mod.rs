//! Stand-ins for the external state systems, for development, demos and tests.
//!
//! Each speaks HTTP exactly as the portal's adapters expect, so replacing one with the real
//! system is a change of configuration (a base URL and a key), not of code. The default `run`
//! mounts them under `/sandbox`; production turns them off with `SANDBOX=off`.

pub mod ca;
pub mod gateway;
pub mod people;

use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The sandbox's routes: the practice page, the certification authority and the payment
/// gateway.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sandbox", get(practice_page))
        .route("/sandbox/", get(practice_page))
        .route("/sandbox/ca/root.pem", get(root_certificate))
        .route("/sandbox/ca/keys/{iin}", get(key_file))
        .merge(gateway::router())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// "Practice mode": the fictional people and their key files.
async fn practice_page(State(state): State<AppState>) -> Response {
    let Some(sandbox) = state.sandbox.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut rows = String::new();
    for p in people::people() {
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"/sandbox/ca/keys/{}\" download=\"{}\">{}</a></td></tr>",
            escape(&p.full_name()),
            p.iin,
            escape(p.role.label()),
            escape(&p.login.map(|l| format!("{l} / {}", people::DEMO_PASSWORD)).unwrap_or_default()),
            p.iin,
            p.key_file_name(),
            p.key_file_name()
        ));
    }
    let _ = sandbox;
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sandbox: practice mode</title>\
         <link rel=\"stylesheet\" href=\"/sandbox.css\"></head><body><main>\
         <h1>Sandbox: practice mode</h1>\
         <p>Fictional people of the sandbox certification authority. Their IINs are valid, their key files \
         sign with ECDSA P-256 and chain to the sandbox root. Nothing here is a real person or a real key.</p>\
         <table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">IIN</th><th scope=\"col\">Role</th>\
         <th scope=\"col\">Staff sign-in</th><th scope=\"col\">Key file</th></tr></thead><tbody>{rows}</tbody></table>\
         <p><a href=\"/sandbox/ca/root.pem\">Root certificate</a> · <a href=\"/\">Back to the portal</a></p>\
         </main></body></html>"
    ))
    .into_response()
}

async fn root_certificate(State(state): State<AppState>) -> Response {
    match state.sandbox.as_ref() {
        Some(s) => (
            [(header::CONTENT_TYPE, "application/x-pem-file")],
            s.ca.root_pem().to_owned(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn key_file(State(state): State<AppState>, Path(iin): Path<String>) -> Response {
    let Some(sandbox) = state.sandbox.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some(person) = people::people().into_iter().find(|p| p.iin.as_str() == iin) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match sandbox.ca.key_file(&person) {
        Ok(pem) => (
            [
                (header::CONTENT_TYPE, "application/x-pem-file".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", person.key_file_name()),
                ),
            ],
            pem,
        )
            .into_response(),
        Err(e) => crate::error::AppError::internal(e).into_response(),
    }
}

/// The sandbox systems a running portal holds.
pub struct Sandbox {
    pub ca: ca::SandboxCa,
    pub gateway: gateway::GatewayKeys,
}
