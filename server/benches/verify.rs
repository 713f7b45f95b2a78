//! Benchmark: the time to verify one request signature on the server (certificate chain,
//! validity, IIN, ECDSA P-256 over the canonical bytes), as `TrustAnchors::verify` does for
//! every submission. Run with `./x bench`.

use base64::Engine;
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use server::pki::TrustAnchors;
use server::sandbox::ca::SandboxCa;
use server::sandbox::people;
use std::time::Instant;

fn pem_block(pem: &str, label: &str) -> Vec<u8> {
    let begin = format!("-----BEGIN {label}-----");
    let start = pem.find(&begin).expect("block") + begin.len();
    let stop = pem[start..].find("-----END").expect("end") + start;
    let b64: String = pem[start..stop]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64")
}

fn main() {
    let dir = std::env::temp_dir().join(format!("portal-bench-{}", server::db::new_id()));
    let ca = SandboxCa::open(&dir).expect("sandbox CA");
    let person = people::people().into_iter().next().expect("a demo person");
    let key_file = ca
        .key_file(&person, server::sandbox::ca::KeyPurpose::Signing)
        .expect("key file");
    let trust = TrustAnchors::from_pem(ca.root_pem()).expect("trust anchors");

    // A realistic request: the canonical bytes of a filled forensic licence form.
    let payload = vec![b'x'; 1200];
    let rng = SystemRandom::new();
    let key = EcdsaKeyPair::from_pkcs8(
        &ECDSA_P256_SHA256_FIXED_SIGNING,
        &pem_block(&key_file, "PRIVATE KEY"),
        &rng,
    )
    .expect("key");
    let signature = key.sign(&rng, &payload).expect("sign");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();

    let verify_once = || {
        trust
            .verify(
                &key_file,
                server::pki::Purpose::Signing,
                &payload,
                signature.as_ref(),
                now,
            )
            .expect("verifies")
    };
    for _ in 0..100 {
        verify_once();
    }
    let rounds = 2000u32;
    let start = Instant::now();
    for _ in 0..rounds {
        verify_once();
    }
    let each = start.elapsed() / rounds;
    println!(
        "verify one request signature: {:.1} µs (mean of {rounds})",
        each.as_secs_f64() * 1e6
    );
    let _ = std::fs::remove_dir_all(dir);
}
