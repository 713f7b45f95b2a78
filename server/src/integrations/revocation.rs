//! The certification authority's certificate revocation list (CRL), fetched over HTTP.
//!
//! Every signature the portal accepts is checked against a fresh CRL: its signature must verify
//! against a trust anchor and it must not be past its next update. When the list cannot be had
//! the check fails closed: nothing is accepted on an unknown revocation status.

use crate::pki::TrustAnchors;
use x509_parser::prelude::*;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RevocationError {
    #[error("certificate revocation list unavailable: {0}")]
    Unavailable(String),
    #[error("certificate revocation list is not valid: {0}")]
    Invalid(&'static str),
}

/// Where the CRL is published.
#[derive(Clone, Debug)]
pub struct RevocationList {
    url: String,
    http: reqwest::Client,
}

impl RevocationList {
    pub fn new(url: String, http: reqwest::Client) -> Self {
        RevocationList { url, http }
    }

    /// Whether the certificate with this serial (hex, as `VerifiedSigner::serial`) is revoked
    /// at `now` (Unix seconds).
    pub async fn is_revoked(
        &self,
        trust: &TrustAnchors,
        serial: &str,
        now: i64,
    ) -> Result<bool, RevocationError> {
        let response = self
            .http
            .get(&self.url)
            .send()
            .await
            .map_err(|e| RevocationError::Unavailable(e.to_string()))?;
        if !response.status().is_success() {
            return Err(RevocationError::Unavailable(format!(
                "status {}",
                response.status()
            )));
        }
        let der = response
            .bytes()
            .await
            .map_err(|e| RevocationError::Unavailable(e.to_string()))?;
        let (_, crl) = parse_x509_crl(&der).map_err(|_| RevocationError::Invalid("unreadable"))?;
        if !trust.signed_crl(&crl) {
            return Err(RevocationError::Invalid("not signed by a trust anchor"));
        }
        let now = ASN1Time::from_timestamp(now).map_err(|_| RevocationError::Invalid("time"))?;
        match crl.next_update() {
            Some(next) if next >= now => {}
            _ => return Err(RevocationError::Invalid("stale")),
        }
        let revoked = crl
            .iter_revoked_certificates()
            .any(|r| r.raw_serial_as_string().replace(':', "") == serial);
        Ok(revoked)
    }
}
