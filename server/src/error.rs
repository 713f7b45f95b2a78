//! Server errors and how they reach the wire.
//!
//! Handlers return [`AppError`]. Its response carries the error in an extension; the
//! [`localize_errors`] middleware then writes the one wire shape ([`domain::ApiError`]) in the
//! language the request asked for. Internal errors are logged once here and never shown.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::form::FieldError;
use domain::{ApiError, ErrorCode, Lang};

/// An error a handler returns.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0:?}")]
    Api(ErrorCode),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("internal: {0}")]
    Internal(String),
}

impl AppError {
    pub fn internal(e: impl std::fmt::Display) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<ErrorCode> for AppError {
    fn from(c: ErrorCode) -> Self {
        AppError::Api(c)
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(format!("database: {e}"))
    }
}

impl From<crate::db::applications::TransitionError> for AppError {
    fn from(e: crate::db::applications::TransitionError) -> Self {
        AppError::Internal(format!("transition: {e}"))
    }
}

impl From<crate::documents::StoreError> for AppError {
    fn from(e: crate::documents::StoreError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        AppError::Internal(format!("io: {e}"))
    }
}

pub type AppResult<T> = Result<T, AppError>;

fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::BadRequest | ErrorCode::ValidationFailed | ErrorCode::UnsupportedFileType => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        ErrorCode::Unauthenticated | ErrorCode::WrongPassword | ErrorCode::AuthorisationRefused => {
            StatusCode::UNAUTHORIZED
        }
        ErrorCode::Forbidden | ErrorCode::ApplicantTypeNotServed => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::UploadQuotaExceeded => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::Conflict
        | ErrorCode::VersionSuperseded
        | ErrorCode::ChecksPending
        | ErrorCode::AdverseFinding => StatusCode::CONFLICT,
        ErrorCode::PersonNotFound | ErrorCode::PowerOfAttorneyInvalid => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        ErrorCode::PaymentNotFound => StatusCode::PAYMENT_REQUIRED,
        ErrorCode::EdsNotConfirmed => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::TooManyAttempts | ErrorCode::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::SignatureRequired => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::OfficialSignatureInvalid => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::ExternalSystemUnavailable => StatusCode::BAD_GATEWAY,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The error carried from a handler to the localising middleware.
#[derive(Debug, Clone)]
struct PendingError {
    code: ErrorCode,
    fields: Vec<FieldError>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let pending = match self {
            AppError::Api(code) => PendingError {
                code,
                fields: vec![],
            },
            AppError::Validation(fields) => PendingError {
                code: ErrorCode::ValidationFailed,
                fields,
            },
            AppError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                PendingError {
                    code: ErrorCode::Internal,
                    fields: vec![],
                }
            }
        };
        let mut response = status_of(pending.code).into_response();
        // Without the middleware (e.g. a bare router in a unit test) the body is still valid.
        let body = ApiError::validation(&pending.fields, Lang::Ru);
        let body = ApiError {
            request_id: None,
            code: pending.code,
            message: pending.code.message(Lang::Ru).to_owned(),
            fields: body.fields,
        };
        *response.body_mut() = serde_json::to_vec(&body).unwrap_or_default().into();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response.extensions_mut().insert(pending);
        response
    }
}

/// The language a request asks for: the `lang` cookie set by the app, else `Accept-Language`,
/// else Russian (the portal's default).
pub fn request_lang(headers: &axum::http::HeaderMap) -> Lang {
    let from_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("lang=").and_then(Lang::parse));
    from_cookie
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::parse)
        })
        .unwrap_or_default()
}

/// The error code an API answer with this status stands for, when it did not come from a
/// handler (a layer's or the framework's own rejection).
fn code_of_status(status: StatusCode) -> ErrorCode {
    match status {
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::UNAUTHORIZED => ErrorCode::Unauthenticated,
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        StatusCode::CONFLICT => ErrorCode::Conflict,
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::TooManyAttempts,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedFileType,
        s if s.is_server_error() => ErrorCode::Internal,
        _ => ErrorCode::BadRequest,
    }
}

/// Rewrites error bodies in the request's language. An API error that did not come from a
/// handler (a body over the limit, a framework rejection) is given the API's shape too, so a
/// client never has to read plain text.
pub async fn localize_errors(request: Request, next: Next) -> Response {
    let lang = request_lang(request.headers());
    let request_id = crate::http_policy::request_id(request.headers());
    let is_api = request.uri().path().starts_with("/api/") || request.uri().path() == "/api";
    let mut response = next.run(request).await;
    let pending = response.extensions_mut().remove::<PendingError>();
    let pending = match pending {
        Some(p) => Some(p),
        None if is_api
            && (response.status().is_client_error() || response.status().is_server_error()) =>
        {
            let code = code_of_status(response.status());
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response.headers_mut().remove(header::CONTENT_LENGTH);
            Some(PendingError {
                code,
                fields: vec![],
            })
        }
        None => None,
    };
    if let Some(pending) = pending {
        let mut body = ApiError::validation(&pending.fields, lang);
        body.code = pending.code;
        body.message = pending.code.message(lang).to_owned();
        body.request_id = request_id;
        *response.body_mut() = serde_json::to_vec(&body).unwrap_or_default().into();
    }
    response
}
