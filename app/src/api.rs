//! The only place that talks HTTP. Speaks `domain` types; every failure becomes an
//! [`ApiError`] with a message in the user's language.

use crate::i18n::{t, Key};
use domain::api::AttachmentResponse;
use domain::{ApiError, ErrorCode, Lang};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Read by the server to refuse cross-site form posts.
const APP_HEADER: &str = "x-portal-request";

fn lang() -> Lang {
    crate::stored_lang()
}

fn network_error() -> ApiError {
    ApiError {
        code: ErrorCode::Internal,
        message: t(lang(), Key::NetworkError).to_owned(),
        fields: vec![],
    }
}

fn prepare(builder: RequestBuilder) -> RequestBuilder {
    builder
        .header("accept-language", lang().code())
        .header(APP_HEADER, "1")
}

async fn read<T: DeserializeOwned>(
    response: Result<Response, gloo_net::Error>,
) -> Result<T, ApiError> {
    let response = response.map_err(|_| network_error())?;
    if response.ok() {
        response.json::<T>().await.map_err(|_| network_error())
    } else {
        Err(response
            .json::<ApiError>()
            .await
            .unwrap_or_else(|_| ApiError::new(ErrorCode::Internal, lang())))
    }
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    read(prepare(Request::get(path)).send().await).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let request = prepare(Request::post(path))
        .json(body)
        .map_err(|_| network_error())?;
    read(request.send().await).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let request = prepare(Request::put(path))
        .json(body)
        .map_err(|_| network_error())?;
    read(request.send().await).await
}

pub async fn delete<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    read(prepare(Request::delete(path)).send().await).await
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

/// Uploads a file as the raw request body.
pub async fn upload(path: &str, file: &web_sys::File) -> Result<AttachmentResponse, ApiError> {
    let request = prepare(Request::post(path))
        .header(
            "x-file-name",
            &js_sys::encode_uri_component(&file.name())
                .as_string()
                .unwrap_or_default(),
        )
        .header("content-type", "application/octet-stream")
        .body(wasm_bindgen::JsValue::from(file.clone()))
        .map_err(|_| network_error())?;
    read(request.send().await).await
}
