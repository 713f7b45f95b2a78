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

#[wasm_bindgen(inline_js = r#"
let worker = null, ready = null;
function startWorker() {
  worker = new Worker('/signer_loader.js');
  ready = new Promise((resolve, reject) => {
    worker.onmessage = (e) => { try { if (JSON.parse(e.data).ready) resolve(); } catch (_) {} };
    worker.onerror = () => { worker = null; reject(new Error('worker-failed')); };
  });
}
export async function callSigner(request) {
  if (!worker) startWorker();
  await ready;
  return await new Promise((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = () => { worker = null; reject(new Error('worker-failed')); };
    worker.postMessage(request);
  });
}
export async function fileBase64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
export function ncaLayerSign(url, keyType, dataB64) {
  return new Promise((resolve, reject) => {
    let ws;
    try { ws = new WebSocket(url); } catch (_) { reject(new Error('ncalayer-unavailable')); return; }
    let answered = false;
    const done = (f, v) => { if (!answered) { answered = true; clearTimeout(timer); try { ws.close(); } catch (_) {} f(v); } };
    const timer = setTimeout(() => done(reject, new Error('ncalayer-timeout')), 180000);
    ws.onerror = () => done(reject, new Error('ncalayer-unavailable'));
    ws.onclose = () => done(reject, new Error('ncalayer-unavailable'));
    ws.onopen = () => ws.send(JSON.stringify({
      module: 'kz.gov.pki.knca.commonUtils', method: 'createCAdESFromBase64',
      args: ['PKCS12', keyType, dataB64, false],
    }));
    ws.onmessage = (e) => {
      let m; try { m = JSON.parse(e.data); } catch (_) { return; }
      if (m.result && m.result.version) return; // the greeting NCALayer sends on connect
      if (String(m.code) === '200' && m.responseObject) done(resolve, m.responseObject);
      else done(reject, new Error('ncalayer-refused:' + (m.message || m.code || '')));
    };
  });
}
"#)]
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
