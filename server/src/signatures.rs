//! The one room for signatures: every EDS signature the portal accepts passes through here.
//!
//! [`verify`] runs every check of a detached CMS over bytes the server built (`pki`: path,
//! validity, purpose, IIN/BIN, the signature itself; then revocation against the issuing
//! authority's CRL). The four kinds of signer then add their own rule:
//! - [`sign_in`]: a sign-in key over a single-use challenge;
//! - [`applicant`]: the applicant's signing key over their request, fitting it by
//!   `domain::signing::key_fits` (the same rule the browser's key check applies);
//! - [`official`]: the signed-in official's own signing key over a document they decide;
//! - [`preflight`]: a certificate alone, before anything is signed.
//!
//! A refusal becomes each context's error in one place, [`Refusal::into_error`]; what was
//! accepted is kept as evidence by [`record`] (and [`record_document`] for documents
//! officials sign), in the caller's transaction.

use crate::db;
pub use crate::db::evidence::SignedObject;
use crate::error::{AppError, AppResult};
use crate::integrations::revocation::RevocationStatus;
use crate::pki::{PkiError, Purpose, VerifiedSigner};
use crate::state::AppState;
use domain::api::KeyProblem;
use domain::catalogue::ServiceDefinition;
use domain::signing::{key_fits, Applicant, KeyHolder};
use domain::ErrorCode;
use sqlx::{Any, Executor};

/// A signature that passed every check, with what it was checked against and over.
#[derive(Debug, Clone)]
pub struct AcceptedSignature {
    pub signer: VerifiedSigner,
    pub revocation: RevocationStatus,
    pub verified_at: String,
    /// The detached CMS, base64, as received.
    pub cms_b64: String,
    /// The exact bytes it signs.
    pub payload: Vec<u8>,
}

/// Why a signature was not accepted.
#[derive(Debug)]
pub enum Refusal {
    /// A check failed: the caller answers with the regulations' refusal.
    Refused(String),
    /// The revocation status could not be learnt: nothing is accepted, try again later.
    Unavailable(String),
}

/// Who signed, which decides the error a refusal becomes.
#[derive(Debug, Clone, Copy)]
pub enum Context {
    SignIn,
    Applicant,
    Official,
}

impl Refusal {
    /// The one conversion of a refusal into the error its context answers with: "authorisation
    /// refused" at sign-in, "EDS not confirmed" for a request, "the official's signature is
    /// not valid" for a decision; an unknown revocation status is "the external system is
    /// unavailable" in every context.
    pub fn into_error(self, context: Context) -> AppError {
        match self {
            Refusal::Refused(why) => {
                tracing::info!(%why, ?context, "signature refused");
                match context {
                    Context::SignIn => ErrorCode::AuthorisationRefused,
                    Context::Applicant => ErrorCode::EdsNotConfirmed,
                    Context::Official => ErrorCode::OfficialSignatureInvalid,
                }
                .into()
            }
            Refusal::Unavailable(why) => {
                tracing::warn!(%why, ?context, "revocation status unknown");
                ErrorCode::ExternalSystemUnavailable.into()
            }
        }
    }
}

/// Every check of a detached CMS signature (base64) over `data`: path to a trust anchor,
/// validity, purpose, IIN/BIN, the signature itself, then revocation against the issuing
/// authority's current CRL (an unknown status accepts nothing).
pub async fn verify(
    state: &AppState,
    cms_b64: &str,
    purpose: Purpose,
    data: &[u8],
) -> Result<AcceptedSignature, Refusal> {
    let cms =
        crate::pki::decode_base64(cms_b64).ok_or_else(|| Refusal::Refused("not base64".into()))?;
    let now = db::unix_now();
    let signer = state
        .trust
        .verify(&cms, purpose, data, now)
        .map_err(|e| Refusal::Refused(e.to_string()))?;
    match state
        .revocation
        .check(&signer.issuer_der, &signer.serial, now)
        .await
    {
        Ok(status) if !status.revoked => {
            tracing::debug!(serial = %signer.serial, crl = %status.crl_sha256, "signature accepted");
            Ok(AcceptedSignature {
                signer,
                revocation: status,
                verified_at: db::now_text(),
                cms_b64: cms_b64.to_owned(),
                payload: data.to_vec(),
            })
        }
        Ok(_) => Err(Refusal::Refused("certificate revoked".into())),
        Err(e) => Err(Refusal::Unavailable(e.to_string())),
    }
}

/// A sign-in: a sign-in key's signature over the challenge.
pub async fn sign_in(
    state: &AppState,
    cms_b64: &str,
    challenge: &[u8],
) -> AppResult<AcceptedSignature> {
    verify(state, cms_b64, Purpose::SignIn, challenge)
        .await
        .map_err(|r| r.into_error(Context::SignIn))
}

/// The applicant's signature over their request: a valid signing key whose IIN (and for a
/// company, BIN and role) fit the request (R26).
pub async fn applicant(
    state: &AppState,
    cms_b64: &str,
    payload: &[u8],
    applicant: Applicant<'_>,
    service: &ServiceDefinition,
) -> AppResult<AcceptedSignature> {
    let accepted = verify(state, cms_b64, Purpose::Signing, payload)
        .await
        .map_err(|r| r.into_error(Context::Applicant))?;
    let problems = key_fits(holder(&accepted.signer), applicant, &service.signer_roles);
    if !problems.is_empty() {
        return Err(Refusal::Refused(format!("{problems:?}")).into_error(Context::Applicant));
    }
    Ok(accepted)
}

/// An official's signature over a document they decide (a licence, a decision, a protocol, a
/// centre's request): a valid signing key, not revoked, and the signed-in official's own.
pub async fn official(
    state: &AppState,
    official_iin: Option<&str>,
    cms_b64: &str,
    document: &[u8],
) -> AppResult<AcceptedSignature> {
    let accepted = verify(state, cms_b64, Purpose::Signing, document)
        .await
        .map_err(|r| r.into_error(Context::Official))?;
    if Some(accepted.signer.iin.as_str()) != official_iin {
        return Err(Refusal::Refused("not the signed-in official's key".into())
            .into_error(Context::Official));
    }
    Ok(accepted)
}

/// The signing preflight: what stops this certificate (with the chain the key file holds)
/// from signing a request of `service` for `applicant` — validity, purpose, revocation, and
/// the same fit the request's signature will be held to.
pub async fn preflight(
    state: &AppState,
    certificate_der: &[u8],
    chain: &[Vec<u8>],
    facts: &eds::CertificateFacts,
    applicant: Applicant<'_>,
    service: &ServiceDefinition,
) -> Vec<KeyProblem> {
    let now = db::unix_now();
    let mut problems = Vec::new();
    match state
        .trust
        .validate_certificate(certificate_der, chain, Purpose::Signing, now)
    {
        Ok(signer) => {
            match state
                .revocation
                .check(&signer.issuer_der, &signer.serial, now)
                .await
            {
                Ok(status) if status.revoked => problems.push(KeyProblem::Revoked),
                Ok(_) => {}
                Err(_) => problems.push(KeyProblem::RevocationUnknown),
            }
        }
        Err(PkiError::OutsideValidity) => problems.push(KeyProblem::OutsideValidity),
        Err(PkiError::WrongPurpose) => problems.push(KeyProblem::NotForSigning),
        Err(
            PkiError::Unreadable | PkiError::Untrusted | PkiError::NoIin | PkiError::BadSignature,
        ) => problems.push(KeyProblem::Untrusted),
    }
    let key = KeyHolder {
        iin: facts.iin.as_deref().unwrap_or_default(),
        bin: facts.bin.as_deref(),
        role: facts.role,
    };
    problems.extend(key_fits(key, applicant, &service.signer_roles));
    problems
}

/// What a validated certificate says of its holder, for the fit rule.
fn holder(signer: &VerifiedSigner) -> KeyHolder<'_> {
    KeyHolder {
        iin: signer.iin.as_str(),
        bin: signer.bin.as_ref().map(|b| b.as_str()),
        role: signer.role,
    }
}

/// Keeps the evidence of an accepted signature (the CMS, the validated chain, the payload
/// hash, the CRL used, the result, the time), in the caller's transaction.
pub async fn record<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    kind: SignedObject,
    object_id: &str,
    accepted: &AcceptedSignature,
) -> Result<(), sqlx::Error> {
    db::evidence::insert(
        ex,
        &db::evidence::EvidenceRow {
            id: db::new_id(),
            kind,
            object_id: object_id.to_owned(),
            signer_iin: accepted.signer.iin.to_string(),
            certificate_serial: accepted.signer.serial.clone(),
            certificate_pem: accepted.signer.chain_pem(),
            signature: accepted.cms_b64.clone(),
            payload_sha256: crate::documents::sha256_hex(&accepted.payload),
            crl_sha256: accepted.revocation.crl_sha256.clone(),
            crl_this_update: accepted.revocation.this_update.clone(),
            crl_next_update: accepted.revocation.next_update.clone(),
            verified_at: accepted.verified_at.clone(),
            signer_bin: accepted.signer.bin.as_ref().map(|b| b.to_string()),
            signer_role: accepted.signer.role.map(|r| r.code()),
        },
    )
    .await
}

/// Keeps a document an official signed (a decision, whose object is the step's record; or a
/// protocol, whose object is the session) with its exact bytes, and the evidence, in the
/// caller's transaction.
pub async fn record_document(
    tx: &mut db::Tx<'_>,
    kind: SignedObject,
    object_id: &str,
    application_id: Option<&str>,
    accepted: &AcceptedSignature,
    signer_name: &str,
) -> Result<(), sqlx::Error> {
    db::signed::insert(
        &mut **tx,
        &db::signed::SignedDocumentRow {
            id: db::new_id(),
            kind,
            object_id: object_id.to_owned(),
            application_id: application_id.map(str::to_owned),
            // The server's own canonical JSON: always UTF-8.
            document: String::from_utf8_lossy(&accepted.payload).into_owned(),
            signature: accepted.cms_b64.clone(),
            signer_certificate: accepted.signer.certificate_pem(),
            signer_iin: accepted.signer.iin.to_string(),
            signer_name: signer_name.to_owned(),
            signed_at: db::now_text(),
        },
    )
    .await?;
    record(&mut **tx, kind, object_id, accepted).await
}
