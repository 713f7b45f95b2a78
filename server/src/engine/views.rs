//! What people see of a case: the applicant's projection ([`case_view`], which support gets
//! unchanged), the step it is at and the steps passed, as the provider's staff see them.

use super::actor::{Actor, SYSTEM};
use super::definitions::{channel_of, definition_of, process_of, step_of};
use super::timing::timing;
use crate::db::{self, applications::Case};
use crate::error::AppResult;
use crate::state::AppState;
use domain::api::{CheckView, OutcomeView, StepRecord, StepView};
use domain::case::{CaseEvent, CaseStatus, CaseView};
use domain::duty::CheckStatus;
use domain::process::{Outcome, GRANTED, REFUSED};
use time::OffsetDateTime;

/// The applicant-visible projection of a case.
pub async fn case_view(state: &AppState, case: &Case) -> AppResult<CaseView> {
    let (service, variant) = definition_of(state, case)?;
    let history = db::applications::events(&state.db, &case.id)
        .await?
        .into_iter()
        .map(|e| CaseEvent {
            at: e.at,
            status: e.status,
            note: e.note,
        })
        .collect();
    let licence_number = match case.status {
        CaseStatus::Approved => db::licences::of_application(&state.db, &case.id)
            .await?
            .map(|l| l.number),
        CaseStatus::AwaitingPayment
        | CaseStatus::Paid
        | CaseStatus::Submitted
        | CaseStatus::Refused => None,
    };
    // The signed documents the case produced: its refusal, or its result beside the licence.
    let documents: Vec<_> = db::results::all_of_case(&state.db, &case.id)
        .await?
        .into_iter()
        .filter(|d| d.signed())
        .collect();
    let refusal_signed_by = documents
        .iter()
        .find(|d| d.kind == domain::licence::DocumentKind::Refusal)
        .and_then(|d| d.signer_name.clone());
    let refusal_reason = match case.status {
        CaseStatus::Refused => case.refusal_reason,
        CaseStatus::AwaitingPayment
        | CaseStatus::Paid
        | CaseStatus::Submitted
        | CaseStatus::Approved => None,
    };
    let documents = documents
        .iter()
        .map(|d| crate::licences::views::document_view(d, refusal_reason))
        .collect();
    Ok(CaseView {
        id: case.id.clone(),
        number: case.number.clone(),
        service_code: case.service_code.clone(),
        service_version: case.service_version,
        service_name: service.name.clone(),
        variant: case.variant.clone(),
        variant_name: variant.name.clone(),
        provider_name: service.provider.name.clone(),
        status: case.status,
        created_at: case.created_at.clone(),
        submitted_at: case.submitted_at.clone(),
        expected_result_date: case.expected_result_date.clone(),
        refusal_grounds: case.refusal_grounds.clone(),
        refusal_signed_by,
        refusal_reason,
        documents,
        licence_number,
        stage: stage(state, case).await?,
        history,
    })
}

pub fn outcome_view(o: &Outcome) -> OutcomeView {
    OutcomeView {
        code: o.code.clone(),
        label: o.label.clone(),
        grounds_required: o.grounds_required,
        form: o.form.clone(),
        signed: o.signed,
        ends: (o.next == GRANTED || o.next == REFUSED).then(|| o.next.clone()),
    }
}

/// The open step as the provider's staff see it.
pub async fn step_view(
    state: &AppState,
    actor: &Actor,
    case: &Case,
) -> AppResult<Option<StepView>> {
    let Some(row) = db::steps::current(&state.db, &case.id).await? else {
        return Ok(None);
    };
    let Some(step) = step_of(state, case, &row.step)? else {
        return Ok(None);
    };
    let assignee = match &row.assignee_id {
        Some(id) => db::auth::user_by_id(&state.db, id)
            .await?
            .map(|u| u.full_name),
        None => None,
    };
    let checks = db::checks::of_step(&state.db, &row.id)
        .await?
        .into_iter()
        .map(|c| CheckView {
            pending: c.status == CheckStatus::Pending,
            adverse: c.adverse,
            registry: c.registry,
            detail: c.detail,
            attempts: c.attempts,
        })
        .collect();
    Ok(Some(StepView {
        checks,
        timing: timing(
            &row.started_at,
            row.due_at.as_deref(),
            OffsetDateTime::now_utc(),
        ),
        id: row.id,
        step: step.id.clone(),
        name: step.name.clone(),
        role: step.role,
        started_at: row.started_at,
        due_at: row.due_at,
        assignee,
        mine: actor.holds(step.role),
        outcomes: step.outcomes.iter().map(outcome_view).collect(),
    }))
}

/// The steps a case has passed and the one it is at.
pub async fn records(state: &AppState, case: &Case) -> AppResult<Vec<StepRecord>> {
    let process = process_of(state, case)?;
    let mut signed: std::collections::HashMap<String, db::signed::SignedDocumentRow> =
        db::signed::of_application(&state.db, &case.id)
            .await?
            .into_iter()
            .map(|d| (d.object_id.clone(), d))
            .collect();
    let mut out = Vec::new();
    for r in db::steps::history(&state.db, &case.id).await? {
        let Some(step) = process
            .step(&r.step)
            .or_else(|| channel_of(state, case).and_then(|c| c.step(&r.step)))
        else {
            continue;
        };
        let actor = match r.actor_id.as_deref() {
            Some(SYSTEM) | None => None,
            Some(id) => db::auth::user_by_id(&state.db, id)
                .await?
                .map(|u| u.full_name),
        };
        let on_time = match (&r.finished_at, &r.due_at) {
            (Some(f), Some(d)) => Some(f <= d),
            _ => None,
        };
        let signature = signed.remove(&r.id).map(|d| domain::api::SignatureSummary {
            certificate_serial: crate::pki::certificate_serial(&d.signer_certificate)
                .unwrap_or_default(),
            signer_name: d.signer_name,
            signer_iin: d.signer_iin,
            verified_at: d.signed_at,
        });
        out.push(StepRecord {
            signature,
            name: step.name.clone(),
            role: step.role,
            started_at: r.started_at,
            due_at: r.due_at,
            finished_at: r.finished_at,
            outcome: r
                .outcome
                .as_deref()
                .and_then(|c| step.outcomes.iter().find(|o| o.code == c))
                .map(|o| o.label.clone()),
            grounds: r.grounds,
            automatic: r.actor_id.as_deref() == Some(SYSTEM),
            actor,
            on_time,
        });
    }
    Ok(out)
}

/// What the applicant is told about where the case is.
pub async fn stage(state: &AppState, case: &Case) -> AppResult<Option<domain::Text>> {
    let Some(row) = db::steps::current(&state.db, &case.id).await? else {
        return Ok(None);
    };
    Ok(step_of(state, case, &row.step)?.map(|s| s.visible.clone()))
}
