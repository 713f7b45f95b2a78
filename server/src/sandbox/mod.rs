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
        .route("/sandbox/ca/keys/{file}", get(key_file))
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
    let link = |name: String| {
        format!("<a href=\"/sandbox/ca/keys/{name}\" download=\"{name}\">{name}</a>")
    };
    for p in people::people() {
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&p.full_name()),
            p.iin,
            escape(p.role.label()),
            escape(
                &p.login
                    .map(|l| format!("{l} / {}", people::DEMO_PASSWORD))
                    .unwrap_or_default()
            ),
            link(p.key_file_name(ca::KeyPurpose::SignIn)),
            link(p.key_file_name(ca::KeyPurpose::Signing)),
        ));
    }
    let _ = sandbox;
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sandbox: practice mode</title>\
         <link rel=\"stylesheet\" href=\"/sandbox.css\"></head><body><main>\
         <h1>Sandbox: practice mode</h1>\
         <p>Fictional people of the sandbox certification authority. Their IINs are valid, their key files \
         sign with ECDSA P-256 and chain to the sandbox root: <code>AUTH_</code> files sign in, \
         <code>RSA256_</code> files sign requests and licences. Nothing here is a real person or a real key.</p>\
         <table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">IIN</th><th scope=\"col\">Role</th>\
         <th scope=\"col\">Staff sign-in</th><th scope=\"col\">Sign-in key</th><th scope=\"col\">Signing key</th></tr></thead><tbody>{rows}</tbody></table>\
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

async fn key_file(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(sandbox) = state.sandbox.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let found = people::people().into_iter().find_map(|p| {
        [ca::KeyPurpose::SignIn, ca::KeyPurpose::Signing]
            .into_iter()
            .find(|k| p.key_file_name(*k) == file)
            .map(|k| (p.clone(), k))
    });
    let Some((person, purpose)) = found else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match sandbox.ca.key_file(&person, purpose) {
        Ok(pem) => (
            [
                (header::CONTENT_TYPE, "application/x-pem-file".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file}\""),
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
