//! The steps a case has passed through and the one it is at.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct StepRow {
    pub id: String,
    pub application_id: String,
    pub step: String,
    pub role: String,
    pub started_at: String,
    pub due_at: Option<String>,
    pub assignee_id: Option<String>,
    pub finished_at: Option<String>,
    pub outcome: Option<String>,
    pub grounds: Option<String>,
    pub actor_id: Option<String>,
}

impl StepRow {
    /// A step just opened, due when its deadline says (if it has one).
    pub fn opened(
        application_id: &str,
        step: &str,
        role: &str,
        started_at: String,
        due_at: Option<String>,
    ) -> Self {
        StepRow {
            id: super::new_id(),
            application_id: application_id.to_owned(),
            step: step.to_owned(),
            role: role.to_owned(),
            started_at,
            due_at,
            assignee_id: None,
            finished_at: None,
            outcome: None,
            grounds: None,
            actor_id: None,
        }
    }
}

const COLUMNS: &str = "id, application_id, step, role, started_at, due_at, assignee_id, finished_at, outcome, grounds, actor_id";

pub async fn open<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    row: &StepRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO case_steps (id, application_id, step, role, started_at, due_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&row.id)
    .bind(&row.application_id)
    .bind(&row.step)
    .bind(&row.role)
    .bind(&row.started_at)
    .bind(&row.due_at)
    .execute(ex)
    .await?;
    Ok(())
}

/// The step the case is at, if any.
pub async fn current<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Option<StepRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM case_steps WHERE application_id = $1 AND finished_at IS NULL"
    ))
    .bind(application_id)
    .fetch_optional(ex)
    .await
}

/// Every step, oldest first.
pub async fn history<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Vec<StepRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM case_steps WHERE application_id = $1 ORDER BY started_at, id"
    ))
    .bind(application_id)
    .fetch_all(ex)
    .await
}

/// Closes the step with a decision, only if it is still open. False: someone decided first.
pub async fn close<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    outcome: &str,
    grounds: Option<&str>,
    actor_id: &str,
    at: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE case_steps SET finished_at = $1, outcome = $2, grounds = $3, actor_id = $4 \
         WHERE id = $5 AND finished_at IS NULL",
    )
    .bind(at)
    .bind(outcome)
    .bind(grounds)
    .bind(actor_id)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Keeps the form filled in to take the step's outcome.
pub async fn set_form<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    form_json: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE case_steps SET form_json = $1 WHERE id = $2")
        .bind(form_json)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}

/// Takes the open step for an officer (claim, or reassign by someone of the same duty).
pub async fn assign<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    assignee_id: &str,
) -> Result<bool, sqlx::Error> {
    let r =
        sqlx::query("UPDATE case_steps SET assignee_id = $1 WHERE id = $2 AND finished_at IS NULL")
            .bind(assignee_id)
            .bind(id)
            .execute(ex)
            .await?;
    Ok(r.rows_affected() == 1)
}

/// Open steps of a provider's cases in the given roles (and region, for a regional officer).
pub async fn queue<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    provider: &str,
    region: Option<&str>,
) -> Result<Vec<(StepRow, String)>, sqlx::Error> {
    #[derive(FromRow)]
    struct Hit {
        id: String,
        application_id: String,
        step: String,
        role: String,
        started_at: String,
        due_at: Option<String>,
        assignee_id: Option<String>,
        finished_at: Option<String>,
        outcome: Option<String>,
        grounds: Option<String>,
        actor_id: Option<String>,
        app_region: Option<String>,
    }
    let hits: Vec<Hit> = sqlx::query_as(
        "SELECT s.id, s.application_id, s.step, s.role, s.started_at, s.due_at, s.assignee_id, \
         s.finished_at, s.outcome, s.grounds, s.actor_id, a.region AS app_region \
         FROM case_steps s JOIN applications a ON a.id = s.application_id \
         WHERE s.finished_at IS NULL AND a.provider = $1 AND ($2 = '' OR a.region = $2) \
         ORDER BY s.due_at, s.started_at",
    )
    .bind(provider)
    .bind(region.unwrap_or(""))
    .fetch_all(ex)
    .await?;
    Ok(hits
        .into_iter()
        .map(|h| {
            (
                StepRow {
                    id: h.id,
                    application_id: h.application_id,
                    step: h.step,
                    role: h.role,
                    started_at: h.started_at,
                    due_at: h.due_at,
                    assignee_id: h.assignee_id,
                    finished_at: h.finished_at,
                    outcome: h.outcome,
                    grounds: h.grounds,
                    actor_id: h.actor_id,
                },
                h.app_region.unwrap_or_default(),
            )
        })
        .collect())
}

/// The last form filled in at a step of the case (what a later step signs, such as the
/// licensing-control conclusion its unit head signs).
pub async fn latest_form<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT form_json FROM case_steps WHERE application_id = $1 AND form_json IS NOT NULL \
         ORDER BY finished_at DESC, id DESC LIMIT 1",
    )
    .bind(application_id)
    .fetch_optional(ex)
    .await?;
    Ok(row.and_then(|r| r.0))
}
