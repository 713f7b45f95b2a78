//! A stand-in for NCALayer, the national desktop signing app, speaking its local WebSocket
//! protocol (`wss://127.0.0.1:13579/` on a real computer), so the portal's second signer is
//! tested against the same messages a real deployment sees.
//!
//! On connecting, NCALayer greets with `{"result":{"version":…}}`. Requests are
//! `{"module":"kz.gov.pki.knca.commonUtils","method":…,"args":[…]}`; answers are
//! `{"code":"200","responseObject":…}` or `{"code":"500","message":…}`. Supported:
//! `getActiveTokens`, `getKeyInfo` and `createCAdESFromBase64` (`[storage, "SIGNATURE" |
//! "AUTHENTICATION", base64 data, attach]`), which returns a CMS signature, detached unless
//! `attach` is true (attached ones are refused here: the portal never asks for them).
//!
//! The real app asks its user to pick a key and type the password; the stand-in signs with
//! the keys of the demo person "put into NCALayer" on the practice page, opened with the demo
//! key password.

use super::people::{self, DemoPerson, KeyPurpose, KEY_PASSWORD};
use super::state::{Sandbox, Shared};
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Value};

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/sandbox/ncalayer", get(connect))
        .route("/sandbox/ncalayer/token", post(insert_token))
}

/// The token id of a demo person's keys: the IIN, and the BIN for company keys.
pub fn token_id(p: &DemoPerson) -> String {
    match &p.company {
        Some((c, _)) => format!("{}_{}", p.iin, c.bin),
        None => p.iin.to_string(),
    }
}

fn token_path(sandbox: &Sandbox) -> std::path::PathBuf {
    sandbox.dir.join("ncalayer-token")
}

/// The token currently "plugged in", if any.
pub fn inserted_token(sandbox: &Sandbox) -> Option<String> {
    std::fs::read_to_string(token_path(sandbox))
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

#[derive(Debug, Deserialize)]
struct TokenForm {
    iin: String,
    #[serde(default)]
    bin: String,
}

/// Practice mode: plugs a demo person's keys into the stand-in.
async fn insert_token(State(sandbox): State<Shared>, Form(form): Form<TokenForm>) -> Response {
    let id = if form.bin.is_empty() {
        form.iin
    } else {
        format!("{}_{}", form.iin, form.bin)
    };
    if !people::people().iter().any(|p| token_id(p) == id) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match std::fs::write(token_path(&sandbox), id) {
        Ok(()) => Redirect::to("/sandbox").into_response(),
        Err(e) => crate::error::AppError::from(e).into_response(),
    }
}

async fn connect(ws: WebSocketUpgrade, State(sandbox): State<Shared>) -> Response {
    ws.on_upgrade(move |socket| serve(socket, sandbox))
}

async fn serve(mut socket: WebSocket, sandbox: Shared) {
    let greeting = json!({"result": {"version": "1.4"}}).to_string();
    if socket.send(Message::Text(greeting.into())).await.is_err() {
        return;
    }
    while let Some(Ok(message)) = socket.recv().await {
        let Message::Text(text) = message else {
            continue;
        };
        let answer = answer(&sandbox, text.as_str());
        if socket
            .send(Message::Text(answer.to_string().into()))
            .await
            .is_err()
        {
            return;
        }
    }
}

fn refusal(message: &str) -> Value {
    json!({"code": "500", "message": message})
}

/// Answers one NCALayer request.
pub fn answer(sandbox: &Sandbox, request: &str) -> Value {
    let Ok(request) = serde_json::from_str::<Value>(request) else {
        return refusal("invalid request");
    };
    if request["module"] != "kz.gov.pki.knca.commonUtils" {
        return refusal("unknown module");
    }
    let holder = inserted_token(sandbox)
        .and_then(|id| people::people().into_iter().find(|p| token_id(p) == id));
    let args = request["args"].as_array().cloned().unwrap_or_default();
    let purpose = |i: usize| match args.get(i).and_then(Value::as_str) {
        Some("SIGNATURE") => Some(KeyPurpose::Signing),
        Some("AUTHENTICATION") => Some(KeyPurpose::SignIn),
        _ => None,
    };
    match request["method"].as_str() {
        Some("getActiveTokens") => json!({"code": "200", "responseObject": ["PKCS12"]}),
        Some("getKeyInfo") => {
            // The key type is optional here; without one, the signing key is described.
            let purpose = purpose(1).unwrap_or(KeyPurpose::Signing);
            let Some(holder) = holder else {
                return refusal("action.canceled");
            };
            match sandbox.ca.key_certificate(&holder, purpose) {
                Ok(der) => json!({"code": "200", "responseObject": {
                    "pem": eds::pem("CERTIFICATE", &der),
                    "subjectDn": format!("CN={} {},SERIALNUMBER=IIN{}", holder.surname, holder.given_name, holder.iin),
                }}),
                Err(_) => refusal("key unavailable"),
            }
        }
        Some("createCAdESFromBase64") => {
            let Some(purpose) = purpose(1) else {
                return refusal("unknown key type");
            };
            if args.get(3).and_then(Value::as_bool) == Some(true) {
                return refusal("attached signatures are not supported by the stand-in");
            }
            let Some(data) = args
                .get(2)
                .and_then(Value::as_str)
                .and_then(|d| base64::engine::general_purpose::STANDARD.decode(d).ok())
            else {
                return refusal("data is not base64");
            };
            // No token plugged in: what NCALayer answers when its user cancels.
            let Some(holder) = holder else {
                return refusal("action.canceled");
            };
            let signed = sandbox
                .ca
                .key_file(&holder, purpose)
                .ok()
                .and_then(|file| eds::keyfile::open(&file, KEY_PASSWORD).ok())
                .and_then(|key| {
                    let now = u64::try_from(crate::db::unix_now()).ok();
                    eds::cms::sign_detached(&key, &data, now).ok()
                });
            match signed {
                Some(cms) => json!({
                    "code": "200",
                    "responseObject": base64::engine::general_purpose::STANDARD.encode(cms),
                }),
                None => refusal("signing failed"),
            }
        }
        _ => refusal("unknown method"),
    }
}
