//! The practice page and the certification authority's own routes: its root and issuing
//! certificates, the demo people's key files (revoke, expire or renew one), and its CRL.

use super::ca;
use super::ncalayer;
use super::people;
use super::state::Shared;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

/// The practice page and the certification authority.
pub fn router() -> Router<Shared> {
    Router::new()
        .route("/sandbox", get(practice_page))
        .route("/sandbox/", get(practice_page))
        .route("/sandbox/ca/root.pem", get(root_certificate))
        .route("/sandbox/ca/issuing.pem", get(issuing_certificate))
        .route("/sandbox/ca/keys/{file}", get(key_file))
        .route("/sandbox/ca/keys/{file}/revoke", post(revoke_key))
        .route("/sandbox/ca/keys/{file}/renew", post(renew_key))
        .route("/sandbox/ca/keys/{file}/expire", post(expire_key))
        .route("/sandbox/ca/crl", get(revocation_list))
        .route("/sandbox/ca/outage", post(crl_outage))
        .route("/sandbox/cases/{number}/overdue", post(make_overdue))
}

/// Practice: lets the open step of a case (by its registration number) run past its deadline,
/// as if its whole term and an hour more had passed, so that trainers and tests see what an
/// overdue step looks like. Only the step's own times move.
async fn make_overdue(State(state): State<Shared>, Path(number): Path<String>) -> Response {
    use crate::engine::timing::parse_time;
    let case = match crate::db::applications::by_number(&state.db, &number).await {
        Ok(Some(c)) => c,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return crate::error::AppError::from(e).into_response(),
    };
    let step = match crate::db::steps::current(&state.db, &case.id).await {
        Ok(Some(s)) => s,
        Ok(None) => return (StatusCode::CONFLICT, "the case has no open step").into_response(),
        Err(e) => return crate::error::AppError::from(e).into_response(),
    };
    let Some(due) = step.due_at.as_deref().and_then(parse_time) else {
        return (StatusCode::CONFLICT, "the open step has no deadline").into_response();
    };
    // Every step of the case moves back by the same time, so that their order stays true.
    let by = due - time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    let steps = match crate::db::steps::history(&state.db, &case.id).await {
        Ok(s) => s,
        Err(e) => return crate::error::AppError::from(e).into_response(),
    };
    let earlier = |t: &str| parse_time(t).map(|t| crate::db::timestamp_text(t - by));
    let mut r = Ok(());
    for s in steps {
        let done = sqlx::query(
            "UPDATE case_steps SET started_at = $1, due_at = $2, finished_at = $3 WHERE id = $4",
        )
        .bind(earlier(&s.started_at))
        .bind(s.due_at.as_deref().and_then(earlier))
        .bind(s.finished_at.as_deref().and_then(earlier))
        .bind(&s.id)
        .execute(&state.db)
        .await;
        if let Err(e) = done {
            r = Err(e);
            break;
        }
    }
    match r {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => crate::error::AppError::from(e).into_response(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// "Practice mode": the fictional people, their companies and their key files.
async fn practice_page(State(state): State<Shared>) -> Response {
    let inserted = ncalayer::inserted_token(&state);
    let mut rows = String::new();
    let link = |name: String| {
        let action = |verb: &str, label: &str, aria: &str| {
            format!(
                "<form method=\"post\" action=\"/sandbox/ca/keys/{name}/{verb}\">\
                 <button type=\"submit\" aria-label=\"{aria} {name}\">{label}</button></form>"
            )
        };
        format!(
            "<a href=\"/sandbox/ca/keys/{name}\" download=\"{name}\">{name}</a>{}{}{}",
            action("revoke", "Revoke", "Revoke"),
            action("expire", "Expire", "Expire"),
            action("renew", "New key", "New key for"),
        )
    };
    for p in people::people() {
        if p.role == people::DemoRole::Support {
            continue;
        }
        let company = p
            .company
            .as_ref()
            .map(|(c, r)| format!("{} · BIN {} · {}", escape(c.name), c.bin, r.code()))
            .unwrap_or_else(|| "individual".to_owned());
        let ncalayer_button =format!(
                "<form method=\"post\" action=\"/sandbox/ncalayer/token\"><input type=\"hidden\" name=\"iin\" value=\"{iin}\">\
                 <input type=\"hidden\" name=\"bin\" value=\"{bin}\">\
                 <button type=\"submit\" aria-label=\"Put the keys of {name} into NCALayer\">{label}</button></form>",
                iin = p.iin,
                bin = p.company.as_ref().map(|(c, _)| c.bin.to_string()).unwrap_or_default(),
                name = escape(&p.full_name()),
                label = if inserted.as_deref() == Some(ncalayer::token_id(&p).as_str()) { "In NCALayer ✓" } else { "Put into NCALayer" },
            );
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&p.full_name()),
            p.iin,
            escape(&match (p.provider, p.region.and_then(domain::regions::name)) {
                (Some(provider), Some(region)) => {
                    format!("{} ({provider}, {})", p.role.label(), region.en)
                }
                (Some(provider), None) => format!("{} ({provider})", p.role.label()),
                _ => p.role.label().to_owned(),
            }),
            company,
            escape(
                &p.login
                    .map(|l| format!("{l} / {}", people::DEMO_PASSWORD))
                    .unwrap_or_default()
            ),
            link(p.key_file_name(ca::KeyPurpose::SignIn)),
            link(p.key_file_name(ca::KeyPurpose::Signing)),
            ncalayer_button,
        ));
    }
    let staff: String = people::people()
        .iter()
        .filter(|p| p.role == people::DemoRole::Support)
        .filter_map(|p| {
            p.login.map(|l| {
                format!(
                    "{} ({l} / {})",
                    escape(&p.full_name()),
                    people::DEMO_PASSWORD
                )
            })
        })
        .collect::<Vec<_>>()
        .join(", ");
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sandbox: practice mode</title>\
         <link rel=\"stylesheet\" href=\"/sandbox.css\"></head><body><main>\
         <h1>Sandbox: practice mode</h1>\
         <p>Fictional people of the sandbox certification authority. Their IINs and BINs are valid; their key files \
         are PKCS#12 (<code>.p12</code>) with the password <strong><code>{key_password}</code></strong>, sign with ECDSA P-256 and \
         chain through the sandbox issuing authority to the sandbox root: <code>AUTH_</code> files sign in, \
         <code>RSA256_</code> files sign requests and licences. A company key (<code>…_&lt;BIN&gt;.p12</code>) signs in for the \
         company, with the holder's role. Revoke a key to see it refused, expire it to see an expired certificate refused, \
         ask for a new key to start again. Nothing here is a real person or a real key.</p>\
         <table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">IIN</th><th scope=\"col\">Role</th>\
         <th scope=\"col\">Company · role</th><th scope=\"col\">Staff sign-in</th><th scope=\"col\">Sign-in key</th>\
         <th scope=\"col\">Signing key</th><th scope=\"col\">NCALayer stand-in</th></tr></thead><tbody>{rows}</tbody></table>\
         <p>The NCALayer stand-in speaks NCALayer's WebSocket protocol at <code>/sandbox/ncalayer</code>: choose \
         <em>NCALayer</em> when signing in or signing, and it signs with the keys of the person put into it here \
         (as if that person's token were plugged in and the password typed in NCALayer's window).</p>\
         <p>Support staff sign in with a password only: {staff}.</p>\
         <p><a href=\"/sandbox/ca/root.pem\">Root certificate</a> · <a href=\"/sandbox/ca/issuing.pem\">Issuing authority</a> · \
         <a href=\"/sandbox/ca/crl\">Revocation list</a> · <a href=\"/\">Back to the portal</a></p>\
         </main></body></html>",
        key_password = people::KEY_PASSWORD,
    ))
    .into_response()
}

async fn root_certificate(State(state): State<Shared>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/x-pem-file")],
        state.ca.root_pem().to_owned(),
    )
        .into_response()
}

async fn issuing_certificate(State(state): State<Shared>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/x-pem-file")],
        state.ca.issuing_pem().to_owned(),
    )
        .into_response()
}

/// The demo person and key purpose a file name such as `AUTH_<iin>.p12` stands for.
fn find_key(file: &str) -> Option<(people::DemoPerson, ca::KeyPurpose)> {
    people::people().into_iter().find_map(|p| {
        [ca::KeyPurpose::SignIn, ca::KeyPurpose::Signing]
            .into_iter()
            .find(|k| p.key_file_name(*k) == file)
            .map(|k| (p.clone(), k))
    })
}

/// Revokes the current certificate of a key file: it goes into the CRL.
async fn revoke_key(State(state): State<Shared>, Path(file): Path<String>) -> Response {
    let Some((person, purpose)) = find_key(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let sandbox = &state;
    let der = match sandbox.ca.key_certificate(&person, purpose) {
        Ok(der) => der,
        Err(e) => return crate::error::AppError::internal(e).into_response(),
    };
    let serial = x509_parser::parse_x509_certificate(&der)
        .ok()
        .map(|(_, c)| hex::encode(c.raw_serial()));
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
async fn renew_key(State(state): State<Shared>, Path(file): Path<String>) -> Response {
    let Some((person, purpose)) = find_key(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let sandbox = &state;
    match sandbox.ca.forget_key_file(&person, purpose) {
        Ok(()) => Redirect::to("/sandbox").into_response(),
        Err(e) => crate::error::AppError::from(e).into_response(),
    }
}

/// Replaces the key with one whose certificate has expired.
async fn expire_key(State(state): State<Shared>, Path(file): Path<String>) -> Response {
    let Some((person, purpose)) = find_key(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let sandbox = &state;
    match sandbox.ca.expire_key_file(&person, purpose) {
        Ok(()) => Redirect::to("/sandbox").into_response(),
        Err(e) => crate::error::AppError::internal(e).into_response(),
    }
}

/// The issuing authority's CRL, DER, as certification authorities publish it.
/// Practice switch: the authority's CRL unreachable (503) or back.
async fn crl_outage(
    State(state): State<Shared>,
    axum::Json(req): axum::Json<super::registries::OutageRequest>,
) -> StatusCode {
    state
        .crl_down
        .store(req.on, std::sync::atomic::Ordering::SeqCst);
    StatusCode::NO_CONTENT
}

async fn revocation_list(State(state): State<Shared>) -> Response {
    let sandbox = &state;
    if sandbox.crl_down.load(std::sync::atomic::Ordering::SeqCst) {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    sandbox
        .crl_downloads
        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
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

async fn key_file(State(state): State<Shared>, Path(file): Path<String>) -> Response {
    let sandbox = &state;
    let Some((person, purpose)) = find_key(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match sandbox.ca.key_file(&person, purpose) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/x-pkcs12".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file}\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => crate::error::AppError::internal(e).into_response(),
    }
}
