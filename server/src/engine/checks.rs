//! Asking the state registries a step names, after the transaction that opened it.

use crate::db;
use crate::error::AppResult;
use crate::state::AppState;

/// Asks the registries the pending checks name (of one case, or of all when `application_id`
/// is empty). An answer is recorded; a registry that does not answer leaves the check pending,
/// to be asked again — never passed. Returns how many were answered.
pub async fn run_checks(state: &AppState, application_id: &str) -> AppResult<usize> {
    let mut answered = 0;
    // Read of a reader (a decision's own checks are run after its commit): a round with
    // nothing to ask takes no writer connection, which would empty the answers kept in memory.
    for c in db::checks::pending(&state.read, application_id).await? {
        let Some(case) = db::applications::by_id(&state.db, &c.application_id).await? else {
            continue;
        };
        // The legal-entity registry is asked by the company's BIN; a person's request has no
        // company to ask about.
        let subject = if c.registry.by_bin() {
            match case.bin() {
                Some(bin) => bin.to_string(),
                None => {
                    db::checks::answered(&state.db, &c.id, false, "—", &db::now_text()).await?;
                    answered += 1;
                    continue;
                }
            }
        } else {
            case.applicant_iin.to_string()
        };
        match state.registries.check(c.registry, &subject).await {
            Ok(f) => {
                db::checks::answered(&state.db, &c.id, f.adverse, &f.detail, &db::now_text())
                    .await?;
                answered += 1;
            }
            Err(e) => {
                tracing::warn!(registry = c.registry.code(), error = %e.0, "registry did not answer");
                db::checks::failed(&state.db, &c.id, &e.0).await?;
            }
        }
    }
    Ok(answered)
}
