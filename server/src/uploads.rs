//! What an applicant may keep uploaded, and what is cleared away: a quota of files and bytes
//! per person, and attachments that no draft and no application holds, removed a day after
//! they were sent (with their content, once nothing else refers to it).

use crate::db;
use crate::error::AppResult;
use crate::state::AppState;

/// Files a person may keep uploaded (drafts' and applications' together).
pub const MAX_FILES: i64 = 200;
/// Bytes a person may keep uploaded.
pub const MAX_BYTES: i64 = 200 * 1024 * 1024;
/// How long an attachment no draft or application holds is kept.
pub const ORPHAN_SECONDS: i64 = 24 * 60 * 60;

/// Whether `owner` may store `size` more bytes in one more file.
pub async fn within_quota(state: &AppState, owner: &str, size: i64) -> AppResult<bool> {
    let (files, bytes) = db::attachments::usage(&state.db, owner).await?;
    Ok(files < MAX_FILES && bytes + size <= MAX_BYTES)
}

/// Removes the attachments no draft or application holds, sent more than a day before `now`
/// (Unix seconds); returns how many.
pub async fn remove_orphans(state: &AppState, now: i64) -> AppResult<u64> {
    let cutoff = db::timestamp_text(
        time::OffsetDateTime::from_unix_timestamp(now - ORPHAN_SECONDS)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
    );
    let mut removed = 0;
    for orphan in db::attachments::orphans(&state.db, &cutoff).await? {
        if db::attachments::delete_if_orphan(&state.db, &orphan.id, &cutoff).await?
            && !db::attachments::content_in_use(&state.db, &orphan.sha256).await?
        {
            state.documents.delete(&orphan.sha256).await?;
        }
        removed += 1;
    }
    Ok(removed)
}
