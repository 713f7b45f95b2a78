//! Certificate path validation and signature verification.
//!
//! Every signature the portal accepts (sign-in challenges, requests, licences) is a detached
//! CMS signature over bytes the server built and stored. What is checked, in order:
//!
//! 1. the container is a detached CMS SignedData with one signer whose certificate is inside;
//! 2. the path: the signer's certificate is signed by a trust anchor, or by an issuing authority
//!    (carried in the container) that is a CA, valid now, and itself signed by a trust anchor;
//!    the issuer names match at each step. A self-signed certificate, or one from an authority
//!    the portal does not trust, stops here whatever its subject says;
//! 3. the signer's certificate is within its validity period now;
//! 4. its extended key usage allows the purpose: clientAuth to sign in, emailProtection to sign;
//! 5. the IIN (`SERIALNUMBER=IIN…`, check digit verified) and, for a company key, the BIN
//!    (`OU=BIN…`) and role come from that validated certificate only;
//! 6. the signed attributes state the SHA-256 of exactly the stored bytes, and the signature
//!    over the signed attributes verifies with the certificate's key (ECDSA P-256 or RSA, SHA-256).
//!
//! Revocation is checked by the caller against the issuing authority's CRL
//! (`integrations::revocation`) after these checks pass. Not checked: OCSP, GOST algorithms,
//! the intermediate authority's own revocation (a root CRL).

use base64::Engine;
use domain::{Bin, Iin};
use eds::cms::SignatureAlgorithm;
use ring::signature::{UnparsedPublicKey, ECDSA_P256_SHA256_ASN1, RSA_PKCS1_2048_8192_SHA256};
use x509_parser::prelude::*;

/// Why a signature is not accepted.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PkiError {
    #[error("signature or certificate cannot be read")]
    Unreadable,
    #[error("certificate is not issued by a trusted authority")]
    Untrusted,
    #[error("certificate is not valid at this time")]
    OutsideValidity,
    #[error("certificate carries no valid IIN")]
    NoIin,
    #[error("signature does not verify over the stored bytes")]
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
    /// For a company key: the company's BIN, name and the holder's role in it.
    pub bin: Option<Bin>,
    pub organisation: Option<String>,
    pub role: Option<eds::Role>,
    /// The holder's full name: `CN` with the patronymic from `G=` where the certificate has it.
    pub common_name: String,
    /// Hex serial number of the certificate.
    pub serial: String,
    /// The signer's certificate and the authority that issued it (DER), as validated.
    pub certificate_der: Vec<u8>,
    pub issuer_der: Vec<u8>,
}

impl VerifiedSigner {
    /// The validated chain, PEM, signer first: kept as evidence.
    pub fn chain_pem(&self) -> String {
        format!(
            "{}{}",
            eds::pem("CERTIFICATE", &self.certificate_der),
            eds::pem("CERTIFICATE", &self.issuer_der)
        )
    }

    pub fn certificate_pem(&self) -> String {
        eds::pem("CERTIFICATE", &self.certificate_der)
    }
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

fn is_ca(cert: &X509Certificate<'_>) -> bool {
    matches!(cert.basic_constraints(), Ok(Some(bc)) if bc.value.ca)
}

impl TrustAnchors {
    /// Reads roots from PEM; each must be a self-signed CA certificate.
    pub fn from_pem(pem: &str) -> anyhow::Result<TrustAnchors> {
        let roots = pem_certificates(pem);
        anyhow::ensure!(!roots.is_empty(), "no certificate in the trust anchor file");
        for der in &roots {
            let (_, cert) =
                X509Certificate::from_der(der).map_err(|e| anyhow::anyhow!("trust anchor: {e}"))?;
            cert.verify_signature(None)
                .map_err(|e| anyhow::anyhow!("trust anchor is not self-signed: {e}"))?;
            anyhow::ensure!(is_ca(&cert), "trust anchor is not a CA certificate");
        }
        Ok(TrustAnchors { roots })
    }

    /// The root that issued and signed `cert`, if any.
    fn signed_by_root(&self, cert: &X509Certificate<'_>) -> Option<&[u8]> {
        self.roots.iter().map(Vec::as_slice).find(|root_der| {
            let Ok((_, root)) = X509Certificate::from_der(root_der) else {
                return false;
            };
            root.subject().as_raw() == cert.issuer().as_raw()
                && cert.verify_signature(Some(root.public_key())).is_ok()
        })
    }

    /// The validated issuer (DER) of `leaf`: a root, or an issuing authority from `pool` that a
    /// root signed and that is a CA valid at `at`.
    fn issuer_of(
        &self,
        leaf: &X509Certificate<'_>,
        pool: &[Vec<u8>],
        at: ASN1Time,
    ) -> Result<Vec<u8>, PkiError> {
        if let Some(root) = self.signed_by_root(leaf) {
            return Ok(root.to_vec());
        }
        for der in pool {
            let Ok((_, candidate)) = X509Certificate::from_der(der) else {
                continue;
            };
            if candidate.subject().as_raw() == leaf.issuer().as_raw()
                && is_ca(&candidate)
                && candidate.validity().is_valid_at(at)
                && leaf.verify_signature(Some(candidate.public_key())).is_ok()
                && self.signed_by_root(&candidate).is_some()
            {
                return Ok(der.clone());
            }
        }
        Err(PkiError::Untrusted)
    }

    /// Verifies a detached CMS signature (DER) over `data` for `purpose` at `at` (Unix seconds).
    pub fn verify(
        &self,
        cms: &[u8],
        purpose: Purpose,
        data: &[u8],
        at: i64,
    ) -> Result<VerifiedSigner, PkiError> {
        let detached = eds::cms::parse_detached(cms).map_err(|_| PkiError::Unreadable)?;
        let signer = self.validate_certificate(
            &detached.signer_certificate,
            &detached.other_certificates,
            purpose,
            at,
        )?;
        if !detached.covers(data) {
            return Err(PkiError::BadSignature);
        }
        let (_, cert) = X509Certificate::from_der(&detached.signer_certificate)
            .map_err(|_| PkiError::Unreadable)?;
        let key = cert.public_key().subject_public_key.data.as_ref();
        let algorithm: &dyn ring::signature::VerificationAlgorithm = match detached.algorithm {
            SignatureAlgorithm::EcdsaP256Sha256 => &ECDSA_P256_SHA256_ASN1,
            SignatureAlgorithm::RsaSha256 => &RSA_PKCS1_2048_8192_SHA256,
        };
        UnparsedPublicKey::new(algorithm, key)
            .verify(&detached.signed_attributes, &detached.signature)
            .map_err(|_| PkiError::BadSignature)?;
        Ok(signer)
    }

    /// Checks a certificate (DER) for `purpose` at `at`: path to a trust anchor through an
    /// issuing authority from `pool`, validity, key purpose, IIN and BIN. Used for every
    /// signature and, alone, for the signing preflight.
    pub fn validate_certificate(
        &self,
        der: &[u8],
        pool: &[Vec<u8>],
        purpose: Purpose,
        at: i64,
    ) -> Result<VerifiedSigner, PkiError> {
        let (_, cert) = X509Certificate::from_der(der).map_err(|_| PkiError::Unreadable)?;
        let when = ASN1Time::from_timestamp(at).map_err(|_| PkiError::OutsideValidity)?;

        let issuer_der = self.issuer_of(&cert, pool, when)?;

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

        let facts = eds::certificate_facts(der).map_err(|_| PkiError::Unreadable)?;
        let iin = facts
            .iin
            .as_deref()
            .and_then(|s| Iin::parse(s).ok())
            .ok_or(PkiError::NoIin)?;
        let bin = match facts.bin.as_deref() {
            Some(s) => Some(Bin::parse(s).map_err(|_| PkiError::Unreadable)?),
            None => None,
        };
        let full_name = facts.full_name();
        Ok(VerifiedSigner {
            iin,
            bin,
            organisation: facts.organisation,
            role: facts.role,
            common_name: full_name,
            serial: cert.raw_serial_as_string().replace(':', ""),
            certificate_der: der.to_vec(),
            issuer_der,
        })
    }
}

/// True when `issuer_der` (a validated issuer) issued and signed this revocation list.
pub fn crl_signed_by(crl: &CertificateRevocationList<'_>, issuer_der: &[u8]) -> bool {
    let Ok((_, issuer)) = X509Certificate::from_der(issuer_der) else {
        return false;
    };
    issuer.subject().as_raw() == crl.issuer().as_raw()
        && crl.verify_signature(issuer.public_key()).is_ok()
}

/// The hex serial number of the first certificate in a PEM text.
pub fn certificate_serial(pem: &str) -> Option<String> {
    let der = pem_certificates(pem).into_iter().next()?;
    let (_, cert) = X509Certificate::from_der(&der).ok()?;
    Some(cert.raw_serial_as_string().replace(':', ""))
}

/// Decodes a base64 value, refusing anything that is not base64.
pub fn decode_base64(b64: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()
}
