//! Electronic digital signature (EDS) without I/O, shared by the browser's signer and the server.
//!
//! - [`keyfile`]: password-protected PKCS#12 key files, the way Kazakhstan's national
//!   certification authority hands them out (`AUTH_…` to sign in, `RSA256_…` to sign).
//! - [`cms`]: detached CMS (PKCS#7) signatures: made in the browser, taken apart on the server.
//! - [`facts`]: what an NCA-shaped certificate says: IIN (`SERIALNUMBER=IIN…`), BIN
//!   (`OU=BIN…`), organisation, key purpose, the holder's role (OIDs under 1.2.398.3.3.4.1).
//!
//! Nothing here decides whether to trust a certificate: the server's `pki` validates the path to
//! its trust anchors, validity and revocation, and only then believes these facts.

#![forbid(unsafe_code)]

pub mod cms;
pub mod facts;
pub mod keyfile;
pub mod oid;

pub use facts::{certificate_facts, role_oid, CertificateFacts, KeyUse, Role};
pub use keyfile::{KeyFile, KeyFileError};

/// Encodes bytes as PEM with the given label (64-character lines).
pub fn pem(label: &str, der: &[u8]) -> String {
    use base64ct::{Base64, Encoding};
    let b64 = Base64::encode_string(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}
