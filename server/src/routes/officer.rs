//! The officer's workspace: the provider's queue, a case, refusal with grounds, and approval
//! with the official's signature over the licence.

use super::{case_view, today_kz, Body};
use crate::auth::CurrentUser;
use crate::db::{self, applications::ApplicationRow};
use crate::error::{AppError, AppResult};
use crate::licences::{render_pdf, LicenceContent, LicenceToSign};
use crate::state::{AcceptedSignature, AppState, SignatureCheck};
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::api::{
    CompanyView, DecideRequest, OfficerCaseResponse, QueueItem, RefuseApplicationRequest, Role,
    SignatureRequest, SignatureSummary, SigningPayloadResponse,
};
use domain::canonical::DecisionToSign;
use domain::case::CaseView;
use domain::form::{FieldError, FieldErrorCode};
use domain::ErrorCode;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/officer/cases", get(list_queue))
        .route("/api/officer/cases/{id}", get(get_case))
        .route("/api/officer/cases/{id}/decide", post(decide_step))
        .route(
            "/api/officer/cases/{id}/decision-draft",
            post(decision_draft),
        )
        .route("/api/officer/cases/{id}/claim", post(claim_step))
        .route("/api/officer/cases/{id}/refuse", post(refuse_application))
        .route(
            "/api/officer/cases/{id}/licence-draft",
            post(prepare_licence),
        )
        .route("/api/officer/cases/{id}/approve", post(approve_application))
}

/// Whether the officer may see the case: their own provider's, and for a regional officer
/// their own region's.
fn within_reach(user: &CurrentUser, a: &ApplicationRow) -> bool {
    Some(&a.provider) == user.provider.as_ref()
        && user
            .region
            .as_ref()
            .is_none_or(|r| a.region.as_ref() == Some(r))
}

/// A case within the officer's reach; any other case is "not found".
async fn provider_case(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> AppResult<ApplicationRow> {
    user.require(Role::Officer)?;
    db::applications::by_id(&state.db, id)
        .await?
        .filter(|a| within_reach(user, a))
        .ok_or(AppError::Api(ErrorCode::NotFound))
}

/// The provider's cases within the officer's reach: those waiting at a step of their duties
/// first (by deadline), then the other open ones, then the decided.
async fn list_queue(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<QueueItem>>> {
    user.require(Role::Officer)?;
    let provider = user.provider.clone().ok_or(ErrorCode::Forbidden)?;
    let mut out = Vec::new();
    for row in db::applications::queue(&state.db, &provider).await? {
        if !within_reach(&user, &row) {
            continue;
        }
        let step = crate::engine::step_view(&state, &user, &row).await?;
        out.push(QueueItem {
            case: case_view(&state, &row).await?,
            step,
        });
    }
    out.sort_by_key(|i| match &i.step {
        Some(s) if s.mine => (0, s.due_at.clone().unwrap_or_default()),
        Some(s) => (1, s.due_at.clone().unwrap_or_default()),
        None => (2, String::new()),
    });
    Ok(Json(out))
}

/// A decision at the open step: its outcome, the grounds where the outcome needs them, and
/// its form (the licensing-control conclusion) where it has one. A signed outcome (a refusal,
/// a notice, a conclusion, an order) takes effect only with the official's EDS signature over
/// its document, which `decision-draft` shows first.
async fn decide_step(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<DecideRequest>,
) -> AppResult<Json<OfficerCaseResponse>> {
    let row = provider_case(&state, &user, &id).await?;
    take_decision(&state, &user, &row, &req).await?;
    Ok(Json(officer_case(&state, &user, &row.id).await?))
}

/// The document a signed outcome's official signs: the same bytes `decide` verifies.
async fn decision_draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<DecideRequest>,
) -> AppResult<Json<SigningPayloadResponse>> {
    let row = provider_case(&state, &user, &id).await?;
    let checked = checked_decision(&state, &user, &row, &req).await?;
    if !checked.outcome.signed {
        return Err(ErrorCode::BadRequest.into());
    }
    let document = decision_document(&state, &user, &row, &checked).await?;
    Ok(Json(super::signing_payload(
        &document.canonical_bytes(),
        document.readable(),
    )))
}

/// A decision checked against the open step and the outcome's needs.
struct CheckedDecision<'a> {
    open: crate::engine::OpenStep<'a>,
    outcome: &'a domain::process::Outcome,
    grounds: Option<String>,
    form_json: Option<String>,
}

async fn checked_decision<'a>(
    state: &'a AppState,
    user: &CurrentUser,
    row: &ApplicationRow,
    req: &DecideRequest,
) -> AppResult<CheckedDecision<'a>> {
    let open = crate::engine::open_step(state, user, row, Some(&req.step_id)).await?;
    let outcome = open
        .step
        .outcomes
        .iter()
        .find(|o| o.code == req.outcome)
        .ok_or(ErrorCode::BadRequest)?;
    // The result itself is granted only by signing the licence.
    if outcome.next == domain::process::GRANTED {
        return Err(ErrorCode::BadRequest.into());
    }
    let grounds = req
        .grounds
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty());
    if outcome.grounds_required && grounds.is_none_or(|g| g.chars().count() < 10) {
        return Err(AppError::Validation(vec![FieldError::new(
            "grounds",
            FieldErrorCode::Required,
        )]));
    }
    let form_json = match &outcome.form {
        None => None,
        Some(code) => {
            let schema = domain::catalogue::builtin_forms()
                .into_iter()
                .find(|f| &f.code == code)
                .ok_or_else(|| AppError::internal("an outcome's form is unknown"))?;
            let errors = domain::form::validate(&schema.as_variant(), &req.form, today_kz());
            if !errors.is_empty() {
                return Err(AppError::Validation(errors));
            }
            Some(serde_json::to_string(&req.form).map_err(AppError::internal)?)
        }
    };
    Ok(CheckedDecision {
        open,
        outcome,
        grounds: grounds.map(str::to_owned),
        form_json,
    })
}

/// The decision as its official signs it. A step that signs what an earlier one prepared
/// (the unit head's signature on the conclusion) carries the last form the case holds.
async fn decision_document(
    state: &AppState,
    user: &CurrentUser,
    row: &ApplicationRow,
    d: &CheckedDecision<'_>,
) -> AppResult<DecisionToSign> {
    let form = match &d.form_json {
        Some(f) => Some(f.clone()),
        None => db::steps::latest_form(&state.db, &row.id).await?,
    };
    let form = form
        .map(|f| serde_json::from_str(&f))
        .transpose()
        .map_err(AppError::internal)?;
    Ok(DecisionToSign {
        document: DecisionToSign::KIND,
        application_number: row.number.clone().unwrap_or_default(),
        service_code: row.service_code.clone(),
        service_version: u32::try_from(row.service_version).unwrap_or(0),
        variant: row.variant.clone(),
        applicant_iin: row.applicant_iin.clone(),
        applicant_bin: row.applicant_bin.clone(),
        step: d.open.step.id.clone(),
        step_record: d.open.row.id.clone(),
        step_name: d.open.step.name.clone(),
        outcome: d.outcome.code.clone(),
        outcome_label: d.outcome.label.clone(),
        grounds: d.grounds.clone(),
        form,
        official_iin: user.iin.clone().unwrap_or_default(),
        official_name: user.full_name.clone(),
    })
}

/// Verifies an official's signature over a document: a valid signing key, not revoked, and
/// the signed-in official's own.
pub async fn official_signature(
    state: &AppState,
    user: &CurrentUser,
    cms_b64: &str,
    document: &[u8],
) -> AppResult<AcceptedSignature> {
    let accepted = state
        .verify_signature(cms_b64, crate::pki::Purpose::Signing, document)
        .await
        .map_err(|e| match e {
            SignatureCheck::Refused(why) => {
                tracing::info!(%why, "official's signature refused");
                AppError::Api(ErrorCode::OfficialSignatureInvalid)
            }
            SignatureCheck::Unavailable(why) => {
                tracing::warn!(%why, "official's signature: revocation status unknown");
                AppError::Api(ErrorCode::ExternalSystemUnavailable)
            }
        })?;
    if Some(accepted.signer.iin.as_str()) != user.iin.as_deref() {
        return Err(ErrorCode::OfficialSignatureInvalid.into());
    }
    Ok(accepted)
}

/// Takes a checked decision, with the official's signature where the outcome is signed, and
/// asks the next step's registries.
async fn take_decision(
    state: &AppState,
    user: &CurrentUser,
    row: &ApplicationRow,
    req: &DecideRequest,
) -> AppResult<()> {
    let checked = checked_decision(state, user, row, req).await?;
    let signed = if checked.outcome.signed {
        let cms = req
            .cms_b64
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .ok_or(ErrorCode::SignatureRequired)?;
        let document = decision_document(state, user, row, &checked)
            .await?
            .canonical_bytes();
        let accepted = official_signature(state, user, cms, &document).await?;
        Some((cms, document, accepted))
    } else {
        None
    };
    let mut tx = state.db.begin().await?;
    let decision = crate::engine::Decision {
        outcome: checked.outcome,
        grounds: checked.grounds.as_deref(),
        form_json: checked.form_json.clone(),
    };
    crate::engine::decide(&mut tx, state, user, row, &checked.open, decision).await?;
    if let Some((cms, document, accepted)) = signed {
        db::signed::record(
            &mut tx,
            db::evidence::SignedObject::Decision,
            &checked.open.row.id,
            Some(&row.id),
            &document,
            cms,
            &accepted,
            &user.full_name,
        )
        .await?;
    }
    tx.commit().await?;
    // The next step's registry checks are asked now (and retried later if unanswered).
    crate::engine::run_checks(state, &row.id).await?;
    Ok(())
}

/// Takes the open step as one's own (or over from a colleague of the same duty).
async fn claim_step(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<OfficerCaseResponse>> {
    let row = provider_case(&state, &user, &id).await?;
    let open = crate::engine::open_step(&state, &user, &row, None).await?;
    if !db::steps::assign(&state.db, &open.row.id, &user.id).await? {
        return Err(ErrorCode::Conflict.into());
    }
    Ok(Json(officer_case(&state, &user, &row.id).await?))
}

async fn get_case(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<OfficerCaseResponse>> {
    Ok(Json(officer_case(&state, &user, &id).await?))
}

/// The case as the provider's staff see it: the request, the step it is at, the steps passed.
async fn officer_case(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> AppResult<OfficerCaseResponse> {
    let row = provider_case(state, user, id).await?;
    let applicant = db::auth::user_by_id(&state.db, &row.applicant_id).await?;
    // A request filed at a centre is certified by the centre's operator, not the applicant.
    let operator = match &row.filed_by {
        Some(id) => db::auth::user_by_id(&state.db, id).await?,
        None => None,
    };
    let applicant_signature = match (&row.signer_certificate, &row.signature_verified_at) {
        (Some(certificate), Some(at)) => Some(SignatureSummary {
            signer_name: operator
                .as_ref()
                .or(applicant.as_ref())
                .map(|a| a.full_name.clone())
                .unwrap_or_default(),
            signer_iin: operator
                .as_ref()
                .and_then(|o| o.iin.clone())
                .unwrap_or_else(|| row.applicant_iin.clone()),
            certificate_serial: crate::pki::certificate_serial(certificate).unwrap_or_default(),
            verified_at: at.clone(),
        }),
        _ => None,
    };
    Ok(OfficerCaseResponse {
        step: crate::engine::step_view(state, user, &row).await?,
        steps: crate::engine::records(state, &row).await?,
        case: case_view(state, &row).await?,
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
    })
}

/// A refusal at the open step: the step's outcome that ends the case in a refusal, with the
/// written grounds (and the official's signature where that outcome is signed: its document
/// comes from `decision-draft`). A step that cannot refuse answers Conflict.
async fn refuse_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<RefuseApplicationRequest>,
) -> AppResult<Json<CaseView>> {
    let row = provider_case(&state, &user, &id).await?;
    if req.grounds.trim().chars().count() < 10 {
        return Err(AppError::Validation(vec![FieldError::new(
            "grounds",
            FieldErrorCode::Required,
        )]));
    }
    let open = crate::engine::open_step(&state, &user, &row, None).await?;
    let outcome = open
        .step
        .outcomes
        .iter()
        .find(|o| o.next == domain::process::REFUSED)
        .ok_or(ErrorCode::Conflict)?;
    let decision = DecideRequest {
        step_id: open.row.id.clone(),
        outcome: outcome.code.clone(),
        grounds: Some(req.grounds),
        form: Default::default(),
        cms_b64: req.cms_b64,
    };
    take_decision(&state, &user, &row, &decision).await?;
    let row = db::applications::by_id(&state.db, &row.id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(case_view(&state, &row).await?))
}

/// The open step's outcome that grants the result, for an officer holding its role.
async fn granting_step<'a>(
    state: &'a AppState,
    user: &CurrentUser,
    row: &ApplicationRow,
) -> AppResult<(crate::engine::OpenStep<'a>, &'a domain::process::Outcome)> {
    let open = crate::engine::open_step(state, user, row, None).await?;
    let outcome = open
        .step
        .outcomes
        .iter()
        .find(|o| o.next == domain::process::GRANTED)
        .ok_or(ErrorCode::Conflict)?;
    Ok((open, outcome))
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
    // Only at the step that grants the result, by an official holding its role.
    granting_step(&state, &user, &row).await?;
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
    Ok(Json(super::signing_payload(
        licence.payload.as_bytes(),
        format!(
            "Licence {} for {} (IIN {}), issued {}\nPDF SHA-256 {}",
            licence.number,
            licence.holder_name,
            licence.holder_iin,
            licence.issued_on,
            licence.pdf_sha256
        ),
    )))
}

async fn approve_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<SignatureRequest>,
) -> AppResult<Json<CaseView>> {
    let row = provider_case(&state, &user, &id).await?;
    let (open, outcome) = granting_step(&state, &user, &row).await?;
    let licence = db::licences::of_application(&state.db, &row.id)
        .await?
        .filter(|l| l.status == "pending_signature")
        .ok_or(ErrorCode::Conflict)?;
    let accepted =
        official_signature(&state, &user, &req.cms_b64, licence.payload.as_bytes()).await?;
    let now = db::now_text();
    let mut tx = state.db.begin().await?;
    // The signature is the step's decision: closed here, or Conflict if another came first.
    crate::engine::decide(
        &mut tx,
        &state,
        &user,
        &row,
        &open,
        crate::engine::Decision {
            outcome,
            grounds: None,
            form_json: None,
        },
    )
    .await?;
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
    let issued = domain::Text::new(
        &format!("Лицензия берілді: № {}", licence.number),
        &format!("Лицензия выдана: № {}", licence.number),
        &format!("Licence issued: No. {}", licence.number),
    );
    crate::notify::tell(&mut tx, &row, &issued).await?;
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
