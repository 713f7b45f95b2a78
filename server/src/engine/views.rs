//! What people see of a case: the applicant's projection ([`case_view`], which support gets
//! unchanged), the step it is at and the steps passed, as the provider's staff see them.

use super::actor::{Actor, SYSTEM};
use super::definitions::{channel_of, definition_of, process_of, step_of};
use super::timing::timing;
use crate::db::{self, applications::Case, steps::StepRow};
use crate::error::AppResult;
use crate::state::AppState;
use domain::api::Timing;
use domain::api::{CheckView, OutcomeView, StepRecord, StepView};
use domain::case::{
    AccessAction, AccessEntry, Accessor, CaseEvent, CaseStatus, CaseView, StepState, Timeline,
    TimelineStep,
};
use domain::duty::CheckStatus;
use domain::process::{Outcome, GRANTED, REFUSED};
use time::OffsetDateTime;

/// The applicant-visible projection of a case.
pub async fn case_view(state: &AppState, case: &Case) -> AppResult<CaseView> {
    let current = db::steps::current(&state.read, &case.id).await?;
    case_view_at(state, case, current.as_ref()).await
}

/// A case as a list shows it (the officer's queue): its summary and where it stands, given
/// its open step (read with the page). The history and the documents are left out (one case's
/// page shows them); who signed a refusal is read for a refused case only, the licence number
/// for a granted one: an open case costs no read at all.
pub async fn list_view(
    state: &AppState,
    case: &Case,
    current: Option<&StepRow>,
) -> AppResult<CaseView> {
    let (licence_number, documents) = match case.status {
        CaseStatus::Approved => (licence_of(state, case).await?, Vec::new()),
        CaseStatus::Refused => (None, db::results::all_of_case(&state.read, &case.id).await?),
        CaseStatus::AwaitingPayment | CaseStatus::Paid | CaseStatus::Submitted => {
            (None, Vec::new())
        }
    };
    let mut view = assemble(state, case, current, licence_number, documents, Vec::new())?;
    view.documents.clear();
    Ok(view)
}

async fn licence_of(state: &AppState, case: &Case) -> AppResult<Option<String>> {
    Ok(match case.status {
        CaseStatus::Approved => db::licences::of_application(&state.read, &case.id)
            .await?
            .map(|l| l.number),
        CaseStatus::AwaitingPayment
        | CaseStatus::Paid
        | CaseStatus::Submitted
        | CaseStatus::Refused => None,
    })
}

/// The projection, given the case's open step (if any).
async fn case_view_at(
    state: &AppState,
    case: &Case,
    current: Option<&StepRow>,
) -> AppResult<CaseView> {
    let (events, results, licence_number) = tokio::try_join!(
        async { AppResult::Ok(db::applications::events(&state.read, &case.id).await?) },
        async { AppResult::Ok(db::results::all_of_case(&state.read, &case.id).await?) },
        licence_of(state, case),
    )?;
    let history = events
        .into_iter()
        .map(|e| CaseEvent {
            at: e.at,
            status: e.status,
            note: e.note,
        })
        .collect();
    assemble(state, case, current, licence_number, results, history)
}

/// The projection from what was read for it.
fn assemble(
    state: &AppState,
    case: &Case,
    current: Option<&StepRow>,
    licence_number: Option<String>,
    results: Vec<db::results::ResultDocument>,
    history: Vec<CaseEvent>,
) -> AppResult<CaseView> {
    let (service, variant) = definition_of(state, case)?;
    // The signed documents the case produced: its refusal, or its result beside the licence.
    let documents: Vec<_> = results.into_iter().filter(|d| d.signed()).collect();
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
        stage: match current {
            Some(row) => step_of(state, case, &row.step)?.map(|s| s.visible.clone()),
            None => None,
        },
        history,
        timeline: None,
    })
}

/// The case's projection with its timeline: where one case is shown.
pub async fn case_view_full(state: &AppState, case: &Case) -> AppResult<CaseView> {
    let steps = db::steps::history(&state.read, &case.id).await?;
    case_view_with_steps(state, case, &steps).await
}

/// [`case_view_full`], given the case's steps (read once for the view, its timeline and the
/// access log).
pub async fn case_view_with_steps(
    state: &AppState,
    case: &Case,
    steps: &[StepRow],
) -> AppResult<CaseView> {
    let current = steps.iter().find(|r| r.finished_at.is_none());
    let mut view = case_view_at(state, case, current).await?;
    view.timeline = Some(timeline(state, case, steps)?);
    Ok(view)
}

/// The case's process at a glance: the steps passed (with whether each finished on time),
/// the one it is at, and the ones still to come along the way a request that raises no
/// objection takes, each forecast from the one before at its full term.
pub fn timeline(state: &AppState, case: &Case, history: &[StepRow]) -> AppResult<Timeline> {
    let process = process_of(state, case)?;
    let (_, variant) = definition_of(state, case)?;
    let now = OffsetDateTime::now_utc();
    let mut steps = Vec::new();
    let mut last: Option<(String, Option<OffsetDateTime>)> = None;
    for r in history {
        let Some(step) = step_of(state, case, &r.step)? else {
            continue;
        };
        let deadline = step.deadline(&case.variant);
        let (state_, timing_) = match &r.finished_at {
            Some(f) => (
                StepState::Done,
                r.due_at.as_deref().map(|d| {
                    if f.as_str() <= d {
                        Timing::OnTime
                    } else {
                        Timing::Overdue
                    }
                }),
            ),
            None => (
                StepState::Current,
                timing(&r.started_at, r.due_at.as_deref(), now),
            ),
        };
        let outcome = r
            .outcome
            .as_deref()
            .and_then(|c| step.outcomes.iter().find(|o| o.code == c))
            .map(|o| o.label.clone());
        if r.finished_at.is_none() {
            last = Some((
                step.id.clone(),
                r.due_at.as_deref().and_then(super::timing::parse_time),
            ));
        }
        steps.push(TimelineStep {
            name: step.name.clone(),
            role: step.role,
            state: state_,
            timing: timing_,
            started_at: Some(r.started_at.clone()),
            finished_at: r.finished_at.clone(),
            due_at: r.due_at.clone(),
            deadline,
            outcome,
        });
    }
    let open = matches!(
        case.status,
        CaseStatus::AwaitingPayment | CaseStatus::Paid | CaseStatus::Submitted
    );
    // The way on: from the open step (or, before the process begins, from its first step),
    // the first way out that neither refuses nor goes back.
    let mut next = match (&last, open, steps.is_empty()) {
        (Some((id, _)), true, _) => forward(process.step(id)),
        (None, true, true) => process.steps.first().map(|s| s.id.clone()),
        _ => None,
    };
    let mut at = last.and_then(|(_, due)| due);
    let mut seen = std::collections::HashSet::new();
    while let Some(id) = next.take() {
        let Some(step) = process.step(&id) else {
            break;
        };
        if !seen.insert(id) {
            break;
        }
        let deadline = step.deadline(&case.variant);
        let due = match (at, deadline) {
            (Some(start), Some(d)) => Some(super::timing::due(d, start)),
            _ => None,
        };
        at = due;
        steps.push(TimelineStep {
            name: step.name.clone(),
            role: step.role,
            state: StepState::Upcoming,
            timing: None,
            started_at: None,
            finished_at: None,
            due_at: due.map(db::timestamp_text),
            deadline,
            outcome: None,
        });
        next = forward(Some(step));
    }
    // The result is due at the close of the term's last working day (R31).
    let expected_at = match case.status {
        CaseStatus::Submitted => case
            .expected_result_date
            .as_deref()
            .and_then(|d| {
                time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).ok()
            })
            .map(|d| {
                let (h, m) = domain::calendar::WORKING_HOURS
                    .last()
                    .map(|(_, close)| *close)
                    .unwrap_or((18, 30));
                let t = time::Time::from_hms(h, m, 0).unwrap_or(time::Time::MIDNIGHT);
                time::PrimitiveDateTime::new(d, t).assume_offset(super::timing::kz_offset())
            })
            .map(db::timestamp_text),
        CaseStatus::AwaitingPayment
        | CaseStatus::Paid
        | CaseStatus::Approved
        | CaseStatus::Refused => None,
    };
    Ok(Timeline {
        steps,
        expected_at,
        term_working_days: (variant.term_working_days > 0).then_some(variant.term_working_days),
    })
}

/// The step a request that raises no objection goes on to.
fn forward(step: Option<&domain::process::Step>) -> Option<String> {
    step?
        .outcomes
        .iter()
        .find(|o| !o.back && o.next != REFUSED)
        .filter(|o| o.next != GRANTED)
        .map(|o| o.next.clone())
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
    match db::steps::current(&state.read, &case.id).await? {
        Some(row) => step_view_at(state, actor, case, row).await,
        None => Ok(None),
    }
}

/// [`step_view`], given the case's open step.
pub async fn step_view_at(
    state: &AppState,
    actor: &Actor,
    case: &Case,
    row: StepRow,
) -> AppResult<Option<StepView>> {
    let Some(step) = step_of(state, case, &row.step)? else {
        return Ok(None);
    };
    let assignee = match &row.assignee_id {
        Some(id) => db::auth::user_by_id(&state.read, id)
            .await?
            .map(|u| u.full_name),
        None => None,
    };
    let checks = db::checks::of_step(&state.read, &row.id)
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
        db::signed::of_application(&state.read, &case.id)
            .await?
            .into_iter()
            .map(|d| (d.object_id.clone(), d))
            .collect();
    let mut out = Vec::new();
    for r in db::steps::history(&state.read, &case.id).await? {
        let Some(step) = process
            .step(&r.step)
            .or_else(|| channel_of(state, case).and_then(|c| c.step(&r.step)))
        else {
            continue;
        };
        let actor = match r.actor_id.as_deref() {
            Some(SYSTEM) | None => None,
            Some(id) => db::auth::user_by_id(&state.read, id)
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

/// Who opened, found or acted on the case, and when: the records of opening and finding,
/// and the steps officials took (the system's own steps are not people and are left out).
/// Roles and bodies only, never a person's name.
pub async fn access_log(
    state: &AppState,
    case: &Case,
    steps: &[StepRow],
) -> AppResult<Vec<AccessEntry>> {
    let (service, _) = definition_of(state, case)?;
    let body = service.provider.name.clone();
    let mut out: Vec<AccessEntry> = db::access::of_application(&state.read, &case.id)
        .await?
        .into_iter()
        .filter_map(|r| {
            let who = r.who()?;
            Some(AccessEntry {
                body: (who == Accessor::Officer).then(|| body.clone()),
                duty: r.duty(),
                action: r.action()?,
                step: None,
                at: r.at,
                who,
            })
        })
        .collect();
    for r in steps {
        let (Some(at), Some(actor)) = (r.finished_at.clone(), r.actor_id.as_deref()) else {
            continue;
        };
        if actor == SYSTEM {
            continue;
        }
        let Some(step) = step_of(state, case, &r.step)? else {
            continue;
        };
        let who = if step.role == domain::duty::Duty::PscOperator {
            Accessor::CentreOperator
        } else {
            Accessor::Officer
        };
        let outcome = r
            .outcome
            .as_deref()
            .and_then(|c| step.outcomes.iter().find(|o| o.code == c));
        let described = |l: domain::Lang| match outcome {
            Some(o) => format!("{} — {}", step.name.get(l), o.label.get(l)),
            None => step.name.get(l).to_owned(),
        };
        out.push(AccessEntry {
            at,
            who,
            duty: Some(step.role),
            body: (who == Accessor::Officer).then(|| body.clone()),
            action: AccessAction::Decided,
            step: Some(domain::Text {
                kk: described(domain::Lang::Kk),
                ru: described(domain::Lang::Ru),
                en: described(domain::Lang::En),
            }),
        });
    }
    out.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(out)
}
