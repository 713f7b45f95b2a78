//! The process engine: runs a case through its provider's process (`domain::process`), which
//! it finds by service, version and variant alone — no service is named here.
//!
//! A registered case gets its first step; an officer holding the step's role decides one of
//! its outcomes, which closes the step (only if still open: two officers deciding at once
//! cannot both win) and opens the next, or ends the case in a refusal with its grounds. The
//! result itself is granted by the official's signature on the licence (`routes::officer`).
//! Each closed step keeps who decided, when, what and why, in the same transaction.

use crate::auth::CurrentUser;
use crate::db::{self, applications::ApplicationRow, steps::StepRow};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use domain::api::{OutcomeView, StepRecord, StepView, Timing};
use domain::calendar;
use domain::process::{
    ChannelDefinition, Deadline, Outcome, ProcessDefinition, Step, DONE, GRANTED, REFUSED,
};
use domain::ErrorCode;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Kazakhstan's time (one zone, UTC+5, since March 2024): deadlines count in it.
pub fn kz_offset() -> UtcOffset {
    UtcOffset::from_hms(5, 0, 0).expect("valid offset")
}

fn local(t: OffsetDateTime) -> PrimitiveDateTime {
    let t = t.to_offset(kz_offset());
    PrimitiveDateTime::new(t.date(), t.time())
}

/// When a step begun at `start` is due.
pub fn due(deadline: Deadline, start: OffsetDateTime) -> OffsetDateTime {
    let at = local(start);
    let end = match deadline {
        Deadline::Seconds(s) => calendar::add_working_minutes(at, s.div_ceil(60)),
        Deadline::Minutes(m) => calendar::add_working_minutes(at, m),
        Deadline::WorkingDays(n) => calendar::working_days_deadline(at, n),
        // The end of the working day it began (or of the next one, if begun on a day off).
        Deadline::SameDay => {
            let day = if calendar::is_working_day(at.date()) {
                0
            } else {
                1
            };
            calendar::working_days_deadline(at, day)
        }
    };
    end.assume_offset(kz_offset())
}

fn parse_time(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}

/// How an open step stands at `now`.
pub fn timing(started_at: &str, due_at: Option<&str>, now: OffsetDateTime) -> Option<Timing> {
    let (start, due) = (parse_time(started_at)?, parse_time(due_at?)?);
    Some(if now > due {
        Timing::Overdue
    } else if (due - now) * 4 < (due - start) {
        Timing::DueSoon
    } else {
        Timing::OnTime
    })
}

/// The process of a case.
pub fn process_of<'a>(
    state: &'a AppState,
    row: &ApplicationRow,
) -> AppResult<&'a ProcessDefinition> {
    state
        .process_for(
            &row.service_code,
            u32::try_from(row.service_version).unwrap_or(0),
            &row.variant,
        )
        .ok_or_else(|| AppError::internal(format!("no process for {}", row.service_code)))
}

/// The channel steps around the case's process, when it came through a channel that has
/// them (the public service centre).
pub fn channel_of<'a>(state: &'a AppState, row: &ApplicationRow) -> Option<&'a ChannelDefinition> {
    let version = u32::try_from(row.service_version).unwrap_or(0);
    state.channel_for(row.channel.as_deref()?, &row.service_code, version)
}

/// A step of the case, whether the provider's or its channel's.
pub fn step_of<'a>(
    state: &'a AppState,
    row: &ApplicationRow,
    id: &str,
) -> AppResult<Option<&'a Step>> {
    Ok(process_of(state, row)?
        .step(id)
        .or_else(|| channel_of(state, row).and_then(|c| c.step(id))))
}

/// Records the channel's intake, taken by its operator at the desk while the applicant waits,
/// as the case's first steps (inside the filing transaction, before `register`).
pub async fn record_intake(
    tx: &mut db::Tx<'_>,
    state: &AppState,
    row: &ApplicationRow,
    operator_id: &str,
    began: OffsetDateTime,
) -> AppResult<()> {
    let Some(channel) = channel_of(state, row) else {
        return Ok(());
    };
    let now = OffsetDateTime::now_utc();
    for (i, step) in channel.intake.iter().enumerate() {
        let outcome = step
            .outcomes
            .first()
            .ok_or_else(|| AppError::internal("an intake step without an outcome"))?;
        // Recorded in order: each a moment after the one before.
        let at = began + time::Duration::milliseconds(i64::try_from(i).unwrap_or(0));
        let opened = StepRow::opened(
            &row.id,
            &step.id,
            &step.role,
            db::timestamp_text(at),
            step.deadline(&row.variant)
                .map(|d| db::timestamp_text(due(d, began))),
        );
        db::steps::open(&mut **tx, &opened).await?;
        let id = opened.id;
        let actor = if step.role == SYSTEM {
            SYSTEM
        } else {
            operator_id
        };
        db::steps::close(
            &mut **tx,
            &id,
            &outcome.code,
            None,
            actor,
            &db::timestamp_text(now),
        )
        .await?;
    }
    Ok(())
}

/// Opens the channel's hand-over of the result once the case has ended, and tells the
/// applicant where to collect it.
async fn open_handover(
    tx: &mut db::Tx<'_>,
    state: &AppState,
    app: &ApplicationRow,
    now: OffsetDateTime,
) -> AppResult<()> {
    let Some(channel) = channel_of(state, app) else {
        return Ok(());
    };
    let step = &channel.handover;
    let opened = StepRow::opened(
        &app.id,
        &step.id,
        &step.role,
        db::timestamp_text(now),
        step.deadline(&app.variant)
            .map(|d| db::timestamp_text(due(d, now))),
    );
    db::steps::open(&mut **tx, &opened).await?;
    crate::notify::tell(tx, app, &step.visible).await
}

/// Opens a step of the case's process. An automatic step (role `system`, such as sending to
/// another information system) is recorded and passed at once by its first outcome.
async fn open(
    tx: &mut db::Tx<'_>,
    process: &ProcessDefinition,
    row: &ApplicationRow,
    step: &Step,
    now: OffsetDateTime,
) -> AppResult<()> {
    let mut step = step;
    loop {
        let opened = StepRow::opened(
            &row.id,
            &step.id,
            &step.role,
            db::timestamp_text(now),
            step.deadline(&row.variant)
                .map(|d| db::timestamp_text(due(d, now))),
        );
        db::steps::open(&mut **tx, &opened).await?;
        let id = opened.id;
        if step.role != SYSTEM {
            // The registries the step asks are asked after the transaction (`run_checks`).
            for registry in &step.checks {
                db::checks::ask(&mut **tx, &db::new_id(), &row.id, &id, registry).await?;
            }
            return Ok(());
        }
        let outcome = step
            .outcomes
            .first()
            .ok_or_else(|| AppError::internal("an automatic step without an outcome"))?;
        db::steps::close(
            &mut **tx,
            &id,
            &outcome.code,
            None,
            SYSTEM,
            &db::timestamp_text(now),
        )
        .await?;
        step = process
            .step(&outcome.next)
            .ok_or_else(|| AppError::internal("an automatic step must lead to a step"))?;
    }
}

/// The role of steps the system takes by itself.
pub const SYSTEM: &str = "system";

/// Records the registration of a request (its number already stored) and starts its
/// process, inside the registering transaction: the one path for the portal and the centre.
pub async fn register(
    tx: &mut db::Tx<'_>,
    state: &AppState,
    row: &ApplicationRow,
    number: &str,
    actor_id: &str,
    note: Option<&str>,
) -> AppResult<()> {
    db::applications::add_event(&mut **tx, &row.id, "submitted", Some(actor_id), note).await?;
    let registered = ApplicationRow {
        number: Some(number.to_owned()),
        ..row.clone()
    };
    start(tx, state, &registered).await
}

/// Starts the process of a case just registered (inside the registering transaction).
pub async fn start(tx: &mut db::Tx<'_>, state: &AppState, row: &ApplicationRow) -> AppResult<()> {
    let process = process_of(state, row)?;
    let first = process
        .steps
        .first()
        .ok_or_else(|| AppError::internal("a process without steps"))?;
    open(tx, process, row, first, OffsetDateTime::now_utc()).await?;
    let registered = domain::Text::new(
        "Өтініш қабылданды және тіркелді",
        "Заявление принято и зарегистрировано",
        "The request is accepted and registered",
    );
    crate::notify::tell(tx, row, &registered).await
}

/// The open step and its definition, checked against what the officer saw and may do.
pub struct OpenStep<'a> {
    pub row: StepRow,
    pub step: &'a Step,
}

pub async fn open_step<'a>(
    state: &'a AppState,
    user: &CurrentUser,
    app: &ApplicationRow,
    step_id: Option<&str>,
) -> AppResult<OpenStep<'a>> {
    let row = db::steps::current(&state.db, &app.id)
        .await?
        .ok_or(ErrorCode::Conflict)?;
    // The screen named another step: the case has moved on since it was shown.
    if step_id.is_some_and(|id| id != row.id) {
        return Err(ErrorCode::Conflict.into());
    }
    let step = step_of(state, app, &row.step)?
        .ok_or_else(|| AppError::internal("a step the process does not have"))?;
    if !user.duties.iter().any(|d| d == &step.role) {
        return Err(ErrorCode::Forbidden.into());
    }
    Ok(OpenStep { row, step })
}

/// Takes an outcome at the open step inside `tx`: closes it (or answers Conflict if another
/// decision came first), then opens the next step or refuses the case with the grounds.
/// An outcome that grants the result is taken only with the licence signature.
/// What an officer decided at a step.
pub struct Decision<'a> {
    pub outcome: &'a Outcome,
    /// Written grounds, citing the rule.
    pub grounds: Option<&'a str>,
    /// The outcome's form as filled in (JSON), when it has one.
    pub form_json: Option<String>,
}

pub async fn decide(
    tx: &mut db::Tx<'_>,
    state: &AppState,
    user: &CurrentUser,
    app: &ApplicationRow,
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
    if checks.iter().any(|c| c.status == "pending") {
        return Err(ErrorCode::ChecksPending.into());
    }
    if checks.iter().any(|c| c.adverse != 0) && !outcome.grounds_required {
        return Err(ErrorCode::AdverseFinding.into());
    }
    let now = OffsetDateTime::now_utc();
    let at = db::timestamp_text(now);
    if !db::steps::close(
        &mut **tx,
        &open_step.row.id,
        &outcome.code,
        grounds,
        &user.id,
        &at,
    )
    .await?
    {
        return Err(ErrorCode::Conflict.into());
    }
    if let Some(form) = form_json {
        db::steps::set_form(&mut **tx, &open_step.row.id, &form).await?;
    }
    match outcome.next.as_str() {
        GRANTED => open_handover(tx, state, app, now).await?,
        // The channel's part ends (the result handed over at the centre): the applicant is
        // told so.
        DONE => crate::notify::tell(tx, app, &outcome.label).await?,
        REFUSED => {
            if !db::applications::transition(&mut **tx, &app.id, "submitted", "refused").await? {
                return Err(ErrorCode::Conflict.into());
            }
            db::applications::record_decision(&mut **tx, &app.id, &at, grounds).await?;
            db::applications::add_event(&mut **tx, &app.id, "refused", Some(&user.id), grounds)
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
            crate::notify::tell(tx, app, &told).await?;
            open_handover(tx, state, app, now).await?;
        }
        next => {
            let process = process_of(state, app)?;
            let step = process
                .step(next)
                .ok_or_else(|| AppError::internal("a next step the process does not have"))?;
            open(tx, process, app, step, now).await?;
            // The applicant hears of the change when what they are shown changes.
            if step.visible != open_step.step.visible {
                crate::notify::tell(tx, app, &step.visible).await?;
            }
        }
    }
    Ok(())
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

/// The open step as the officer sees it.
pub async fn step_view(
    state: &AppState,
    user: &CurrentUser,
    app: &ApplicationRow,
) -> AppResult<Option<StepView>> {
    let Some(row) = db::steps::current(&state.db, &app.id).await? else {
        return Ok(None);
    };
    let Some(step) = step_of(state, app, &row.step)? else {
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
        .map(|c| domain::api::CheckView {
            pending: c.status == "pending",
            adverse: c.adverse != 0,
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
        role: step.role.clone(),
        started_at: row.started_at,
        due_at: row.due_at,
        assignee,
        mine: user.duties.iter().any(|d| d == &step.role),
        outcomes: step.outcomes.iter().map(outcome_view).collect(),
    }))
}

/// The steps a case has passed and the one it is at.
pub async fn records(state: &AppState, app: &ApplicationRow) -> AppResult<Vec<StepRecord>> {
    let process = process_of(state, app)?;
    let mut signed: std::collections::HashMap<String, db::signed::SignedDocumentRow> =
        db::signed::of_application(&state.db, &app.id)
            .await?
            .into_iter()
            .map(|d| (d.object_id.clone(), d))
            .collect();
    let mut out = Vec::new();
    for r in db::steps::history(&state.db, &app.id).await? {
        let Some(step) = process
            .step(&r.step)
            .or_else(|| channel_of(state, app).and_then(|c| c.step(&r.step)))
        else {
            continue;
        };
        let actor = match &r.actor_id {
            Some(id) => db::auth::user_by_id(&state.db, id)
                .await?
                .map(|u| u.full_name),
            None => None,
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
            role: step.role.clone(),
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

/// The signed document of the decision that refused the case (its last step), if signed.
pub async fn refusal_document(
    state: &AppState,
    application_id: &str,
) -> AppResult<Option<db::signed::SignedDocumentRow>> {
    let Some(app) = db::applications::by_id(&state.db, application_id).await? else {
        return Ok(None);
    };
    let process = process_of(state, &app)?;
    // The provider's last step (a channel's hand-over may follow it).
    let Some(last) = db::steps::history(&state.db, application_id)
        .await?
        .into_iter()
        .rfind(|r| process.step(&r.step).is_some())
    else {
        return Ok(None);
    };
    Ok(db::signed::of_object(&state.db, db::evidence::SignedObject::Decision, &last.id).await?)
}

/// What the applicant is told about where the case is.
pub async fn stage(state: &AppState, app: &ApplicationRow) -> AppResult<Option<domain::Text>> {
    let Some(row) = db::steps::current(&state.db, &app.id).await? else {
        return Ok(None);
    };
    Ok(step_of(state, app, &row.step)?.map(|s| s.visible.clone()))
}

/// Asks the registries the pending checks name (of one case, or of all when `application_id`
/// is empty). An answer is recorded; a registry that does not answer leaves the check pending,
/// to be asked again — never passed. Returns how many were answered.
pub async fn run_checks(state: &AppState, application_id: &str) -> AppResult<usize> {
    let mut answered = 0;
    for c in db::checks::pending(&state.db, application_id).await? {
        let Some(app) = db::applications::by_id(&state.db, &c.application_id).await? else {
            continue;
        };
        // The legal-entity registry is asked by the company's BIN; a person's request has no
        // company to ask about.
        let subject = if c.registry == crate::integrations::registries::COMPANY {
            match &app.applicant_bin {
                Some(bin) => bin.clone(),
                None => {
                    db::checks::answered(&state.db, &c.id, false, "—", &db::now_text()).await?;
                    answered += 1;
                    continue;
                }
            }
        } else {
            app.applicant_iin.clone()
        };
        match state.registries.check(&c.registry, &subject).await {
            Ok(f) => {
                db::checks::answered(&state.db, &c.id, f.adverse, &f.detail, &db::now_text())
                    .await?;
                answered += 1;
            }
            Err(e) => {
                tracing::warn!(registry = %c.registry, error = %e.0, "registry did not answer");
                db::checks::failed(&state.db, &c.id, &e.0).await?;
            }
        }
    }
    Ok(answered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    /// The moments each step of a case is due, when every step takes its full time.
    fn plan(
        service: &str,
        version: u32,
        variant: &str,
        start: OffsetDateTime,
    ) -> Vec<(String, OffsetDateTime)> {
        let all = domain::process::builtin_processes();
        let p = all
            .iter()
            .find(|p| p.runs(service, version, variant))
            .unwrap();
        let mut out = Vec::new();
        let mut at = start;
        let mut step = p.steps.first();
        while let Some(s) = step {
            if let Some(d) = s.deadline(variant) {
                at = due(d, at);
            }
            out.push((s.id.clone(), at));
            step = p.step(&s.outcomes[0].next);
        }
        out
    }

    #[test]
    fn a_forensic_licence_registered_before_nauryz_is_due_after_it() {
        // Registered Friday 20 March 2026 at 10:00 (Astana). 21–25 March are days off.
        let steps = plan("FOR-LIC", 2018, "issue", datetime!(2026-03-20 10:00 +5));
        let due: Vec<_> = steps
            .iter()
            .map(|(id, t)| (id.as_str(), t.date().to_string()))
            .collect();
        assert_eq!(
            due,
            vec![
                ("register", "2026-03-26".into()),
                ("direct", "2026-03-27".into()),
                ("review", "2026-04-02".into()),
                ("sign_licence", "2026-04-03".into()),
            ]
        );
        // The same date the passport's term gives.
        assert_eq!(
            steps.last().unwrap().1.date(),
            calendar::add_working_days(time::macros::date!(2026 - 03 - 20), 7)
        );
        // Re-issue: the expert has two days, not four.
        let reissue = plan("FOR-LIC", 2018, "reissue", datetime!(2026-03-20 10:00 +5));
        assert_eq!(reissue.last().unwrap().1.date().to_string(), "2026-04-01");
    }

    #[test]
    fn a_bailiff_licence_registered_on_15_december_skips_independence_day() {
        // 30 minutes each from 17:45: registration by 18:15, assignment by 09:15 on the 17th
        // (16 December is a holiday).
        let steps = plan("BAIL-LIC", 2018, "issue", datetime!(2026-12-15 17:45 +5));
        assert_eq!(steps[0].1, datetime!(2026-12-15 18:15 +5));
        assert_eq!(steps[1].1, datetime!(2026-12-17 09:15 +5));
        // Completeness: 2 working days from the 17th: the 18th and the 21st.
        assert_eq!(steps[2].1, datetime!(2026-12-21 18:30 +5));
    }

    #[test]
    fn construction_same_day_steps_end_that_working_day() {
        // Registered on Sunday 22 March 2026 (a day off in Nauryz): due the first working day.
        let steps = plan("CON-DESIGN", 2014, "issue", datetime!(2026-03-22 12:00 +5));
        assert_eq!(steps[0].1, datetime!(2026-03-26 18:30 +5));
        // 14 working days in all.
        assert_eq!(
            steps.last().unwrap().1.date(),
            calendar::add_working_days(time::macros::date!(2026 - 03 - 26), 14)
        );
    }

    #[test]
    fn a_step_is_due_soon_in_its_last_quarter() {
        let start = "2026-11-23T04:00:00Z";
        let due = "2026-11-24T04:00:00Z";
        assert_eq!(
            timing(start, Some(due), datetime!(2026-11-23 10:00 UTC)),
            Some(Timing::OnTime)
        );
        assert_eq!(
            timing(start, Some(due), datetime!(2026-11-23 23:00 UTC)),
            Some(Timing::DueSoon)
        );
        assert_eq!(
            timing(start, Some(due), datetime!(2026-11-24 05:00 UTC)),
            Some(Timing::Overdue)
        );
        assert_eq!(timing(start, None, datetime!(2026-11-24 05:00 UTC)), None);
    }
}
