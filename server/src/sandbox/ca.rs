//! The sandbox certification authority: a root that issues NCA-shaped certificates
//! (`SERIALNUMBER=IIN…`) to the sandbox's fictional people.
//!
//! Its root key and the people's key files are kept under `<data>/sandbox/ca`, so a restart
//! keeps every issued key valid. Key files are PEM: the certificate and the PKCS#8 private key.

use super::people::DemoPerson;
use anyhow::Context;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, SerialNumber,
};
use std::path::{Path, PathBuf};
use time::{Duration, OffsetDateTime};

/// What a key is for. Like the national authority, the sandbox gives each person two keys: one
/// to sign in (extended key usage clientAuth, files `AUTH_…`) and one to sign documents
/// (emailProtection, files `RSA256_…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPurpose {
    SignIn,
    Signing,
}

impl KeyPurpose {
    pub fn file_prefix(self) -> &'static str {
        match self {
            KeyPurpose::SignIn => "AUTH_",
            KeyPurpose::Signing => "RSA256_",
        }
    }
}

/// The subject of a certificate to issue.
#[derive(Debug, Clone)]
pub struct Subject {
    pub common_name: String,
    pub iin: String,
    pub surname: Option<String>,
    pub given_name: Option<String>,
    pub organisation: Option<String>,
}

pub struct SandboxCa {
    dir: PathBuf,
    root_pem: String,
    root_key: KeyPair,
    root: rcgen::Certificate,
}

fn root_params() -> anyhow::Result<CertificateParams> {
    let mut params = CertificateParams::new(Vec::<String>::new())?;
    let mut dn = DistinguishedName::new();
    dn.push(
        DnType::CommonName,
        "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (SANDBOX ROOT)",
    );
    dn.push(DnType::OrganizationName, "Licensing portal sandbox");
    dn.push(DnType::CountryName, "KZ");
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = OffsetDateTime::from_unix_timestamp(1_704_067_200)?; // 2024-01-01
    params.not_after = OffsetDateTime::from_unix_timestamp(2_082_758_400)?; // 2036-01-01
    params.serial_number = Some(SerialNumber::from_slice(&[1]));
    Ok(params)
}

impl SandboxCa {
    /// Opens the authority kept in `dir`, creating its root on first use.
    pub fn open(dir: &Path) -> anyhow::Result<SandboxCa> {
        std::fs::create_dir_all(dir.join("keys"))?;
        let key_path = dir.join("root-key.pem");
        let cert_path = dir.join("root.pem");
        let root_key = if key_path.exists() {
            KeyPair::from_pem(&std::fs::read_to_string(&key_path)?).context("sandbox root key")?
        } else {
            let k = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
            std::fs::write(&key_path, k.serialize_pem())?;
            k
        };
        // The issuer object is rebuilt from the same parameters and key on every start; the
        // certificate handed out as the trust anchor is the one written on first use.
        let root = root_params()?.self_signed(&root_key)?;
        let root_pem = if cert_path.exists() {
            std::fs::read_to_string(&cert_path)?
        } else {
            let pem = root.pem();
            std::fs::write(&cert_path, &pem)?;
            pem
        };
        Ok(SandboxCa {
            dir: dir.to_owned(),
            root_pem,
            root_key,
            root,
        })
    }

    /// The root certificate, PEM: the trust anchor for the portal in sandbox mode.
    pub fn root_pem(&self) -> &str {
        &self.root_pem
    }

    /// Issues a certificate and key; returns the key file (certificate PEM, then PKCS#8 PEM).
    pub fn issue(
        &self,
        subject: &Subject,
        purpose: KeyPurpose,
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> anyhow::Result<String> {
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
        if let Some(o) = &subject.organisation {
            dn.push(DnType::OrganizationName, o.as_str());
        }
        params.distinguished_name = dn;
        params.is_ca = IsCa::NoCa;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
        params.extended_key_usages = vec![match purpose {
            KeyPurpose::SignIn => ExtendedKeyUsagePurpose::ClientAuth,
            KeyPurpose::Signing => ExtendedKeyUsagePurpose::EmailProtection,
        }];
        params.not_before = not_before;
        params.not_after = not_after;
        let mut serial = [0u8; 16];
        rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut serial);
        serial[0] &= 0x7f;
        params.serial_number = Some(SerialNumber::from_slice(&serial));
        let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
        let cert = params.signed_by(&key, &self.root, &self.root_key)?;
        Ok(format!("{}{}", cert.pem(), key.serialize_pem()))
    }

    /// The revocation list: every revoked serial (hex) with its revocation time, signed by the
    /// root, valid for a day.
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
        Ok(params.signed_by(&self.root, &self.root_key)?.der().to_vec())
    }

    /// Forgets a demo person's key file, so the next download issues a new key.
    pub fn forget_key_file(&self, person: &DemoPerson, purpose: KeyPurpose) -> std::io::Result<()> {
        match std::fs::remove_file(self.dir.join("keys").join(person.key_file_name(purpose))) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// A demo person's key file for a purpose, issued on first request and kept.
    pub fn key_file(&self, person: &DemoPerson, purpose: KeyPurpose) -> anyhow::Result<String> {
        let path = self.dir.join("keys").join(person.key_file_name(purpose));
        if path.exists() {
            return Ok(std::fs::read_to_string(path)?);
        }
        let now = OffsetDateTime::now_utc();
        let organisation = person
            .provider
            .map(|_| "Қазақстан Республикасының Әділет министрлігі".to_owned());
        let pem = self.issue(
            &Subject {
                common_name: format!("{} {}", person.surname, person.given_name),
                iin: person.iin.to_string(),
                surname: Some(person.surname.to_owned()),
                given_name: Some(person.patronymic.to_owned()),
                organisation,
            },
            purpose,
            now - Duration::days(1),
            now + Duration::days(365),
        )?;
        std::fs::write(&path, &pem)?;
        Ok(pem)
    }
}
