//! Object identifiers used by key files, CMS and NCA-shaped certificates.

pub use der::asn1::ObjectIdentifier;
use der::asn1::ObjectIdentifier as Oid;

pub const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
pub const ID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
pub const ID_ENCRYPTED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.6");
pub const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
pub const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
pub const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");

pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const ECDSA_WITH_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");

pub const PKCS12_SHROUDED_KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.2");
pub const PKCS12_CERT_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.3");
pub const PKCS12_X509_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.22.1");

pub const COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
pub const SURNAME: Oid = Oid::new_unwrap("2.5.4.4");
pub const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
pub const ORGANISATION: Oid = Oid::new_unwrap("2.5.4.10");
pub const ORGANISATIONAL_UNIT: Oid = Oid::new_unwrap("2.5.4.11");
pub const GIVEN_NAME: Oid = Oid::new_unwrap("2.5.4.42");

pub const EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
pub const CLIENT_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.2");
pub const EMAIL_PROTECTION: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");

// The national authority's role arc 1.2.398.3.3.4.1: the holder's role is an extended key
// usage under it.
pub const ROLE_INDIVIDUAL: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.1");
pub const ROLE_LEGAL_ENTITY: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2");
pub const ROLE_FIRST_HEAD: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.1");
pub const ROLE_SIGNATORY: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.2");
pub const ROLE_FINANCE_SIGNATORY: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.3");
pub const ROLE_HR: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.4");
pub const ROLE_EMPLOYEE: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.5");
