//! The state every handler shares. The database and the document store are the only state;
//! what is kept in memory between requests (`answers`) is a copy that every write, on any
//! instance, makes unusable, so several instances can run side by side.

use crate::db::Db;
use crate::documents::DocumentStore;
use crate::integrations::mail::Transport;
use crate::integrations::payment_gateway::PaymentGateway;
use crate::integrations::registries::Registries;
use crate::integrations::revocation::RevocationList;
use crate::pki::TrustAnchors;
use domain::catalogue::{Channel, FormSchema, ServiceDefinition};
use domain::process::{ChannelDefinition, ProcessDefinition};
use domain::ErrorCode;
use std::sync::Arc;

/// What every handler is given: one pointer to the [`PortalState`], so taking it for a
/// request copies a pointer, not the state's strings and handles.
#[derive(Clone)]
pub struct AppState(Arc<PortalState>);

impl AppState {
    pub fn new(state: PortalState) -> Self {
        AppState(Arc::new(state))
    }
}

impl std::ops::Deref for AppState {
    type Target = PortalState;

    fn deref(&self) -> &PortalState {
        &self.0
    }
}

pub struct PortalState {
    pub db: Db,
    /// Reads of committed data (`db::Pools`): on SQLite, read-only connections beside the one
    /// writer.
    pub read: Db,
    /// Sessions and case views kept between requests, never across a write (`answers`).
    pub answers: Arc<crate::answers::Answers>,
    /// The address users reach the portal at, without a trailing slash.
    pub public_url: String,
    /// Where the browser finds NCALayer.
    pub ncalayer_url: String,
    pub catalogue: Arc<Vec<ServiceDefinition>>,
    /// The providers' processes, one per service version and variant.
    pub processes: Arc<Vec<ProcessDefinition>>,
    /// The channels' own steps around the providers' processes (the public service centre).
    pub channels: Arc<Vec<ChannelDefinition>>,
    /// The forms that are not requests (the licensing-control conclusion, …).
    pub forms: Arc<Vec<FormSchema>>,
    pub trust: Arc<TrustAnchors>,
    pub gateway: PaymentGateway,
    pub revocation: RevocationList,
    /// The person registry, the legal-entity registry, special records, the pre-trial register
    /// and the notary registry.
    pub registries: Registries,
    pub documents: DocumentStore,
    /// Where the e-mail outbox is delivered.
    pub mail: Transport,
    /// The SMS gateway, when one is configured (always in practice mode).
    pub sms: Option<crate::integrations::sms::SmsGateway>,
    pub http: reqwest::Client,
    /// Practice mode: the sandbox's stand-ins are what the adapters talk to, and superseded
    /// versions of a service take new requests so their processes can be tried. Off in
    /// production.
    pub practice: bool,
    /// Session cookies get `Secure` when the portal is served over HTTPS.
    pub secure_cookies: bool,
    /// The reverse proxies whose forwarding headers name the client (`client_address`).
    pub trusted_proxies: Arc<Vec<ipnet::IpNet>>,
    pub metrics: crate::metrics::SharedMetrics,
    /// What `GET /metrics` asks for; none: not served.
    pub metrics_token: Option<String>,
    /// The portal's own key for the licences' QR statements.
    pub statements: crate::licences::statement::StatementSigner,
}

impl AppState {
    /// The current version of a service definition.
    pub fn service(&self, code: &str) -> Option<&ServiceDefinition> {
        domain::catalogue::current(&self.catalogue, code)
    }

    /// The definition a new request (draft, upload, application) is made with: the current
    /// version unless one is named. A superseded version takes new requests only in practice
    /// mode, where the historic regimes can be tried out and their processes run; in
    /// production it answers that the version is no longer in force.
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
                if self.practice {
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
    ) -> Option<&ProcessDefinition> {
        self.processes
            .iter()
            .find(|p| p.runs(service, version, variant))
    }

    /// The steps a channel adds around the process of this service version, if any.
    pub fn channel_for(
        &self,
        channel: Channel,
        service: &str,
        version: u32,
    ) -> Option<&ChannelDefinition> {
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
