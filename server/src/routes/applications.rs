//! The applicant's applications: create, list, pay, sign and submit, download the result.

use super::{case_view, today_kz, Body};
use crate::auth::CurrentUser;
use crate::db::{self, applications::ApplicationRow};
use crate::error::{AppError, AppResult};
use crate::integrations::payment_gateway::CreatePaymentRequest;
use crate::state::{AppState, SignatureCheck};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::api::{
    ApplicationResponse, CreateApplicationRequest, KeyProblem, PaymentStatus, PaymentView, Role,
    SignatureRequest, SigningPayloadResponse, StartPaymentResponse,
};
use domain::canonical::{RequestToSign, SignedAttachment};
use domain::case::{CaseStatus, CaseView};
use domain::catalogue::FieldKind;
use domain::form::{FieldError, FieldErrorCode, FormValues};
use domain::ErrorCode;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/applications",
            post(create_application).get(list_applications),
        )
        .route("/api/applications/{id}", get(get_application))
        .route("/api/applications/{id}/payment", post(start_payment))
        .route(
            "/api/applications/{id}/signing-payload",
            get(get_signing_payload),
        )
        .route("/api/applications/{id}/submit", post(submit_application))
        .route(
            "/api/applications/{id}/licence.pdf",
            get(download_licence_pdf),
        )
        .route(
            "/api/applications/{id}/licence.sig",
            get(download_licence_signature),
        )
        .route(
            "/api/applications/{id}/refusal.sig",
            get(download_refusal_signature),
        )
}

/// Loads an application the current applicant owns; anything else is "not found".
async fn own(state: &AppState, user: &CurrentUser, id: &str) -> AppResult<ApplicationRow> {
    user.require(Role::Applicant)?;
    db::applications::by_id(&state.db, id)
        .await?
        .filter(|a| a.applicant_id == user.id && a.applicant_bin == acting_bin(user))
        .ok_or(AppError::Api(ErrorCode::NotFound))
}

/// The BIN the session acts for: a person's own cabinet and a company's are kept apart.
fn acting_bin(user: &CurrentUser) -> Option<String> {
    user.acting.as_ref().map(|a| a.bin.clone())
}

fn payment_view(p: db::payments::PaymentRow) -> PaymentView {
    PaymentView {
        reference: p.id,
        amount_tenge: p.amount_tenge,
        status: match p.status.as_str() {
            "paid" => PaymentStatus::Paid,
            "cancelled" => PaymentStatus::Cancelled,
            _ => PaymentStatus::Pending,
        },
        paid_at: p.paid_at,
    }
}

async fn response(state: &AppState, row: &ApplicationRow) -> AppResult<ApplicationResponse> {
    let values: FormValues = serde_json::from_str(&row.form_json).map_err(AppError::internal)?;
    let attachments = db::attachments::of_application(&state.db, &row.id)
        .await?
        .iter()
        .map(|a| a.to_response())
        .collect();
    let payment = db::payments::latest_of(&state.db, &row.id)
        .await?
        .map(payment_view);
    Ok(ApplicationResponse {
        case: case_view(state, row).await?,
        fee_tenge: row.fee_tenge,
        values,
        attachments,
        payment,
    })
}

async fn create_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Body(req): Body<CreateApplicationRequest>,
) -> AppResult<Json<ApplicationResponse>> {
    user.require(Role::Applicant)?;
    let iin = user.iin.clone().ok_or(ErrorCode::Forbidden)?;
    let service = state.definition_for_new(&req.service_code, req.service_version)?;
    let variant = service.variant(&req.variant).ok_or(ErrorCode::NotFound)?;
    // A company key applies for its company, a person's key for the person: the service must
    // serve that kind of applicant.
    let serves = match &user.acting {
        Some(_) => service.serves_companies(),
        None => service.serves_persons(),
    };
    if !serves {
        return Err(ErrorCode::ApplicantTypeNotServed.into());
    }
    let today = today_kz();
    let mut errors = domain::form::validate(variant, &req.values, today);
    // A hidden field's value does not count (its condition does not hold).
    let values = domain::form::effective_values(variant, &req.values);

    // File slots: the attachment must exist, be the applicant's, and be for this slot.
    let mut links = Vec::new();
    for field in &variant.fields {
        let FieldKind::File { accept, max_bytes } = &field.kind else {
            continue;
        };
        let Some(att_id) = values.get(&field.key).filter(|v| !v.is_empty()) else {
            continue;
        };
        let code = match db::attachments::by_id(&state.db, att_id).await? {
            Some(a)
                if a.owner_id == user.id
                    && a.slot == field.key
                    && a.service_code == service.code =>
            {
                if !accept.contains(&a.content_type) {
                    Some(FieldErrorCode::AttachmentWrongType)
                } else if a.size as u64 > *max_bytes {
                    Some(FieldErrorCode::AttachmentTooLarge)
                } else if db::attachments::application_of(&state.db, &a.id)
                    .await?
                    .is_some()
                {
                    // An attachment belongs to one application only.
                    Some(FieldErrorCode::AttachmentNotFound)
                } else {
                    links.push((field.key.clone(), a.id));
                    None
                }
            }
            _ => Some(FieldErrorCode::AttachmentNotFound),
        };
        if let Some(code) = code {
            errors.push(FieldError::new(field.key.clone(), code));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }

    let fee = variant
        .fee_mci
        .map(|m| domain::money::fee_tenge(m, today.year()))
        .unwrap_or(0);
    let status = if fee > 0 {
        CaseStatus::AwaitingPayment
    } else {
        CaseStatus::Paid
    };
    let row = ApplicationRow {
        id: db::new_id(),
        number: None,
        applicant_id: user.id.clone(),
        applicant_iin: iin,
        service_code: service.code.clone(),
        service_version: i64::from(service.version),
        variant: variant.code.clone(),
        provider: service.provider.code.clone(),
        form_json: serde_json::to_string(&values).map_err(AppError::internal)?,
        status: status.as_str().to_owned(),
        fee_tenge: fee,
        created_at: db::now_text(),
        submitted_at: None,
        expected_result_date: None,
        decided_at: None,
        refusal_grounds: None,
        signed_payload: None,
        signature: None,
        signer_certificate: None,
        signature_verified_at: None,
        applicant_bin: acting_bin(&user),
        applicant_organisation: user.acting.as_ref().map(|a| a.organisation.clone()),
        region: service.region_of(&values),
        channel: None,
        filed_by: None,
        representative_iin: None,
        paper_documents: None,
    };
    let mut tx = state.db.begin().await?;
    db::applications::insert(&mut *tx, &row).await?;
    // The draft became the application.
    db::drafts::delete(
        &mut *tx,
        &user.id,
        row.applicant_bin.as_deref().unwrap_or_default(),
        &row.service_code,
        &row.variant,
    )
    .await?;
    for (slot, att) in &links {
        db::attachments::link(&mut *tx, &row.id, slot, att).await?;
    }
    db::applications::add_event(&mut *tx, &row.id, status.as_str(), Some(&user.id), None).await?;
    tx.commit().await?;
    Ok(Json(response(&state, &row).await?))
}

async fn list_applications(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<CaseView>>> {
    user.require(Role::Applicant)?;
    let mut out = Vec::new();
    let bin = acting_bin(&user);
    for row in db::applications::of_applicant(&state.db, &user.id).await? {
        if row.applicant_bin != bin {
            continue;
        }
        out.push(case_view(&state, &row).await?);
    }
    Ok(Json(out))
}

async fn get_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<ApplicationResponse>> {
    let row = own(&state, &user, &id).await?;
    Ok(Json(response(&state, &row).await?))
}

async fn start_payment(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<StartPaymentResponse>> {
    let row = own(&state, &user, &id).await?;
    if row.status != CaseStatus::AwaitingPayment.as_str() {
        return Err(ErrorCode::Conflict.into());
    }
    let payment = db::payments::PaymentRow {
        id: format!("PAY-{}", &db::new_id()[..16].to_uppercase()),
        application_id: row.id.clone(),
        gateway_payment_id: None,
        amount_tenge: row.fee_tenge,
        status: "pending".into(),
        paid_at: None,
    };
    let service = state
        .service_version(
            &row.service_code,
            u32::try_from(row.service_version).unwrap_or(0),
        )
        .ok_or_else(|| AppError::internal("application of an unknown service version"))?;
    let created = state
        .gateway
        .create_payment(&CreatePaymentRequest {
            order_id: payment.id.clone(),
            amount_tenge: row.fee_tenge,
            description: format!(
                "Лицензиялық алым / Лицензионный сбор: {}",
                service.activity.ru
            ),
            return_url: format!(
                "{}/applications/{}?payment=return",
                state.public_url, row.id
            ),
            callback_url: format!("{}/api/payments/callback", state.public_url),
        })
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "payment gateway");
            AppError::Api(ErrorCode::ExternalSystemUnavailable)
        })?;
    let payment = db::payments::PaymentRow {
        gateway_payment_id: Some(created.payment_id),
        ..payment
    };
    db::payments::insert(&state.db, &payment).await?;
    Ok(Json(StartPaymentResponse {
        redirect_url: created.payment_url,
    }))
}

/// The canonical bytes of the request, built once and stored; signing must cover exactly these.
async fn get_signing_payload(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<SigningPayloadResponse>> {
    let row = own(&state, &user, &id).await?;
    let status = CaseStatus::parse(&row.status).ok_or_else(|| AppError::internal("status"))?;
    match status {
        // The regulations check payment before the certificate is chosen.
        CaseStatus::AwaitingPayment => return Err(ErrorCode::PaymentNotFound.into()),
        CaseStatus::Paid => {}
        _ => return Err(ErrorCode::Conflict.into()),
    }
    let payment_reference = db::payments::latest_of(&state.db, &row.id)
        .await?
        .filter(|p| p.status == "paid")
        .map(|p| p.id)
        .unwrap_or_else(|| "free-of-charge".to_owned());
    let attachments = db::attachments::of_application(&state.db, &row.id).await?;
    let request = RequestToSign {
        application_id: row.id.clone(),
        service_code: row.service_code.clone(),
        service_version: u32::try_from(row.service_version).unwrap_or(0),
        variant: row.variant.clone(),
        applicant_iin: row.applicant_iin.clone(),
        applicant_bin: row.applicant_bin.clone(),
        payment_reference,
        form: serde_json::from_str(&row.form_json).map_err(AppError::internal)?,
        attachments: attachments
            .iter()
            .map(|a| SignedAttachment {
                slot: a.slot.clone(),
                filename: a.filename.clone(),
                sha256: a.sha256.clone(),
            })
            .collect(),
    };
    let bytes = request.canonical_bytes();
    let text = String::from_utf8(bytes.clone()).map_err(AppError::internal)?;
    db::applications::set_signing_payload(&state.db, &row.id, &text).await?;
    Ok(Json(super::signing_payload(&bytes, request.readable())))
}

async fn submit_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<SignatureRequest>,
) -> AppResult<Json<ApplicationResponse>> {
    let row = own(&state, &user, &id).await?;
    match CaseStatus::parse(&row.status) {
        Some(CaseStatus::AwaitingPayment) => return Err(ErrorCode::PaymentNotFound.into()),
        Some(CaseStatus::Paid) => {}
        _ => return Err(ErrorCode::Conflict.into()),
    }
    let payload = row.signed_payload.clone().ok_or(ErrorCode::Conflict)?;
    let accepted = state
        .verify_signature(
            &req.cms_b64,
            crate::pki::Purpose::Signing,
            payload.as_bytes(),
        )
        .await
        .map_err(|e| match e {
            SignatureCheck::Refused(why) => {
                tracing::info!(%why, application = %row.id, "request signature refused");
                AppError::Api(ErrorCode::EdsNotConfirmed)
            }
            SignatureCheck::Unavailable(why) => {
                tracing::warn!(%why, "request signature: revocation status unknown");
                AppError::Api(ErrorCode::ExternalSystemUnavailable)
            }
        })?;
    let service = state
        .service_version(
            &row.service_code,
            u32::try_from(row.service_version).unwrap_or(0),
        )
        .ok_or_else(|| AppError::internal("service version"))?;
    // The IIN (and for a company the BIN) in the request must equal the certificate's, and a
    // company's key must hold a role the service lets sign.
    let problems = signer_problems(&accepted.signer, &row, service);
    if !problems.is_empty() {
        tracing::info!(?problems, application = %row.id, "request signature refused");
        return Err(ErrorCode::EdsNotConfirmed.into());
    }
    let term = service
        .variant(&row.variant)
        .map(|v| v.term_working_days)
        .unwrap_or(0);
    let today = today_kz();
    let expected = domain::calendar::add_working_days(today, term);

    let mut tx = state.db.begin().await?;
    if !db::applications::transition(&mut *tx, &row.id, "paid", "submitted").await? {
        return Err(ErrorCode::Conflict.into());
    }
    let number = db::applications::next_number(&mut tx, &row.provider, today.year()).await?;
    db::applications::record_submission(
        &mut *tx,
        &row.id,
        &db::applications::Submission {
            number: &number,
            submitted_at: &db::now_text(),
            expected: &expected.to_string(),
            signature: &req.cms_b64,
            certificate: &accepted.signer.certificate_pem(),
            signed_payload: None,
        },
    )
    .await?;
    // Registered: the provider's process begins, and the applicant is told.
    crate::engine::register(&mut tx, &state, &row, &number, &user.id, None).await?;
    db::evidence::record(
        &mut *tx,
        db::evidence::SignedObject::Request,
        &row.id,
        &accepted,
        &req.cms_b64,
        payload.as_bytes(),
    )
    .await?;
    tx.commit().await?;
    crate::engine::run_checks(&state, &row.id).await?;

    let row = db::applications::by_id(&state.db, &row.id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(response(&state, &row).await?))
}

/// What stops a validated signer from signing this application: the request's IIN and BIN
/// must be the certificate's (R26), and a company key needs a role the service allows.
fn signer_problems(
    signer: &crate::pki::VerifiedSigner,
    row: &ApplicationRow,
    service: &domain::catalogue::ServiceDefinition,
) -> Vec<KeyProblem> {
    signer_fit(
        signer.iin.as_str(),
        signer.bin.as_ref().map(|b| b.as_str()),
        signer.role,
        &row.applicant_iin,
        row.applicant_bin.as_deref(),
        service,
    )
}

/// The rule itself, over plain facts: also used by the signing preflight.
pub(crate) fn signer_fit(
    iin: &str,
    bin: Option<&str>,
    role: Option<eds::Role>,
    applicant_iin: &str,
    applicant_bin: Option<&str>,
    service: &domain::catalogue::ServiceDefinition,
) -> Vec<KeyProblem> {
    let mut problems = Vec::new();
    if iin != applicant_iin {
        problems.push(KeyProblem::IinMismatch);
    }
    if bin != applicant_bin {
        problems.push(KeyProblem::BinMismatch);
    }
    let allowed = match applicant_bin {
        // A company's request: the holder's role must be one the service lets sign.
        Some(_) => role.is_some_and(|r| service.signer_roles.iter().any(|s| s == r.code())),
        // A person's own request: a person's own key (not a company key).
        None => role.is_none_or(|r| !r.is_company()),
    };
    if !allowed {
        problems.push(KeyProblem::RoleNotAllowed);
    }
    problems
}

async fn licence_of(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> AppResult<db::licences::LicenceRow> {
    let row = own(state, user, id).await?;
    super::valid_licence(state, &row.id).await
}

async fn download_licence_pdf(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let licence = licence_of(&state, &user, &id).await?;
    super::licence_pdf(&state, &licence, "attachment").await
}

/// The official's detached signature: the signed bytes, the signature and the certificate.
async fn download_licence_signature(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let licence = licence_of(&state, &user, &id).await?;
    let body = serde_json::json!({
        "format": "detached CMS (PKCS#7) SignedData over signed_payload (UTF-8), base64 DER",
        "licence_number": licence.number,
        "signed_payload": licence.payload,
        "cms_b64": licence.signature,
        "signer_certificate_pem": licence.signer_certificate,
        "signed_at": licence.signed_at,
    });
    super::signature_file(&format!("licence-{}.sig.json", licence.number), body)
}

/// The motivated refusal as the official signed it: the signed bytes (the decision with its
/// grounds), the signature and the certificate.
async fn download_refusal_signature(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let row = own(&state, &user, &id).await?;
    if row.status != "refused" {
        return Err(ErrorCode::NotFound.into());
    }
    let document = crate::engine::refusal_document(&state, &row.id)
        .await?
        .ok_or(AppError::Api(ErrorCode::NotFound))?;
    let number = row.number.clone().unwrap_or_default();
    let body = serde_json::json!({
        "format": "detached CMS (PKCS#7) SignedData over signed_payload (UTF-8), base64 DER",
        "application_number": number,
        "signed_payload": document.document,
        "cms_b64": document.signature,
        "signer_certificate_pem": document.signer_certificate,
        "signer_name": document.signer_name,
        "signed_at": document.signed_at,
    });
    super::signature_file(&format!("refusal-{number}.sig.json"), body)
}
