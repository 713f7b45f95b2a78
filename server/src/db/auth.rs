//! Users, sessions and sign-in challenges.

use super::Db;
use domain::api::Role;
use domain::duty::Duty;
use domain::signing::HolderRole;
use domain::Bin;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row};

#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: String,
    pub role: Role,
    pub iin: Option<String>,
    pub login: Option<String>,
    pub password_hash: Option<String>,
    pub full_name: String,
    pub provider: Option<String>,
    /// Staff: the duties (process roles) the person acts in.
    pub duties: Vec<Duty>,
    /// Staff of a regional body: the region they serve.
    pub region: Option<String>,
}

impl<'r> FromRow<'r, AnyRow> for UserRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let id: String = row.try_get("id")?;
        let bad = |what: String| sqlx::Error::Decode(format!("user {id}: {what}").into());
        let role: String = row.try_get("role")?;
        let duties: Option<String> = row.try_get("duties")?;
        Ok(UserRow {
            role: Role::parse(&role).ok_or_else(|| bad(format!("role {role}")))?,
            duties: domain::duty::parse_duties(duties.as_deref().unwrap_or_default())
                .map_err(bad)?,
            iin: row.try_get("iin")?,
            login: row.try_get("login")?,
            password_hash: row.try_get("password_hash")?,
            full_name: row.try_get("full_name")?,
            provider: row.try_get("provider")?,
            region: row.try_get("region")?,
            id,
        })
    }
}

const USER_COLUMNS: &str =
    "id, role, iin, login, password_hash, full_name, provider, duties, region";

pub async fn user_by_id<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await
}

pub async fn user_by_login<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    login: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE login = $1"
    ))
    .bind(login)
    .fetch_optional(ex)
    .await
}

pub async fn applicant_by_iin<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    iin: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE role = $2 AND iin = $1"
    ))
    .bind(iin)
    .bind(Role::Applicant.code())
    .fetch_optional(ex)
    .await
}

/// A staff account (officer, support) held by this IIN, for officials signing in with EDS.
pub async fn staff_by_iin<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    iin: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE role IN ($2, $3) AND iin = $1"
    ))
    .bind(iin)
    .bind(Role::Officer.code())
    .bind(Role::Support.code())
    .fetch_optional(ex)
    .await
}

/// A new applicant's account, as their certificate or the person registry names them.
pub fn new_applicant(iin: &str, full_name: &str) -> UserRow {
    UserRow {
        id: super::new_id(),
        role: Role::Applicant,
        iin: Some(iin.to_owned()),
        login: None,
        password_hash: None,
        full_name: full_name.to_owned(),
        provider: None,
        duties: Vec::new(),
        region: None,
    }
}

pub async fn insert_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    u: &UserRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (id, role, iin, login, password_hash, full_name, provider, created_at, duties, region) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&u.id)
    .bind(u.role.code())
    .bind(&u.iin)
    .bind(&u.login)
    .bind(&u.password_hash)
    .bind(&u.full_name)
    .bind(&u.provider)
    .bind(super::now_text())
    .bind((!u.duties.is_empty()).then(|| domain::duty::duties_text(&u.duties)))
    .bind(&u.region)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn update_applicant_name<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET full_name = $1 WHERE id = $2")
        .bind(name)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct SessionRow {
    pub user_id: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    /// Set when a company key signed in: the session acts for that company.
    pub acting: Option<ActingFor>,
}

impl<'r> FromRow<'r, AnyRow> for SessionRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let user_id: String = row.try_get("user_id")?;
        let bad =
            |what: String| sqlx::Error::Decode(format!("session of {user_id}: {what}").into());
        let bin: Option<String> = row.try_get("acting_bin")?;
        let role: Option<String> = row.try_get("acting_role")?;
        let organisation: Option<String> = row.try_get("acting_organisation")?;
        let acting = match (bin, role) {
            (Some(bin), Some(role)) => Some(ActingFor {
                bin: Bin::parse(&bin).map_err(|e| bad(format!("BIN: {}", e.code())))?,
                role: HolderRole::from_code(&role).ok_or_else(|| bad(format!("role {role}")))?,
                organisation: organisation.unwrap_or_default(),
            }),
            (None, None) => None,
            _ => return Err(bad("a company without its role".into())),
        };
        Ok(SessionRow {
            created_at: row.try_get("created_at")?,
            last_seen_at: row.try_get("last_seen_at")?,
            expires_at: row.try_get("expires_at")?,
            acting,
            user_id,
        })
    }
}

/// The company a session acts for, from the validated sign-in certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActingFor {
    pub bin: Bin,
    pub role: HolderRole,
    pub organisation: String,
}

pub async fn insert_session<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token_hash: &str,
    user_id: &str,
    now: i64,
    expires_at: i64,
    acting: Option<&ActingFor>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, acting_bin, acting_role, acting_organisation) \
                 VALUES ($1, $2, $3, $3, $4, $5, $6, $7)")
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .bind(acting.map(|a| a.bin.to_string()))
        .bind(acting.map(|a| a.role.code()))
        .bind(acting.map(|a| a.organisation.clone()))
        .execute(ex)
        .await?;
    Ok(())
}

/// A session and its user in one read (every signed-in request starts with it).
pub async fn session_with_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token_hash: &str,
) -> Result<Option<(SessionRow, UserRow)>, sqlx::Error> {
    let row: Option<AnyRow> = sqlx::query(
        "SELECT s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.acting_bin, s.acting_role, \
         s.acting_organisation, u.id, u.role, u.iin, u.login, u.password_hash, u.full_name, \
         u.provider, u.duties, u.region \
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(ex)
    .await?;
    row.map(|r| Ok((SessionRow::from_row(&r)?, UserRow::from_row(&r)?)))
        .transpose()
}

pub async fn touch_session(db: &Db, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn delete_session<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn insert_challenge<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    payload: &str,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO challenges (id, payload, expires_at, used) VALUES ($1, $2, $3, 0)")
        .bind(id)
        .bind(payload)
        .bind(expires_at)
        .execute(ex)
        .await?;
    Ok(())
}

/// Marks a challenge used and returns its payload, once: a second call, or a call after
/// expiry, returns `None`.
pub async fn take_challenge<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("UPDATE challenges SET used = 1 WHERE id = $1 AND used = 0 AND expires_at > $2 RETURNING payload")
        .bind(id)
        .bind(now)
        .fetch_optional(ex)
        .await?;
    Ok(row.map(|r| r.0))
}

/// Rate limits count attempts per subject in `sign_in_failures`: failed sign-ins of a login or
/// a client address, and challenges issued to an address. Attempts of a subject since `since`
/// (Unix seconds).
pub async fn recent_attempts<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    subject: &str,
    since: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures WHERE subject = $1 AND at > $2")
        .bind(subject)
        .bind(since)
        .fetch_one(ex)
        .await
}

/// Counts one attempt, and forgets the subject's attempts older than a day (no limit looks
/// further back), so the table stays small.
pub async fn record_attempt(db: &Db, subject: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE subject = $1 AND at < $2")
        .bind(subject)
        .bind(at - 24 * 60 * 60)
        .execute(db)
        .await?;
    sqlx::query("INSERT INTO sign_in_failures (id, subject, at) VALUES ($1, $2, $3)")
        .bind(super::new_id())
        .bind(subject)
        .bind(at)
        .execute(db)
        .await?;
    Ok(())
}

/// Takes one attempt of a limited subject (a login's password sign-ins): at most `max` within
/// `window` seconds of the window's first. One conditional statement per attempt, so parallel
/// attempts are counted exactly: false when the limit is reached (the attempt is refused
/// before anything is checked).
pub async fn take_attempt(
    db: &Db,
    subject: &str,
    now: i64,
    window: i64,
    max: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "INSERT INTO attempt_windows (subject, window_start, attempts) VALUES ($1, $2, 0) \
         ON CONFLICT (subject) DO NOTHING",
    )
    .bind(subject)
    .bind(now)
    .execute(db)
    .await?;
    let taken: Option<(i64,)> = sqlx::query_as(
        "UPDATE attempt_windows SET \
           attempts = CASE WHEN window_start <= $2 THEN 1 ELSE attempts + 1 END, \
           window_start = CASE WHEN window_start <= $2 THEN $3 ELSE window_start END \
         WHERE subject = $1 AND (window_start <= $2 OR attempts < $4) RETURNING attempts",
    )
    .bind(subject)
    .bind(now - window)
    .bind(now)
    .bind(max)
    .fetch_optional(db)
    .await?;
    Ok(taken.is_some())
}

/// Forgets a subject's attempts (a correct password).
pub async fn clear_window(db: &Db, subject: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM attempt_windows WHERE subject = $1")
        .bind(subject)
        .execute(db)
        .await?;
    Ok(())
}

/// Removes what has expired: sessions, used or expired challenges, attempt records older than
/// any limit looks back. Returns how many rows went.
pub async fn purge_expired(db: &Db, now: i64, idle_seconds: i64) -> Result<u64, sqlx::Error> {
    let day_ago = now - 24 * 60 * 60;
    let mut removed = 0;
    for (sql, cutoff) in [
        ("DELETE FROM sessions WHERE expires_at < $1", now),
        (
            "DELETE FROM sessions WHERE last_seen_at < $1",
            now - idle_seconds,
        ),
        ("DELETE FROM challenges WHERE expires_at < $1", now),
        ("DELETE FROM sign_in_failures WHERE at < $1", day_ago),
        (
            "DELETE FROM attempt_windows WHERE window_start < $1",
            day_ago,
        ),
    ] {
        removed += sqlx::query(sql)
            .bind(cutoff)
            .execute(db)
            .await?
            .rows_affected();
    }
    Ok(removed)
}
