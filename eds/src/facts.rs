//! The facts an NCA-shaped certificate states about its holder.
//!
//! The national authority writes the IIN as `SERIALNUMBER=IIN<12 digits>`, a company's BIN as
//! `OU=BIN<12 digits>` with its name in `O=`, the key's purpose as extended key usage
//! (clientAuth to sign in, emailProtection to sign) and the holder's role as a further extended
//! key usage under 1.2.398.3.3.4.1. These facts are only as good as the certificate: the server
//! believes them after the certificate's path, validity and revocation are checked.

use crate::oid;
use der::asn1::ObjectIdentifier;
use der::{Decode, Tag, Tagged};
use serde::{Deserialize, Serialize};
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::Certificate;

/// What a key may be used for, from its extended key usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyUse {
    /// clientAuth: signing in (`AUTH_…` files).
    SignIn,
    /// emailProtection: signing documents (`RSA256_…` files).
    Signing,
}

/// The holder's role, from the role OIDs under 1.2.398.3.3.4.1: `domain`'s, so the rule of
/// whose key may sign is one for the browser and the server.
pub use domain::signing::HolderRole as Role;

/// The extended key usage that names a holder's role.
pub fn role_oid(role: Role) -> ObjectIdentifier {
    match role {
        Role::Individual => oid::ROLE_INDIVIDUAL,
        Role::FirstHead => oid::ROLE_FIRST_HEAD,
        Role::Signatory => oid::ROLE_SIGNATORY,
        Role::FinanceSignatory => oid::ROLE_FINANCE_SIGNATORY,
        Role::Hr => oid::ROLE_HR,
        Role::Employee => oid::ROLE_EMPLOYEE,
        Role::LegalEntity => oid::ROLE_LEGAL_ENTITY,
    }
}

/// What a certificate says about its holder and its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateFacts {
    /// From `SERIALNUMBER=IIN…`: the 12 digits, unchecked here.
    pub iin: Option<String>,
    /// From `OU=BIN…`: the 12 digits, unchecked here.
    pub bin: Option<String>,
    pub common_name: String,
    /// From `G=` (GIVENNAME): NCA certificates carry the patronymic here, beside `CN=<surname
    /// name>`.
    pub given_name: Option<String>,
    pub organisation: Option<String>,
    /// The serial number, lowercase hex of its DER integer bytes.
    pub serial: String,
    /// The issuer's common name.
    pub issuer: String,
    /// Unix seconds.
    pub not_before: i64,
    pub not_after: i64,
    pub uses: Vec<KeyUse>,
    /// The most specific role the certificate names.
    pub role: Option<Role>,
}

impl CertificateFacts {
    /// The holder's full name: `CN` (surname and name) and, where the certificate has it, the
    /// patronymic from `G=`.
    pub fn full_name(&self) -> String {
        full_name(&self.common_name, self.given_name.as_deref())
    }
}

/// `CN` and the patronymic from `G=`, once (a `CN` that already ends with it stays as it is).
pub fn full_name(common_name: &str, given_name: Option<&str>) -> String {
    let cn = common_name.trim();
    match given_name.map(str::trim).filter(|g| !g.is_empty()) {
        Some(g) if !cn.split_whitespace().any(|w| w == g) => {
            if cn.is_empty() {
                g.to_owned()
            } else {
                format!("{cn} {g}")
            }
        }
        _ => cn.to_owned(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotACertificate;

impl std::fmt::Display for NotACertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not an X.509 certificate")
    }
}

/// Text of a directory string (UTF8String, PrintableString, IA5String).
fn text(value: &der::Any) -> Option<String> {
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::TeletexString => {
            std::str::from_utf8(value.value()).ok().map(str::to_owned)
        }
        _ => None,
    }
}

/// Every value of one attribute type in a name, in order.
pub fn name_values(name: &x509_cert::name::Name, kind: ObjectIdentifier) -> Vec<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == kind)
        .filter_map(|atv| text(&atv.value))
        .collect()
}

fn digits_after(values: &[String], prefix: &str) -> Option<String> {
    values.iter().find_map(|v| {
        let rest = v.strip_prefix(prefix)?;
        (rest.len() == 12 && rest.bytes().all(|b| b.is_ascii_digit())).then(|| rest.to_owned())
    })
}

/// The extended key usages of a certificate.
pub fn extended_key_usages(cert: &Certificate) -> Vec<ObjectIdentifier> {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .filter(|e| e.extn_id == oid::EXTENDED_KEY_USAGE)
        .filter_map(|e| ExtendedKeyUsage::from_der(e.extn_value.as_bytes()).ok())
        .flat_map(|eku| eku.0)
        .collect()
}

/// Reads the facts of a DER certificate.
pub fn certificate_facts(der: &[u8]) -> Result<CertificateFacts, NotACertificate> {
    let cert = Certificate::from_der(der).map_err(|_| NotACertificate)?;
    Ok(facts_of(&cert))
}

pub fn facts_of(cert: &Certificate) -> CertificateFacts {
    let tbs = &cert.tbs_certificate;
    let usages = extended_key_usages(cert);
    let mut uses = Vec::new();
    if usages.contains(&oid::CLIENT_AUTH) {
        uses.push(KeyUse::SignIn);
    }
    if usages.contains(&oid::EMAIL_PROTECTION) {
        uses.push(KeyUse::Signing);
    }
    let role = Role::ALL
        .into_iter()
        .find(|r| usages.contains(&role_oid(*r)));
    let serial_numbers = name_values(&tbs.subject, oid::SERIAL_NUMBER);
    let units = name_values(&tbs.subject, oid::ORGANISATIONAL_UNIT);
    CertificateFacts {
        iin: digits_after(&serial_numbers, "IIN"),
        bin: digits_after(&units, "BIN"),
        common_name: name_values(&tbs.subject, oid::COMMON_NAME)
            .into_iter()
            .next()
            .unwrap_or_default(),
        given_name: name_values(&tbs.subject, oid::GIVEN_NAME)
            .into_iter()
            .next()
            .filter(|g| !g.trim().is_empty()),
        organisation: name_values(&tbs.subject, oid::ORGANISATION)
            .into_iter()
            .next(),
        serial: hex(tbs.serial_number.as_bytes()),
        issuer: name_values(&tbs.issuer, oid::COMMON_NAME)
            .into_iter()
            .next()
            .unwrap_or_default(),
        not_before: unix(&tbs.validity.not_before),
        not_after: unix(&tbs.validity.not_after),
        uses,
        role,
    }
}

fn unix(t: &x509_cert::time::Time) -> i64 {
    i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::full_name;

    #[test]
    fn the_full_name_takes_the_patronymic_from_the_given_name_once() {
        assert_eq!(
            full_name("Нұрланова Айгерім", Some("Серікқызы")),
            "Нұрланова Айгерім Серікқызы"
        );
        assert_eq!(
            full_name("Нұрланова Айгерім Серікқызы", Some("Серікқызы")),
            "Нұрланова Айгерім Серікқызы"
        );
        assert_eq!(full_name("Нұрланова Айгерім", None), "Нұрланова Айгерім");
        assert_eq!(
            full_name("Нұрланова Айгерім", Some(" ")),
            "Нұрланова Айгерім"
        );
    }
}
