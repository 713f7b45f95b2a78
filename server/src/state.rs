//! The state every handler shares. Nothing here holds per-request data across requests: the
//! database and the document store are the only state, so several instances can run side by
//! side.

use crate::db::Db;
use crate::documents::DocumentStore;
use crate::integrations::payment_gateway::PaymentGateway;
use crate::integrations::revocation::{RevocationList, RevocationStatus};
use crate::pki::{Purpose, TrustAnchors, VerifiedSigner};
use crate::sandbox::Sandbox;
use domain::catalogue::ServiceDefinition;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// The address users reach the portal at, without a trailing slash.
    pub public_url: String,
    /// Where the browser finds NCALayer.
    pub ncalayer_url: String,
    pub catalogue: Arc<Vec<ServiceDefinition>>,
    pub trust: Arc<TrustAnchors>,
    pub gateway: PaymentGateway,
    pub revocation: RevocationList,
    pub documents: DocumentStore,
    pub http: reqwest::Client,
    /// Present when the sandbox systems run in this process.
    pub sandbox: Option<Arc<Sandbox>>,
    /// Session cookies get `Secure` when the portal is served over HTTPS.
    pub secure_cookies: bool,
}

/// A signature that passed every check, with what it was checked against.
#[derive(Debug, Clone)]
pub struct AcceptedSignature {
    pub signer: VerifiedSigner,
    pub revocation: RevocationStatus,
    pub verified_at: String,
}

/// Why a signature was not accepted.
#[derive(Debug)]
pub enum SignatureCheck {
    /// A check failed: the caller answers with the regulations' refusal.
    Refused(String),
    /// The revocation status could not be learnt: nothing is accepted, try again later.
    Unavailable(String),
}

impl AppState {
    /// Every check of a detached CMS signature (base64) over `data`: path to a trust anchor,
    /// validity, purpose, IIN/BIN, the signature itself, then revocation against the issuing
    /// authority's current CRL.
    pub async fn verify_signature(
        &self,
        cms_b64: &str,
        purpose: Purpose,
        data: &[u8],
    ) -> Result<AcceptedSignature, SignatureCheck> {
        let cms = crate::pki::decode_base64(cms_b64)
            .ok_or_else(|| SignatureCheck::Refused("not base64".into()))?;
        let now = crate::db::unix_now();
        let signer = self
            .trust
            .verify(&cms, purpose, data, now)
            .map_err(|e| SignatureCheck::Refused(e.to_string()))?;
        match self
            .revocation
            .check(&signer.issuer_der, &signer.serial, now)
            .await
        {
            Ok(status) if !status.revoked => Ok(AcceptedSignature {
                signer,
                revocation: status,
                verified_at: crate::db::now_text(),
            }),
            Ok(_) => Err(SignatureCheck::Refused("certificate revoked".into())),
            Err(e) => Err(SignatureCheck::Unavailable(e.to_string())),
        }
    }

    /// The current version of a service definition.
    pub fn service(&self, code: &str) -> Option<&ServiceDefinition> {
        self.catalogue
            .iter()
            .filter(|s| s.code == code)
            .max_by_key(|s| s.version)
    }

    /// A specific version, for applications filled with it.
    pub fn service_version(&self, code: &str, version: u32) -> Option<&ServiceDefinition> {
        self.catalogue
            .iter()
            .find(|s| s.code == code && s.version == version)
    }
}
