//! The HTTP API, one module per area, each with its own `router()`.

pub mod applications;
pub mod attachments;
pub mod auth;
pub mod catalogue;
pub mod drafts;
pub mod eds;
pub mod inbox;
pub mod licences;
pub mod officer;
pub mod payments;
pub mod psc;
pub mod public;
pub mod sessions;
pub mod support;
pub mod written;

use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use domain::api::LicenceStatus;
use domain::ErrorCode;
use serde::de::DeserializeOwned;

/// Every API route.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/config", axum::routing::get(get_config))
        .merge(catalogue::router())
        .merge(auth::router())
        .merge(eds::router())
        .merge(drafts::router())
        .merge(inbox::router())
        .merge(attachments::router())
        .merge(applications::router())
        .merge(licences::router())
        .merge(payments::router())
        .merge(officer::router())
        .merge(sessions::router())
        .merge(psc::router())
        .merge(support::router())
        .merge(public::router())
        .merge(written::router())
}

async fn get_config(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> axum::Json<domain::api::PortalConfigResponse> {
    axum::Json(domain::api::PortalConfigResponse {
        ncalayer_url: state.ncalayer_url.clone(),
        sandbox: state.practice,
    })
}

/// An `/api/...` path no route has: the API's "not found", never the app's page.
pub async fn api_not_found() -> AppError {
    ErrorCode::NotFound.into()
}

/// A known path asked with a method it does not take.
pub async fn api_method_not_allowed() -> AppError {
    ErrorCode::MethodNotAllowed.into()
}

/// The header the app sends with every state-changing request. A cross-site form cannot set
/// it, so requests without it are refused (protection against request forgery, on top of
/// SameSite cookies).
pub const APP_HEADER: &str = "x-portal-request";

pub async fn require_app_header(request: Request, next: Next) -> Response {
    let exempt = request.uri().path() == "/api/payments/callback";
    let changes_state = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if changes_state
        && !exempt
        && request.uri().path().starts_with("/api/")
        && !request.headers().contains_key(APP_HEADER)
    {
        return axum::response::IntoResponse::into_response(AppError::Api(ErrorCode::Forbidden));
    }
    next.run(request).await
}

/// A JSON body whose rejection has the API's error shape.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Body(v)),
            Err(e) => {
                tracing::debug!(error = %e, "bad request body");
                Err(ErrorCode::BadRequest.into())
            }
        }
    }
}

pub use crate::engine::today_kz;

/// A keyset page's `after`, as a list handed it out (`key|id`); anything else is a bad request.
pub fn page_after(after: Option<String>) -> AppResult<Option<String>> {
    match after {
        Some(a) if !a.contains('|') || a.len() > 200 => Err(ErrorCode::BadRequest.into()),
        other => Ok(other),
    }
}

/// A query string whose rejection has the API's error shape.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Query(v)),
            Err(e) => {
                tracing::debug!(error = %e, "bad query string");
                Err(ErrorCode::BadRequest.into())
            }
        }
    }
}

/// Path parameters whose rejection has the API's error shape.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(e) => {
                tracing::debug!(error = %e, "bad path parameter");
                Err(ErrorCode::NotFound.into())
            }
        }
    }
}

/// A file for the browser: `attachment` to download it, `inline` to show (print) it.
pub fn file_response(
    content_type: &str,
    disposition: &str,
    filename: &str,
    bytes: Vec<u8>,
) -> Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{filename}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A detached signature and what it is over, as a JSON file to keep (`*.sig.json`).
pub fn signature_file(filename: &str, body: serde_json::Value) -> AppResult<Response> {
    let bytes = serde_json::to_vec_pretty(&body).map_err(AppError::internal)?;
    Ok(file_response(
        "application/json",
        "attachment",
        filename,
        bytes,
    ))
}

/// The case's signed licence (valid, or since re-issued, suspended or terminated).
pub async fn valid_licence(
    state: &AppState,
    application_id: &str,
) -> AppResult<db::licences::LicenceRow> {
    db::licences::of_application(&state.db, application_id)
        .await?
        .filter(|l| l.status != LicenceStatus::PendingSignature && l.signature.is_some())
        .ok_or(AppError::Api(ErrorCode::NotFound))
}

/// The licence's PDF as a file.
pub async fn licence_pdf(
    state: &AppState,
    licence: &db::licences::LicenceRow,
    disposition: &str,
) -> AppResult<Response> {
    let pdf = state.documents.get(&licence.pdf_sha256).await?;
    Ok(file_response(
        "application/pdf",
        disposition,
        &format!("licence-{}.pdf", licence.number),
        pdf,
    ))
}

/// An official's detached CMS as a `.p7s` file (DER), which `openssl cms -verify` reads with
/// the document beside it.
pub fn p7s_file(filename: &str, signature_b64: Option<&str>) -> AppResult<Response> {
    let der = signature_b64
        .and_then(crate::pki::decode_base64)
        .ok_or(AppError::Api(ErrorCode::NotFound))?;
    Ok(file_response(
        "application/pkcs7-signature",
        "attachment",
        filename,
        der,
    ))
}

/// The bytes someone signs (base64), with the same facts as the signer's screen shows them.
pub fn signing_payload(bytes: &[u8], readable: String) -> domain::api::SigningPayloadResponse {
    use base64::Engine;
    domain::api::SigningPayloadResponse {
        payload_b64: base64::engine::general_purpose::STANDARD.encode(bytes),
        readable,
    }
}
