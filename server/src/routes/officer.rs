//! The officer's workspace: the provider's queue, a case, decisions at its steps (signed where
//! the outcome is), a refusal with grounds, and the licence signed by the official.

use super::{Body, Path, Query};
use crate::auth::CurrentUser;
use crate::db::{self, applications::Case};
use crate::engine;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::api::{
    CompanyView, DecideRequest, OfficerCaseResponse, QueueCount, QueueItem, QueuePage,
    QueueSection, RefuseApplicationRequest, Role, SignatureRequest, SignatureSummary,
    SigningPayloadResponse,
};
use domain::case::CaseView;
use domain::ErrorCode;
use serde::Deserialize;

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

/// A case within the officer's reach (their provider's, their region's); any other case is
/// "not found".
async fn provider_case(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> AppResult<(Case, engine::Actor)> {
    user.require(Role::Officer)?;
    let actor = user.actor();
    let case = db::applications::by_id(&state.read, id)
        .await?
        .filter(|a| actor.reaches(a))
        .ok_or(AppError::Api(ErrorCode::NotFound))?;
    Ok((case, actor))
}

/// Cases on one page of the queue.
const QUEUE_PAGE: i64 = 25;

#[derive(Debug, Deserialize)]
struct QueueQuery {
    #[serde(default)]
    section: QueueSection,
    #[serde(default)]
    after: Option<String>,
}

/// The provider's cases within the officer's reach, a section and a page at a time: those
/// waiting at a step of their duties (by deadline), the other open ones, the decided (newest
/// first); with how many each section holds.
async fn list_queue(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<QueueQuery>,
) -> AppResult<Json<QueuePage>> {
    user.require(Role::Officer)?;
    let actor = user.actor();
    let provider = actor.provider.clone().ok_or(ErrorCode::Forbidden)?;
    let after = super::page_after(query.after)?;
    let scope = db::applications::QueueScope {
        provider: &provider,
        region: actor.region.as_deref(),
        duties: &actor.duties,
    };
    let count = |section| db::applications::queue_count(&state.read, &scope, section);
    let (mine, others, decided, mut rows) = tokio::try_join!(
        count(QueueSection::Mine),
        count(QueueSection::Others),
        count(QueueSection::Decided),
        db::applications::queue_page(
            &state.read,
            &scope,
            query.section,
            after.as_deref(),
            QUEUE_PAGE + 1
        ),
    )?;
    let next = if rows.len() as i64 > QUEUE_PAGE {
        rows.truncate(QUEUE_PAGE as usize);
        rows.last().map(|(_, c)| c.clone())
    } else {
        None
    };
    // The page's open steps in one read; each item then reads only what its status shows.
    let ids: Vec<&str> = rows.iter().map(|(c, _)| c.id.as_str()).collect();
    let mut open: std::collections::HashMap<String, db::steps::StepRow> =
        db::steps::current_of_many(&state.read, &ids)
            .await?
            .into_iter()
            .map(|r| (r.application_id.clone(), r))
            .collect();
    let mut items = Vec::with_capacity(rows.len());
    for (case, _) in rows {
        let current = open.remove(&case.id);
        let view = engine::list_view(&state, &case, current.as_ref()).await?;
        let step = match current {
            Some(row) => engine::step_view_at(&state, &actor, &case, row).await?,
            None => None,
        };
        items.push(QueueItem { step, case: view });
    }
    let counted = |n: i64| QueueCount {
        count: n.min(db::applications::COUNT_CAP) as u32,
        more: n > db::applications::COUNT_CAP,
    };
    Ok(Json(QueuePage {
        section: query.section,
        mine: counted(mine),
        others: counted(others),
        decided: counted(decided),
        items,
        next,
    }))
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
    let (case, actor) = provider_case(&state, &user, &id).await?;
    engine::take_decision(&state, &actor, &case, &req).await?;
    Ok(Json(officer_case(&state, &user, &case.id).await?))
}

/// The document a signed outcome's official signs: the same bytes `decide` verifies.
async fn decision_draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<DecideRequest>,
) -> AppResult<Json<SigningPayloadResponse>> {
    let (case, actor) = provider_case(&state, &user, &id).await?;
    let (bytes, readable) = engine::signed_decision_draft(&state, &actor, &case, &req).await?;
    Ok(Json(super::signing_payload(&bytes, readable)))
}

/// Takes the open step as one's own (or over from a colleague of the same duty).
async fn claim_step(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<OfficerCaseResponse>> {
    let (case, actor) = provider_case(&state, &user, &id).await?;
    let open = engine::open_step(&state, &actor, &case, None).await?;
    if !db::steps::assign(&state.db, &open.row.id, &actor.id).await? {
        return Err(ErrorCode::Conflict.into());
    }
    Ok(Json(officer_case(&state, &user, &case.id).await?))
}

async fn get_case(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<OfficerCaseResponse>> {
    let answer = officer_case(&state, &user, &id).await?;
    // The applicant sees that the provider opened the case, by role: the step's role when
    // the official holds it, else their first.
    let duty = answer
        .step
        .as_ref()
        .map(|s| s.role)
        .filter(|r| user.duties.contains(r))
        .or_else(|| user.duties.first().copied());
    let who = if duty == Some(domain::duty::Duty::PscOperator) {
        domain::case::Accessor::CentreOperator
    } else {
        domain::case::Accessor::Officer
    };
    db::access::record(
        &state.db,
        &id,
        &user.id,
        who,
        duty,
        domain::case::AccessAction::Opened,
    )
    .await?;
    Ok(Json(answer))
}

/// The case as the provider's staff see it: the request, the step it is at, the steps passed.
async fn officer_case(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> AppResult<OfficerCaseResponse> {
    let (case, actor) = provider_case(state, user, id).await?;
    let applicant = db::auth::user_by_id(&state.db, &case.applicant_id).await?;
    // A request filed at a centre is certified by the centre's operator, not the applicant.
    let operator = match &case.filing {
        db::applications::Filing::Centre { operator_id, .. } => {
            db::auth::user_by_id(&state.db, operator_id).await?
        }
        db::applications::Filing::Portal => None,
    };
    let applicant_signature = match (&case.signer_certificate, &case.signature_verified_at) {
        (Some(certificate), Some(at)) => Some(SignatureSummary {
            signer_name: operator
                .as_ref()
                .or(applicant.as_ref())
                .map(|a| a.full_name.clone())
                .unwrap_or_default(),
            signer_iin: operator
                .as_ref()
                .and_then(|o| o.iin.clone())
                .unwrap_or_else(|| case.applicant_iin.to_string()),
            certificate_serial: crate::pki::certificate_serial(certificate).unwrap_or_default(),
            verified_at: at.clone(),
        }),
        _ => None,
    };
    Ok(OfficerCaseResponse {
        step: engine::step_view(state, &actor, &case).await?,
        steps: engine::records(state, &case).await?,
        case: engine::case_view_full(state, &case).await?,
        applicant_iin: case.applicant_iin.to_string(),
        applicant_name: applicant.map(|a| a.full_name).unwrap_or_default(),
        applicant_company: case.company.as_ref().map(|c| CompanyView {
            bin: c.bin.to_string(),
            name: c.name.clone(),
            role: String::new(),
        }),
        values: case.values.clone(),
        attachments: db::attachments::of_application(&state.db, &case.id)
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
    let (case, actor) = provider_case(&state, &user, &id).await?;
    let decision =
        engine::refusal_request(&state, &actor, &case, &req.grounds, req.cms_b64).await?;
    engine::take_decision(&state, &actor, &case, &decision).await?;
    let case = db::applications::by_id(&state.db, &case.id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(engine::case_view(&state, &case).await?))
}

/// Produces the result's PDF (a licence, an annex, a duplicate, a commission's decision): its
/// exact bytes are what the official signs; a repeated call returns the same.
async fn prepare_licence(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<SigningPayloadResponse>> {
    let (case, actor) = provider_case(&state, &user, &id).await?;
    let draft = engine::result_draft(&state, &actor, &case).await?;
    let pdf = state.documents.get(draft.pdf_sha256()).await?;
    Ok(Json(super::signing_payload(&pdf, draft.readable())))
}

/// The official signs the licence: the result is granted.
async fn approve_application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<SignatureRequest>,
) -> AppResult<Json<CaseView>> {
    let (case, actor) = provider_case(&state, &user, &id).await?;
    engine::grant(&state, &actor, &case, &req.cms_b64).await?;
    let case = db::applications::by_id(&state.db, &case.id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(engine::case_view(&state, &case).await?))
}
