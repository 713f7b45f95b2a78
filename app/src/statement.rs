//! The licence's QR statement, verified in the browser: the portal's public keys are kept on
//! this device (fetched whenever the check page opens online), and the signature (ECDSA P-256
//! over SHA-256, r‖s) is checked by the browser's WebCrypto, so a printed licence's QR code can
//! be told genuine with the network cut. The server's own check is
//! `server::licences::statement::verify`; the format is `<base64url JSON>.<base64url signature>`.

use domain::licence::{Statement, StatementKey};
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const STORED_KEYS: &str = "statement-keys";

/// What a QR code's content turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Signed by one of the portal's keys: what it says.
    Genuine(Statement),
    /// It claims to be a statement, and its signature does not verify.
    Forged,
    /// Not a statement of the portal at all.
    NotAStatement,
    /// This device has no key of the portal yet (never opened the check page online).
    NoKey,
    /// The browser offers no WebCrypto (an insecure address, a very old browser).
    Unsupported,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The keys kept on this device.
pub fn stored_keys() -> Vec<StatementKey> {
    storage()
        .and_then(|s| s.get_item(STORED_KEYS).ok().flatten())
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default()
}

/// Fetches the portal's keys and keeps them on this device as the server wrote them, when
/// they read as keys (quietly does nothing offline). Kept as text: the module need not carry
/// a JSON writer for them.
pub async fn refresh_keys() {
    if let Ok(json) = crate::client::statement_keys_json().await {
        let keys = serde_json::from_str::<Vec<StatementKey>>(&json).unwrap_or_default();
        if let (Some(s), false) = (storage(), keys.is_empty()) {
            let _ = s.set_item(STORED_KEYS, &json);
        }
    }
}

/// The token a QR code's content carries: the fragment `s=` of a check address, or the token
/// itself.
pub fn token_of(content: &str) -> Option<&str> {
    let content = content.trim();
    let token = match content.split_once("#s=") {
        Some((_, t)) => t,
        None => content,
    };
    let token = token.split(['&', ' ']).next().unwrap_or_default();
    (token.contains('.') && !token.is_empty()).then_some(token)
}

fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut standard: String = s
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !standard.len().is_multiple_of(4) {
        standard.push('=');
    }
    base64_decode(&standard)
}

fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let binary = web_sys::window()?.atob(s).ok()?;
    binary
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect()
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

async fn call(target: &JsValue, method: &str, args: &Array) -> Result<JsValue, JsValue> {
    let f: Function = get(target, method)
        .ok_or_else(|| JsValue::from_str(method))?
        .dyn_into()?;
    let promise: Promise = f.apply(target, args)?.dyn_into()?;
    JsFuture::from(promise).await
}

fn object(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

/// Whether `signature` (r‖s) over `data` verifies with the key (SPKI DER), by WebCrypto.
async fn webcrypto_verifies(spki: &[u8], signature: &[u8], data: &[u8]) -> Result<bool, ()> {
    let window: JsValue = web_sys::window().ok_or(())?.into();
    let subtle = get(&window, "crypto")
        .and_then(|c| get(&c, "subtle"))
        .ok_or(())?;
    let usages = Array::of1(&JsValue::from_str("verify"));
    let key = call(
        &subtle,
        "importKey",
        &Array::of5(
            &JsValue::from_str("spki"),
            &Uint8Array::from(spki),
            &object(&[("name", "ECDSA"), ("namedCurve", "P-256")]),
            &JsValue::FALSE,
            &usages,
        ),
    )
    .await
    .map_err(|_| ())?;
    let ok = call(
        &subtle,
        "verify",
        &Array::of4(
            &object(&[("name", "ECDSA"), ("hash", "SHA-256")]),
            &key,
            &Uint8Array::from(signature),
            &Uint8Array::from(data),
        ),
    )
    .await
    .map_err(|_| ())?;
    Ok(ok.as_bool() == Some(true))
}

/// Verifies a QR code's content on this device.
pub async fn verify(content: &str) -> Verdict {
    let Some(token) = token_of(content) else {
        return Verdict::NotAStatement;
    };
    let Some((payload, signature)) = token.split_once('.') else {
        return Verdict::NotAStatement;
    };
    let Some(statement) =
        // As text, like every other answer: one JSON reader in the module, not two.
        base64url_decode(payload)
            .and_then(|json| String::from_utf8(json).ok())
            .and_then(|json| serde_json::from_str::<Statement>(&json).ok())
    else {
        return Verdict::NotAStatement;
    };
    let keys = stored_keys();
    if keys.is_empty() {
        return Verdict::NoKey;
    }
    // A statement naming a key this device does not know is not one of the portal's.
    let Some(key) = keys.iter().find(|k| k.id == statement.k) else {
        return Verdict::Forged;
    };
    let (Some(spki), Some(signature)) = (base64_decode(&key.spki_b64), base64url_decode(signature))
    else {
        return Verdict::Forged;
    };
    match webcrypto_verifies(&spki, &signature, payload.as_bytes()).await {
        Ok(true) => Verdict::Genuine(statement),
        Ok(false) => Verdict::Forged,
        Err(()) => Verdict::Unsupported,
    }
}
