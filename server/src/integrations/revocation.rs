//! The certification authority's certificate revocation list (CRL), fetched over HTTP and kept.
//!
//! A CRL must be issued and signed by the authority that issued the signer's certificate
//! (validated on the path to a trust anchor) and must not be past its next update. It is kept
//! in memory, parsed once (its revoked serials, its hash and dates), and used until the older
//! of its `nextUpdate` and the configured maximum age; a background refresh (`refresh`, every
//! few seconds from the server's loop) fetches a new one before that, so a signature check
//! does not wait for a download. When no usable list can be had — none kept, or the kept one
//! past its `nextUpdate` and the authority unreachable — the check fails closed: nothing is
//! accepted on an unknown revocation status. A list larger than [`MAX_CRL_BYTES`] is refused.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tokio::sync::{Mutex, RwLock};
use x509_parser::prelude::*;

/// The largest CRL taken (the national authority's lists are a few megabytes).
pub const MAX_CRL_BYTES: usize = 64 * 1024 * 1024;

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

/// A CRL as kept: what checks need of it, parsed once.
struct Kept {
    der: Vec<u8>,
    revoked: HashSet<String>,
    sha256: String,
    this_update: String,
    next_update: String,
    /// Unix seconds.
    next_update_at: i64,
    fetched_at: i64,
    /// Whether the list is signed by an issuer (by the issuer certificate's SHA-256).
    signed_by: HashMap<String, bool>,
}

/// Where the CRL is published, and the one kept.
#[derive(Clone)]
pub struct RevocationList {
    url: String,
    http: reqwest::Client,
    /// Seconds a kept list is used before it is fetched again (never past its `nextUpdate`).
    max_age: i64,
    kept: Arc<RwLock<Option<Kept>>>,
    /// One download at a time.
    fetching: Arc<Mutex<()>>,
}

impl std::fmt::Debug for RevocationList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RevocationList")
            .field("url", &self.url)
            .field("max_age", &self.max_age)
            .finish_non_exhaustive()
    }
}

impl RevocationList {
    pub fn new(url: String, http: reqwest::Client, max_age_seconds: i64) -> Self {
        RevocationList {
            url,
            http,
            max_age: max_age_seconds.max(0),
            kept: Arc::new(RwLock::new(None)),
            fetching: Arc::new(Mutex::new(())),
        }
    }

    /// Whether the certificate with this serial (hex, as `VerifiedSigner::serial`), issued by
    /// `issuer_der`, is revoked at `now` (Unix seconds), and which CRL said so.
    pub async fn check(
        &self,
        issuer_der: &[u8],
        serial: &str,
        now: i64,
    ) -> Result<RevocationStatus, RevocationError> {
        if !self.fresh(now).await {
            if let Err(e) = self.fetch(now).await {
                // A list kept and still within its nextUpdate serves while the authority is
                // unreachable; past it, nothing is accepted.
                if !self.usable(now).await {
                    return Err(e);
                }
                tracing::warn!(error = %e, "CRL refresh failed; the kept list is still valid");
            }
        }
        let issuer_hash = crate::documents::sha256_hex(issuer_der);
        {
            let kept = self.kept.read().await;
            let k = kept
                .as_ref()
                .ok_or_else(|| RevocationError::Unavailable("no list".into()))?;
            if k.next_update_at < now {
                return Err(RevocationError::Invalid("stale"));
            }
            if let Some(&signed) = k.signed_by.get(&issuer_hash) {
                return status(k, signed, serial);
            }
        }
        // First check against this issuer: verify the list's signature once.
        let mut kept = self.kept.write().await;
        let k = kept
            .as_mut()
            .ok_or_else(|| RevocationError::Unavailable("no list".into()))?;
        let signed = parse_x509_crl(&k.der)
            .map(|(_, crl)| crate::pki::crl_signed_by(&crl, issuer_der))
            .unwrap_or(false);
        k.signed_by.insert(issuer_hash, signed);
        status(k, signed, serial)
    }

    /// Fetches a new list when the kept one is past four fifths of its time (called every few
    /// seconds by the server's loop), so checks find a fresh one.
    pub async fn refresh(&self, now: i64) {
        let due = match self.kept.read().await.as_ref() {
            None => false,
            Some(k) => {
                let until = (k.fetched_at + self.max_age).min(k.next_update_at);
                now >= k.fetched_at + (until - k.fetched_at) * 4 / 5
            }
        };
        if due {
            if let Err(e) = self.fetch(now).await {
                tracing::warn!(error = %e, "background CRL refresh");
            }
        }
    }

    /// Forgets the kept list: the next check fetches.
    pub async fn forget(&self) {
        *self.kept.write().await = None;
    }

    async fn fresh(&self, now: i64) -> bool {
        self.kept
            .read()
            .await
            .as_ref()
            .is_some_and(|k| now < k.fetched_at + self.max_age && now <= k.next_update_at)
    }

    async fn usable(&self, now: i64) -> bool {
        self.kept
            .read()
            .await
            .as_ref()
            .is_some_and(|k| now <= k.next_update_at)
    }

    async fn fetch(&self, now: i64) -> Result<(), RevocationError> {
        let _one = self.fetching.lock().await;
        // Another check may have fetched while this one waited.
        if self.fresh(now).await {
            return Ok(());
        }
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
        if response
            .content_length()
            .is_some_and(|n| n > MAX_CRL_BYTES as u64)
        {
            return Err(RevocationError::Invalid("too large"));
        }
        let der = response
            .bytes()
            .await
            .map_err(|e| RevocationError::Unavailable(e.to_string()))?;
        if der.len() > MAX_CRL_BYTES {
            return Err(RevocationError::Invalid("too large"));
        }
        let kept = parse(der.to_vec(), now)?;
        *self.kept.write().await = Some(kept);
        Ok(())
    }
}

fn parse(der: Vec<u8>, now: i64) -> Result<Kept, RevocationError> {
    let (_, crl) = parse_x509_crl(&der).map_err(|_| RevocationError::Invalid("unreadable"))?;
    let next = crl
        .next_update()
        .ok_or(RevocationError::Invalid("no next update"))?;
    if next.timestamp() < now {
        return Err(RevocationError::Invalid("stale"));
    }
    let revoked = crl
        .iter_revoked_certificates()
        .map(|r| r.raw_serial_as_string().replace(':', ""))
        .collect();
    let this_update = crate::db::timestamp_text(crl.last_update().to_datetime());
    let next_update = crate::db::timestamp_text(next.to_datetime());
    let next_update_at = next.timestamp();
    Ok(Kept {
        sha256: crate::documents::sha256_hex(&der),
        revoked,
        this_update,
        next_update,
        next_update_at,
        fetched_at: now,
        signed_by: HashMap::new(),
        der,
    })
}

fn status(k: &Kept, signed: bool, serial: &str) -> Result<RevocationStatus, RevocationError> {
    if !signed {
        return Err(RevocationError::Invalid(
            "not signed by the certificate's issuer",
        ));
    }
    Ok(RevocationStatus {
        revoked: k.revoked.contains(serial),
        crl_sha256: k.sha256.clone(),
        this_update: k.this_update.clone(),
        next_update: k.next_update.clone(),
    })
}
