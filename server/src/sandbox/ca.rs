//! The sandbox certification authority, shaped like Kazakhstan's national one: a root, an
//! issuing (intermediate) authority under it, and per person a sign-in and a signing key in
//! password-protected PKCS#12 files.
//!
//! Subjects are NCA-shaped: `CN=<surname given>`, `SURNAME=`, `SERIALNUMBER=IIN<12 digits>`,
//! `C=KZ`, `G=`, and for a company key `O=<name>` and `OU=BIN<12 digits>`. Extended key usage
//! says the purpose (clientAuth for `AUTH_…` files, emailProtection for `RSA256_…` files) and
//! the holder's role (1.2.398.3.3.4.1.1 individual; 1.2.398.3.3.4.1.2.x a company's first head,
//! signatory, employee…). The issuing authority publishes the CRL.
//!
//! Keys, certificates and key files live under `<data>/sandbox/ca`, so a restart keeps every
//! issued key valid.

pub use super::people::KeyPurpose;
use super::people::{DemoPerson, KEY_PASSWORD};
use anyhow::Context;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, SerialNumber,
};
use std::path::{Path, PathBuf};
use time::{Duration, OffsetDateTime};

/// The subject of a certificate to issue.
#[derive(Debug, Clone)]
pub struct Subject {
    pub common_name: String,
    pub iin: String,
    pub surname: Option<String>,
    pub given_name: Option<String>,
    /// A company key: the company's name and BIN.
    pub company: Option<(String, String)>,
    pub role: eds::Role,
}

/// A key and its certificate, as issued.
pub struct Issued {
    pub certificate_der: Vec<u8>,
    pub key_pkcs8: Vec<u8>,
}

struct Authority {
    key: KeyPair,
    cert: rcgen::Certificate,
    pem: String,
}

pub struct SandboxCa {
    dir: PathBuf,
    root: Authority,
    issuing: Authority,
}

fn authority_params(
    name: &str,
    serial: u8,
    path_len: Option<u8>,
) -> anyhow::Result<CertificateParams> {
    let mut params = CertificateParams::new(Vec::<String>::new())?;
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, name);
    dn.push(DnType::OrganizationName, "Licensing portal sandbox");
    dn.push(DnType::CountryName, "KZ");
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(match path_len {
        Some(n) => BasicConstraints::Constrained(n),
        None => BasicConstraints::Unconstrained,
    });
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = OffsetDateTime::from_unix_timestamp(1_704_067_200)?; // 2024-01-01
    params.not_after = OffsetDateTime::from_unix_timestamp(2_082_758_400)?; // 2036-01-01
    params.serial_number = Some(SerialNumber::from_slice(&[serial]));
    Ok(params)
}

/// Loads a key from `<name>-key.pem`, or makes and keeps one.
fn load_key(dir: &Path, name: &str) -> anyhow::Result<KeyPair> {
    let path = dir.join(format!("{name}-key.pem"));
    if path.exists() {
        KeyPair::from_pem(&std::fs::read_to_string(&path)?).context("sandbox authority key")
    } else {
        let k = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
        std::fs::write(&path, k.serialize_pem())?;
        Ok(k)
    }
}

/// The certificate handed out is the one written on first use; the issuer object is rebuilt
/// from the same parameters and key on every start.
fn kept_pem(dir: &Path, name: &str, cert: &rcgen::Certificate) -> anyhow::Result<String> {
    let path = dir.join(format!("{name}.pem"));
    if path.exists() {
        Ok(std::fs::read_to_string(&path)?)
    } else {
        let pem = cert.pem();
        std::fs::write(&path, &pem)?;
        Ok(pem)
    }
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut out);
    out
}

impl SandboxCa {
    /// Opens the authority kept in `dir`, creating its root and issuing authority on first use.
    pub fn open(dir: &Path) -> anyhow::Result<SandboxCa> {
        std::fs::create_dir_all(dir.join("keys"))?;
        let root_key = load_key(dir, "root")?;
        let root_cert = authority_params("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (SANDBOX ROOT)", 1, None)?
            .self_signed(&root_key)?;
        let root_pem = kept_pem(dir, "root", &root_cert)?;
        let issuing_key = load_key(dir, "issuing")?;
        let issuing_cert = authority_params("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (SANDBOX)", 2, Some(0))?
            .signed_by(&issuing_key, &root_cert, &root_key)?;
        let issuing_pem = kept_pem(dir, "issuing", &issuing_cert)?;
        Ok(SandboxCa {
            dir: dir.to_owned(),
            root: Authority {
                key: root_key,
                cert: root_cert,
                pem: root_pem,
            },
            issuing: Authority {
                key: issuing_key,
                cert: issuing_cert,
                pem: issuing_pem,
            },
        })
    }

    /// The root certificate, PEM: the trust anchor for the portal in sandbox mode.
    pub fn root_pem(&self) -> &str {
        &self.root.pem
    }

    /// The issuing authority's certificate, PEM.
    pub fn issuing_pem(&self) -> &str {
        &self.issuing.pem
    }

    fn issuing_der(&self) -> Vec<u8> {
        crate::pki::pem_certificates(&self.issuing.pem)
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// Issues a certificate and key under the issuing authority.
    pub fn issue(
        &self,
        subject: &Subject,
        purpose: KeyPurpose,
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> anyhow::Result<Issued> {
        let mut params = CertificateParams::new(Vec::<String>::new())?;
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, subject.common_name.as_str());
        if let Some(s) = &subject.surname {
            dn.push(DnType::CustomDnType(vec![2, 5, 4, 4]), s.as_str());
        }
        dn.push(
            DnType::CustomDnType(vec![2, 5, 4, 5]),
            format!("IIN{}", subject.iin),
        );
        dn.push(DnType::CountryName, "KZ");
        if let Some(g) = &subject.given_name {
            dn.push(DnType::CustomDnType(vec![2, 5, 4, 42]), g.as_str());
        }
        if let Some((name, bin)) = &subject.company {
            dn.push(DnType::OrganizationName, name.as_str());
            dn.push(DnType::OrganizationalUnitName, format!("BIN{bin}"));
        }
        params.distinguished_name = dn;
        params.is_ca = IsCa::NoCa;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
        let role_arcs =
            |oid: eds::oid::ObjectIdentifier| -> Vec<u64> { oid.arcs().map(u64::from).collect() };
        let mut usages = vec![match purpose {
            KeyPurpose::SignIn => ExtendedKeyUsagePurpose::ClientAuth,
            KeyPurpose::Signing => ExtendedKeyUsagePurpose::EmailProtection,
        }];
        if subject.role.is_company() {
            usages.push(ExtendedKeyUsagePurpose::Other(role_arcs(
                eds::oid::ROLE_LEGAL_ENTITY,
            )));
        }
        usages.push(ExtendedKeyUsagePurpose::Other(role_arcs(eds::role_oid(
            subject.role,
        ))));
        usages.dedup();
        params.extended_key_usages = usages;
        params.not_before = not_before;
        params.not_after = not_after;
        let mut serial = random_bytes::<16>();
        // Positive and minimal, so every parser prints the same hex.
        serial[0] = (serial[0] & 0x3f) | 0x40;
        params.serial_number = Some(SerialNumber::from_slice(&serial));
        let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
        let cert = params.signed_by(&key, &self.issuing.cert, &self.issuing.key)?;
        Ok(Issued {
            certificate_der: cert.der().to_vec(),
            key_pkcs8: key.serialize_der(),
        })
    }

    /// A PKCS#12 key file for an issued key, with the issuing authority's certificate inside.
    pub fn key_file_bytes(&self, issued: &Issued, password: &str) -> anyhow::Result<Vec<u8>> {
        eds::keyfile::seal(
            &issued.key_pkcs8,
            &[issued.certificate_der.clone(), self.issuing_der()],
            password,
            eds::keyfile::SealSalts {
                key_salt: random_bytes(),
                key_iv: random_bytes(),
                mac_salt: random_bytes(),
            },
            10_000,
        )
        .map_err(|e| anyhow::anyhow!("sealing a key file: {e}"))
    }

    /// The revocation list of the issuing authority: every revoked serial (hex) with its
    /// revocation time, valid for a day.
    pub fn crl(&self, revoked: &[(String, OffsetDateTime)]) -> anyhow::Result<Vec<u8>> {
        let now = OffsetDateTime::now_utc();
        let params = rcgen::CertificateRevocationListParams {
            this_update: now - Duration::minutes(1),
            next_update: now + Duration::days(1),
            crl_number: SerialNumber::from(u64::try_from(now.unix_timestamp()).unwrap_or(1)),
            issuing_distribution_point: None,
            revoked_certs: revoked
                .iter()
                .filter_map(|(serial, at)| {
                    Some(rcgen::RevokedCertParams {
                        serial_number: SerialNumber::from_slice(&hex::decode(serial).ok()?),
                        revocation_time: *at,
                        reason_code: Some(rcgen::RevocationReason::KeyCompromise),
                        invalidity_date: None,
                    })
                })
                .collect(),
            key_identifier_method: rcgen::KeyIdMethod::Sha256,
        };
        Ok(params
            .signed_by(&self.issuing.cert, &self.issuing.key)?
            .der()
            .to_vec())
    }

    fn paths(&self, person: &DemoPerson, purpose: KeyPurpose) -> (PathBuf, PathBuf) {
        let name = person.key_file_name(purpose);
        let keys = self.dir.join("keys");
        (keys.join(&name), keys.join(format!("{name}.crt")))
    }

    /// Forgets a demo person's key file, so the next download issues a new key.
    pub fn forget_key_file(&self, person: &DemoPerson, purpose: KeyPurpose) -> std::io::Result<()> {
        let (file, cert) = self.paths(person, purpose);
        for path in [file, cert] {
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }

    fn subject(person: &DemoPerson) -> Subject {
        Subject {
            common_name: format!("{} {}", person.surname, person.given_name),
            iin: person.iin.to_string(),
            surname: Some(person.surname.to_owned()),
            given_name: Some(person.patronymic.to_owned()),
            company: person
                .company
                .as_ref()
                .map(|(c, _)| (c.name.to_owned(), c.bin.to_string())),
            role: person.key_role(),
        }
    }

    /// Issues and keeps a demo person's key file valid from `not_before` to `not_after`.
    fn write_key_file(
        &self,
        person: &DemoPerson,
        purpose: KeyPurpose,
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> anyhow::Result<Vec<u8>> {
        let issued = self.issue(&Self::subject(person), purpose, not_before, not_after)?;
        let bytes = self.key_file_bytes(&issued, KEY_PASSWORD)?;
        let (file, cert) = self.paths(person, purpose);
        std::fs::write(&cert, &issued.certificate_der)?;
        std::fs::write(&file, &bytes)?;
        Ok(bytes)
    }

    /// A demo person's key file for a purpose (PKCS#12, password [`KEY_PASSWORD`]), issued on
    /// first request and kept.
    pub fn key_file(&self, person: &DemoPerson, purpose: KeyPurpose) -> anyhow::Result<Vec<u8>> {
        let (file, _) = self.paths(person, purpose);
        if file.exists() {
            return Ok(std::fs::read(file)?);
        }
        let now = OffsetDateTime::now_utc();
        self.write_key_file(
            person,
            purpose,
            now - Duration::days(1),
            now + Duration::days(365),
        )
    }

    /// Replaces a demo person's key with one whose certificate expired yesterday.
    pub fn expire_key_file(&self, person: &DemoPerson, purpose: KeyPurpose) -> anyhow::Result<()> {
        let now = OffsetDateTime::now_utc();
        self.write_key_file(
            person,
            purpose,
            now - Duration::days(366),
            now - Duration::days(1),
        )
        .map(|_| ())
    }

    /// The certificate (DER) of a demo person's current key file, issuing it if needed.
    pub fn key_certificate(
        &self,
        person: &DemoPerson,
        purpose: KeyPurpose,
    ) -> anyhow::Result<Vec<u8>> {
        self.key_file(person, purpose)?;
        let (_, cert) = self.paths(person, purpose);
        Ok(std::fs::read(cert)?)
    }
}
