//! Granting the result: the official signs it (a licence, an annex, a duplicate, a commission's
//! decision) at the step that grants it. In one transaction the step closes, the case becomes
//! approved, the result becomes signed and takes its place in the register, the applicant is
//! told, and the signature's evidence is kept.

use super::actor::Actor;
use super::decide::{decide, open_step, Decision, OpenStep};
use crate::db::{self, applications::Case};
use crate::error::AppResult;
use crate::licences::{self, Draft};
use crate::signatures;
use crate::state::AppState;
use domain::case::CaseStatus;
use domain::process::{Outcome, GRANTED};
use domain::ErrorCode;

/// The open step's outcome that grants the result, for an official holding its duty.
pub async fn granting_step<'a>(
    state: &'a AppState,
    actor: &Actor,
    case: &Case,
) -> AppResult<(OpenStep<'a>, &'a Outcome)> {
    let open = open_step(state, actor, case, None).await?;
    let outcome = open
        .step
        .outcomes
        .iter()
        .find(|o| o.next == GRANTED)
        .ok_or(ErrorCode::Conflict)?;
    Ok((open, outcome))
}

/// The result the official is about to sign: made once (a licence, an annex, a duplicate, a
/// commission's decision, as a PDF) at the granting step; a repeated call gives the same.
pub async fn result_draft(state: &AppState, actor: &Actor, case: &Case) -> AppResult<Draft> {
    if case.status != CaseStatus::Submitted {
        return Err(ErrorCode::Conflict.into());
    }
    granting_step(state, actor, case).await?;
    licences::prepare(state, case).await
}

/// Grants the result with the official's signature over its PDF: in one transaction the step
/// closes, the case is approved, the result is signed and applied to the register (a re-issue
/// replaces its licence), the applicant is told, and the signature's evidence is kept.
pub async fn grant(
    state: &AppState,
    actor: &Actor,
    case: &Case,
    cms_b64: &str,
) -> AppResult<Draft> {
    let (open, outcome) = granting_step(state, actor, case).await?;
    let draft = licences::pending(state, case)
        .await?
        .ok_or(ErrorCode::Conflict)?;
    let pdf = state.documents.get(draft.pdf_sha256()).await?;
    let accepted = signatures::official(state, actor.iin.as_deref(), cms_b64, &pdf).await?;
    let now = db::now_text();
    let mut tx = state.db.begin().await?;
    // The signature is the step's decision: closed here, or Conflict if another came first.
    let decision = Decision {
        outcome,
        grounds: None,
        form_json: None,
    };
    decide(&mut tx, state, actor, case, &open, decision).await?;
    if !db::applications::transition(
        &mut *tx,
        &case.id,
        CaseStatus::Submitted,
        CaseStatus::Approved,
    )
    .await?
    {
        return Err(ErrorCode::Conflict.into());
    }
    licences::register::sign_and_apply(
        &mut tx,
        state,
        case,
        &draft,
        &accepted,
        &actor.full_name,
        &now,
    )
    .await?;
    db::applications::record_decision(&mut *tx, &case.id, &now, None).await?;
    let notice = licences::register::granted_notice(&draft);
    crate::notify::tell(&mut tx, case, &notice).await?;
    // The history shows the result by its number.
    let note = match &draft {
        Draft::Licence(l) => l.number.clone(),
        Draft::Document(d) => d
            .number
            .clone()
            .or_else(|| d.licence_number.clone())
            .unwrap_or_else(|| notice.ru.clone()),
    };
    db::applications::add_event(
        &mut *tx,
        &case.id,
        CaseStatus::Approved,
        Some(&actor.id),
        Some(&note),
    )
    .await?;
    tx.commit().await?;
    Ok(draft)
}
