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

    // Revocation: the issuing authority's CRL (here with 1,000 revoked certificates), once
    // fetched and parsed for every check (before), and kept between checks (now).
    let issuer = server::pki::pem_certificates(ca.issuing_pem())
        .into_iter()
        .next()
        .expect("issuing authority");
    let revoked: Vec<(String, time::OffsetDateTime)> = (0..1000u32)
        .map(|i| (format!("{:032x}", i + 1), time::OffsetDateTime::now_utc()))
        .collect();
    let crl = ca.crl(&revoked).expect("CRL");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let url = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new().route(
            "/crl",
            axum::routing::get(move || {
                let crl = crl.clone();
                async move { crl }
            }),
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
        format!("http://{addr}/crl")
    });
    let http = reqwest::Client::new();
    let each_time =
        server::integrations::revocation::RevocationList::new(url.clone(), http.clone(), 0);
    let kept = server::integrations::revocation::RevocationList::new(url, http, 3600);
    let check = |list: &server::integrations::revocation::RevocationList, rounds: u32| {
        let started = Instant::now();
        for _ in 0..rounds {
            runtime
                .block_on(list.check(&issuer, "00", now))
                .expect("checked");
        }
        (started.elapsed() / rounds).as_secs_f64() * 1e6
    };
    let fetched = check(&each_time, 200);
    check(&kept, 1);
    let cached = check(&kept, 2000);
    println!(
        "revocation check, CRL of 1,000 entries downloaded and parsed each time (before): {fetched:.0} µs (mean of 200)"
    );
    println!("revocation check with the CRL kept (now): {cached:.1} µs (mean of 2000)");
    println!(
        "accepting one request signature with the CRL kept: {:.1} µs (was {:.0} µs with a download per signature)",
        verify + cached,
        verify + fetched
    );
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
