//! The register in the cabinet and the licensor's workspace: My licences, the files of a licence
//! and of a result document (the PDF and the official's detached CMS as `.p7s`), and the
//! licensor's suspension, resumption and termination.

use super::{Body, Path};
use crate::auth::CurrentUser;
use crate::db::{self, licences::LicenceRow, results::ResultDocument};
use crate::error::{AppError, AppResult};
use crate::licences::{status, views};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::api::{Role, SigningPayloadResponse};
use domain::licence::{LicenceStatus, LicenceView, MyLicencesResponse, StatusChangeRequest};
use domain::ErrorCode;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/licences", get(my_licences))
        .route("/api/licences/{number}/licence.pdf", get(licence_pdf))
        .route("/api/licences/{number}/licence.p7s", get(licence_signature))
        .route("/api/documents/{id}/document.pdf", get(document_pdf))
        .route("/api/documents/{id}/document.p7s", get(document_signature))
        .route("/api/officer/licences/{number}", get(officer_licence))
        .route(
            "/api/officer/licences/{number}/status-draft",
            post(status_draft),
        )
        .route("/api/officer/licences/{number}/status", post(change_status))
}

/// The holder the session speaks for: the company its key acts for, else the person.
fn holder_of(user: &CurrentUser) -> AppResult<String> {
    user.require(Role::Applicant)?;
    Ok(match user.acting_bin() {
        Some(b) => b.to_string(),
        None => user.iin.clone().ok_or(ErrorCode::Forbidden)?,
    })
}

/// Who may read a licence's or a document's files: its holder (in the cabinet they hold it
/// in), support (who see what applicants see), the licensor's staff.
fn may_read(user: &CurrentUser, holder: Option<&str>, provider: Option<&str>) -> bool {
    match user.role {
        Role::Applicant => holder.is_some() && holder_of(user).ok().as_deref() == holder,
        Role::Support => true,
        Role::Officer => user.provider.is_some() && user.provider.as_deref() == provider,
    }
}

async fn my_licences(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<MyLicencesResponse>> {
    let holder = holder_of(&user)?;
    let iin = user.iin.clone().ok_or(ErrorCode::Forbidden)?;
    Ok(Json(views::my_licences(&state, &holder, &iin).await?))
}

/// A signed licence the user may read.
async fn readable_licence(
    state: &AppState,
    user: &CurrentUser,
    number: &str,
) -> AppResult<LicenceRow> {
    db::licences::by_number(&state.read, number)
        .await?
        .filter(|l| l.signature.is_some() && l.status != LicenceStatus::PendingSignature)
        .filter(|l| may_read(user, Some(&l.holder_iin), l.provider.as_deref()))
        .ok_or_else(|| ErrorCode::NotFound.into())
}

async fn licence_pdf(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(number): Path<String>,
) -> AppResult<Response> {
    let l = readable_licence(&state, &user, &number).await?;
    super::licence_pdf(&state, &l, "attachment").await
}

async fn licence_signature(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(number): Path<String>,
) -> AppResult<Response> {
    let l = readable_licence(&state, &user, &number).await?;
    super::p7s_file(
        &format!("licence-{}.pdf.p7s", l.number),
        l.signature.as_deref(),
    )
}

/// A signed result document the user may read: its holder's, or one of a case the user
/// applied with.
async fn readable_document(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> AppResult<ResultDocument> {
    let d = db::results::by_id(&state.read, id)
        .await?
        .filter(ResultDocument::signed)
        .ok_or(ErrorCode::NotFound)?;
    let case = match &d.application_id {
        Some(a) => db::applications::by_id(&state.read, a).await?,
        None => None,
    };
    let provider = match (&case, &d.licence_number) {
        (Some(c), _) => Some(c.provider.clone()),
        (None, Some(n)) => db::licences::by_number(&state.read, n)
            .await?
            .and_then(|l| l.provider),
        (None, None) => None,
    };
    let own_case = case.as_ref().is_some_and(|c| {
        user.role == Role::Applicant && c.applicant_id == user.id && c.bin() == user.acting_bin()
    });
    if own_case || may_read(user, d.holder_iin.as_deref(), provider.as_deref()) {
        Ok(d)
    } else {
        Err(ErrorCode::NotFound.into())
    }
}

fn document_file_name(d: &ResultDocument) -> String {
    let number = d
        .number
        .clone()
        .or_else(|| d.licence_number.clone())
        .unwrap_or_else(|| d.id.clone());
    format!("{}-{}", d.kind.code(), number)
}

async fn document_pdf(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let d = readable_document(&state, &user, &id).await?;
    let pdf = state.documents.get(&d.pdf_sha256).await?;
    Ok(super::file_response(
        "application/pdf",
        "attachment",
        &format!("{}.pdf", document_file_name(&d)),
        pdf,
    ))
}

async fn document_signature(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let d = readable_document(&state, &user, &id).await?;
    super::p7s_file(
        &format!("{}.pdf.p7s", document_file_name(&d)),
        d.signature.as_deref(),
    )
}

/// A licence as its licensor's official sees it, with whether they may change its status.
async fn officer_licence(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(number): Path<String>,
) -> AppResult<Json<domain::api::OfficerLicenceResponse>> {
    user.require(Role::Officer)?;
    let actor = user.actor();
    let l = db::licences::by_number(&state.read, number.trim())
        .await?
        .filter(|l| l.status != LicenceStatus::PendingSignature)
        .filter(|l| l.provider.is_some() && l.provider == actor.provider)
        .ok_or(ErrorCode::NotFound)?;
    let licence: LicenceView = views::licence_view(&state, &l).await?;
    Ok(Json(domain::api::OfficerLicenceResponse {
        may_change: status::may_change(&state, &actor, &l),
        holder_id: l.holder_iin.clone(),
        licence,
    }))
}

/// The decision to suspend, resume or terminate, for the official to sign.
async fn status_draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(number): Path<String>,
    Body(req): Body<StatusChangeRequest>,
) -> AppResult<Json<SigningPayloadResponse>> {
    user.require(Role::Officer)?;
    let doc = status::draft(&state, &user.actor(), &number, req.change, &req.grounds).await?;
    let pdf = state.documents.get(&doc.pdf_sha256).await?;
    Ok(Json(super::signing_payload(&pdf, doc.summary)))
}

async fn change_status(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(number): Path<String>,
    Body(req): Body<StatusChangeRequest>,
) -> AppResult<Json<domain::api::OfficerLicenceResponse>> {
    user.require(Role::Officer)?;
    let actor = user.actor();
    status::change(
        &state,
        &actor,
        &number,
        req.change,
        &req.grounds,
        req.cms_b64.as_deref(),
    )
    .await?;
    let l = db::licences::by_number(&state.read, &number)
        .await?
        .ok_or_else(|| AppError::internal("the licence just changed"))?;
    Ok(Json(domain::api::OfficerLicenceResponse {
        may_change: status::may_change(&state, &actor, &l),
        holder_id: l.holder_iin.clone(),
        licence: views::licence_view(&state, &l).await?,
    }))
}
