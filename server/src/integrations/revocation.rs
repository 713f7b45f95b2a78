//! The certification authority's certificate revocation list (CRL), fetched over HTTP.
//!
//! Every signature the portal accepts is checked against a fresh CRL: it must be issued and
//! signed by the authority that issued the signer's certificate (validated on the path to a
//! trust anchor) and it must not be past its next update. When the list cannot be had
//! the check fails closed: nothing is accepted on an unknown revocation status.

use x509_parser::prelude::*;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RevocationError {
    #[error("certificate revocation list unavailable: {0}")]
    Unavailable(String),
    #[error("certificate revocation list is not valid: {0}")]
    Invalid(&'static str),
}

/// What a revocation check found, kept as evidence with the signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevocationStatus {
    pub revoked: bool,
    /// SHA-256 of the exact CRL used.
    pub crl_sha256: String,
    pub this_update: String,
    pub next_update: String,
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

    /// Whether the certificate with this serial (hex, as `VerifiedSigner::serial`), issued by
    /// `issuer_der`, is revoked at `now` (Unix seconds), and which CRL said so.
    pub async fn check(
        &self,
        issuer_der: &[u8],
        serial: &str,
        now: i64,
    ) -> Result<RevocationStatus, RevocationError> {
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
        if !crate::pki::crl_signed_by(&crl, issuer_der) {
            return Err(RevocationError::Invalid(
                "not signed by the certificate's issuer",
            ));
        }
        let now = ASN1Time::from_timestamp(now).map_err(|_| RevocationError::Invalid("time"))?;
        let next_update = match crl.next_update() {
            Some(next) if next >= now => next,
            _ => return Err(RevocationError::Invalid("stale")),
        };
        let revoked = crl
            .iter_revoked_certificates()
            .any(|r| r.raw_serial_as_string().replace(':', "") == serial);
        Ok(RevocationStatus {
            revoked,
            crl_sha256: crate::documents::sha256_hex(&der),
            this_update: crate::db::timestamp_text(crl.last_update().to_datetime()),
            next_update: crate::db::timestamp_text(next_update.to_datetime()),
        })
    }
}
