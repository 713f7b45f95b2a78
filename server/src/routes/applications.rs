//! The applicant's applications: create, list, pay, sign and submit, download the result.

use super::{Body, Path, Query};
use crate::auth::CurrentUser;
use crate::db::{self, applications::Case};
use crate::engine;
use crate::error::{AppError, AppResult};
use crate::integrations::payment_gateway::CreatePaymentRequest;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::api::{
    ApplicationResponse, CasePage, CreateApplicationRequest, PaymentStatus, PaymentView, Role,
    SignatureRequest, SigningPayloadResponse, StartPaymentResponse,
};
use domain::canonical::{RequestToSign, SignedAttachment};
use domain::case::CaseStatus;
use domain::signing::Applicant;
use domain::{ErrorCode, Iin};
use serde::Deserialize;

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
            "/api/applications/{id}/licence.p7s",
            get(download_licence_signature),
        )
}

/// Loads an application the current applicant owns, in the cabinet the session acts in (the
/// person's own or their company's); anything else is "not found".
pub(super) async fn own(state: &AppState, user: &CurrentUser, id: &str) -> AppResult<Case> {
    user.require(Role::Applicant)?;
    db::applications::by_id(&state.read, id)
        .await?
        .filter(|a| is_own(a, user))
        .ok_or(AppError::Api(ErrorCode::NotFound))
}

/// The applicant's own case, in the cabinet the session acts for (a person's or a company's).
fn is_own(case: &Case, user: &CurrentUser) -> bool {
    case.applicant_id == user.id && case.bin() == user.acting_bin()
}

fn payment_view(p: db::payments::PaymentRow) -> PaymentView {
    PaymentView {
        reference: p.id,
        amount_tenge: p.amount_tenge,
        status: p.status,
        paid_at: p.paid_at,
    }
}

async fn response(state: &AppState, case: &Case) -> AppResult<ApplicationResponse> {
    // The reads are independent: they run side by side (SQLite's readers, PostgreSQL's pool),
    // so the answer waits for the slowest, not for their sum.
    let (attachments, payment, steps, deliveries) = tokio::try_join!(
        db::attachments::of_application(&state.read, &case.id),
        db::payments::latest_of(&state.read, &case.id),
        db::steps::history(&state.read, &case.id),
        db::notifications::deliveries_of(&state.read, &case.id),
    )?;
    let (view, access) = tokio::try_join!(
        engine::case_view_with_steps(state, case, &steps),
        engine::access_log(state, case, &steps),
    )?;
    Ok(ApplicationResponse {
        case: view,
        fee_tenge: case.fee_tenge,
        values: case.values.clone(),
        attachments: attachments.iter().map(|a| a.to_response()).collect(),
        payment: payment.map(payment_view),
        access,
        // The applicant sees how each message went, not the mail server's words.
        deliveries: deliveries
            .into_iter()
            .map(|d| domain::api::MailDelivery {
                last_error: None,
                ..d.view()
            })
            .collect(),
    })
}

async fn create_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Body(req): Body<CreateApplicationRequest>,
) -> AppResult<Json<ApplicationResponse>> {
    user.require(Role::Applicant)?;
    let iin = user
        .iin
        .as_deref()
        .and_then(|i| Iin::parse(i).ok())
        .ok_or(ErrorCode::Forbidden)?;
    let applicant = engine::Applicant {
        user_id: &user.id,
        iin,
        company: user.acting.as_ref().map(|a| db::applications::Company {
            bin: a.bin.clone(),
            name: a.organisation.clone(),
        }),
    };
    let case = engine::create_application(&state, applicant, &req).await?;
    Ok(Json(response(&state, &case).await?))
}

/// Cases on one page of the cabinet.
const CABINET_PAGE: i64 = 20;

#[derive(Debug, Deserialize)]
struct PageQuery {
    #[serde(default)]
    after: Option<String>,
}

/// The cabinet's cases, newest first, a page at a time.
async fn list_applications(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<PageQuery>,
) -> AppResult<Json<CasePage>> {
    user.require(Role::Applicant)?;
    let after = super::page_after(query.after)?;
    let mut rows = db::applications::of_applicant(
        &state.read,
        &user.id,
        user.acting_bin(),
        after.as_deref(),
        CABINET_PAGE + 1,
    )
    .await?;
    let next = if rows.len() as i64 > CABINET_PAGE {
        rows.truncate(CABINET_PAGE as usize);
        rows.last()
            .map(|c| db::applications::cursor(&c.created_at, &c.id))
    } else {
        None
    };
    let mut items = Vec::with_capacity(rows.len());
    for case in &rows {
        items.push(engine::case_view(&state, case).await?);
    }
    Ok(Json(CasePage { items, next }))
}

/// The status read: what an applicant following a case asks for again and again, so its
/// answer is kept (`answers`) until the next write.
async fn get_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
) -> AppResult<Response> {
    if let Some(kept) = state.answers.case(&id) {
        user.require(Role::Applicant)?;
        if !is_own(&kept.case, &user) {
            return Err(ErrorCode::NotFound.into());
        }
        return Ok(kept.response(&headers));
    }
    let stamp = state.answers.stamp();
    let case = own(&state, &user, &id).await?;
    let body = axum::body::Bytes::from(
        serde_json::to_vec(&response(&state, &case).await?).map_err(AppError::internal)?,
    );
    let answer = crate::answers::CaseAnswer::new(case, body);
    let sent = answer.response(&headers);
    if let Some(stamp) = stamp {
        state.answers.keep_case(stamp, answer);
    }
    Ok(sent)
}

async fn start_payment(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<StartPaymentResponse>> {
    let case = own(&state, &user, &id).await?;
    if case.status != CaseStatus::AwaitingPayment {
        return Err(ErrorCode::Conflict.into());
    }
    let payment = db::payments::PaymentRow {
        id: format!("PAY-{}", &db::new_id()[..16].to_uppercase()),
        application_id: case.id.clone(),
        gateway_payment_id: None,
        amount_tenge: case.fee_tenge,
        status: PaymentStatus::Pending,
        paid_at: None,
    };
    let (service, _) = engine::definition_of(&state, &case)?;
    let created = state
        .gateway
        .create_payment(&CreatePaymentRequest {
            order_id: payment.id.clone(),
            amount_tenge: case.fee_tenge,
            description: format!(
                "Лицензиялық алым / Лицензионный сбор: {}",
                service.activity.ru
            ),
            return_url: format!(
                "{}{}?payment=return",
                state.public_url,
                domain::paths::page::application(&case.id)
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

/// The status a request must have to be signed: paid (the regulations check payment before
/// the certificate is chosen) and not yet signed.
fn ready_to_sign(case: &Case) -> AppResult<()> {
    match case.status {
        CaseStatus::AwaitingPayment => Err(ErrorCode::PaymentNotFound.into()),
        CaseStatus::Paid => Ok(()),
        CaseStatus::Submitted | CaseStatus::Approved | CaseStatus::Refused => {
            Err(ErrorCode::Conflict.into())
        }
    }
}

/// The canonical bytes of the request, built once and stored; signing must cover exactly these.
async fn get_signing_payload(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<SigningPayloadResponse>> {
    let case = own(&state, &user, &id).await?;
    ready_to_sign(&case)?;
    let payment_reference = db::payments::latest_of(&state.db, &case.id)
        .await?
        .filter(|p| p.status == PaymentStatus::Paid)
        .map(|p| p.id)
        .unwrap_or_else(|| "free-of-charge".to_owned());
    let attachments = db::attachments::of_application(&state.db, &case.id).await?;
    let request = RequestToSign {
        application_id: case.id.clone(),
        service_code: case.service_code.clone(),
        service_version: case.service_version,
        variant: case.variant.clone(),
        applicant_iin: case.applicant_iin.to_string(),
        applicant_bin: case.bin().map(|b| b.to_string()),
        payment_reference,
        form: case.values.clone(),
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
    db::applications::set_signing_payload(&state.db, &case.id, &text).await?;
    Ok(Json(super::signing_payload(&bytes, request.readable())))
}

/// The applicant signs the stored bytes with their EDS: the signature is checked (its IIN,
/// BIN and role fit the request), and the request is registered.
async fn submit_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<SignatureRequest>,
) -> AppResult<Json<ApplicationResponse>> {
    let case = own(&state, &user, &id).await?;
    ready_to_sign(&case)?;
    let payload = case.signed_payload.clone().ok_or(ErrorCode::Conflict)?;
    let (service, _) = engine::definition_of(&state, &case)?;
    let applicant = Applicant {
        iin: case.applicant_iin.as_str(),
        bin: case.bin().map(|b| b.as_str()),
    };
    let accepted =
        crate::signatures::applicant(&state, &req.cms_b64, payload.as_bytes(), applicant, service)
            .await?;
    engine::register(&state, &case, &accepted, engine::Registration::Portal).await?;
    let case = db::applications::by_id(&state.db, &case.id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(response(&state, &case).await?))
}

async fn licence_of(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> AppResult<db::licences::LicenceRow> {
    let case = own(state, user, id).await?;
    super::valid_licence(state, &case.id).await
}

async fn download_licence_pdf(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let licence = licence_of(&state, &user, &id).await?;
    super::licence_pdf(&state, &licence, "attachment").await
}

/// The official's detached CMS over the licence's PDF, as a `.p7s` file.
async fn download_licence_signature(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let licence = licence_of(&state, &user, &id).await?;
    super::p7s_file(
        &format!("licence-{}.pdf.p7s", licence.number),
        licence.signature.as_deref(),
    )
}
