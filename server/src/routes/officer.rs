//! The officer's workspace: the provider's queue, a case, refusal with grounds, and approval
//! with the official's signature over the licence.

use super::{case_view, today_kz, Body};
use crate::auth::CurrentUser;
use crate::db::{self, applications::ApplicationRow};
use crate::error::{AppError, AppResult};
use crate::licences::{render_pdf, LicenceContent, LicenceToSign};
use crate::state::{AppState, SignatureCheck};
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use domain::api::{
    CompanyView, OfficerCaseResponse, RefuseApplicationRequest, Role, SignatureRequest,
    SignatureSummary, SigningPayloadResponse,
};
use domain::case::CaseView;
use domain::form::{FieldError, FieldErrorCode};
use domain::ErrorCode;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/officer/cases", get(list_queue))
        .route("/api/officer/cases/{id}", get(get_case))
        .route("/api/officer/cases/{id}/refuse", post(refuse_application))
        .route(
            "/api/officer/cases/{id}/licence-draft",
            post(prepare_licence),
        )
        .route("/api/officer/cases/{id}/approve", post(approve_application))
}

/// A case of the officer's own provider; any other case is "not found".
async fn provider_case(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> AppResult<ApplicationRow> {
    user.require(Role::Officer)?;
    db::applications::by_id(&state.db, id)
        .await?
        .filter(|a| Some(&a.provider) == user.provider.as_ref())
        .ok_or(AppError::Api(ErrorCode::NotFound))
}

async fn list_queue(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<CaseView>>> {
    user.require(Role::Officer)?;
    let provider = user.provider.clone().ok_or(ErrorCode::Forbidden)?;
    let mut out = Vec::new();
    for row in db::applications::queue(&state.db, &provider).await? {
        out.push(case_view(&state, &row).await?);
    }
    Ok(Json(out))
}

async fn get_case(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<OfficerCaseResponse>> {
    let row = provider_case(&state, &user, &id).await?;
    let applicant = db::auth::user_by_id(&state.db, &row.applicant_id).await?;
    let applicant_signature = match (&row.signer_certificate, &row.signature_verified_at) {
        (Some(certificate), Some(at)) => Some(SignatureSummary {
            signer_name: applicant
                .as_ref()
                .map(|a| a.full_name.clone())
                .unwrap_or_default(),
            signer_iin: row.applicant_iin.clone(),
            certificate_serial: crate::pki::certificate_serial(certificate).unwrap_or_default(),
            verified_at: at.clone(),
        }),
        _ => None,
    };
    Ok(Json(OfficerCaseResponse {
        case: case_view(&state, &row).await?,
        applicant_iin: row.applicant_iin.clone(),
        applicant_name: applicant.map(|a| a.full_name).unwrap_or_default(),
        applicant_company: row.applicant_bin.clone().map(|bin| CompanyView {
            bin,
            name: row.applicant_organisation.clone().unwrap_or_default(),
            role: String::new(),
        }),
        values: serde_json::from_str(&row.form_json).map_err(AppError::internal)?,
        attachments: db::attachments::of_application(&state.db, &row.id)
            .await?
            .iter()
            .map(|a| a.to_response())
            .collect(),
        applicant_signature,
    }))
}

async fn refuse_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<RefuseApplicationRequest>,
) -> AppResult<Json<CaseView>> {
    let row = provider_case(&state, &user, &id).await?;
    let grounds = req.grounds.trim();
    if grounds.chars().count() < 10 {
        return Err(AppError::Validation(vec![FieldError::new(
            "grounds",
            FieldErrorCode::Required,
        )]));
    }
    let mut tx = state.db.begin().await?;
    // One decision per case: the second of two simultaneous decisions finds it already moved.
    if !db::applications::transition(&mut *tx, &row.id, "submitted", "refused").await? {
        return Err(ErrorCode::Conflict.into());
    }
    db::applications::record_decision(&mut *tx, &row.id, &db::now_text(), Some(grounds)).await?;
    db::applications::add_event(&mut *tx, &row.id, "refused", Some(&user.id), Some(grounds))
        .await?;
    tx.commit().await?;
    let row = db::applications::by_id(&state.db, &row.id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(case_view(&state, &row).await?))
}

/// Produces the licence PDF and the bytes the official signs; a repeated call returns the same.
async fn prepare_licence(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<SigningPayloadResponse>> {
    let row = provider_case(&state, &user, &id).await?;
    if row.status != "submitted" {
        return Err(ErrorCode::Conflict.into());
    }
    let licence = match db::licences::of_application(&state.db, &row.id).await? {
        Some(l) => l,
        None => {
            let service = state
                .service_version(
                    &row.service_code,
                    u32::try_from(row.service_version).unwrap_or(0),
                )
                .ok_or_else(|| AppError::internal("service version"))?;
            let holder = db::auth::user_by_id(&state.db, &row.applicant_id)
                .await?
                .ok_or_else(|| AppError::internal("applicant"))?;
            // A company's licence is issued to the company, under its BIN.
            let holder_id = row
                .applicant_bin
                .clone()
                .unwrap_or_else(|| row.applicant_iin.clone());
            let holder_name = row
                .applicant_organisation
                .clone()
                .filter(|_| row.applicant_bin.is_some())
                .unwrap_or_else(|| holder.full_name.clone());
            let today = today_kz();
            let mut tx = state.db.begin().await?;
            let seq = db::next_counter(&mut tx, &format!("licence-{}", today.year())).await?;
            let number = format!("{:02}{:06}", today.year() % 100, seq);
            let application_number = row.number.clone().unwrap_or_default();
            let content = LicenceContent {
                number: number.clone(),
                issued_on: today.to_string(),
                holder_name: holder_name.clone(),
                holder_iin: holder_id.clone(),
                activity: service.activity.clone(),
                service_name: service.name.clone(),
                provider_name: service.provider.name.clone(),
                application_number: application_number.clone(),
                check_url: format!("{}/check/{}", state.public_url, number),
            };
            let pdf = render_pdf(&content).map_err(AppError::internal)?;
            let pdf_sha256 = state.documents.put(&pdf).await?;
            let payload = LicenceToSign {
                licence_number: &number,
                holder_iin: &holder_id,
                holder_name: &holder_name,
                service_code: &row.service_code,
                application_number: &application_number,
                issued_on: &content.issued_on,
                pdf_sha256: &pdf_sha256,
            };
            let payload =
                String::from_utf8(payload.canonical_bytes()).map_err(AppError::internal)?;
            let licence = db::licences::LicenceRow {
                number,
                application_id: row.id.clone(),
                holder_iin: holder_id.clone(),
                holder_name,
                service_code: row.service_code.clone(),
                service_version: row.service_version,
                issued_on: content.issued_on,
                pdf_sha256,
                payload,
                signature: None,
                signer_certificate: None,
                signer_name: None,
                signed_at: None,
                status: "pending_signature".into(),
            };
            db::licences::insert(&mut *tx, &licence).await?;
            tx.commit().await?;
            licence
        }
    };
    Ok(Json(SigningPayloadResponse {
        payload_b64: base64::engine::general_purpose::STANDARD.encode(licence.payload.as_bytes()),
        readable: format!(
            "Licence {} for {} (IIN {}), issued {}\nPDF SHA-256 {}",
            licence.number,
            licence.holder_name,
            licence.holder_iin,
            licence.issued_on,
            licence.pdf_sha256
        ),
    }))
}

async fn approve_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<SignatureRequest>,
) -> AppResult<Json<CaseView>> {
    let row = provider_case(&state, &user, &id).await?;
    let licence = db::licences::of_application(&state.db, &row.id)
        .await?
        .filter(|l| l.status == "pending_signature")
        .ok_or(ErrorCode::Conflict)?;
    let accepted = state
        .verify_signature(
            &req.cms_b64,
            crate::pki::Purpose::Signing,
            licence.payload.as_bytes(),
        )
        .await
        .map_err(|e| match e {
            SignatureCheck::Refused(why) => {
                tracing::info!(%why, "official's signature refused");
                AppError::Api(ErrorCode::EdsNotConfirmed)
            }
            SignatureCheck::Unavailable(why) => {
                tracing::warn!(%why, "official's signature: revocation status unknown");
                AppError::Api(ErrorCode::ExternalSystemUnavailable)
            }
        })?;
    // The signature must be the signed-in official's own.
    if Some(accepted.signer.iin.as_str()) != user.iin.as_deref() {
        return Err(ErrorCode::EdsNotConfirmed.into());
    }
    let now = db::now_text();
    let mut tx = state.db.begin().await?;
    if !db::applications::transition(&mut *tx, &row.id, "submitted", "approved").await? {
        return Err(ErrorCode::Conflict.into());
    }
    if !db::licences::sign(
        &mut *tx,
        &licence.number,
        &req.cms_b64,
        &accepted.signer.certificate_pem(),
        &user.full_name,
        &now,
    )
    .await?
    {
        return Err(ErrorCode::Conflict.into());
    }
    db::applications::record_decision(&mut *tx, &row.id, &now, None).await?;
    db::applications::add_event(
        &mut *tx,
        &row.id,
        "approved",
        Some(&user.id),
        Some(&licence.number),
    )
    .await?;
    db::evidence::record(
        &mut *tx,
        db::evidence::SignedObject::Licence,
        &licence.number,
        &accepted,
        &req.cms_b64,
        licence.payload.as_bytes(),
    )
    .await?;
    tx.commit().await?;
    let row = db::applications::by_id(&state.db, &row.id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(case_view(&state, &row).await?))
}
