//! Sign-in (EDS challenge for applicants, password for staff), the current user, sign-out.

use super::Body;
use crate::auth::{self, CurrentUser};
use crate::client_address::ClientAddress;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use domain::api::{
    ChallengeResponse, CompanyView, MeResponse, SignInWithEdsRequest, SignInWithPasswordRequest,
};
use domain::ErrorCode;

/// How long a sign-in challenge may be used.
const CHALLENGE_SECONDS: i64 = 120;

/// At most this many password sign-ins per login that fail…
const MAX_FAILURES: i64 = 5;
/// …within this window.
const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;

/// At most this many failed EDS sign-ins with one certificate in the window: a signature
/// cannot be guessed, but nobody may probe with a key unhindered.
const MAX_EDS_FAILURES_PER_CERTIFICATE: i64 = 10;
/// Failed EDS sign-ins from one address (a whole office or city behind one address) before
/// the address is held back: then only a certificate with no failures of its own is checked.
/// One person's mistakes never reach it.
const MAX_EDS_FAILURES_PER_ADDRESS: i64 = 100;
/// At most this many challenges per address per minute.
const MAX_CHALLENGES_PER_MINUTE: i64 = 60;

/// How many attempts a subject made since `window` seconds ago.
async fn recent(state: &AppState, subject: &str, window: i64) -> Result<i64, AppError> {
    Ok(db::auth::recent_attempts(&state.db, subject, db::unix_now() - window).await?)
}

/// The certificate a CMS signature carries, before anything is checked: what failures are
/// counted against (its SHA-256), so a forged certificate's failures are not a genuine one's.
fn certificate_subject(cms_b64: &str) -> Option<String> {
    let der = crate::pki::decode_base64(cms_b64)?;
    let detached = eds::cms::parse_detached(&der).ok()?;
    Some(format!(
        "eds-cert:{}",
        crate::documents::sha256_hex(&detached.signer_certificate)
    ))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/auth/challenge", post(create_challenge))
        .route("/api/auth/eds", post(sign_in_with_eds))
        .route("/api/auth/password", post(sign_in_with_password))
        .route("/api/auth/sign-out", post(sign_out))
        .route("/api/me", get(get_me))
        .route("/api/session", get(get_session))
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
    client: ClientAddress,
) -> AppResult<Json<ChallengeResponse>> {
    let subject = format!("challenge:{client}");
    let now = db::unix_now();
    if !db::auth::take_attempt(&state.db, &subject, now, 60, MAX_CHALLENGES_PER_MINUTE).await? {
        return Err(ErrorCode::TooManyAttempts.into());
    }
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

/// EDS sign-in. Failures are counted against the certificate used and the client's address.
/// A certificate with ten recent failures waits; an address with many recent failures (a
/// shared one, say) is held back only for certificates that failed too, so a valid signature
/// from a certificate with no failures of its own is never refused because others failed.
async fn sign_in_with_eds(
    State(state): State<AppState>,
    client: ClientAddress,
    Body(req): Body<SignInWithEdsRequest>,
) -> AppResult<Response> {
    let now = db::unix_now();
    let address = format!("eds:{client}");
    let certificate = certificate_subject(&req.signature.cms_b64);
    let certificate_failures = match &certificate {
        Some(c) => recent(&state, c, FAILURE_WINDOW_SECONDS).await?,
        None => 0,
    };
    if certificate_failures >= MAX_EDS_FAILURES_PER_CERTIFICATE {
        return Err(ErrorCode::TooManyAttempts.into());
    }
    let clean = certificate.is_some() && certificate_failures == 0;
    if !clean
        && recent(&state, &address, FAILURE_WINDOW_SECONDS).await? >= MAX_EDS_FAILURES_PER_ADDRESS
    {
        return Err(ErrorCode::TooManyAttempts.into());
    }
    match eds_sign_in(&state, req, now).await {
        Err(AppError::Api(ErrorCode::AuthorisationRefused)) => {
            db::auth::record_attempt(&state.db, &address, now).await?;
            if let Some(c) = &certificate {
                db::auth::record_attempt(&state.db, c, now).await?;
            }
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

/// Staff sign-in with login and password. Each attempt takes one of the login's five per
/// fifteen minutes before the password is checked (counted in one statement, so parallel
/// attempts cannot pass the limit); a correct password gives them back.
async fn sign_in_with_password(
    State(state): State<AppState>,
    Body(req): Body<SignInWithPasswordRequest>,
) -> AppResult<Response> {
    let subject = format!("login:{}", req.login.trim().to_lowercase());
    if !db::auth::take_attempt(
        &state.db,
        &subject,
        db::unix_now(),
        FAILURE_WINDOW_SECONDS,
        MAX_FAILURES,
    )
    .await?
    {
        return Err(ErrorCode::TooManyAttempts.into());
    }
    let user = db::auth::user_by_login(&state.db, req.login.trim()).await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let password = req.password;
    // Argon2 is deliberately slow: it runs off the async workers.
    let verified = tokio::task::spawn_blocking(move || match hash {
        Some(hash) => verify_password(&password, &hash),
        None => {
            // Spend the same time as a real check so logins cannot be probed by timing.
            static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            let dummy = DUMMY.get_or_init(|| hash_password("not a password").unwrap_or_default());
            let _ = verify_password(&password, dummy);
            false
        }
    })
    .await
    .map_err(AppError::internal)?;
    let user = match (user, verified) {
        (Some(u), true) => u,
        _ => return Err(ErrorCode::WrongPassword.into()),
    };
    db::auth::clear_window(&state.db, &subject).await?;
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

/// Who is signed in, if anyone: what the app asks at start. An anonymous visitor is an
/// answer (`me: null`), not an error, so a first visit logs no failed request.
async fn get_session(
    user: Result<CurrentUser, crate::error::AppError>,
) -> AppResult<Json<domain::api::SessionResponse>> {
    match user {
        Ok(user) => Ok(Json(domain::api::SessionResponse {
            me: Some(get_me(user).await.0),
        })),
        Err(crate::error::AppError::Api(domain::ErrorCode::Unauthenticated)) => {
            Ok(Json(domain::api::SessionResponse { me: None }))
        }
        Err(e) => Err(e),
    }
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
