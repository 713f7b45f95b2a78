//! Detached CMS (PKCS#7) signatures, as NCALayer's `createCAdESFromBase64` makes them.
//!
//! The signature covers the signed attributes (content type `id-data`, the SHA-256 message
//! digest of the signed bytes, the signing time); the bytes themselves are not inside (detached),
//! so the server checks the digest against the bytes it built and stored, never against bytes
//! sent with the signature.

use crate::keyfile::KeyFile;
use crate::oid;
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{OctetString, SetOfVec, UtcTime};
use der::{Any, Decode, Encode};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::Certificate;

/// Why a signature cannot be made or read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmsError {
    /// The key is not ECDSA P-256 (the browser's signer makes no other; NCALayer does).
    UnsupportedKey,
    /// Not a detached CMS SignedData with one signer and its certificate.
    Malformed,
    /// An algorithm the verifier does not accept.
    UnsupportedAlgorithm,
}

impl std::fmt::Display for CmsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CmsError::UnsupportedKey => "unsupported key type",
            CmsError::Malformed => "not a detached CMS signature",
            CmsError::UnsupportedAlgorithm => "unsupported signature algorithm",
        })
    }
}

fn algorithm(oid: der::asn1::ObjectIdentifier) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    }
}

fn attribute(kind: der::asn1::ObjectIdentifier, value: Any) -> Result<Attribute, der::Error> {
    let mut values = SetOfVec::new();
    values.insert(value)?;
    Ok(Attribute { oid: kind, values })
}

/// Signs `data` with the key file's key: a detached CMS SignedData (DER) carrying the holder's
/// certificate and the file's other certificates. `signing_time` is Unix seconds.
pub fn sign_detached(
    key: &KeyFile,
    data: &[u8],
    signing_time: Option<u64>,
) -> Result<Vec<u8>, CmsError> {
    use p256::ecdsa::signature::Signer;
    use p256::pkcs8::DecodePrivateKey;
    let signing_key = p256::ecdsa::SigningKey::from_pkcs8_der(&key.private_key)
        .map_err(|_| CmsError::UnsupportedKey)?;
    let cert = Certificate::from_der(&key.certificate).map_err(|_| CmsError::Malformed)?;
    let malformed = |_| CmsError::Malformed;

    let digest = Sha256::digest(data);
    let mut attrs = SetOfVec::new();
    attrs
        .insert(
            attribute(
                oid::CONTENT_TYPE,
                Any::encode_from(&oid::ID_DATA).map_err(malformed)?,
            )
            .map_err(malformed)?,
        )
        .map_err(malformed)?;
    attrs
        .insert(
            attribute(
                oid::MESSAGE_DIGEST,
                Any::encode_from(&OctetString::new(digest.to_vec()).map_err(malformed)?)
                    .map_err(malformed)?,
            )
            .map_err(malformed)?,
        )
        .map_err(malformed)?;
    if let Some(at) = signing_time {
        let time =
            UtcTime::from_unix_duration(std::time::Duration::from_secs(at)).map_err(malformed)?;
        attrs
            .insert(
                attribute(
                    oid::SIGNING_TIME,
                    Any::encode_from(&time).map_err(malformed)?,
                )
                .map_err(malformed)?,
            )
            .map_err(malformed)?;
    }
    let to_sign = attrs.to_der().map_err(malformed)?;
    let signature: p256::ecdsa::DerSignature = signing_key.sign(&to_sign);

    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: algorithm(oid::SHA256),
        signed_attrs: Some(attrs),
        signature_algorithm: algorithm(oid::ECDSA_WITH_SHA256),
        signature: OctetString::new(signature.as_bytes().to_vec()).map_err(malformed)?,
        unsigned_attrs: None,
    };
    let mut certificates = SetOfVec::new();
    certificates
        .insert(CertificateChoices::Certificate(cert))
        .map_err(malformed)?;
    for der in &key.chain {
        if let Ok(c) = Certificate::from_der(der) {
            certificates
                .insert(CertificateChoices::Certificate(c))
                .map_err(malformed)?;
        }
    }
    let mut digests = SetOfVec::new();
    digests.insert(algorithm(oid::SHA256)).map_err(malformed)?;
    let mut signers = SetOfVec::new();
    signers.insert(signer).map_err(malformed)?;
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: digests,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: oid::ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(certificates)),
        crls: None,
        signer_infos: SignerInfos(signers),
    };
    ContentInfo {
        content_type: oid::ID_SIGNED_DATA,
        content: Any::encode_from(&signed_data).map_err(malformed)?,
    }
    .to_der()
    .map_err(malformed)
}

/// The signature algorithms a verifier accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    /// ECDSA P-256 with SHA-256; the signature is DER `(r, s)`.
    EcdsaP256Sha256,
    /// RSA PKCS#1 v1.5 with SHA-256.
    RsaSha256,
}

/// A detached CMS signature taken apart, not yet verified.
#[derive(Debug, Clone)]
pub struct Detached {
    /// The signer's certificate (DER).
    pub signer_certificate: Vec<u8>,
    /// Every other certificate the container carries (DER): candidates for the path.
    pub other_certificates: Vec<Vec<u8>>,
    pub algorithm: SignatureAlgorithm,
    pub signature: Vec<u8>,
    /// What the signature is over: the DER of the signed attributes (as a SET).
    pub signed_attributes: Vec<u8>,
    /// The SHA-256 the signed attributes state for the content.
    pub message_digest: Vec<u8>,
    /// The signing time the signer claims (Unix seconds), when present.
    pub signing_time: Option<i64>,
}

impl Detached {
    /// True when the signed attributes state exactly these bytes' SHA-256.
    pub fn covers(&self, data: &[u8]) -> bool {
        Sha256::digest(data).as_slice() == self.message_digest.as_slice()
    }
}

/// Takes a detached CMS SignedData apart. Refuses containers that carry the content inside,
/// more or fewer than one signer, no signed attributes, a digest other than SHA-256, or a signer
/// whose certificate is not inside.
pub fn parse_detached(der: &[u8]) -> Result<Detached, CmsError> {
    let malformed = |_| CmsError::Malformed;
    let info = ContentInfo::from_der(der).map_err(malformed)?;
    if info.content_type != oid::ID_SIGNED_DATA {
        return Err(CmsError::Malformed);
    }
    let sd: SignedData = info.content.decode_as().map_err(malformed)?;
    if sd.encap_content_info.econtent.is_some()
        || sd.encap_content_info.econtent_type != oid::ID_DATA
    {
        return Err(CmsError::Malformed);
    }
    let signers: Vec<&SignerInfo> = sd.signer_infos.0.iter().collect();
    let [signer] = signers.as_slice() else {
        return Err(CmsError::Malformed);
    };
    if signer.digest_alg.oid != oid::SHA256 {
        return Err(CmsError::UnsupportedAlgorithm);
    }
    let algorithm = match signer.signature_algorithm.oid {
        o if o == oid::ECDSA_WITH_SHA256 => SignatureAlgorithm::EcdsaP256Sha256,
        o if o == oid::SHA256_WITH_RSA || o == oid::RSA_ENCRYPTION => SignatureAlgorithm::RsaSha256,
        _ => return Err(CmsError::UnsupportedAlgorithm),
    };
    let attrs = signer.signed_attrs.as_ref().ok_or(CmsError::Malformed)?;
    let single = |kind| -> Option<&Any> {
        let mut found = attrs.iter().filter(|a| a.oid == kind);
        let a = found.next()?;
        if found.next().is_some() || a.values.len() != 1 {
            return None;
        }
        a.values.iter().next()
    };
    let content_type: der::asn1::ObjectIdentifier = single(oid::CONTENT_TYPE)
        .ok_or(CmsError::Malformed)?
        .decode_as()
        .map_err(malformed)?;
    if content_type != oid::ID_DATA {
        return Err(CmsError::Malformed);
    }
    let message_digest = single(oid::MESSAGE_DIGEST)
        .ok_or(CmsError::Malformed)?
        .decode_as::<OctetString>()
        .map_err(malformed)?
        .into_bytes();
    let signing_time = single(oid::SIGNING_TIME)
        .and_then(|t| t.decode_as::<UtcTime>().ok())
        .and_then(|t| i64::try_from(t.to_unix_duration().as_secs()).ok());

    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer.sid else {
        return Err(CmsError::Malformed);
    };
    let mut signer_certificate = None;
    let mut other_certificates = Vec::new();
    for choice in sd.certificates.iter().flat_map(|s| s.0.iter()) {
        let CertificateChoices::Certificate(cert) = choice else {
            continue;
        };
        let der = cert.to_der().map_err(malformed)?;
        if signer_certificate.is_none()
            && cert.tbs_certificate.issuer == sid.issuer
            && cert.tbs_certificate.serial_number == sid.serial_number
        {
            signer_certificate = Some(der);
        } else {
            other_certificates.push(der);
        }
    }
    Ok(Detached {
        signer_certificate: signer_certificate.ok_or(CmsError::Malformed)?,
        other_certificates,
        algorithm,
        signature: signer.signature.as_bytes().to_vec(),
        signed_attributes: attrs.to_der().map_err(malformed)?,
        message_digest,
        signing_time,
    })
}
