//! Deciding at a step: the open step checked against what the official saw and may do, an
//! outcome taken (closing the step only if still open: of two decisions at once one stands),
//! the next step opened or the case refused with its grounds; and the signed decisions, whose
//! document the official signs first.

use super::actor::Actor;
use super::checks::run_checks;
use super::definitions::{channel_of, process_of, step_of};
use super::steps::{open, open_handover};
use super::timing::today_kz;
use crate::db::{self, applications::Case, steps::StepRow};
use crate::error::{AppError, AppResult};
use crate::signatures::{self, AcceptedSignature, SignedObject};
use crate::state::AppState;
use domain::api::DecideRequest;
use domain::canonical::DecisionToSign;
use domain::case::CaseStatus;
use domain::duty::CheckStatus;
use domain::form::{FieldError, FieldErrorCode};
use domain::process::{Outcome, Step, DONE, GRANTED, REFUSED};
use domain::ErrorCode;
use time::OffsetDateTime;

/// The open step and its definition, checked against what the official saw and may do.
pub struct OpenStep<'a> {
    pub row: StepRow,
    pub step: &'a Step,
}

/// The case's open step, if the actor holds its duty. `step_id` is the step record the
/// official's screen showed: another means the case has moved on (Conflict).
pub async fn open_step<'a>(
    state: &'a AppState,
    actor: &Actor,
    case: &Case,
    step_id: Option<&str>,
) -> AppResult<OpenStep<'a>> {
    let row = db::steps::current(&state.db, &case.id)
        .await?
        .ok_or(ErrorCode::Conflict)?;
    if step_id.is_some_and(|id| id != row.id) {
        return Err(ErrorCode::Conflict.into());
    }
    let step = step_of(state, case, &row.step)?
        .ok_or_else(|| AppError::internal("a step the process does not have"))?;
    if !actor.holds(step.role) {
        return Err(ErrorCode::Forbidden.into());
    }
    Ok(OpenStep { row, step })
}

/// What an official decided at a step.
pub struct Decision<'a> {
    pub outcome: &'a Outcome,
    /// Written grounds, citing the rule.
    pub grounds: Option<&'a str>,
    /// The outcome's form as filled in (JSON), when it has one.
    pub form_json: Option<String>,
}

/// Takes an outcome at the open step inside `tx`: closes it (or answers Conflict if another
/// decision came first), then opens the next step, refuses the case with the grounds, or —
/// once the case has ended — opens the channel's hand-over. The result itself is granted by
/// [`super::grant`].
pub async fn decide(
    tx: &mut db::Tx<'_>,
    state: &AppState,
    actor: &Actor,
    case: &Case,
    open_step: &OpenStep<'_>,
    decision: Decision<'_>,
) -> AppResult<()> {
    let Decision {
        outcome,
        grounds,
        form_json,
    } = decision;
    // A step that asked the registries waits for them; a finding against the applicant leaves
    // only the outcomes that refuse (they carry grounds).
    let checks = db::checks::of_step(&mut **tx, &open_step.row.id).await?;
    if checks.iter().any(|c| c.status == CheckStatus::Pending) {
        return Err(ErrorCode::ChecksPending.into());
    }
    if checks.iter().any(|c| c.adverse) && !outcome.grounds_required {
        return Err(ErrorCode::AdverseFinding.into());
    }
    let now = OffsetDateTime::now_utc();
    let at = db::timestamp_text(now);
    if !db::steps::close(
        &mut **tx,
        &open_step.row.id,
        &outcome.code,
        grounds,
        &actor.id,
        &at,
    )
    .await?
    {
        return Err(ErrorCode::Conflict.into());
    }
    if let Some(form) = form_json {
        db::steps::set_form(&mut **tx, &open_step.row.id, &form).await?;
    }
    // An outcome on the way to a refusal names its category (R85); the refusal carries it.
    if let Some(reason) = outcome.reason {
        db::applications::set_refusal_reason(&mut **tx, &case.id, reason).await?;
    }
    match outcome.next.as_str() {
        GRANTED => open_handover(tx, state, case, now).await?,
        // The channel's part ends (the result handed over at the centre): the applicant is
        // told so.
        DONE => crate::notify::tell(tx, case, &outcome.label).await?,
        REFUSED => {
            if !db::applications::transition(
                &mut **tx,
                &case.id,
                CaseStatus::Submitted,
                CaseStatus::Refused,
            )
            .await?
            {
                return Err(ErrorCode::Conflict.into());
            }
            db::applications::record_decision(&mut **tx, &case.id, &at, grounds).await?;
            db::applications::add_event(
                &mut **tx,
                &case.id,
                CaseStatus::Refused,
                Some(&actor.id),
                grounds,
            )
            .await?;
            let refusal = domain::Text::new(
                "Дәлелді бас тарту",
                "Мотивированный отказ",
                "Motivated refusal",
            );
            let g = grounds.unwrap_or_default();
            let told = domain::Text::new(
                &format!("{}: {g}", refusal.kk),
                &format!("{}: {g}", refusal.ru),
                &format!("{}: {g}", refusal.en),
            );
            crate::notify::tell(tx, case, &told).await?;
            open_handover(tx, state, case, now).await?;
        }
        next => {
            let process = process_of(state, case)?;
            let step = process
                .step(next)
                .ok_or_else(|| AppError::internal("a next step the process does not have"))?;
            open(tx, process, case, step, now).await?;
            // The applicant hears of the change when what they are shown changes.
            if step.visible != open_step.step.visible {
                crate::notify::tell(tx, case, &step.visible).await?;
            }
        }
    }
    Ok(())
}

/// A decision checked against the open step and the outcome's needs (grounds, the form).
pub struct CheckedDecision<'a> {
    pub open: OpenStep<'a>,
    pub outcome: &'a Outcome,
    pub grounds: Option<String>,
    pub form_json: Option<String>,
}

/// Checks an official's decision before anything is signed or written.
pub async fn check_decision<'a>(
    state: &'a AppState,
    actor: &Actor,
    case: &Case,
    req: &DecideRequest,
) -> AppResult<CheckedDecision<'a>> {
    let open = open_step(state, actor, case, Some(&req.step_id)).await?;
    let outcome = open
        .step
        .outcomes
        .iter()
        .find(|o| o.code == req.outcome)
        .ok_or(ErrorCode::BadRequest)?;
    // The result itself is granted only by signing the licence.
    if outcome.next == GRANTED {
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
            let schema = state
                .forms
                .iter()
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
pub async fn decision_document(
    state: &AppState,
    actor: &Actor,
    case: &Case,
    d: &CheckedDecision<'_>,
) -> AppResult<DecisionToSign> {
    let form = match &d.form_json {
        Some(f) => Some(f.clone()),
        None => db::steps::latest_form(&state.db, &case.id).await?,
    };
    let form = form
        .map(|f| serde_json::from_str(&f))
        .transpose()
        .map_err(AppError::internal)?;
    Ok(DecisionToSign {
        document: DecisionToSign::KIND,
        application_number: case.number.clone().unwrap_or_default(),
        service_code: case.service_code.clone(),
        service_version: case.service_version,
        variant: case.variant.clone(),
        applicant_iin: case.applicant_iin.to_string(),
        applicant_bin: case.bin().map(|b| b.to_string()),
        step: d.open.step.id.clone(),
        step_record: d.open.row.id.clone(),
        step_name: d.open.step.name.clone(),
        outcome: d.outcome.code.clone(),
        outcome_label: d.outcome.label.clone(),
        grounds: d.grounds.clone(),
        form,
        official_iin: actor.iin.clone().unwrap_or_default(),
        official_name: actor.full_name.clone(),
    })
}

/// What a signed outcome's official signs: the bytes [`take_decision`] verifies, and the
/// facts shown beside them. A refusal is its PDF document (made here); any other decision is
/// its canonical JSON.
pub async fn signed_decision_draft(
    state: &AppState,
    actor: &Actor,
    case: &Case,
    req: &DecideRequest,
) -> AppResult<(Vec<u8>, String)> {
    let checked = check_decision(state, actor, case, req).await?;
    if !checked.outcome.signed {
        return Err(ErrorCode::BadRequest.into());
    }
    if checked.outcome.next == REFUSED {
        let grounds = checked.grounds.as_deref().unwrap_or_default();
        let doc = crate::licences::refusal::draft(state, case, checked.outcome, grounds).await?;
        let pdf = state.documents.get(&doc.pdf_sha256).await?;
        return Ok((pdf, doc.summary));
    }
    let document = decision_document(state, actor, case, &checked).await?;
    Ok((document.canonical_bytes(), document.readable()))
}

/// What an official signed at a step, verified.
pub enum Signed {
    /// A decision's canonical JSON, kept with the step.
    Decision(AcceptedSignature),
    /// The motivated refusal's PDF document.
    Refusal(AcceptedSignature, Box<db::results::ResultDocument>),
}

/// An official's decision at the open step, whole: checked, with the official's signature
/// where the outcome is signed (verified over its document and kept with it), taken in one
/// transaction, then the next step's registries asked.
pub async fn take_decision(
    state: &AppState,
    actor: &Actor,
    case: &Case,
    req: &DecideRequest,
) -> AppResult<()> {
    let checked = check_decision(state, actor, case, req).await?;
    let signed = if checked.outcome.signed {
        let cms = req
            .cms_b64
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .ok_or(ErrorCode::SignatureRequired)?;
        if checked.outcome.next == REFUSED {
            let grounds = checked.grounds.as_deref().unwrap_or_default();
            let doc =
                crate::licences::refusal::draft(state, case, checked.outcome, grounds).await?;
            let pdf = state.documents.get(&doc.pdf_sha256).await?;
            let accepted = signatures::official(state, actor.iin.as_deref(), cms, &pdf).await?;
            Some(Signed::Refusal(accepted, Box::new(doc)))
        } else {
            let document = decision_document(state, actor, case, &checked)
                .await?
                .canonical_bytes();
            Some(Signed::Decision(
                signatures::official(state, actor.iin.as_deref(), cms, &document).await?,
            ))
        }
    } else {
        None
    };
    let decision = Decision {
        outcome: checked.outcome,
        grounds: checked.grounds.as_deref(),
        form_json: checked.form_json.clone(),
    };
    take(state, actor, case, &checked.open, decision, signed.as_ref()).await
}

/// Takes a decision in its own transaction, keeping the official's signed document when there
/// is one, then asks the next step's registries (retried later if unanswered).
pub async fn take(
    state: &AppState,
    actor: &Actor,
    case: &Case,
    open: &OpenStep<'_>,
    decision: Decision<'_>,
    signed: Option<&Signed>,
) -> AppResult<()> {
    let mut tx = state.db.begin().await?;
    decide(&mut tx, state, actor, case, open, decision).await?;
    match signed {
        None => {}
        Some(Signed::Decision(accepted)) => {
            signatures::record_document(
                &mut tx,
                SignedObject::Decision,
                &open.row.id,
                Some(&case.id),
                accepted,
                &actor.full_name,
            )
            .await?;
        }
        Some(Signed::Refusal(accepted, doc)) => {
            if !db::results::sign(
                &mut *tx,
                &doc.id,
                &accepted.cms_b64,
                &accepted.signer.certificate_pem(),
                &actor.full_name,
                accepted.signer.iin.as_str(),
                &db::now_text(),
            )
            .await?
            {
                return Err(ErrorCode::Conflict.into());
            }
            signatures::record(&mut *tx, SignedObject::Result, &doc.id, accepted).await?;
        }
    }
    tx.commit().await?;
    run_checks(state, &case.id).await?;
    Ok(())
}

/// The outcome of the open step that ends the case in a refusal (a refusal at any step that
/// has one), with the written grounds; Conflict when the step cannot refuse.
pub async fn refusal_request(
    state: &AppState,
    actor: &Actor,
    case: &Case,
    grounds: &str,
    cms_b64: Option<String>,
) -> AppResult<DecideRequest> {
    if grounds.trim().chars().count() < 10 {
        return Err(AppError::Validation(vec![FieldError::new(
            "grounds",
            FieldErrorCode::Required,
        )]));
    }
    let open = open_step(state, actor, case, None).await?;
    let outcome = open
        .step
        .outcomes
        .iter()
        .find(|o| o.next == REFUSED)
        .ok_or(ErrorCode::Conflict)?;
    Ok(DecideRequest {
        step_id: open.row.id.clone(),
        outcome: outcome.code.clone(),
        grounds: Some(grounds.to_owned()),
        form: Default::default(),
        cms_b64,
    })
}

/// The channel's hand-over of the result (the centre gives the applicant the licence or the
/// refusal against the receipt): the case's open step must be it.
pub async fn hand_over(state: &AppState, actor: &Actor, case: &Case) -> AppResult<()> {
    let handover = channel_of(state, case).map(|c| c.handover.id.as_str());
    let current = db::steps::current(&state.db, &case.id).await?;
    // Until the case ends its open step is the provider's: nothing to hand over yet.
    if handover.is_none() || current.as_ref().map(|s| s.step.as_str()) != handover {
        return Err(ErrorCode::Conflict.into());
    }
    let open = open_step(state, actor, case, current.as_ref().map(|s| s.id.as_str())).await?;
    let outcome = open
        .step
        .outcomes
        .first()
        .ok_or_else(|| AppError::internal("a hand-over without an outcome"))?;
    let decision = Decision {
        outcome,
        grounds: None,
        form_json: None,
    };
    take(state, actor, case, &open, decision, None).await
}
