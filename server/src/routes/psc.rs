//! The public service centre channel (004 para. 10, 13): the centre's operator files a
//! construction licence request on the applicant's behalf. The applicant is looked up in the
//! person registry, a representative's power of attorney in the notary registry; the
//! documents presented on paper are marked; the fee is paid at the centre. The request is
//! registered at once and the receipt gives the planned result date.

use super::{today_kz, Body};
use crate::auth::CurrentUser;
use crate::db::{self, applications::ApplicationRow};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use domain::api::{PscApplicationRequest, PscReceipt, Role};
use domain::case::CaseStatus;
use domain::catalogue::{Channel, FieldKind};
use domain::form::{FieldError, FieldErrorCode};
use domain::{ErrorCode, Iin};

/// The duty of a centre's operator.
pub const OPERATOR: &str = "psc_operator";

pub fn router() -> Router<AppState> {
    Router::new().route("/api/psc/applications", post(file_application))
}

async fn file_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Body(req): Body<PscApplicationRequest>,
) -> AppResult<Json<PscReceipt>> {
    user.require(Role::Officer)?;
    if !user.duties.iter().any(|d| d == OPERATOR) {
        return Err(ErrorCode::Forbidden.into());
    }
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
            Some(agent.to_string())
        }
    };
    let documents: Vec<_> = req
        .paper_documents
        .iter()
        .map(|i| variant.psc_documents[*i].text.clone())
        .collect();

    // The applicant's account, made from the registry's record if they never signed in.
    let applicant = match db::auth::applicant_by_iin(&state.db, iin.as_str()).await? {
        Some(u) => u,
        None => {
            let u = db::auth::new_applicant(iin.as_str(), &person.full_name);
            db::auth::insert_user(&state.db, &u).await?;
            u
        }
    };
    let values = domain::form::effective_values(&paper_form, &req.values);
    let now = db::now_text();
    let row = ApplicationRow {
        id: db::new_id(),
        number: None,
        applicant_id: applicant.id.clone(),
        applicant_iin: iin.to_string(),
        service_code: service.code.clone(),
        service_version: i64::from(service.version),
        variant: variant.code.clone(),
        provider: service.provider.code.clone(),
        form_json: serde_json::to_string(&values).map_err(AppError::internal)?,
        status: CaseStatus::Submitted.as_str().to_owned(),
        // Paid at the centre (its receipt is among the paper documents).
        fee_tenge: variant
            .fee_mci
            .map_or(0, |m| domain::money::fee_tenge(m, today.year())),
        created_at: now.clone(),
        submitted_at: None,
        expected_result_date: None,
        decided_at: None,
        refusal_grounds: None,
        signed_payload: None,
        signature: None,
        signer_certificate: None,
        signature_verified_at: None,
        applicant_bin: None,
        applicant_organisation: None,
        region: service.region_of(&values),
        channel: Some("psc".into()),
        filed_by: Some(user.id.clone()),
        representative_iin: representative.clone(),
        paper_documents: Some(serde_json::to_string(&documents).map_err(AppError::internal)?),
    };
    let expected = domain::calendar::add_working_days(today, variant.term_working_days);
    let mut tx = state.db.begin().await?;
    db::applications::insert(&mut *tx, &row).await?;
    let number = db::applications::next_number(&mut tx, &row.provider, today.year()).await?;
    db::applications::record_registration(&mut *tx, &row.id, &number, &now, &expected.to_string())
        .await?;
    let note = format!("ХҚКО / ЦОН: {}", user.full_name);
    crate::engine::register(&mut tx, &state, &row, &number, &user.id, Some(&note)).await?;
    tx.commit().await?;
    crate::engine::run_checks(&state, &row.id).await?;
    Ok(Json(PscReceipt {
        application_id: row.id,
        number,
        service_name: service.name.clone(),
        variant_name: variant.name.clone(),
        applicant_iin: iin.to_string(),
        applicant_name: applicant.full_name,
        representative_iin: representative,
        accepted_at: now,
        planned_result_date: expected.to_string(),
        documents,
        operator_name: user.full_name.clone(),
    }))
}
