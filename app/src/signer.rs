//! The signers: two ways to make a detached CMS signature over bytes the server gave out.
//!
//! - **Key file** (PKCS#12 with its password): done by the `signer` Web Worker, a separate
//!   WASM module that the browser fetches only the first time a signature is needed, so the
//!   portal's first load does not carry the crypto code. The file and the password go to the
//!   worker inside this page and nowhere else; only the signature is sent to the server.
//! - **NCALayer**: the national desktop signing app, over its local WebSocket
//!   (`createCAdESFromBase64`); the key may be on a token and never touches the browser.
//!
//! Both return the same `SignatureRequest`, so the pages do not care which one signed.

use domain::api::SignatureRequest;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

// `raw_module`: imported by this absolute path as it is; wasm-bindgen would copy an
// `inline_js` snippet into every module built from this crate, and Trunk preload it there.
#[wasm_bindgen(raw_module = "/signer-client.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = callSigner)]
    async fn call_signer(request: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = fileBase64)]
    async fn file_base64(file: &web_sys::File) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = ncaLayerSign)]
    async fn nca_layer_sign(url: &str, key_type: &str, data_b64: &str) -> Result<JsValue, JsValue>;
}

/// Why signing did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    NoFile,
    NoPassword,
    NotAKeyFile,
    WrongPassword,
    /// The file's encryption or key type is not one the browser signer reads.
    Unsupported,
    /// NCALayer is not running (or not reachable at its address).
    NcaLayerUnavailable,
    /// NCALayer answered with an error (the user cancelled, no key on the token…).
    NcaLayerRefused(String),
    Failed,
}

/// What the key is for: NCALayer picks the sign-in or the signing key by this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyUse {
    SignIn,
    Signing,
}

/// How the user chose to sign.
#[derive(Debug, Clone)]
pub enum SignWith {
    KeyFile {
        file: Option<web_sys::File>,
        password: String,
    },
    NcaLayer {
        url: String,
    },
}

#[derive(Debug, Deserialize)]
struct Reply {
    ok: bool,
    certificate: Option<String>,
    chain: Option<Vec<String>>,
    cms: Option<String>,
    error: Option<String>,
}

fn worker_error(code: Option<&str>) -> SignError {
    match code {
        Some("wrong_password") => SignError::WrongPassword,
        Some("not_pkcs12") | Some("incomplete") => SignError::NotAKeyFile,
        Some("unsupported") => SignError::Unsupported,
        _ => SignError::Failed,
    }
}

async fn ask_worker(request: serde_json::Value) -> Result<Reply, SignError> {
    let answer = call_signer(&request.to_string())
        .await
        .map_err(|_| SignError::Failed)?;
    let reply: Reply = serde_json::from_str(&answer.as_string().unwrap_or_default())
        .map_err(|_| SignError::Failed)?;
    if reply.ok {
        Ok(reply)
    } else {
        Err(worker_error(reply.error.as_deref()))
    }
}

async fn read_file(file: &Option<web_sys::File>, password: &str) -> Result<String, SignError> {
    let file = file.as_ref().ok_or(SignError::NoFile)?;
    if password.is_empty() {
        return Err(SignError::NoPassword);
    }
    file_base64(file)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or(SignError::NotAKeyFile)
}

/// Signs `payload_b64` (bytes the server built) as chosen; returns the detached CMS.
pub async fn sign(
    with: &SignWith,
    key_use: KeyUse,
    payload_b64: &str,
) -> Result<SignatureRequest, SignError> {
    match with {
        SignWith::KeyFile { file, password } => {
            let file = read_file(file, password).await?;
            let now = (js_sys::Date::now() / 1000.0) as u64;
            let reply = ask_worker(serde_json::json!({
                "op": "sign", "file": file, "password": password, "data": payload_b64, "time": now,
            }))
            .await?;
            Ok(SignatureRequest {
                cms_b64: reply.cms.ok_or(SignError::Failed)?,
            })
        }
        SignWith::NcaLayer { url } => {
            let key_type = match key_use {
                KeyUse::SignIn => "AUTHENTICATION",
                KeyUse::Signing => "SIGNATURE",
            };
            let cms = nca_layer_sign(url, key_type, payload_b64)
                .await
                .map_err(|e| {
                    let msg = js_sys::Error::from(e)
                        .message()
                        .as_string()
                        .unwrap_or_default();
                    match msg.strip_prefix("ncalayer-refused:") {
                        Some(why) => SignError::NcaLayerRefused(why.to_owned()),
                        None => SignError::NcaLayerUnavailable,
                    }
                })?;
            Ok(SignatureRequest {
                cms_b64: cms.as_string().ok_or(SignError::Failed)?,
            })
        }
    }
}

/// Opens a key file with its password in the worker: the certificate (base64 DER) and the
/// issuing authority's, for the signing preflight (the server reads and judges them).
pub async fn open_key_file(
    file: &Option<web_sys::File>,
    password: &str,
) -> Result<(String, Vec<String>), SignError> {
    let file = read_file(file, password).await?;
    let reply =
        ask_worker(serde_json::json!({"op": "open", "file": file, "password": password})).await?;
    Ok((
        reply.certificate.ok_or(SignError::Failed)?,
        reply.chain.unwrap_or_default(),
    ))
}
