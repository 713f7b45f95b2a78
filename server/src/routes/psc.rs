//! The public service centre channel (004 para. 10, 13): the centre's operator files a
//! construction licence request on the applicant's behalf. The applicant is looked up in the
//! person registry, a representative's power of attorney in the notary registry; the
//! documents presented on paper are marked; the fee is paid at the centre. The operator
//! certifies the request with their EDS; it is registered at once, its intake recorded as the
//! centre's steps (`domain/channels/psc-2014.json`), and the receipt gives the planned result
//! date. When the case ends, the result waits at the centre and is handed over against the
//! receipt (para. 11).

use super::{today_kz, Body, Path, Query};
use crate::auth::CurrentUser;
use crate::db::{self, applications::Case};
use crate::engine::{self, Actor};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::api::{PscApplicationRequest, PscReceipt, PscResult, SigningPayloadResponse};
use domain::canonical::PscRequestToSign;
use domain::case::CaseStatus;
use domain::catalogue::{Channel, FieldKind, ServiceDefinition, Variant};
use domain::duty::Duty;
use domain::form::{FieldError, FieldErrorCode, FormValues};
use domain::{ErrorCode, Iin, Text};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/psc/applications", post(file_application))
        .route("/api/psc/applications/draft", post(draft_application))
        .route("/api/psc/results", get(find_result))
        .route("/api/psc/ready", get(ready_results))
        .route("/api/psc/applications/{id}/handover", post(hand_over))
        .route("/api/psc/applications/{id}/licence.pdf", get(print_licence))
}

/// A centre's operator, as the engine sees them.
fn operator(user: &CurrentUser) -> AppResult<Actor> {
    user.require_duty(Duty::PscOperator)?;
    Ok(user.actor())
}

/// A request checked as the centre checks it: the form, the person registry, the power of
/// attorney in the notary registry. Nothing is written.
struct CheckedRequest<'a> {
    service: &'a ServiceDefinition,
    variant: &'a Variant,
    values: FormValues,
    iin: Iin,
    person_name: String,
    representative: Option<Iin>,
    documents: Vec<Text>,
    today: time::Date,
}

async fn checked_filing<'a>(
    state: &'a AppState,
    req: &PscApplicationRequest,
) -> AppResult<CheckedRequest<'a>> {
    let service = state
        .service(&req.service_code)
        .ok_or(ErrorCode::NotFound)?;
    if !service.channels.contains(&Channel::PublicServiceCentre) || !service.serves_persons() {
        return Err(ErrorCode::ApplicantTypeNotServed.into());
    }
    let variant = service.variant(&req.variant).ok_or(ErrorCode::NotFound)?;
    // The form's facts as on the portal; the file slots are brought on paper instead.
    let paper_form = domain::catalogue::Variant {
        fields: variant
            .fields
            .iter()
            .filter(|f| !matches!(f.kind, FieldKind::File { .. }))
            .cloned()
            .collect(),
        ..variant.clone()
    };
    let today = today_kz();
    let mut errors = domain::form::validate(&paper_form, &req.values, today);
    let iin = match Iin::parse(req.applicant_iin.trim()) {
        Ok(iin) => Some(iin),
        Err(e) => {
            errors.push(FieldError::new("applicant_iin", e.into()));
            None
        }
    };
    if req
        .paper_documents
        .iter()
        .any(|i| *i >= variant.psc_documents.len())
    {
        errors.push(FieldError::new(
            "paper_documents",
            FieldErrorCode::NotAnOption,
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let iin = iin.ok_or(ErrorCode::BadRequest)?;
    let unavailable = |e: crate::integrations::registries::Unavailable| {
        tracing::warn!(error = %e.0, "registry did not answer");
        AppError::Api(ErrorCode::ExternalSystemUnavailable)
    };
    // The applicant must be in the person registry (the regulation's message otherwise).
    let person = state
        .registries
        .person(iin.as_str())
        .await
        .map_err(unavailable)?
        .ok_or(ErrorCode::PersonNotFound)?;
    // A representative's power of attorney must be in the notary registry, name both and
    // be valid today.
    let representative = match &req.representative {
        None => None,
        Some(r) => {
            let agent = Iin::parse(r.iin.trim()).map_err(|e| {
                AppError::Validation(vec![FieldError::new("representative_iin", e.into())])
            })?;
            let poa = state
                .registries
                .power_of_attorney(r.power_of_attorney.trim())
                .await
                .map_err(unavailable)?
                .ok_or(ErrorCode::PowerOfAttorneyInvalid)?;
            let valid = domain::form::parse_date(&poa.valid_until).is_some_and(|d| d >= today);
            if poa.principal_iin != iin.as_str() || poa.agent_iin != agent.as_str() || !valid {
                return Err(ErrorCode::PowerOfAttorneyInvalid.into());
            }
            Some(agent)
        }
    };
    let documents: Vec<_> = req
        .paper_documents
        .iter()
        .map(|i| variant.psc_documents[*i].text.clone())
        .collect();
    Ok(CheckedRequest {
        service,
        variant,
        values: domain::form::effective_values(&paper_form, &req.values),
        iin,
        person_name: person.full_name,
        representative,
        documents,
        today,
    })
}

/// The request as the operator certifies it.
fn to_sign(
    operator: &Actor,
    req: &PscApplicationRequest,
    f: &CheckedRequest<'_>,
) -> PscRequestToSign {
    PscRequestToSign {
        document: PscRequestToSign::KIND,
        service_code: f.service.code.clone(),
        service_version: f.service.version,
        variant: f.variant.code.clone(),
        applicant_iin: f.iin.to_string(),
        representative_iin: f.representative.as_ref().map(|i| i.to_string()),
        power_of_attorney: req
            .representative
            .as_ref()
            .map(|r| r.power_of_attorney.trim().to_owned()),
        form: f.values.clone(),
        paper_documents: f.documents.iter().map(|d| d.ru.clone()).collect(),
        operator_iin: operator.iin.clone().unwrap_or_default(),
        operator_name: operator.full_name.clone(),
    }
}

/// Checks the request at the desk and shows the document the operator certifies.
async fn draft_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Body(req): Body<PscApplicationRequest>,
) -> AppResult<Json<SigningPayloadResponse>> {
    let operator = operator(&user)?;
    let filing = checked_filing(&state, &req).await?;
    let document = to_sign(&operator, &req, &filing);
    Ok(Json(super::signing_payload(
        &document.canonical_bytes(),
        document.readable(),
    )))
}

async fn file_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Body(req): Body<PscApplicationRequest>,
) -> AppResult<Json<PscReceipt>> {
    let operator = operator(&user)?;
    let began = time::OffsetDateTime::now_utc();
    let filing = checked_filing(&state, &req).await?;
    // The operator certifies the request with their EDS (process 5).
    let cms = req
        .cms_b64
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .ok_or(ErrorCode::SignatureRequired)?;
    let signed_payload = to_sign(&operator, &req, &filing).canonical_bytes();
    let accepted =
        crate::signatures::official(&state, operator.iin.as_deref(), cms, &signed_payload).await?;
    let CheckedRequest {
        service,
        variant,
        values,
        iin,
        person_name,
        representative,
        documents,
        today,
    } = filing;

    // The applicant's account, made from the registry's record if they never signed in.
    let applicant = match db::auth::applicant_by_iin(&state.db, iin.as_str()).await? {
        Some(u) => u,
        None => {
            let u = db::auth::new_applicant(iin.as_str(), &person_name);
            db::auth::insert_user(&state.db, &u).await?;
            u
        }
    };
    let case = Case {
        // Paid at the centre (its receipt is among the paper documents).
        status: CaseStatus::Submitted,
        signed_payload: Some(String::from_utf8(signed_payload).map_err(AppError::internal)?),
        signature: Some(cms.to_owned()),
        signer_certificate: Some(accepted.signer.certificate_pem()),
        signature_verified_at: Some(accepted.verified_at.clone()),
        filing: db::applications::Filing::Centre {
            operator_id: operator.id.clone(),
            representative: representative.clone(),
            paper_documents: documents.clone(),
        },
        ..Case::new_request(
            service,
            variant,
            &applicant.id,
            &iin,
            values,
            today.year(),
            db::now_text(),
        )
    };
    let registered = engine::register(
        &state,
        &case,
        &accepted,
        engine::Registration::Centre {
            operator: &operator,
            began,
        },
    )
    .await?;
    let qr_rows = qr_rows(&registered.number)?;
    Ok(Json(PscReceipt {
        application_id: case.id,
        number: registered.number,
        service_name: service.name.clone(),
        variant_name: variant.name.clone(),
        applicant_iin: iin.to_string(),
        applicant_name: applicant.full_name,
        representative_iin: representative.map(|r| r.to_string()),
        accepted_at: registered.submitted_at,
        planned_result_date: registered.expected.to_string(),
        documents,
        operator_name: operator.full_name.clone(),
        qr_rows,
    }))
}

/// A QR code of `data` as rows of modules (`1` dark), for the page to draw.
fn qr_rows(data: &str) -> AppResult<Vec<String>> {
    let qr = qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M)
        .map_err(crate::error::AppError::internal)?;
    let width = qr.width();
    Ok(qr
        .to_colors()
        .chunks(width)
        .map(|row| {
            row.iter()
                .map(|c| if *c == qrcode::Color::Dark { '1' } else { '0' })
                .collect()
        })
        .collect())
}

/// A case filed at a centre of the operator's region, the one the applicant returns to with
/// the receipt (para. 11); any other case is "not found".
async fn at_own_centre(state: &AppState, operator: &Actor, case: Option<Case>) -> AppResult<Case> {
    let Some(case) = case else {
        return Err(ErrorCode::NotFound.into());
    };
    let filed_by = match &case.filing {
        db::applications::Filing::Centre { operator_id, .. } => {
            db::auth::user_by_id(&state.db, operator_id).await?
        }
        db::applications::Filing::Portal => None,
    };
    if filed_by.is_none_or(|f| f.region != operator.region) {
        return Err(ErrorCode::NotFound.into());
    }
    Ok(case)
}

/// A case filed at the operator's centre, for its operator.
async fn centre_case(state: &AppState, operator: &Actor, id: &str) -> AppResult<Case> {
    let case = db::applications::by_id(&state.db, id).await?;
    at_own_centre(state, operator, case).await
}

/// A case filed at the operator's centre, by its registration number (from the receipt).
async fn filed_at_centre(state: &AppState, operator: &Actor, number: &str) -> AppResult<Case> {
    let case = db::applications::by_number(&state.db, number.trim()).await?;
    at_own_centre(state, operator, case).await
}

async fn result_view(state: &AppState, row: &Case) -> AppResult<PscResult> {
    let case = engine::case_view(state, row).await?;
    let applicant = db::auth::user_by_id(&state.db, &row.applicant_id).await?;
    let open = db::steps::current(&state.db, &row.id).await?;
    let handover = engine::channel_of(state, row).map(|c| c.handover.id.clone());
    let awaiting_handover = open.is_some_and(|s| Some(&s.step) == handover.as_ref());
    let handed_over_at = db::steps::history(&state.db, &row.id)
        .await?
        .into_iter()
        .find(|s| Some(&s.step) == handover.as_ref() && s.finished_at.is_some())
        .and_then(|s| s.finished_at);
    Ok(PscResult {
        application_id: row.id.clone(),
        number: case.number.clone().unwrap_or_default(),
        service_name: case.service_name,
        variant_name: case.variant_name,
        applicant_iin: row.applicant_iin.to_string(),
        applicant_name: applicant.map(|a| a.full_name).unwrap_or_default(),
        status: case.status,
        licence_number: case.licence_number,
        refusal_grounds: case.refusal_grounds,
        awaiting_handover,
        handed_over_at,
    })
}

#[derive(serde::Deserialize)]
struct ResultQuery {
    number: String,
}

/// The applicant brings the receipt: the operator finds the case by its number.
async fn find_result(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ResultQuery>,
) -> AppResult<Json<PscResult>> {
    let operator = operator(&user)?;
    let row = filed_at_centre(&state, &operator, &q.number).await?;
    db::access::record(
        &state.db,
        &row.id,
        &user.id,
        domain::case::Accessor::CentreOperator,
        Some(domain::duty::Duty::PscOperator),
        domain::case::AccessAction::Found,
    )
    .await?;
    Ok(Json(result_view(&state, &row).await?))
}

/// The results waiting at the operator's centre, oldest first.
async fn ready_results(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<PscResult>>> {
    let operator = operator(&user)?;
    let mut out = Vec::new();
    let handovers: std::collections::BTreeSet<String> = state
        .channels
        .iter()
        .filter(|c| c.channel == Channel::PublicServiceCentre)
        .map(|c| c.handover.id.clone())
        .collect();
    for step in &handovers {
        for row in
            db::applications::of_channel_at_step(&state.db, Channel::PublicServiceCentre, step)
                .await?
        {
            if let Ok(row) = at_own_centre(&state, &operator, Some(row)).await {
                out.push(result_view(&state, &row).await?);
            }
        }
    }
    Ok(Json(out))
}

/// Hands the result over (para. 11): closes the centre's hand-over step, once.
async fn hand_over(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<PscResult>> {
    let operator = operator(&user)?;
    let case = centre_case(&state, &operator, &id).await?;
    engine::hand_over(&state, &operator, &case).await?;
    Ok(Json(result_view(&state, &case).await?))
}

/// The licence printed at the centre for the applicant (para. 3, 11).
async fn print_licence(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let operator = operator(&user)?;
    let row = centre_case(&state, &operator, &id).await?;
    let licence = super::valid_licence(&state, &row.id).await?;
    super::licence_pdf(&state, &licence, "inline").await
}
