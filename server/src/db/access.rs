//! Who opened or found a case, and when (the applicant's access log).

use domain::case::{AccessAction, Accessor};
use domain::duty::Duty;
use sqlx::Any;
use sqlx::Executor;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccessRow {
    pub at: String,
    pub who: String,
    pub duty: Option<String>,
    pub action: String,
}

impl AccessRow {
    pub fn who(&self) -> Option<Accessor> {
        Accessor::parse(&self.who)
    }
    pub fn duty(&self) -> Option<Duty> {
        self.duty.as_deref().and_then(Duty::parse)
    }
    pub fn action(&self) -> Option<AccessAction> {
        AccessAction::parse(&self.action)
    }
}

/// Records that `actor_id` opened or found the case. The same person doing the same thing
/// again within a quarter of an hour (a reload, the next search) is not recorded twice.
pub async fn record<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
    actor_id: &str,
    who: Accessor,
    duty: Option<Duty>,
    action: AccessAction,
) -> Result<(), sqlx::Error> {
    let since =
        super::timestamp_text(time::OffsetDateTime::now_utc() - time::Duration::minutes(15));
    sqlx::query(
        "INSERT INTO case_access (id, application_id, at, actor_id, who, duty, action) \
         SELECT $1, $2, $3, $4, $5, $6, $7 WHERE NOT EXISTS (SELECT 1 FROM case_access \
         WHERE application_id = $2 AND actor_id = $4 AND action = $7 AND at > $8)",
    )
    .bind(super::new_id())
    .bind(application_id)
    .bind(super::now_text())
    .bind(actor_id)
    .bind(who.code())
    .bind(duty.map(Duty::code))
    .bind(action.code())
    .bind(since)
    .execute(ex)
    .await?;
    Ok(())
}

/// Everything recorded for a case, oldest first.
pub async fn of_application<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Vec<AccessRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT at, who, duty, action FROM case_access WHERE application_id = $1 ORDER BY at, id",
    )
    .bind(application_id)
    .fetch_all(ex)
    .await
}
