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
use domain::ErrorCode;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// The address users reach the portal at, without a trailing slash.
    pub public_url: String,
    /// Where the browser finds NCALayer.
    pub ncalayer_url: String,
    pub catalogue: Arc<Vec<ServiceDefinition>>,
    /// The providers' processes, one per service version and variant.
    pub processes: Arc<Vec<domain::process::ProcessDefinition>>,
    /// The channels' own steps around the providers' processes (the public service centre).
    pub channels: Arc<Vec<domain::process::ChannelDefinition>>,
    pub trust: Arc<TrustAnchors>,
    pub gateway: PaymentGateway,
    pub revocation: RevocationList,
    /// The person registry, special records and pre-trial register.
    pub registries: crate::integrations::registries::Registries,
    pub documents: DocumentStore,
    /// Where the e-mail outbox is delivered (`.eml` files; `DATA_DIR/outbox`).
    pub mail: crate::notify::Transport,
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
        domain::catalogue::current(&self.catalogue, code)
    }

    /// The definition a new request (draft, upload, application) is made with: the current
    /// version unless one is named. A superseded version takes new requests only in practice
    /// mode (the sandbox), where the historic regimes can be tried out and their processes
    /// run; in production it answers that the version is no longer in force.
    pub fn definition_for_new(
        &self,
        code: &str,
        version: Option<u32>,
    ) -> Result<&ServiceDefinition, ErrorCode> {
        let current = self.service(code).ok_or(ErrorCode::NotFound)?;
        match version {
            None => Ok(current),
            Some(v) if v == current.version => Ok(current),
            Some(v) => {
                let old = self.service_version(code, v).ok_or(ErrorCode::NotFound)?;
                if self.sandbox.is_some() {
                    Ok(old)
                } else {
                    Err(ErrorCode::VersionSuperseded)
                }
            }
        }
    }

    /// The process a case of this service, version and variant runs.
    pub fn process_for(
        &self,
        service: &str,
        version: u32,
        variant: &str,
    ) -> Option<&domain::process::ProcessDefinition> {
        self.processes
            .iter()
            .find(|p| p.runs(service, version, variant))
    }

    /// The steps a channel adds around the process of this service version, if any.
    pub fn channel_for(
        &self,
        channel: &str,
        service: &str,
        version: u32,
    ) -> Option<&domain::process::ChannelDefinition> {
        self.channels
            .iter()
            .find(|c| c.runs(channel, service, version))
    }

    /// A specific version, for applications filled with it.
    pub fn service_version(&self, code: &str, version: u32) -> Option<&ServiceDefinition> {
        self.catalogue
            .iter()
            .find(|s| s.code == code && s.version == version)
    }
}
