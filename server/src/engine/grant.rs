//! Granting the result: the official signs the licence at the step that grants it. In one
//! transaction the step closes, the case becomes approved, the licence becomes valid with the
//! signature, the applicant is told, and the signature's evidence is kept.

use super::actor::Actor;
use super::decide::{decide, open_step, Decision, OpenStep};
use crate::db::{self, applications::Case, licences::LicenceRow};
use crate::error::AppResult;
use crate::signatures::{self, SignedObject};
use crate::state::AppState;
use domain::api::LicenceStatus;
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

/// The licence the official is about to sign: made once (number, PDF, the bytes to sign) at
/// the granting step; a repeated call gives the same.
pub async fn licence_draft(state: &AppState, actor: &Actor, case: &Case) -> AppResult<LicenceRow> {
    if case.status != CaseStatus::Submitted {
        return Err(ErrorCode::Conflict.into());
    }
    granting_step(state, actor, case).await?;
    crate::licences::prepare(state, case).await
}

/// Grants the result with the official's signature over the licence.
pub async fn grant(
    state: &AppState,
    actor: &Actor,
    case: &Case,
    cms_b64: &str,
) -> AppResult<LicenceRow> {
    let (open, outcome) = granting_step(state, actor, case).await?;
    let licence = db::licences::of_application(&state.db, &case.id)
        .await?
        .filter(|l| l.status == LicenceStatus::PendingSignature)
        .ok_or(ErrorCode::Conflict)?;
    let accepted = signatures::official(
        state,
        actor.iin.as_deref(),
        cms_b64,
        licence.payload.as_bytes(),
    )
    .await?;
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
    if !db::licences::sign(
        &mut *tx,
        &licence.number,
        cms_b64,
        &accepted.signer.certificate_pem(),
        &actor.full_name,
        &now,
    )
    .await?
    {
        return Err(ErrorCode::Conflict.into());
    }
    db::applications::record_decision(&mut *tx, &case.id, &now, None).await?;
    let issued = domain::Text::new(
        &format!("Лицензия берілді: № {}", licence.number),
        &format!("Лицензия выдана: № {}", licence.number),
        &format!("Licence issued: No. {}", licence.number),
    );
    crate::notify::tell(&mut tx, case, &issued).await?;
    db::applications::add_event(
        &mut *tx,
        &case.id,
        CaseStatus::Approved,
        Some(&actor.id),
        Some(&licence.number),
    )
    .await?;
    signatures::record(&mut *tx, SignedObject::Licence, &licence.number, &accepted).await?;
    tx.commit().await?;
    Ok(licence)
}
