//! Who is asking: sessions, the signed-in user extractor and role checks.
//!
//! A session is a random token in an HttpOnly cookie; the database keeps only its SHA-256.
//! Sessions end after 30 minutes without activity or 12 hours in all, and on sign-out.

use crate::db;
use crate::engine::Actor;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use domain::api::Role;
use domain::duty::Duty;
use domain::{Bin, ErrorCode};

pub const COOKIE: &str = "portal_session";
pub const IDLE_SECONDS: i64 = 30 * 60;
/// How stale the stored last-seen time may be before a request writes it anew.
pub const TOUCH_EVERY_SECONDS: i64 = 60;
pub const ABSOLUTE_SECONDS: i64 = 12 * 60 * 60;

/// The signed-in user.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: String,
    pub role: Role,
    pub full_name: String,
    pub iin: Option<String>,
    pub provider: Option<String>,
    /// Staff: the duties (process roles) they act in.
    pub duties: Vec<Duty>,
    /// Staff of a regional body: the region they serve (they see no other region's cases).
    pub region: Option<String>,
    /// The company this session acts for (signed in with a company key).
    pub acting: Option<db::auth::ActingFor>,
}

impl CurrentUser {
    pub fn require(&self, role: Role) -> Result<(), AppError> {
        if self.role == role {
            Ok(())
        } else {
            Err(ErrorCode::Forbidden.into())
        }
    }

    /// A staff member with this duty (an officer who holds it).
    pub fn require_duty(&self, duty: Duty) -> Result<(), AppError> {
        self.require(Role::Officer)?;
        if self.duties.contains(&duty) {
            Ok(())
        } else {
            Err(ErrorCode::Forbidden.into())
        }
    }

    /// The person as the engine sees them when they act on cases.
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.id.clone(),
            full_name: self.full_name.clone(),
            iin: self.iin.clone(),
            duties: self.duties.clone(),
            provider: self.provider.clone(),
            region: self.region.clone(),
        }
    }

    /// The BIN the session acts for: a person's own cabinet and a company's are kept apart.
    pub fn acting_bin(&self) -> Option<&Bin> {
        self.acting.as_ref().map(|a| &a.bin)
    }
}

pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(&format!("{COOKIE}="))
                .map(str::to_owned)
        })
        .filter(|t| !t.is_empty())
}

pub fn token_hash(token: &str) -> String {
    crate::documents::sha256_hex(token.as_bytes())
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token =
            session_token(&parts.headers).ok_or(AppError::Api(ErrorCode::Unauthenticated))?;
        let hash = token_hash(&token);
        let (session, user) = match state.answers.session(&hash) {
            Some(kept) => kept,
            None => {
                let stamp = state.answers.stamp();
                let found = db::auth::session_with_user(&state.read, &hash)
                    .await?
                    .ok_or(AppError::Api(ErrorCode::Unauthenticated))?;
                if let Some(stamp) = stamp {
                    state.answers.keep_session(stamp, &hash, found.clone());
                }
                found
            }
        };
        let now = db::unix_now();
        if now >= session.expires_at || now - session.last_seen_at > IDLE_SECONDS {
            db::auth::delete_session(&state.db, &hash).await?;
            return Err(ErrorCode::Unauthenticated.into());
        }
        // The idle clock needs minutes, not seconds: writing the last-seen time at most once a
        // minute keeps a status read from being a write (one writer on SQLite).
        if now - session.last_seen_at >= TOUCH_EVERY_SECONDS {
            db::auth::touch_session(&state.db, &hash, now).await?;
        }
        Ok(CurrentUser {
            role: user.role,
            id: user.id,
            full_name: user.full_name,
            iin: user.iin,
            provider: user.provider,
            duties: user.duties,
            region: user.region,
            acting: session.acting,
        })
    }
}

/// Makes a new session for a user; returns the `Set-Cookie` value. A new random token every
/// time, so a session id is never carried over from before sign-in.
pub async fn start_session(
    state: &AppState,
    user_id: &str,
    acting: Option<&db::auth::ActingFor>,
) -> Result<String, AppError> {
    use rand::RngCore;
    let mut raw = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut raw);
    let token = hex::encode(raw);
    let now = db::unix_now();
    db::auth::insert_session(
        &state.db,
        &token_hash(&token),
        user_id,
        now,
        now + ABSOLUTE_SECONDS,
        acting,
    )
    .await?;
    Ok(cookie(state, &token, ABSOLUTE_SECONDS))
}

pub fn cookie(state: &AppState, token: &str, max_age: i64) -> String {
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        if state.secure_cookies { "; Secure" } else { "" }
    )
}
