//! Certificate path validation and signature verification.
//!
//! What is checked, for every signature the portal accepts (sign-in challenges, requests,
//! licences): the certificate chains to a configured trust anchor (signature by the root, issuer
//! name equal to the root's subject); it is within its validity period at the time of checking;
//! the identity (IIN from `SERIALNUMBER=IIN…`) is taken from that validated certificate only;
//! and the ECDSA P-256/SHA-256 signature verifies over the exact bytes the server stored.
//!
//! The key's purpose is checked too: extended key usage clientAuth to sign in, emailProtection
//! to sign requests and licences.
//!
//! Revocation is checked by the caller against the authority's CRL
//! (`integrations::revocation`) after these checks pass.
//!
//! Not checked yet (the electronic-signature issue adds them): intermediate authorities, OCSP,
//! CMS containers. Nothing in the portal claims
//! these checks were made.

use base64::Engine;
use domain::Iin;
use ring::signature::{UnparsedPublicKey, ECDSA_P256_SHA256_FIXED};
use x509_parser::prelude::*;

/// Why a signature is not accepted.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PkiError {
    #[error("certificate cannot be read")]
    Unreadable,
    #[error("certificate is not issued by a trusted authority")]
    Untrusted,
    #[error("certificate is not valid at this time")]
    OutsideValidity,
    #[error("certificate carries no IIN")]
    NoIin,
    #[error("signature does not verify")]
    BadSignature,
    #[error("certificate is not meant for this use")]
    WrongPurpose,
}

/// What a signature is for; the certificate's extended key usage must allow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Signing a sign-in challenge: clientAuth.
    SignIn,
    /// Signing a request or a licence: emailProtection (the national authority's signing keys).
    Signing,
}

/// The facts taken from a verified signer's certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedSigner {
    pub iin: Iin,
    pub common_name: String,
    /// Hex serial number of the certificate.
    pub serial: String,
}

/// The trusted root certificates (DER).
#[derive(Debug, Clone)]
pub struct TrustAnchors {
    roots: Vec<Vec<u8>>,
}

/// Parses every certificate in a PEM text into DER.
pub fn pem_certificates(pem: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = pem;
    while let Some(start) = rest.find("-----BEGIN CERTIFICATE-----") {
        let after = &rest[start + 27..];
        let Some(end) = after.find("-----END CERTIFICATE-----") else {
            break;
        };
        let b64: String = after[..end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(b64) {
            out.push(der);
        }
        rest = &after[end..];
    }
    out
}

impl TrustAnchors {
    /// Reads roots from PEM; each must be a self-signed certificate.
    pub fn from_pem(pem: &str) -> anyhow::Result<TrustAnchors> {
        let roots = pem_certificates(pem);
        anyhow::ensure!(!roots.is_empty(), "no certificate in the trust anchor file");
        for der in &roots {
            let (_, cert) =
                X509Certificate::from_der(der).map_err(|e| anyhow::anyhow!("trust anchor: {e}"))?;
            cert.verify_signature(None)
                .map_err(|e| anyhow::anyhow!("trust anchor is not self-signed: {e}"))?;
        }
        Ok(TrustAnchors { roots })
    }

    /// Validates the certificate at `at` (Unix seconds) and verifies `signature` (`r || s`) over
    /// `data` with its key.
    pub fn verify(
        &self,
        certificate_pem: &str,
        purpose: Purpose,
        data: &[u8],
        signature: &[u8],
        at: i64,
    ) -> Result<VerifiedSigner, PkiError> {
        let der = pem_certificates(certificate_pem)
            .into_iter()
            .next()
            .ok_or(PkiError::Unreadable)?;
        let (_, cert) = X509Certificate::from_der(&der).map_err(|_| PkiError::Unreadable)?;

        let chained = self.roots.iter().any(|root_der| {
            let Ok((_, root)) = X509Certificate::from_der(root_der) else {
                return false;
            };
            root.subject().as_raw() == cert.issuer().as_raw()
                && cert.verify_signature(Some(root.public_key())).is_ok()
        });
        if !chained {
            return Err(PkiError::Untrusted);
        }

        let when = ASN1Time::from_timestamp(at).map_err(|_| PkiError::OutsideValidity)?;
        if !cert.validity().is_valid_at(when) {
            return Err(PkiError::OutsideValidity);
        }

        let usage = cert
            .extended_key_usage()
            .ok()
            .flatten()
            .map(|e| match purpose {
                Purpose::SignIn => e.value.client_auth,
                Purpose::Signing => e.value.email_protection,
            });
        if usage != Some(true) {
            return Err(PkiError::WrongPurpose);
        }

        let iin = cert
            .subject()
            .iter_attributes()
            .find(|a| a.attr_type().to_id_string() == "2.5.4.5")
            .and_then(|a| a.as_str().ok())
            .and_then(|s| s.strip_prefix("IIN"))
            .and_then(|s| Iin::parse(s).ok())
            .ok_or(PkiError::NoIin)?;
        let common_name = cert
            .subject()
            .iter_common_name()
            .next()
            .and_then(|a| a.as_str().ok())
            .unwrap_or_default()
            .to_owned();

        let key = cert.public_key().subject_public_key.data.as_ref();
        UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, key)
            .verify(data, signature)
            .map_err(|_| PkiError::BadSignature)?;

        Ok(VerifiedSigner {
            iin,
            common_name,
            serial: cert.raw_serial_as_string().replace(':', ""),
        })
    }
}

impl TrustAnchors {
    /// True when a trust anchor issued and signed this revocation list.
    pub fn signed_crl(&self, crl: &CertificateRevocationList<'_>) -> bool {
        self.roots.iter().any(|root_der| {
            let Ok((_, root)) = X509Certificate::from_der(root_der) else {
                return false;
            };
            root.subject().as_raw() == crl.issuer().as_raw()
                && crl.verify_signature(root.public_key()).is_ok()
        })
    }
}

/// The hex serial number of the first certificate in a PEM text.
pub fn certificate_serial(pem: &str) -> Option<String> {
    let der = pem_certificates(pem).into_iter().next()?;
    let (_, cert) = X509Certificate::from_der(&der).ok()?;
    Some(cert.raw_serial_as_string().replace(':', ""))
}

/// Decodes a base64 signature, refusing anything that is not base64.
pub fn decode_signature(b64: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()
}
