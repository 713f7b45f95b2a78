//! Opening steps: the first step of a registered case, the next one after a decision (an
//! automatic step passed at once), a channel's intake recorded at filing and its hand-over
//! once the case ends. Each runs inside the caller's transaction.

use super::actor::SYSTEM;
use super::definitions::{channel_of, process_of};
use super::timing::due;
use crate::db::{self, applications::Case, steps::StepRow};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use domain::duty::Duty;
use domain::process::{ProcessDefinition, Step};
use time::OffsetDateTime;

/// Opens a step of the case's process. An automatic step (duty `system`, such as sending to
/// another information system) is recorded and passed at once by its first outcome. The
/// registries a step asks are written with it and asked after the transaction
/// (`checks::run_checks`).
pub async fn open(
    tx: &mut db::Tx<'_>,
    process: &ProcessDefinition,
    case: &Case,
    step: &Step,
    now: OffsetDateTime,
) -> AppResult<()> {
    let mut step = step;
    loop {
        let opened = StepRow::opened(
            &case.id,
            &step.id,
            step.role,
            db::timestamp_text(now),
            step.deadline(&case.variant)
                .map(|d| db::timestamp_text(due(d, now))),
        );
        db::steps::open(&mut **tx, &opened).await?;
        if step.role != Duty::System {
            for registry in &step.checks {
                db::checks::ask(&mut **tx, &db::new_id(), &case.id, &opened.id, *registry).await?;
            }
            return Ok(());
        }
        let outcome = step
            .outcomes
            .first()
            .ok_or_else(|| AppError::internal("an automatic step without an outcome"))?;
        db::steps::close(
            &mut **tx,
            &opened.id,
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

/// Starts the process of a case just registered: opens its first step and tells the
/// applicant.
pub async fn start(tx: &mut db::Tx<'_>, state: &AppState, case: &Case) -> AppResult<()> {
    let process = process_of(state, case)?;
    let first = process
        .steps
        .first()
        .ok_or_else(|| AppError::internal("a process without steps"))?;
    open(tx, process, case, first, OffsetDateTime::now_utc()).await?;
    let registered = domain::Text::new(
        "Өтініш қабылданды және тіркелді",
        "Заявление принято и зарегистрировано",
        "The request is accepted and registered",
    );
    crate::notify::tell(tx, case, &registered).await
}

/// Records the channel's intake, taken by its operator at the desk while the applicant waits,
/// as the case's first steps (inside the filing transaction, before the process starts).
pub async fn record_intake(
    tx: &mut db::Tx<'_>,
    state: &AppState,
    case: &Case,
    operator_id: &str,
    began: OffsetDateTime,
) -> AppResult<()> {
    let Some(channel) = channel_of(state, case) else {
        return Ok(());
    };
    let now = OffsetDateTime::now_utc();
    for (i, step) in (0i64..).zip(channel.intake.iter()) {
        let outcome = step
            .outcomes
            .first()
            .ok_or_else(|| AppError::internal("an intake step without an outcome"))?;
        // Recorded in order: each a moment after the one before.
        let at = began + time::Duration::milliseconds(i);
        let opened = StepRow::opened(
            &case.id,
            &step.id,
            step.role,
            db::timestamp_text(at),
            step.deadline(&case.variant)
                .map(|d| db::timestamp_text(due(d, began))),
        );
        db::steps::open(&mut **tx, &opened).await?;
        let actor = if step.role == Duty::System {
            SYSTEM
        } else {
            operator_id
        };
        db::steps::close(
            &mut **tx,
            &opened.id,
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
pub async fn open_handover(
    tx: &mut db::Tx<'_>,
    state: &AppState,
    case: &Case,
    now: OffsetDateTime,
) -> AppResult<()> {
    let Some(channel) = channel_of(state, case) else {
        return Ok(());
    };
    let step = &channel.handover;
    let opened = StepRow::opened(
        &case.id,
        &step.id,
        step.role,
        db::timestamp_text(now),
        step.deadline(&case.variant)
            .map(|d| db::timestamp_text(due(d, now))),
    );
    db::steps::open(&mut **tx, &opened).await?;
    crate::notify::tell(tx, case, &step.visible).await
}
