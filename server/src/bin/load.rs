//! The load runs of `./x bench`, against a portal already running in practice mode.
//!
//! It signs a demo applicant in as the browser does (the EDS challenge, signed with the
//! person's practice sign-in key), makes one application to read, and measures:
//! - the signed-in status read `GET /api/applications/{id}` with `oha`: at saturation
//!   (16 connections) and at a fixed 1,000 requests a second;
//! - creating an application at a fixed 100 a second. Each creation needs an attachment of its
//!   own (an attachment belongs to one application), and `oha` sends one body for all, so this
//!   run is driven here: requests leave on a fixed schedule whatever the answers do, and each
//!   latency counts from the time the request was due, so a slow answer cannot hide the queue
//!   behind it (the same correction `oha --latency-correction` makes).
//!
//! With a third argument `growth`, it runs instead the growth runs against a portal that
//! `seed` filled (see [`growth`]).
//!
//! Usage: `load <portal URL> <seconds per run> [growth]`; prints one JSON object on stdout, for
//! `./x bench` to put in its table. With `LOAD_SESSION_ONLY` set it prints a signed-in
//! session cookie instead, for measuring one address by hand.

use anyhow::{bail, Context};
use base64::Engine;
use serde_json::{json, Value};
use server::sandbox::demo;
use server::sandbox::people::{self, DemoRole, KeyPurpose};
use std::time::{Duration, Instant};

const APP_HEADER: &str = "x-portal-request";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .context("usage: load <portal URL> <seconds per run>")?;
    let seconds: u64 = args.next().as_deref().unwrap_or("10").parse()?;
    let url = url.trim_end_matches('/').to_owned();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()?;

    let applicants: Vec<_> = people::people()
        .into_iter()
        .filter(|p| p.role == DemoRole::Applicant && p.company.is_none())
        .collect();
    let mut cookies = Vec::new();
    for person in &applicants {
        cookies.push(sign_in(&http, &url, person).await?);
    }
    if args.next().as_deref() == Some("growth") {
        println!("{}", growth(&http, &url, seconds).await?);
        return Ok(());
    }
    let cookie = cookies.first().context("no demo applicant")?.clone();
    if std::env::var_os("LOAD_SESSION_ONLY").is_some() {
        // For profiling one address by hand: the session cookie, and nothing run.
        println!("{cookie}");
        return Ok(());
    }
    let application = create(&http, &url, &cookie, &upload(&http, &url, &cookie).await?).await?;
    let id = application["case"]["id"]
        .as_str()
        .context("the created application has no id")?
        .to_owned();
    let status_url = format!("{url}/api/applications/{id}");
    // Warm up: connections, caches, the database's pages.
    oha(&status_url, &cookie, &["-z", "2s", "-c", "16"])?;
    let duration = format!("{seconds}s");
    let saturated = oha(&status_url, &cookie, &["-z", &duration, "-c", "16"])?;
    let fixed = oha(
        &status_url,
        &cookie,
        &[
            "-z",
            &duration,
            "-c",
            "32",
            "-q",
            "1000",
            "--latency-correction",
        ],
    )?;
    let creating = create_at_fixed_rate(&http, &url, &cookies, 100, seconds).await?;
    println!(
        "{}",
        json!({
            "status_read_saturated": saturated,
            "status_read_at_1000": fixed,
            "create_at_100": creating,
        })
    );
    Ok(())
}

/// Signs a demo person in; returns the session cookie (`name=value`).
async fn sign_in(
    http: &reqwest::Client,
    url: &str,
    person: &people::DemoPerson,
) -> anyhow::Result<String> {
    let name = person.key_file_name(KeyPurpose::SignIn);
    let bytes = http
        .get(format!("{url}/sandbox/ca/keys/{name}"))
        .send()
        .await?
        .error_for_status()
        .context("the portal is not in practice mode")?
        .bytes()
        .await?;
    let key = eds::keyfile::open(&bytes, people::KEY_PASSWORD)
        .map_err(|e| anyhow::anyhow!("the practice key file: {e:?}"))?;
    let challenge: domain::api::ChallengeResponse = http
        .post(format!("{url}/api/auth/challenge"))
        .header(APP_HEADER, "1")
        .json(&())
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let payload = base64::engine::general_purpose::STANDARD.decode(&challenge.payload_b64)?;
    let now = u64::try_from(server::db::unix_now())?;
    let cms = eds::cms::sign_detached(&key, &payload, Some(now))
        .map_err(|e| anyhow::anyhow!("signing the challenge: {e:?}"))?;
    let answer = http
        .post(format!("{url}/api/auth/eds"))
        .header(APP_HEADER, "1")
        .json(&domain::api::SignInWithEdsRequest {
            challenge_id: challenge.challenge_id,
            signature: domain::api::SignatureRequest {
                cms_b64: base64::engine::general_purpose::STANDARD.encode(cms),
            },
        })
        .send()
        .await?
        .error_for_status()
        .context("sign-in refused")?;
    session_cookie(&answer)
}

/// Uploads a small PDF for the forensic licence's certificate slot; returns its id.
async fn upload(http: &reqwest::Client, url: &str, cookie: &str) -> anyhow::Result<String> {
    let answer = http
        .post(format!(
            "{url}/api/attachments?service=FOR-LIC&variant=issue&slot=qualification_certificate_scan"
        ))
        .header(APP_HEADER, "1")
        .header("cookie", cookie)
        .header("x-file-name", "certificate.pdf")
        .body(demo::SMALL_PDF)
        .send()
        .await?;
    let answer: domain::api::AttachmentResponse = accepted(answer, "an upload").await?;
    Ok(answer.id)
}

/// The answer's JSON, or an error that says what was refused and the portal's words.
async fn accepted<T: serde::de::DeserializeOwned>(
    answer: reqwest::Response,
    what: &str,
) -> anyhow::Result<T> {
    if !answer.status().is_success() {
        bail!(
            "{what} refused: {} {}",
            answer.status(),
            answer.text().await?
        );
    }
    Ok(answer.json().await?)
}

async fn create(
    http: &reqwest::Client,
    url: &str,
    cookie: &str,
    attachment: &str,
) -> anyhow::Result<Value> {
    let answer = http
        .post(format!("{url}/api/applications"))
        .header(APP_HEADER, "1")
        .header("cookie", cookie)
        .json(&domain::api::CreateApplicationRequest {
            service_code: "FOR-LIC".into(),
            service_version: None,
            variant: "issue".into(),
            values: demo::forensic_licence_form(attachment),
            lang: None,
            sms_consent: false,
        })
        .send()
        .await?;
    accepted(answer, "creating an application").await
}

/// Creates applications at a fixed rate for `seconds`, each with its own attachment uploaded
/// beforehand (uploads are not measured), the applicants taking turns. A person may keep
/// `uploads::MAX_FILES` files, so the run is cut short when the demo applicants' files would
/// not suffice; the answer says how many requests were made.
async fn create_at_fixed_rate(
    http: &reqwest::Client,
    url: &str,
    cookies: &[String],
    per_second: u64,
    seconds: u64,
) -> anyhow::Result<Value> {
    let room = (server::uploads::MAX_FILES as u64 - 10) * cookies.len() as u64;
    let count = (per_second * seconds).min(room);
    let mut attachments = Vec::with_capacity(count as usize);
    for i in 0..count as usize {
        let cookie = &cookies[i % cookies.len()];
        attachments.push((cookie.clone(), upload(http, url, cookie).await?));
    }
    let attachments = std::sync::Arc::new(attachments);
    let (http, url) = (http.clone(), url.to_owned());
    at_fixed_rate(per_second, count, move |i| {
        let (http, url, attachments) = (http.clone(), url.clone(), attachments.clone());
        async move {
            let (cookie, attachment) = &attachments[i];
            create(&http, &url, cookie, attachment).await.is_ok()
        }
    })
    .await
}

/// Sends `count` requests at a fixed rate, whatever the answers do; each latency counts from
/// the time its request was due, so a slow answer cannot hide the queue behind it (the same
/// correction `oha --latency-correction` makes). `request(i)` makes the i-th and says whether
/// it succeeded.
async fn at_fixed_rate<F, Fut>(per_second: u64, count: u64, request: F) -> anyhow::Result<Value>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = bool> + Send + 'static,
{
    let interval = Duration::from_secs(1) / u32::try_from(per_second)?;
    let start = Instant::now() + Duration::from_millis(100);
    let mut tasks = Vec::with_capacity(count as usize);
    for i in 0..count as usize {
        let due = start + interval * u32::try_from(i)?;
        tokio::time::sleep_until(due.into()).await;
        let sent = request(i);
        tasks.push(tokio::spawn(async move {
            let ok = sent.await;
            (due.elapsed(), ok)
        }));
    }
    let mut latencies = Vec::with_capacity(tasks.len());
    let mut failed = 0u64;
    for t in tasks {
        let (latency, ok) = t.await?;
        if !ok {
            failed += 1;
        }
        latencies.push(latency);
    }
    let elapsed = start.elapsed().as_secs_f64();
    latencies.sort();
    let pick = |q: f64| {
        let i = ((latencies.len() as f64 - 1.0) * q).round() as usize;
        latencies[i].as_secs_f64() * 1000.0
    };
    Ok(json!({
        "requests": count,
        "failed": failed,
        "rps": count as f64 / elapsed,
        "p50_ms": pick(0.50),
        "p99_ms": pick(0.99),
        "max_ms": pick(1.0),
    }))
}

/// The growth runs, against a portal filled by `seed`: the five reads that must not slow down
/// as the history grows, each at a fixed rate (50 a second, fewer for the heavier two). The demo applicant's cabinet
/// and one of its cases, the demo officer's queue, the support search by the demo applicant's
/// IIN, and the public register searched by a word of company names. The register limits
/// each address, so its requests come as from many addresses behind the portal's trusted
/// proxy (the portal runs with `TRUSTED_PROXIES=127.0.0.1/32`). Each runs for twice
/// `seconds`, so the slower rates still give a p99 of a few hundred requests.
async fn growth(http: &reqwest::Client, url: &str, seconds: u64) -> anyhow::Result<Value> {
    let applicant = people::people()
        .into_iter()
        .find(|p| p.role == DemoRole::Applicant && p.company.is_none())
        .context("no demo applicant")?;
    let cookie = sign_in(http, url, &applicant).await?;
    let officer = staff_sign_in(http, url, "officer").await?;
    let support = staff_sign_in(http, url, "support").await?;
    let cabinet: domain::api::CasePage = accepted(
        get(http, &format!("{url}/api/applications"), &cookie).await?,
        "the cabinet",
    )
    .await?;
    let case = cabinet
        .items
        .first()
        .context("the demo applicant has no seeded cases")?;
    let runs = [
        (
            "cabinet",
            50,
            format!("{url}/api/applications"),
            Some(cookie.clone()),
        ),
        (
            "status_read",
            50,
            format!("{url}/api/applications/{}", case.id),
            Some(cookie.clone()),
        ),
        // A queue page is 25 case views (tens of milliseconds on 2 cores): a rate the
        // machine can serve, so the run measures the size's effect rather than a backlog.
        (
            "officer_queue",
            10,
            format!("{url}/api/officer/cases"),
            Some(officer),
        ),
        (
            "support_search",
            20,
            format!("{url}/api/support/search?q={}", applicant.iin),
            Some(support),
        ),
        (
            "public_licence_search",
            50,
            format!("{url}/api/public/licences?q=%D0%B4%D0%B0%D0%BB%D0%B0"),
            None,
        ),
    ];
    let mut out = serde_json::Map::new();
    for (name, rate, address, cookie) in runs {
        let count = rate * seconds * 2;
        let figures = at_fixed_rate(rate, count, |i| {
            let (http, address, cookie) = (http.clone(), address.clone(), cookie.clone());
            async move {
                let mut request = http
                    .get(&address)
                    .header(APP_HEADER, "1")
                    .header("accept-encoding", "br, gzip");
                request = match cookie {
                    Some(c) => request.header("cookie", c),
                    None => request.header(
                        "x-forwarded-for",
                        format!("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255),
                    ),
                };
                match request.send().await {
                    Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                    _ => false,
                }
            }
        })
        .await?;
        out.insert(name.into(), figures);
    }
    Ok(Value::Object(out))
}

async fn get(http: &reqwest::Client, url: &str, cookie: &str) -> anyhow::Result<reqwest::Response> {
    Ok(http
        .get(url)
        .header(APP_HEADER, "1")
        .header("cookie", cookie)
        .send()
        .await?)
}

/// Signs a demo staff member in with the published practice password.
async fn staff_sign_in(http: &reqwest::Client, url: &str, login: &str) -> anyhow::Result<String> {
    let answer = http
        .post(format!("{url}/api/auth/password"))
        .header(APP_HEADER, "1")
        .json(&domain::api::SignInWithPasswordRequest {
            login: login.into(),
            password: people::DEMO_PASSWORD.into(),
        })
        .send()
        .await?
        .error_for_status()
        .with_context(|| format!("signing {login} in"))?;
    session_cookie(&answer)
}

/// The session cookie a sign-in's answer set (`name=value`).
fn session_cookie(answer: &reqwest::Response) -> anyhow::Result<String> {
    let set_cookie = answer
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .context("sign-in set no cookie")?
        .to_str()?;
    Ok(set_cookie.split(';').next().unwrap_or_default().to_owned())
}

/// Runs `oha` against a signed-in address; returns its figures in the same shape as the
/// fixed-rate driver's.
fn oha(url: &str, cookie: &str, flags: &[&str]) -> anyhow::Result<Value> {
    let out = std::process::Command::new("oha")
        .args(flags)
        .args(["--no-tui", "--output-format", "json"])
        .args(["-H", &format!("cookie: {cookie}")])
        .args(["-H", "accept-encoding: br, gzip"])
        .arg(url)
        .output()
        .context("running oha (./x setup installs it)")?;
    if !out.status.success() {
        bail!("oha: {}", String::from_utf8_lossy(&out.stderr));
    }
    let v: Value = serde_json::from_slice(&out.stdout).context("oha's JSON")?;
    let ms = |p: &str| v["latencyPercentiles"][p].as_f64().unwrap_or(f64::NAN) * 1000.0;
    let codes = &v["statusCodeDistribution"];
    let ok = codes["200"].as_u64().unwrap_or(0);
    let all: u64 = codes
        .as_object()
        .map(|m| m.values().filter_map(Value::as_u64).sum())
        .unwrap_or(0);
    Ok(json!({
        "requests": all,
        "failed": all - ok,
        "rps": v["summary"]["requestsPerSec"].as_f64(),
        "p50_ms": ms("p50"),
        "p99_ms": ms("p99"),
        "max_ms": v["summary"]["slowest"].as_f64().map(|s| s * 1000.0),
    }))
}
