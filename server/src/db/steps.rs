//! The steps a case has passed through and the one it is at.

use domain::duty::Duty;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row};

#[derive(Debug, Clone)]
pub struct StepRow {
    pub id: String,
    pub application_id: String,
    pub step: String,
    pub role: Duty,
    pub started_at: String,
    pub due_at: Option<String>,
    pub assignee_id: Option<String>,
    pub finished_at: Option<String>,
    pub outcome: Option<String>,
    pub grounds: Option<String>,
    pub actor_id: Option<String>,
}

impl<'r> FromRow<'r, AnyRow> for StepRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let id: String = row.try_get("id")?;
        let role: String = row.try_get("role")?;
        let role = Duty::parse(&role)
            .ok_or_else(|| sqlx::Error::Decode(format!("step {id}: unknown role {role}").into()))?;
        Ok(StepRow {
            application_id: row.try_get("application_id")?,
            step: row.try_get("step")?,
            role,
            started_at: row.try_get("started_at")?,
            due_at: row.try_get("due_at")?,
            assignee_id: row.try_get("assignee_id")?,
            finished_at: row.try_get("finished_at")?,
            outcome: row.try_get("outcome")?,
            grounds: row.try_get("grounds")?,
            actor_id: row.try_get("actor_id")?,
            id,
        })
    }
}

impl StepRow {
    /// A step just opened, due when its deadline says (if it has one).
    pub fn opened(
        application_id: &str,
        step: &str,
        role: Duty,
        started_at: String,
        due_at: Option<String>,
    ) -> Self {
        StepRow {
            id: super::new_id(),
            application_id: application_id.to_owned(),
            step: step.to_owned(),
            role,
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
    .bind(row.role.code())
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

/// The open steps of several cases (a page of a list), in one read.
pub async fn current_of_many<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_ids: &[&str],
) -> Result<Vec<StepRow>, sqlx::Error> {
    if application_ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=application_ids.len())
        .map(|i| format!("${i}"))
        .collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM case_steps WHERE finished_at IS NULL AND application_id IN ({})",
        marks.join(", ")
    );
    let mut q = sqlx::query_as(&sql);
    for id in application_ids {
        q = q.bind(*id);
    }
    q.fetch_all(ex).await
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
