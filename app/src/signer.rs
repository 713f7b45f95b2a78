//! The signer: signs bytes the server gave out with the key file the user picks.
//!
//! The key file and everything in it stay in the browser: the file is read locally, the key is
//! imported into WebCrypto as non-extractable, and only the signature and the certificate are
//! sent. WebCrypto is part of the browser, so signing adds almost nothing to the first load.

use domain::api::SignatureRequest;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
function b64ToBytes(b64) { const s = atob(b64); const u = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i); return u; }
function bytesToB64(u) { let s = ''; for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]); return btoa(s); }
export async function signWithKeyFile(file, payloadB64) {
  const pem = await file.text();
  const k = pem.match(/-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/);
  const c = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/);
  if (!k || !c) throw new Error('not-a-key-file');
  let key;
  try {
    key = await crypto.subtle.importKey('pkcs8', b64ToBytes(k[1].replace(/\s+/g, '')), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  } catch (e) { throw new Error('unsupported-key'); }
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, b64ToBytes(payloadB64));
  return JSON.stringify({ signature_b64: bytesToB64(new Uint8Array(sig)), certificate_pem: c[0] });
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = signWithKeyFile)]
    async fn sign_with_key_file(
        file: &web_sys::File,
        payload_b64: &str,
    ) -> Result<JsValue, JsValue>;
}

/// Why signing did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    NoFile,
    NotAKeyFile,
    Failed,
}

/// Signs `payload_b64` with the key file chosen in `input`.
pub async fn sign(
    input: &web_sys::HtmlInputElement,
    payload_b64: &str,
) -> Result<SignatureRequest, SignError> {
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or(SignError::NoFile)?;
    let out = sign_with_key_file(&file, payload_b64).await.map_err(|e| {
        let msg = js_sys::Error::from(e)
            .message()
            .as_string()
            .unwrap_or_default();
        if msg == "not-a-key-file" || msg == "unsupported-key" {
            SignError::NotAKeyFile
        } else {
            SignError::Failed
        }
    })?;
    let text = out.as_string().ok_or(SignError::Failed)?;
    serde_json::from_str(&text).map_err(|_| SignError::Failed)
}
