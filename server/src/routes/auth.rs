//! Sign-in (EDS challenge for applicants, password for staff), the current user, sign-out.

use super::Body;
use crate::auth::{self, CurrentUser};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use domain::api::{
    ChallengeResponse, CompanyView, MeResponse, SignInWithEdsRequest, SignInWithPasswordRequest,
};
use domain::ErrorCode;
use std::net::SocketAddr;

/// How long a sign-in challenge may be used.
const CHALLENGE_SECONDS: i64 = 120;

/// At most this many failed password sign-ins per login…
const MAX_FAILURES: i64 = 5;
/// …within this window.
const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;

/// At most this many failed EDS sign-ins from one address in the same window: a signature
/// cannot be guessed, but nobody may probe keys or fill the database unhindered.
const MAX_EDS_FAILURES_PER_ADDRESS: i64 = 10;
/// At most this many challenges per address per minute.
const MAX_CHALLENGES_PER_MINUTE: i64 = 60;

/// The client's address as the listener saw it (behind a proxy, the proxy's: the limits are
/// then per proxy, generous enough for that).
fn address_of(info: &ConnectInfo<SocketAddr>) -> String {
    info.0.ip().to_string()
}

/// Refuses at once when the subject made `max` attempts in the last `window` seconds.
async fn check_rate(
    state: &AppState,
    subject: &str,
    window: i64,
    max: i64,
) -> Result<(), AppError> {
    let since = db::unix_now() - window;
    if db::auth::recent_attempts(&state.db, subject, since).await? >= max {
        return Err(ErrorCode::TooManyAttempts.into());
    }
    Ok(())
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/auth/challenge", post(create_challenge))
        .route("/api/auth/eds", post(sign_in_with_eds))
        .route("/api/auth/password", post(sign_in_with_password))
        .route("/api/auth/sign-out", post(sign_out))
        .route("/api/me", get(get_me))
}

fn company_view(acting: Option<&db::auth::ActingFor>) -> Option<CompanyView> {
    acting.map(|a| CompanyView {
        bin: a.bin.to_string(),
        name: a.organisation.clone(),
        role: a.role.code().to_owned(),
    })
}

fn me(user: &db::auth::UserRow, acting: Option<&db::auth::ActingFor>) -> MeResponse {
    MeResponse {
        role: user.role,
        full_name: user.full_name.clone(),
        iin: user.iin.clone(),
        provider: user.provider.clone(),
        company: company_view(acting),
        duties: user.duties.clone(),
    }
}

async fn create_challenge(
    State(state): State<AppState>,
    peer: ConnectInfo<SocketAddr>,
) -> AppResult<Json<ChallengeResponse>> {
    let subject = format!("challenge:{}", address_of(&peer));
    let now = db::unix_now();
    check_rate(&state, &subject, 60, MAX_CHALLENGES_PER_MINUTE).await?;
    db::auth::record_attempt(&state.db, &subject, now).await?;
    let id = db::new_id();
    let payload = format!(
        "licensing-portal sign-in {id} {} {}",
        db::new_id(),
        db::now_text()
    );
    db::auth::insert_challenge(&state.db, &id, &payload, db::unix_now() + CHALLENGE_SECONDS)
        .await?;
    Ok(Json(ChallengeResponse {
        challenge_id: id,
        payload_b64: base64::engine::general_purpose::STANDARD.encode(payload.as_bytes()),
    }))
}

/// EDS sign-in. Failures are limited per address (see `MAX_EDS_FAILURES_PER_ADDRESS`).
async fn sign_in_with_eds(
    State(state): State<AppState>,
    peer: ConnectInfo<SocketAddr>,
    Body(req): Body<SignInWithEdsRequest>,
) -> AppResult<Response> {
    let now = db::unix_now();
    let subject = format!("eds:{}", address_of(&peer));
    check_rate(
        &state,
        &subject,
        FAILURE_WINDOW_SECONDS,
        MAX_EDS_FAILURES_PER_ADDRESS,
    )
    .await?;
    match eds_sign_in(&state, req, now).await {
        Err(AppError::Api(ErrorCode::AuthorisationRefused)) => {
            db::auth::record_attempt(&state.db, &subject, now).await?;
            Err(ErrorCode::AuthorisationRefused.into())
        }
        other => other,
    }
}

/// The EDS sign-in itself: the challenge, every check of the signature, the session.
async fn eds_sign_in(state: &AppState, req: SignInWithEdsRequest, now: i64) -> AppResult<Response> {
    // Single use: a replayed or expired challenge is refused.
    let payload = db::auth::take_challenge(&state.db, &req.challenge_id, now)
        .await?
        .ok_or(ErrorCode::AuthorisationRefused)?;
    let accepted =
        crate::signatures::sign_in(state, &req.signature.cms_b64, payload.as_bytes()).await?;
    crate::signatures::record(
        &state.db,
        crate::signatures::SignedObject::SignIn,
        &req.challenge_id,
        &accepted,
    )
    .await?;
    let signer = accepted.signer;
    // An official with a staff account signs in to it with their EDS as well.
    if let Some(staff) = db::auth::staff_by_iin(&state.db, signer.iin.as_str()).await? {
        let cookie = auth::start_session(state, &staff.id, None).await?;
        return Ok(([(header::SET_COOKIE, cookie)], Json(me(&staff, None))).into_response());
    }
    // A company key signs in for its company, with the holder's role from the certificate.
    let acting = match (&signer.bin, signer.role) {
        (Some(bin), Some(role)) if role.is_company() => Some(db::auth::ActingFor {
            bin: bin.clone(),
            role,
            organisation: signer.organisation.clone().unwrap_or_default(),
        }),
        _ => None,
    };
    let user = match db::auth::applicant_by_iin(&state.db, signer.iin.as_str()).await? {
        Some(u) => {
            if u.full_name != signer.common_name && !signer.common_name.is_empty() {
                db::auth::update_applicant_name(&state.db, &u.id, &signer.common_name).await?;
            }
            u
        }
        None => {
            let u = db::auth::new_applicant(signer.iin.as_str(), &signer.common_name);
            db::auth::insert_user(&state.db, &u).await?;
            u
        }
    };
    let cookie = auth::start_session(state, &user.id, acting.as_ref()).await?;
    let mut body = me(&user, acting.as_ref());
    body.full_name = signer.common_name;
    Ok(([(header::SET_COOKIE, cookie)], Json(body)).into_response())
}

async fn sign_in_with_password(
    State(state): State<AppState>,
    Body(req): Body<SignInWithPasswordRequest>,
) -> AppResult<Response> {
    let subject = format!("login:{}", req.login.trim().to_lowercase());
    check_rate(&state, &subject, FAILURE_WINDOW_SECONDS, MAX_FAILURES).await?;
    let user = db::auth::user_by_login(&state.db, req.login.trim()).await?;
    let verified = match user.as_ref().and_then(|u| u.password_hash.as_deref()) {
        Some(hash) => verify_password(&req.password, hash),
        None => {
            // Spend the same time as a real check so logins cannot be probed by timing.
            static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            let dummy = DUMMY.get_or_init(|| hash_password("not a password").unwrap_or_default());
            let _ = verify_password(&req.password, dummy);
            false
        }
    };
    let user = match (user, verified) {
        (Some(u), true) => u,
        _ => {
            db::auth::record_attempt(&state.db, &subject, db::unix_now()).await?;
            return Err(ErrorCode::WrongPassword.into());
        }
    };
    db::auth::clear_attempts(&state.db, &subject).await?;
    let cookie = auth::start_session(&state, &user.id, None).await?;
    Ok(([(header::SET_COOKIE, cookie)], Json(me(&user, None))).into_response())
}

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing: {e}"))
}

fn verify_password(password: &str, hash: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    PasswordHash::new(hash)
        .map(|h| {
            argon2::Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

async fn get_me(user: CurrentUser) -> Json<MeResponse> {
    Json(MeResponse {
        company: company_view(user.acting.as_ref()),
        role: user.role,
        full_name: user.full_name,
        iin: user.iin,
        provider: user.provider,
        duties: user.duties,
    })
}

async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(token) = auth::session_token(&headers) {
        db::auth::delete_session(&state.db, &auth::token_hash(&token)).await?;
    }
    Ok((
        [(header::SET_COOKIE, auth::cookie(&state, "", 0))],
        Json(serde_json::json!({"signed_out": true})),
    )
        .into_response())
}
