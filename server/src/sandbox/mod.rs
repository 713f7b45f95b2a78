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
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

/// The sandbox's routes: the practice page, the certification authority and the payment
/// gateway.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sandbox", get(practice_page))
        .route("/sandbox/", get(practice_page))
        .route("/sandbox/ca/root.pem", get(root_certificate))
        .route("/sandbox/ca/keys/{file}", get(key_file))
        .route("/sandbox/ca/keys/{file}/revoke", post(revoke_key))
        .route("/sandbox/ca/keys/{file}/renew", post(renew_key))
        .route("/sandbox/ca/crl", get(revocation_list))
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
    if state.sandbox.is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut rows = String::new();
    let link = |name: String| {
        format!(
            "<a href=\"/sandbox/ca/keys/{name}\" download=\"{name}\">{name}</a>\
             <form method=\"post\" action=\"/sandbox/ca/keys/{name}/revoke\">\
             <button type=\"submit\" aria-label=\"Revoke {name}\">Revoke</button></form>\
             <form method=\"post\" action=\"/sandbox/ca/keys/{name}/renew\">\
             <button type=\"submit\" aria-label=\"New key for {name}\">New key</button></form>"
        )
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

/// The demo person and key purpose a file name such as `AUTH_<iin>.pem` stands for.
fn find_key(file: &str) -> Option<(people::DemoPerson, ca::KeyPurpose)> {
    people::people().into_iter().find_map(|p| {
        [ca::KeyPurpose::SignIn, ca::KeyPurpose::Signing]
            .into_iter()
            .find(|k| p.key_file_name(*k) == file)
            .map(|k| (p.clone(), k))
    })
}

/// Revokes the current certificate of a key file: it goes into the CRL.
async fn revoke_key(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let (Some(sandbox), Some((person, purpose))) = (state.sandbox.as_ref(), find_key(&file)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let pem = match sandbox.ca.key_file(&person, purpose) {
        Ok(pem) => pem,
        Err(e) => return crate::error::AppError::internal(e).into_response(),
    };
    let serial = crate::pki::pem_certificates(&pem).first().and_then(|der| {
        x509_parser::parse_x509_certificate(der)
            .ok()
            .map(|(_, c)| hex::encode(c.raw_serial()))
    });
    let Some(serial) = serial else {
        return crate::error::AppError::internal("unreadable key file").into_response();
    };
    let r = sqlx::query(
        "INSERT INTO sandbox_revocations (serial, revoked_at) SELECT $1, $2 \
         WHERE NOT EXISTS (SELECT 1 FROM sandbox_revocations WHERE serial = $1)",
    )
    .bind(&serial)
    .bind(crate::db::now_text())
    .execute(&state.db)
    .await;
    match r {
        Ok(_) => Redirect::to("/sandbox").into_response(),
        Err(e) => crate::error::AppError::from(e).into_response(),
    }
}

/// Issues a fresh key in place of the current one (after a revocation, say).
async fn renew_key(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let (Some(sandbox), Some((person, purpose))) = (state.sandbox.as_ref(), find_key(&file)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match sandbox.ca.forget_key_file(&person, purpose) {
        Ok(()) => Redirect::to("/sandbox").into_response(),
        Err(e) => crate::error::AppError::from(e).into_response(),
    }
}

/// The CRL, DER, as certification authorities publish it.
async fn revocation_list(State(state): State<AppState>) -> Response {
    let Some(sandbox) = state.sandbox.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let rows: Result<Vec<(String, String)>, _> =
        sqlx::query_as("SELECT serial, revoked_at FROM sandbox_revocations")
            .fetch_all(&state.db)
            .await;
    let revoked: Vec<(String, time::OffsetDateTime)> = match rows {
        Ok(rows) => rows
            .into_iter()
            .map(|(serial, at)| {
                let at = time::OffsetDateTime::parse(
                    &at,
                    &time::format_description::well_known::Rfc3339,
                )
                .unwrap_or_else(|_| time::OffsetDateTime::now_utc());
                (serial, at)
            })
            .collect(),
        Err(e) => return crate::error::AppError::from(e).into_response(),
    };
    match sandbox.ca.crl(&revoked) {
        Ok(der) => ([(header::CONTENT_TYPE, "application/pkix-crl")], der).into_response(),
        Err(e) => crate::error::AppError::internal(e).into_response(),
    }
}

async fn key_file(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(sandbox) = state.sandbox.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some((person, purpose)) = find_key(&file) else {
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
