//! Benchmark: the time to verify one request signature on the server — the detached CMS taken
//! apart, the path signer → issuing authority → root, validity, key purpose, IIN/BIN, the
//! message digest over the canonical bytes and the ECDSA P-256 signature — as
//! `TrustAnchors::verify` does for every submission (the CRL fetch comes on top). Also the time
//! to open a PKCS#12 key file (what the browser's signer does before each signature) and to
//! make the CMS signature. Run with `./x bench`.

use server::pki::TrustAnchors;
use server::sandbox::ca::{KeyPurpose, SandboxCa};
use server::sandbox::people;
use std::time::Instant;

fn mean_micros(rounds: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..rounds.min(100) {
        f();
    }
    let start = Instant::now();
    for _ in 0..rounds {
        f();
    }
    (start.elapsed() / rounds).as_secs_f64() * 1e6
}

fn main() {
    let dir = std::env::temp_dir().join(format!("portal-bench-{}", server::db::new_id()));
    let ca = SandboxCa::open(&dir).expect("sandbox CA");
    let person = people::people().into_iter().next().expect("a demo person");
    let file = ca.key_file(&person, KeyPurpose::Signing).expect("key file");
    let trust = TrustAnchors::from_pem(ca.root_pem()).expect("trust anchors");

    // A realistic request: about the size of a filled forensic licence form's canonical bytes.
    let payload = vec![b'x'; 1200];
    let key = eds::keyfile::open(&file, people::KEY_PASSWORD).expect("key file opens");
    let cms = eds::cms::sign_detached(&key, &payload, Some(1_795_000_000)).expect("signs");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();

    let verify = mean_micros(2000, || {
        trust
            .verify(&cms, server::pki::Purpose::Signing, &payload, now)
            .expect("verifies");
    });
    println!("verify one request signature (CMS, path of 2, P-256): {verify:.1} µs (mean of 2000)");
    let open = mean_micros(50, || {
        eds::keyfile::open(&file, people::KEY_PASSWORD).expect("opens");
    });
    println!(
        "open a PKCS#12 key file (PBKDF2-SHA256, 10000 rounds, native): {open:.0} µs (mean of 50)"
    );
    let sign = mean_micros(500, || {
        eds::cms::sign_detached(&key, &payload, Some(1_795_000_000)).expect("signs");
    });
    println!("make a detached CMS signature (native): {sign:.1} µs (mean of 500)");
    let _ = std::fs::remove_dir_all(dir);
}
