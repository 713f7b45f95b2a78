//! The only place that talks HTTP. Speaks `domain` types; every failure becomes an
//! [`ApiError`] with a message in the user's language.

use crate::i18n::{t, Key};
use domain::api::AttachmentResponse;
use domain::{ApiError, ErrorCode, Lang};
use serde::de::DeserializeOwned;
use serde::Serialize;

fn lang() -> Lang {
    crate::context::stored_lang()
}

fn network_error() -> ApiError {
    ApiError {
        request_id: None,
        code: ErrorCode::Internal,
        message: t(lang(), Key::NetworkError).to_owned(),
        fields: vec![],
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function fetchText(method, url, lang, body) {
  const headers = { 'accept-language': lang, 'x-portal-request': '1' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(url, { method, headers, body }).then((r) => r.text().then((text) => [r.ok, text]));
}
export function uploadWithProgress(url, file, lang, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept-language', lang);
    xhr.setRequestHeader('x-portal-request', '1');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) onProgress(Math.floor(100 * e.loaded / e.total)); };
    xhr.onload = () => resolve(JSON.stringify({ status: xhr.status, body: xhr.responseText }));
    xhr.onerror = () => resolve(JSON.stringify({ status: 0, body: '' }));
    xhr.send(file);
  });
}
"#)]
extern "C" {
    /// `fetch` with the portal's headers: resolves to `[ok, body]`, rejects when the network
    /// fails. Five lines of JavaScript where an HTTP crate (gloo-net's builder, with `http`'s
    /// types) cost each module about 2 KB brotli.
    #[wasm_bindgen(js_name = fetchText)]
    fn fetch_text(method: &str, url: &str, lang: &str, body: Option<String>) -> js_sys::Promise;
    #[wasm_bindgen(js_name = uploadWithProgress)]
    fn upload_with_progress(
        url: &str,
        file: &web_sys::File,
        lang: &str,
        on_progress: &wasm_bindgen::JsValue,
    ) -> js_sys::Promise;
}

/// Sends a request and reads the answer's body, or the error it carries. Not generic: one copy
/// serves every endpoint, and only [`decode`] is compiled per answer type.
async fn send(method: &str, path: &str, body: Option<String>) -> Result<String, ApiError> {
    let answer =
        wasm_bindgen_futures::JsFuture::from(fetch_text(method, path, lang().code(), body))
            .await
            .map_err(|_| network_error())?;
    let answer = js_sys::Array::from(&answer);
    let body = answer.get(1).as_string().ok_or_else(network_error)?;
    if answer.get(0).as_bool() == Some(true) {
        Ok(body)
    } else {
        Err(serde_json::from_str::<ApiError>(&body)
            .unwrap_or_else(|_| ApiError::new(ErrorCode::Internal, lang())))
    }
}

fn decode<T: DeserializeOwned>(body: Result<String, ApiError>) -> Result<T, ApiError> {
    serde_json::from_str(&body?).map_err(|_| network_error())
}

fn encode<B: Serialize>(body: &B) -> Result<Option<String>, ApiError> {
    serde_json::to_string(body)
        .map(Some)
        .map_err(|_| network_error())
}

/// An answer's body as it came, for what is kept as it is (the QR statement keys).
pub async fn get_text(path: &str) -> Result<String, ApiError> {
    send("GET", path, None).await
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(send("GET", path, None).await)
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    decode(send("POST", path, encode(body)?).await)
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    decode(send("PUT", path, encode(body)?).await)
}

pub async fn delete<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(send("DELETE", path, None).await)
}

/// Waits `ms` milliseconds (for debouncing).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Uploads a file as the raw request body, reporting the percentage sent (fetch cannot
/// report upload progress, so this one request uses XMLHttpRequest).
pub async fn upload(
    path: &str,
    file: &web_sys::File,
    on_progress: impl Fn(u32) + 'static,
) -> Result<AttachmentResponse, ApiError> {
    use wasm_bindgen::closure::Closure;
    let progress = Closure::<dyn Fn(u32)>::new(on_progress);
    let promise = upload_with_progress(path, file, lang().code(), progress.as_ref());
    let outcome = wasm_bindgen_futures::JsFuture::from(promise).await;
    drop(progress);
    #[derive(serde::Deserialize)]
    struct Outcome {
        status: u16,
        body: String,
    }
    let outcome: Outcome = outcome
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|s| serde_json::from_str(&s).ok())
        .ok_or_else(network_error)?;
    match outcome.status {
        0 => Err(network_error()),
        200..=299 => serde_json::from_str(&outcome.body).map_err(|_| network_error()),
        _ => Err(serde_json::from_str::<ApiError>(&outcome.body)
            .unwrap_or_else(|_| ApiError::new(ErrorCode::Internal, lang()))),
    }
}
