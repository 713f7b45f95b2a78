//! Attestation sessions (digest section 11): a territorial body's commission schedules
//! admitted candidates into a session with a date and place, records each one's computer-test
//! score and interview (or absence), and signs the protocol. Signing takes each case's outcome
//! at its session step through the engine, in one transaction, and publishes the lists of
//! those who passed, failed and did not appear the same day (the regulation allows until the
//! next).

use super::{today_kz, Body, Path};
use crate::auth::CurrentUser;
use crate::db::{self, applications::Case, sessions::SessionRow};
use crate::engine::{self, Actor};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::api::{
    AddCandidateRequest, CandidateView, CreateSessionRequest, PublishedLists, RecordResultRequest,
    SessionView, SignatureRequest, SigningPayloadResponse,
};
use domain::canonical::{ProtocolCandidate, ProtocolToSign};
use domain::case::CaseStatus;
use domain::duty::Duty;
use domain::form::{FieldError, FieldErrorCode};
use domain::process::SessionResult;
use domain::{ErrorCode, Text};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/officer/sessions",
            get(list_sessions).post(create_session),
        )
        .route("/api/officer/sessions/{id}/candidates", post(add_candidate))
        .route("/api/officer/sessions/{id}/results", post(record_result))
        .route(
            "/api/officer/sessions/{id}/protocol-draft",
            post(protocol_draft),
        )
        .route("/api/officer/sessions/{id}/protocol", post(sign_protocol))
        .route("/api/public/attestation-lists", get(published_lists))
}

/// The commission's member of a territorial body: sessions are regional.
fn commission(user: &CurrentUser) -> AppResult<(String, String)> {
    user.require_duty(Duty::Commission)?;
    match (&user.provider, &user.region) {
        (Some(p), Some(r)) => Ok((p.clone(), r.clone())),
        _ => Err(ErrorCode::Forbidden.into()),
    }
}

async fn own_session(state: &AppState, user: &CurrentUser, id: &str) -> AppResult<SessionRow> {
    let (provider, region) = commission(user)?;
    db::sessions::by_id(&state.db, id)
        .await?
        .filter(|s| s.provider == provider && s.region == region)
        .ok_or_else(|| ErrorCode::NotFound.into())
}

/// A region's name (its code, if unknown).
fn region_text(code: &str) -> Text {
    domain::regions::name(code).unwrap_or_else(|| Text::new(code, code, code))
}

/// A candidate's case and the applicant's name.
async fn candidate(state: &AppState, application_id: &str) -> AppResult<Option<(Case, String)>> {
    let Some(app) = db::applications::by_id(&state.db, application_id).await? else {
        return Ok(None);
    };
    let name = db::auth::user_by_id(&state.db, &app.applicant_id)
        .await?
        .map(|u| u.full_name)
        .unwrap_or_default();
    Ok(Some((app, name)))
}

async fn view(state: &AppState, s: SessionRow) -> AppResult<SessionView> {
    let mut candidates = Vec::new();
    for c in db::sessions::candidates(&state.db, &s.id).await? {
        let Some((app, name)) = candidate(state, &c.application_id).await? else {
            continue;
        };
        let ready = at_session_step(state, &app).await?;
        candidates.push(CandidateView {
            application_id: c.application_id,
            number: app.number.unwrap_or_default(),
            name,
            test_score: c.test_score,
            interview: c.interview,
            result: c.result,
            ready,
        });
    }
    let protocol_signed_by =
        db::signed::of_object(&state.db, db::evidence::SignedObject::Protocol, &s.id)
            .await?
            .map(|d| d.signer_name);
    Ok(SessionView {
        protocol_signed_by,
        region: region_text(&s.region),
        id: s.id,
        held_on: s.held_on,
        place: s.place,
        protocol_signed_at: s.protocol_signed_at,
        published_at: s.published_at,
        candidates,
    })
}

/// Whether the case's open step is its process's session step.
async fn at_session_step(state: &AppState, app: &Case) -> AppResult<bool> {
    let Some(open) = db::steps::current(&state.db, &app.id).await? else {
        return Ok(false);
    };
    Ok(engine::process_of(state, app)?
        .step(&open.step)
        .is_some_and(|s| s.session))
}

async fn list_sessions(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<SessionView>>> {
    let (provider, region) = commission(&user)?;
    let mut out = Vec::new();
    for s in db::sessions::of_body(&state.db, &provider, &region).await? {
        out.push(view(&state, s).await?);
    }
    Ok(Json(out))
}

async fn create_session(
    State(state): State<AppState>,
    user: CurrentUser,
    Body(req): Body<CreateSessionRequest>,
) -> AppResult<Json<SessionView>> {
    let (provider, region) = commission(&user)?;
    let mut errors = Vec::new();
    match domain::form::parse_date(req.held_on.trim()) {
        None => errors.push(FieldError::new("held_on", FieldErrorCode::InvalidDate)),
        Some(d) if d < today_kz() => {
            errors.push(FieldError::new("held_on", FieldErrorCode::OutOfRange))
        }
        Some(_) => {}
    }
    let place = req.place.trim();
    if place.is_empty() {
        errors.push(FieldError::new("place", FieldErrorCode::Required));
    } else if place.chars().count() > 300 {
        errors.push(FieldError::new("place", FieldErrorCode::TooLong));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let row = SessionRow {
        id: db::new_id(),
        provider,
        region,
        held_on: req.held_on.trim().to_owned(),
        place: place.to_owned(),
        created_by: user.id.clone(),
        created_at: db::now_text(),
        protocol_signed_at: None,
        protocol_signed_by: None,
        published_at: None,
    };
    db::sessions::insert(&state.db, &row).await?;
    Ok(Json(view(&state, row).await?))
}

async fn add_candidate(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<AddCandidateRequest>,
) -> AppResult<Json<SessionView>> {
    let session = own_session(&state, &user, &id).await?;
    if session.protocol_signed_at.is_some() {
        return Err(ErrorCode::Conflict.into());
    }
    // A case of this body and region, with the provider, whose process has a session step.
    let app = db::applications::search(&state.db, req.number.trim())
        .await?
        .into_iter()
        .find(|a| a.number.as_deref() == Some(req.number.trim()))
        .filter(|a| a.provider == session.provider && a.region.as_deref() == Some(&session.region))
        .ok_or(ErrorCode::NotFound)?;
    let has_session = engine::process_of(&state, &app)?
        .steps
        .iter()
        .any(|s| s.session);
    if app.status != CaseStatus::Submitted || !has_session {
        return Err(ErrorCode::Conflict.into());
    }
    let mut tx = state.db.begin().await?;
    if !db::sessions::add_candidate(&mut *tx, &session.id, &app.id).await? {
        return Err(ErrorCode::Conflict.into());
    }
    let notice = Text::new(
        &format!("Аттестаттау {} өтеді: {}", session.held_on, session.place),
        &format!(
            "Аттестация состоится {}: {}",
            session.held_on, session.place
        ),
        &format!(
            "The attestation is held on {} at {}",
            session.held_on, session.place
        ),
    );
    crate::notify::tell(&mut tx, &app, &notice).await?;
    tx.commit().await?;
    Ok(Json(view(&state, session).await?))
}

async fn record_result(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<RecordResultRequest>,
) -> AppResult<Json<SessionView>> {
    let session = own_session(&state, &user, &id).await?;
    let mut errors = Vec::new();
    let result = SessionResult::parse(&req.result);
    if result.is_none() {
        errors.push(FieldError::new("result", FieldErrorCode::NotAnOption));
    }
    let absent = result == Some(SessionResult::Absent);
    let (score, interview) = if absent {
        (None, None)
    } else {
        if !req.test_score.is_some_and(|s| (0..=100).contains(&s)) {
            errors.push(FieldError::new("test_score", FieldErrorCode::OutOfRange));
        }
        if !matches!(req.interview.as_deref(), Some("passed" | "failed")) {
            errors.push(FieldError::new("interview", FieldErrorCode::NotAnOption));
        }
        (req.test_score, req.interview.as_deref())
    };
    let Some(result) = result.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    if !db::sessions::record_result(
        &state.db,
        &session.id,
        &req.application_id,
        score,
        interview,
        result,
    )
    .await?
    {
        return Err(ErrorCode::Conflict.into());
    }
    Ok(Json(view(&state, session).await?))
}

/// The protocol as the commission's official signs it: every candidate with a result, each
/// waiting at the session step. Conflict while any is not.
async fn protocol_document<'a>(
    state: &'a AppState,
    actor: &Actor,
    session: &SessionRow,
) -> AppResult<(ProtocolToSign, Vec<Ready<'a>>)> {
    let candidates = db::sessions::candidates(&state.db, &session.id).await?;
    if candidates.is_empty() || candidates.iter().any(|c| c.result.is_none()) {
        return Err(ErrorCode::Conflict.into());
    }
    let mut ready = Vec::new();
    let mut listed = Vec::new();
    for c in &candidates {
        let (app, name) = candidate(state, &c.application_id)
            .await?
            .ok_or_else(|| AppError::internal("a candidate's case"))?;
        let open = engine::open_step(state, actor, &app, None).await?;
        if !open.step.session {
            return Err(ErrorCode::Conflict.into());
        }
        let result = c.result.ok_or(ErrorCode::Conflict)?;
        listed.push(ProtocolCandidate {
            application_number: app.number.clone().unwrap_or_default(),
            name,
            test_score: c.test_score,
            interview: c.interview.clone(),
            result: result.code().to_owned(),
        });
        ready.push((app, open, result));
    }
    let document = ProtocolToSign {
        document: ProtocolToSign::KIND,
        session: session.id.clone(),
        region: session.region.clone(),
        held_on: session.held_on.clone(),
        place: session.place.clone(),
        candidates: listed,
        official_iin: actor.iin.clone().unwrap_or_default(),
        official_name: actor.full_name.clone(),
    };
    Ok((document, ready))
}

/// A candidate's case, its open session step and the result the protocol gives it.
type Ready<'a> = (Case, engine::OpenStep<'a>, SessionResult);

/// The protocol's bytes to sign, shown first.
async fn protocol_draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<SigningPayloadResponse>> {
    let session = own_session(&state, &user, &id).await?;
    if session.protocol_signed_at.is_some() {
        return Err(ErrorCode::Conflict.into());
    }
    let (document, _) = protocol_document(&state, &user.actor(), &session).await?;
    Ok(Json(super::signing_payload(
        &document.canonical_bytes(),
        document.readable(),
    )))
}

/// Signs the protocol with the official's EDS: every candidate has a result and waits at the
/// session step; each case takes its outcome there, and the lists are published — all or
/// nothing.
async fn sign_protocol(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Body(req): Body<SignatureRequest>,
) -> AppResult<Json<SessionView>> {
    let session = own_session(&state, &user, &id).await?;
    let actor = user.actor();
    // Everything is read first: the transaction then only writes (SQLite has one connection).
    let (document, ready) = protocol_document(&state, &actor, &session).await?;
    let document = document.canonical_bytes();
    let accepted =
        crate::signatures::official(&state, actor.iin.as_deref(), &req.cms_b64, &document).await?;
    let now = db::now_text();
    let mut tx = state.db.begin().await?;
    if !db::sessions::sign_protocol(&mut *tx, &session.id, &user.id, &now).await? {
        return Err(ErrorCode::Conflict.into());
    }
    crate::signatures::record_document(
        &mut tx,
        crate::signatures::SignedObject::Protocol,
        &session.id,
        None,
        &accepted,
        &actor.full_name,
    )
    .await?;
    for (app, open, result) in &ready {
        let outcome = open
            .step
            .outcomes
            .iter()
            .find(|o| o.code == result.code())
            .ok_or_else(|| AppError::internal("a session step without the result"))?;
        let grounds = format!(
            "{} {} / Протокол аттестационной комиссии от {}: {}",
            session.held_on, outcome.label.kk, session.held_on, outcome.label.ru
        );
        let decision = crate::engine::Decision {
            outcome,
            grounds: outcome.grounds_required.then_some(grounds.as_str()),
            form_json: None,
        };
        engine::decide(&mut tx, &state, &actor, app, open, decision).await?;
    }
    tx.commit().await?;
    for (app, _, _) in &ready {
        engine::run_checks(&state, &app.id).await?;
    }
    let session = db::sessions::by_id(&state.db, &session.id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(view(&state, session).await?))
}

/// The published lists, for anyone.
async fn published_lists(State(state): State<AppState>) -> AppResult<Json<Vec<PublishedLists>>> {
    Ok(Json(published(&state).await?))
}

/// The lists every session's signed protocol published, newest first.
pub(crate) async fn published(state: &AppState) -> AppResult<Vec<PublishedLists>> {
    let mut out = Vec::new();
    for s in db::sessions::published(&state.db).await? {
        let mut lists = PublishedLists {
            region: region_text(&s.region),
            held_on: s.held_on.clone(),
            place: s.place.clone(),
            published_at: s.published_at.clone().unwrap_or_default(),
            passed: Vec::new(),
            failed: Vec::new(),
            absent: Vec::new(),
        };
        for c in db::sessions::candidates(&state.db, &s.id).await? {
            let Some((_, name)) = candidate(state, &c.application_id).await? else {
                continue;
            };
            match c.result {
                Some(SessionResult::Passed) => lists.passed.push(name),
                Some(SessionResult::Failed) => lists.failed.push(name),
                Some(SessionResult::Absent) => lists.absent.push(name),
                None => {}
            }
        }
        out.push(lists);
    }
    Ok(out)
}
