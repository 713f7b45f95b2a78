//! Key files and signatures made here open and verify here, and the failures are told apart.

use eds::cms::{parse_detached, sign_detached, SignatureAlgorithm};
use eds::keyfile::{open, seal, KeyFileError, SealSalts};
use p256::ecdsa::signature::Verifier;
use rcgen::{CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, KeyPair};

const SALTS: SealSalts = SealSalts {
    key_salt: [1; 16],
    key_iv: [2; 16],
    mac_salt: [3; 16],
};

fn person() -> (Vec<u8>, Vec<u8>) {
    let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, "ТЕСТОВ ТЕСТ");
    dn.push(DnType::CustomDnType(vec![2, 5, 4, 5]), "IIN900101300017");
    dn.push(DnType::OrganizationName, "ТОО «Сынақ»");
    dn.push(DnType::OrganizationalUnitName, "BIN120340005678");
    params.distinguished_name = dn;
    params.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::EmailProtection,
        ExtendedKeyUsagePurpose::Other(vec![1, 2, 398, 3, 3, 4, 1, 2]),
        ExtendedKeyUsagePurpose::Other(vec![1, 2, 398, 3, 3, 4, 1, 2, 2]),
    ];
    let cert = params.self_signed(&key).unwrap();
    (key.serialize_der(), cert.der().to_vec())
}

#[test]
fn a_sealed_key_file_opens_with_its_password_only() {
    let (key, cert) = person();
    let file = seal(&key, std::slice::from_ref(&cert), "Qwerty12", SALTS, 2048).unwrap();
    let opened = open(&file, "Qwerty12").unwrap();
    assert_eq!(opened.certificate, cert);
    assert_eq!(opened.private_key.as_slice(), key.as_slice());
    assert!(opened.chain.is_empty());

    assert_eq!(
        open(&file, "qwerty12").unwrap_err(),
        KeyFileError::WrongPassword
    );
    assert_eq!(open(&file, "").unwrap_err(), KeyFileError::WrongPassword);
    assert_eq!(
        open(b"-----BEGIN CERTIFICATE-----", "x").unwrap_err(),
        KeyFileError::NotPkcs12
    );
    let mut damaged = file.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 1;
    assert!(open(&damaged, "Qwerty12").is_err());
}

#[test]
fn facts_come_from_the_nca_shaped_subject() {
    let (_, cert) = person();
    let facts = eds::certificate_facts(&cert).unwrap();
    assert_eq!(facts.iin.as_deref(), Some("900101300017"));
    assert_eq!(facts.bin.as_deref(), Some("120340005678"));
    assert_eq!(facts.organisation.as_deref(), Some("ТОО «Сынақ»"));
    assert_eq!(facts.common_name, "ТЕСТОВ ТЕСТ");
    assert_eq!(facts.uses, vec![eds::KeyUse::Signing]);
    assert_eq!(facts.role, Some(eds::Role::Signatory));
}

#[test]
fn a_detached_signature_covers_exactly_the_signed_bytes() {
    let (key, cert) = person();
    let file = seal(&key, std::slice::from_ref(&cert), "pw", SALTS, 1000).unwrap();
    let opened = open(&file, "pw").unwrap();
    let data = "Өтініш · Заявление · request".as_bytes();
    let cms = sign_detached(&opened, data, Some(1_795_000_000)).unwrap();

    let parsed = parse_detached(&cms).unwrap();
    assert_eq!(parsed.signer_certificate, cert);
    assert_eq!(parsed.algorithm, SignatureAlgorithm::EcdsaP256Sha256);
    assert_eq!(parsed.signing_time, Some(1_795_000_000));
    assert!(parsed.covers(data));
    let mut changed = data.to_vec();
    changed[0] ^= 1;
    assert!(!parsed.covers(&changed));

    let x509 = <x509_cert::Certificate as der::Decode>::from_der(&cert).unwrap();
    let point = x509
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .as_bytes()
        .unwrap();
    let verifying = p256::ecdsa::VerifyingKey::from_sec1_bytes(point).unwrap();
    let signature = p256::ecdsa::DerSignature::try_from(parsed.signature.as_slice()).unwrap();
    verifying
        .verify(&parsed.signed_attributes, &signature)
        .unwrap();

    // Bytes that are not CMS, or a container with the content inside, are refused.
    assert!(parse_detached(b"not cms").is_err());
    assert!(parse_detached(&cert).is_err());
}
