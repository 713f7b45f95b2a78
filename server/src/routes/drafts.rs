//! Drafts: the form as the applicant types it, saved on the server (debounced by the app), so
//! it survives a reload, a session timeout, a server restart and a change of device.

use super::{Body, Path, Query};
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use domain::api::{DraftView, Role, SaveDraftRequest};
use domain::ErrorCode;
use serde::Deserialize;

/// A draft larger than this is not a form being typed.
const MAX_DRAFT_BYTES: usize = 64 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/drafts", get(list_drafts))
        .route(
            "/api/drafts/{service}/{variant}",
            get(get_draft).put(save_draft).delete(delete_draft),
        )
        .route(
            "/api/applications/{id}/repair",
            axum::routing::post(repair_refused),
        )
}

/// Repair after a refusal: the refused application's answers become the applicant's draft of
/// the same variant (of the version now in force), with the files that are still acceptable
/// there: each kept file is the same stored content under a new attachment of the draft's, so
/// the refused application keeps its own. Answers to fields the form no longer has are left out.
async fn repair_refused(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<DraftView>> {
    let case = super::applications::own(&state, &user, &id).await?;
    if case.status != domain::case::CaseStatus::Refused {
        return Err(ErrorCode::Conflict.into());
    }
    let service = state.definition_for_new(&case.service_code, None)?;
    let variant = service.variant(&case.variant).ok_or(ErrorCode::NotFound)?;
    let files: std::collections::HashMap<String, db::attachments::AttachmentRow> =
        db::attachments::of_application(&state.db, &case.id)
            .await?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
    let mut values = domain::form::FormValues::new();
    let mut copies = Vec::new();
    for f in &variant.fields {
        let Some(v) = case.values.get(&f.key).filter(|v| !v.is_empty()) else {
            continue;
        };
        match &f.kind {
            domain::catalogue::FieldKind::File { accept, max_bytes } => {
                let Some(a) = files.get(v) else { continue };
                let fits = accept.iter().any(|t| t == &a.content_type)
                    && u64::try_from(a.size).is_ok_and(|n| n <= *max_bytes);
                // A copy counts against the applicant's quota like an upload.
                let added: i64 = copies
                    .iter()
                    .map(|c: &db::attachments::AttachmentRow| c.size)
                    .sum();
                if !fits || !crate::uploads::within_quota(&state, &user.id, added + a.size).await? {
                    continue;
                }
                let copy = db::attachments::AttachmentRow {
                    id: db::new_id(),
                    owner_id: user.id.clone(),
                    service_code: service.code.clone(),
                    slot: f.key.clone(),
                    ..a.clone()
                };
                values.insert(f.key.clone(), copy.id.clone());
                copies.push(copy);
            }
            _ => {
                values.insert(f.key.clone(), v.clone());
            }
        }
    }
    let row = draft_row(&user, service, variant, values);
    let mut tx = state.db.begin().await?;
    for c in &copies {
        db::attachments::insert(&mut *tx, c).await?;
    }
    let saved = db::drafts::upsert(&mut *tx, &row).await?;
    tx.commit().await?;
    Ok(Json(view(&state, saved).await?))
}

/// The draft as the app shows it, with the files its slots hold (the applicant's own only, so
/// a resumed draft shows what is already attached).
/// The signed-in person's draft of this variant, written now.
fn draft_row(
    user: &CurrentUser,
    service: &domain::catalogue::ServiceDefinition,
    variant: &domain::catalogue::Variant,
    values: domain::form::FormValues,
) -> db::drafts::DraftRow {
    let now = db::now_text();
    db::drafts::DraftRow {
        id: db::new_id(),
        owner_id: user.id.clone(),
        acting_bin: user.acting_bin().cloned(),
        service_code: service.code.clone(),
        service_version: service.version,
        variant: variant.code.clone(),
        values,
        created_at: now.clone(),
        updated_at: now,
    }
}

async fn view(state: &AppState, row: db::drafts::DraftRow) -> AppResult<DraftView> {
    let version = row.service_version;
    let service = state
        .service_version(&row.service_code, version)
        .ok_or_else(|| AppError::internal("draft of an unknown service version"))?;
    let variant = service
        .variant(&row.variant)
        .ok_or_else(|| AppError::internal("draft of an unknown variant"))?;
    let values = row.values;
    let mut attachments = Vec::new();
    for f in &variant.fields {
        if !matches!(f.kind, domain::catalogue::FieldKind::File { .. }) {
            continue;
        }
        let Some(id) = values.get(&f.key).filter(|v| !v.is_empty()) else {
            continue;
        };
        if let Some(a) = db::attachments::by_id(&state.db, id).await? {
            if a.owner_id == row.owner_id && a.slot == f.key {
                attachments.push(a.to_response());
            }
        }
    }
    Ok(DraftView {
        service_name: service.name.clone(),
        variant_name: variant.name.clone(),
        service_code: row.service_code,
        service_version: version,
        variant: row.variant,
        values,
        attachments,
        updated_at: row.updated_at,
    })
}

async fn list_drafts(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<DraftView>>> {
    user.require(Role::Applicant)?;
    let rows = db::drafts::of_owner(&state.db, &user.id, user.acting_bin()).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(view(&state, r).await?);
    }
    Ok(Json(out))
}

#[derive(Deserialize)]
struct VersionQuery {
    version: Option<u32>,
}

async fn get_draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((service, variant)): Path<(String, String)>,
    Query(q): Query<VersionQuery>,
) -> AppResult<Json<DraftView>> {
    user.require(Role::Applicant)?;
    let row = db::drafts::find(&state.db, &user.id, user.acting_bin(), &service, &variant)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    // A draft belongs to the version it was typed in: the form of another version (the
    // current one, or a historic one) starts empty rather than with fields it does not have.
    let wanted = match q.version {
        Some(v) => v,
        None => state.service(&service).ok_or(ErrorCode::NotFound)?.version,
    };
    if row.service_version != wanted {
        return Err(ErrorCode::NotFound.into());
    }
    Ok(Json(view(&state, row).await?))
}

async fn save_draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((service_code, variant_code)): Path<(String, String)>,
    Body(req): Body<SaveDraftRequest>,
) -> AppResult<Json<DraftView>> {
    user.require(Role::Applicant)?;
    let service = state.definition_for_new(&service_code, req.service_version)?;
    let variant = service.variant(&variant_code).ok_or(ErrorCode::NotFound)?;
    // Only the form's own fields, and not more than a form holds.
    let known = |k: &String| variant.fields.iter().any(|f| &f.key == k);
    let json_len = serde_json::to_string(&req.values)
        .map_err(AppError::internal)?
        .len();
    if !req.values.keys().all(known) || json_len > MAX_DRAFT_BYTES {
        return Err(ErrorCode::BadRequest.into());
    }
    let row = draft_row(&user, service, variant, req.values);
    let saved = db::drafts::upsert(&state.db, &row).await?;
    Ok(Json(view(&state, saved).await?))
}

async fn delete_draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((service, variant)): Path<(String, String)>,
) -> AppResult<Json<serde_json::Value>> {
    user.require(Role::Applicant)?;
    if !db::drafts::delete(&state.db, &user.id, user.acting_bin(), &service, &variant).await? {
        return Err(ErrorCode::NotFound.into());
    }
    Ok(Json(serde_json::json!({"deleted": true})))
}
