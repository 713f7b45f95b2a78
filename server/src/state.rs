//! The state every handler shares. Nothing here holds per-request data across requests: the
//! database and the document store are the only state, so several instances can run side by
//! side.

use crate::db::Db;
use crate::documents::DocumentStore;
use crate::integrations::payment_gateway::PaymentGateway;
use crate::pki::TrustAnchors;
use crate::sandbox::Sandbox;
use domain::catalogue::ServiceDefinition;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// The address users reach the portal at, without a trailing slash.
    pub public_url: String,
    pub catalogue: Arc<Vec<ServiceDefinition>>,
    pub trust: Arc<TrustAnchors>,
    pub gateway: PaymentGateway,
    pub documents: DocumentStore,
    pub http: reqwest::Client,
    /// Present when the sandbox systems run in this process.
    pub sandbox: Option<Arc<Sandbox>>,
    /// Session cookies get `Secure` when the portal is served over HTTPS.
    pub secure_cookies: bool,
}

impl AppState {
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
