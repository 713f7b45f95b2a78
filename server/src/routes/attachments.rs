//! Attachment upload and download.
//!
//! An upload names the service, variant and slot it is for; its type is judged by its bytes
//! against the slot's allowed types, its size against the slot's limit.

use super::{Path, Query};
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::api::{AttachmentResponse, Role};
use domain::case::CaseStatus;
use domain::catalogue::FieldKind;
use domain::ErrorCode;
use serde::Deserialize;

/// The largest body accepted at all; each slot has its own, smaller or equal, limit.
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/attachments",
            post(upload_attachment).layer(DefaultBodyLimit::max(MAX_UPLOAD)),
        )
        .route("/api/attachments/{id}", get(download_attachment))
}

#[derive(Deserialize)]
struct SlotQuery {
    service: String,
    /// The definition version being filled in; none: the current one.
    version: Option<u32>,
    variant: String,
    slot: String,
}

async fn upload_attachment(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<SlotQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Json<AttachmentResponse>> {
    user.require(Role::Applicant)?;
    let service = state.definition_for_new(&q.service, q.version)?;
    let variant = service.variant(&q.variant).ok_or(ErrorCode::NotFound)?;
    let field = variant
        .fields
        .iter()
        .find(|f| f.key == q.slot)
        .ok_or(ErrorCode::NotFound)?;
    let FieldKind::File { accept, max_bytes } = &field.kind else {
        return Err(ErrorCode::BadRequest.into());
    };
    if body.is_empty() {
        return Err(ErrorCode::BadRequest.into());
    }
    if body.len() as u64 > *max_bytes {
        return Err(ErrorCode::PayloadTooLarge.into());
    }
    if !crate::uploads::within_quota(&state, &user.id, body.len() as i64).await? {
        return Err(ErrorCode::UploadQuotaExceeded.into());
    }
    let content_type = domain::form::sniff_content_type(&body)
        .filter(|t| accept.iter().any(|a| a == t))
        .ok_or(ErrorCode::UnsupportedFileType)?;
    let filename = headers
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| urlencoding::decode(v).ok())
        .map(|v| {
            v.chars()
                .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
                .take(200)
                .collect::<String>()
        })
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "document".to_owned());
    let sha256 = state.documents.put(&body).await?;
    let row = db::attachments::AttachmentRow {
        id: db::new_id(),
        owner_id: user.id.clone(),
        service_code: service.code.clone(),
        slot: q.slot,
        filename,
        content_type: content_type.to_owned(),
        size: body.len() as i64,
        sha256,
    };
    db::attachments::insert(&state.db, &row).await?;
    Ok(Json(row.to_response()))
}

/// The owner may download; so may an officer who may open the submitted case it is attached
/// to (the provider's, and for regional staff their region's: the same reach as the case).
/// Anyone else gets "not found", which reveals nothing.
async fn download_attachment(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let row = db::attachments::by_id(&state.db, &id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    let allowed = match user.role {
        Role::Applicant => row.owner_id == user.id,
        Role::Officer => match db::attachments::application_of(&state.db, &id).await? {
            Some(app_id) => db::applications::by_id(&state.db, &app_id)
                .await?
                .is_some_and(|case| {
                    case.submitted_at.is_some()
                        && !matches!(case.status, CaseStatus::AwaitingPayment | CaseStatus::Paid)
                        && user.actor().reaches(&case)
                }),
            None => false,
        },
        Role::Support => false,
    };
    if !allowed {
        return Err(ErrorCode::NotFound.into());
    }
    let bytes = state
        .documents
        .get(&row.sha256)
        .await
        .map_err(AppError::from)?;
    Ok((
        [
            (header::CONTENT_TYPE, row.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                attachment_disposition(&row.filename),
            ),
            // Served as data, never as a page of the portal's origin: not sniffed into HTML,
            // and sandboxed with no scripts even when opened in a tab.
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'; style-src 'unsafe-inline'".to_owned(),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `Content-Disposition` for a download: an ASCII name for old clients (anything else
/// replaced) and the exact name in UTF-8 (RFC 6266).
pub fn attachment_disposition(filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{}\"; filename*=UTF-8''{}",
        ascii.trim(),
        urlencoding::encode(filename)
    )
}
