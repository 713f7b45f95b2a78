//! Password-protected PKCS#12 key files (RFC 7292).
//!
//! Files are written the way OpenSSL 3 writes them by default: the private key in a
//! PKCS#8-shrouded bag under PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), the certificates in plain
//! bags, and an HMAC-SHA256 MAC over the whole with a key derived from the password (the MAC is
//! what tells a wrong password from a damaged file). Reading also accepts certificate bags inside
//! PBES2-encrypted data, which is where OpenSSL puts them.

use crate::oid;
use cms::content_info::ContentInfo;
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence};
use hmac::{Hmac, Mac};
use pkcs12::digest_info::DigestInfo;
use pkcs12::kdf::{derive_key_utf8, Pkcs12KeyType};
use pkcs12::mac_data::MacData;
use pkcs12::pfx::{Pfx, Version};
use pkcs8::EncryptedPrivateKeyInfo;
use sha2::Sha256;
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use zeroize::Zeroizing;

/// A key file opened with its password.
#[derive(Clone)]
pub struct KeyFile {
    /// The holder's certificate (DER): the one whose public key matches the private key.
    pub certificate: Vec<u8>,
    /// Other certificates in the file (the issuing authorities), DER.
    pub chain: Vec<Vec<u8>>,
    /// The private key, PKCS#8 DER; wiped when dropped.
    pub private_key: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for KeyFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyFile")
            .field("certificate_bytes", &self.certificate.len())
            .field("chain", &self.chain.len())
            .field("private_key", &"[redacted]")
            .finish()
    }
}

/// Why a key file cannot be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFileError {
    /// Not a PKCS#12 file at all (a PEM, a PDF, a damaged download).
    NotPkcs12,
    /// The password does not open it.
    WrongPassword,
    /// Encrypted with an algorithm this signer does not read (old 3DES/RC2 files): use NCALayer.
    Unsupported,
    /// No private key, or no certificate for it, inside.
    Incomplete,
}

impl std::fmt::Display for KeyFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            KeyFileError::NotPkcs12 => "not a PKCS#12 key file",
            KeyFileError::WrongPassword => "wrong password",
            KeyFileError::Unsupported => "key file encryption not supported",
            KeyFileError::Incomplete => "key file holds no key and certificate",
        })
    }
}

/// `SafeBag` (RFC 7292 4.2), with the value kept as its inner TLV.
#[derive(Clone, Debug, Sequence)]
struct SafeBag {
    bag_id: der::asn1::ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    value: Any,
    attributes: Option<SetOfVec<Attribute>>,
}

/// `CertBag` (RFC 7292 4.2.3).
#[derive(Clone, Debug, Sequence)]
struct CertBag {
    cert_id: der::asn1::ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    value: OctetString,
}

/// `EncryptedData` (RFC 5652 8) with its `EncryptedContentInfo`.
#[derive(Clone, Debug, Sequence)]
struct EncryptedData {
    version: u8,
    content_info: EncryptedContentInfo,
}

#[derive(Clone, Debug, Sequence)]
struct EncryptedContentInfo {
    content_type: der::asn1::ObjectIdentifier,
    algorithm: AlgorithmIdentifierOwned,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    content: Option<OctetString>,
}

fn mac_key(password: &str, salt: &[u8], iterations: i32) -> Result<Vec<u8>, KeyFileError> {
    derive_key_utf8::<Sha256>(password, salt, Pkcs12KeyType::Mac, iterations, 32)
        .map_err(|_| KeyFileError::WrongPassword)
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn data_bytes(info: &ContentInfo) -> Result<Vec<u8>, KeyFileError> {
    if info.content_type != oid::ID_DATA {
        return Err(KeyFileError::Unsupported);
    }
    info.content
        .decode_as::<OctetString>()
        .map(|o| o.into_bytes())
        .map_err(|_| KeyFileError::NotPkcs12)
}

fn decrypt_pbes2(
    algorithm: &AlgorithmIdentifierOwned,
    password: &str,
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, KeyFileError> {
    let der = algorithm.to_der().map_err(|_| KeyFileError::NotPkcs12)?;
    let scheme = pkcs5::EncryptionScheme::from_der(&der).map_err(|_| KeyFileError::Unsupported)?;
    if !matches!(scheme, pkcs5::EncryptionScheme::Pbes2(_)) {
        return Err(KeyFileError::Unsupported);
    }
    scheme
        .decrypt(password, ciphertext)
        .map(Zeroizing::new)
        .map_err(|_| KeyFileError::WrongPassword)
}

/// Opens a PKCS#12 key file with its password.
pub fn open(file: &[u8], password: &str) -> Result<KeyFile, KeyFileError> {
    let pfx = Pfx::from_der(file).map_err(|_| KeyFileError::NotPkcs12)?;
    let auth_safe = data_bytes(&pfx.auth_safe)?;
    // Integrity first: a MAC that does not verify means the password is wrong (or the file was
    // altered), before any decryption is tried.
    if let Some(mac) = &pfx.mac_data {
        if mac.mac.algorithm.oid != oid::SHA256 {
            return Err(KeyFileError::Unsupported);
        }
        let key = mac_key(password, mac.mac_salt.as_bytes(), mac.iterations)?;
        let expected = hmac_sha256(&key, &auth_safe);
        if expected.as_slice() != mac.mac.digest.as_bytes() {
            return Err(KeyFileError::WrongPassword);
        }
    }
    let infos = Vec::<ContentInfo>::from_der(&auth_safe).map_err(|_| KeyFileError::NotPkcs12)?;
    let mut bags = Vec::new();
    for info in &infos {
        let contents: Zeroizing<Vec<u8>> = if info.content_type == oid::ID_DATA {
            Zeroizing::new(data_bytes(info)?)
        } else if info.content_type == oid::ID_ENCRYPTED_DATA {
            let enc = info
                .content
                .decode_as::<EncryptedData>()
                .map_err(|_| KeyFileError::NotPkcs12)?;
            let ct = enc.content_info.content.ok_or(KeyFileError::NotPkcs12)?;
            decrypt_pbes2(&enc.content_info.algorithm, password, ct.as_bytes())?
        } else {
            return Err(KeyFileError::Unsupported);
        };
        bags.extend(Vec::<SafeBag>::from_der(&contents).map_err(|_| KeyFileError::NotPkcs12)?);
    }

    let mut key = None;
    let mut certificates = Vec::new();
    for bag in bags {
        if bag.bag_id == oid::PKCS12_SHROUDED_KEY_BAG {
            let der = bag.value.to_der().map_err(|_| KeyFileError::NotPkcs12)?;
            let info =
                EncryptedPrivateKeyInfo::from_der(&der).map_err(|_| KeyFileError::NotPkcs12)?;
            if !matches!(info.encryption_algorithm, pkcs5::EncryptionScheme::Pbes2(_)) {
                return Err(KeyFileError::Unsupported);
            }
            let doc = info
                .decrypt(password)
                .map_err(|_| KeyFileError::WrongPassword)?;
            key = Some(Zeroizing::new(doc.as_bytes().to_vec()));
        } else if bag.bag_id == oid::PKCS12_CERT_BAG {
            let cert_bag = bag
                .value
                .decode_as::<CertBag>()
                .map_err(|_| KeyFileError::NotPkcs12)?;
            if cert_bag.cert_id == oid::PKCS12_X509_CERTIFICATE {
                certificates.push(cert_bag.value.into_bytes());
            }
        }
    }
    let private_key = key.ok_or(KeyFileError::Incomplete)?;
    let public = public_key_of(&private_key).ok_or(KeyFileError::Unsupported)?;
    let position = certificates
        .iter()
        .position(|der| certificate_public_key(der).as_deref() == Some(public.as_slice()))
        .ok_or(KeyFileError::Incomplete)?;
    let certificate = certificates.remove(position);
    Ok(KeyFile {
        certificate,
        chain: certificates,
        private_key,
    })
}

/// The SEC1 public point of a PKCS#8 ECDSA P-256 key.
fn public_key_of(pkcs8: &[u8]) -> Option<Vec<u8>> {
    use p256::pkcs8::DecodePrivateKey;
    let key = p256::SecretKey::from_pkcs8_der(pkcs8).ok()?;
    Some(
        p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&key.public_key(), false)
            .as_bytes()
            .to_vec(),
    )
}

fn certificate_public_key(der: &[u8]) -> Option<Vec<u8>> {
    let cert = x509_cert::Certificate::from_der(der).ok()?;
    cert.tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .as_bytes()
        .map(<[u8]>::to_vec)
}

/// The random inputs of [`seal`]: the caller draws them (this crate has no randomness).
#[derive(Debug, Clone, Copy)]
pub struct SealSalts {
    pub key_salt: [u8; 16],
    pub key_iv: [u8; 16],
    pub mac_salt: [u8; 16],
}

/// Writes a PKCS#12 key file: the key shrouded with PBES2 (PBKDF2-SHA256, AES-256-CBC), the
/// certificates (the holder's first), an HMAC-SHA256 MAC.
pub fn seal(
    private_key_pkcs8: &[u8],
    certificates: &[Vec<u8>],
    password: &str,
    salts: SealSalts,
    iterations: u32,
) -> Result<Vec<u8>, der::Error> {
    let params = pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(
        iterations,
        &salts.key_salt,
        &salts.key_iv,
    )
    .map_err(|_| der::Tag::Sequence.value_error())?;
    let scheme = pkcs5::EncryptionScheme::Pbes2(params);
    let ciphertext = scheme
        .encrypt(password, private_key_pkcs8)
        .map_err(|_| der::Tag::Sequence.value_error())?;
    let shrouded = EncryptedPrivateKeyInfo {
        encryption_algorithm: scheme,
        encrypted_data: &ciphertext,
    }
    .to_der()?;

    let mut bags = vec![SafeBag {
        bag_id: oid::PKCS12_SHROUDED_KEY_BAG,
        value: Any::from_der(&shrouded)?,
        attributes: None,
    }];
    for der in certificates {
        let cert_bag = CertBag {
            cert_id: oid::PKCS12_X509_CERTIFICATE,
            value: OctetString::new(der.clone())?,
        };
        bags.push(SafeBag {
            bag_id: oid::PKCS12_CERT_BAG,
            value: Any::encode_from(&cert_bag)?,
            attributes: None,
        });
    }
    let safe_contents = bags.to_der()?;
    let auth_safe = vec![ContentInfo {
        content_type: oid::ID_DATA,
        content: Any::encode_from(&OctetString::new(safe_contents)?)?,
    }]
    .to_der()?;

    let mac_iterations = i32::try_from(iterations).unwrap_or(i32::MAX);
    let key = mac_key(password, &salts.mac_salt, mac_iterations)
        .map_err(|_| der::Tag::BmpString.value_error())?;
    let digest = hmac_sha256(&key, &auth_safe);
    Pfx {
        version: Version::V3,
        auth_safe: ContentInfo {
            content_type: oid::ID_DATA,
            content: Any::encode_from(&OctetString::new(auth_safe)?)?,
        },
        mac_data: Some(MacData {
            mac: DigestInfo {
                algorithm: AlgorithmIdentifierOwned {
                    oid: oid::SHA256,
                    parameters: None,
                },
                digest: OctetString::new(digest)?,
            },
            mac_salt: OctetString::new(salts.mac_salt.to_vec())?,
            iterations: mac_iterations,
        }),
    }
    .to_der()
}
