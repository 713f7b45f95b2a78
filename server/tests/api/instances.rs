//! Several instances of the portal on one PostgreSQL database and one S3-compatible bucket: a
//! case begun on one is paid, signed and decided on the other, its documents are served by
//! either, and each e-mail of the shared outbox leaves once.
//!
//! The bucket is served by `s3s-fs`, a real S3-protocol server: `./x test` starts it and names
//! it in `TEST_S3_ENDPOINT`; run alone, the test starts its own (`./x setup` installs it).

use crate::helpers::*;
use domain::api::*;
use domain::case::CaseStatus;
use server::config::Config;
use server::sandbox::people::DemoRole;
use std::collections::BTreeMap;

/// An S3-protocol server for the test, and the process to stop if the test started it.
struct Bucket {
    endpoint: String,
    access: String,
    secret: String,
    root: std::path::PathBuf,
    child: Option<tokio::process::Child>,
}

async fn status(app: &TestApp, id: &str) -> CaseStatus {
    let path = format!("/api/applications/{id}");
    json::<ApplicationResponse>(app.get(&path).await)
        .await
        .case
        .status
}

async fn bucket() -> Bucket {
    if let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") {
        return Bucket {
            endpoint,
            access: std::env::var("TEST_S3_ACCESS_KEY").unwrap_or_default(),
            secret: std::env::var("TEST_S3_SECRET_KEY").unwrap_or_default(),
            root: std::env::var("TEST_S3_ROOT").unwrap_or_default().into(),
            child: None,
        };
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let root = std::env::temp_dir().join(format!("s3-{}", server::db::new_id()));
    std::fs::create_dir_all(&root).unwrap();
    let binary = std::env::var("HOME")
        .map(|h| format!("{h}/.cargo/bin/s3s-fs"))
        .ok()
        .filter(|p| std::path::Path::new(p).exists())
        .unwrap_or_else(|| "s3s-fs".into());
    let child = tokio::process::Command::new(&binary)
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .args([
            "--access-key",
            "portal-test",
            "--secret-key",
            "portal-test-secret",
        ])
        .arg(&root)
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("{binary}: {e} (./x setup installs s3s-fs)"));
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Bucket {
        endpoint: format!("http://127.0.0.1:{port}"),
        access: "portal-test".into(),
        secret: "portal-test-secret".into(),
        root,
        child: Some(child),
    }
}

mod two_instances_share_the_cases_the_documents_and_the_outbox_once {
    /// PostgreSQL only: several instances need a database server.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn postgres() {
        super::two_instances().await
    }
}

async fn two_instances() {
    let Some((database_url, base, name)) = TestApp::postgres_database().await else {
        eprintln!("TEST_POSTGRES_URL not set: the two-instance test NOT RUN");
        return;
    };
    let mut bucket = bucket().await;
    let bucket_name = format!("portal-{}", &server::db::new_id()[..12]);
    // s3s-fs keeps a bucket as a folder under its root.
    std::fs::create_dir_all(bucket.root.join(&bucket_name)).unwrap();
    let relay = server::sandbox::mail::start().await.unwrap();
    let data_dir = std::env::temp_dir().join(format!("portal-two-{}", server::db::new_id()));
    let config = || {
        let mut c = Config::for_tests(data_dir.clone(), Some(database_url.clone()));
        c.storage_url = Some(format!("s3://{bucket_name}"));
        c.storage_options = vec![
            ("aws_endpoint".into(), bucket.endpoint.clone()),
            ("aws_region".into(), "us-east-1".into()),
            ("aws_access_key_id".into(), bucket.access.clone()),
            ("aws_secret_access_key".into(), bucket.secret.clone()),
            ("aws_allow_http".into(), "true".into()),
        ];
        c.mail_transport = Some(format!("smtp://{}", relay.addr));
        c
    };
    let one = TestApp::instance(config()).await;
    let two = TestApp::instance(config()).await;
    let ready: serde_json::Value = json(two.get("/readyz").await).await;
    assert_eq!(ready["status"], "ready", "{ready}");

    // Made on the first: the attachment goes to the bucket.
    let applicant = one.with_new_client();
    let created = crate::chain::applicant_with_application(&applicant).await;
    let id = created.case.id.clone();
    let attachment = created.attachments[0].clone();
    // Paid, signed and submitted on the second, with the same browser.
    let there = applicant.through(&two);
    // The first keeps its answer to the status read (`answers`) until a write on either
    // instance: the payment on the second is seen on the first well before an entry's
    // lifetime ends, so it is the second's notice that emptied it.
    let listening = std::time::Instant::now();
    while one.state.answers.stamp().is_none() || two.state.answers.stamp().is_none() {
        assert!(
            listening.elapsed().as_secs() < 10,
            "the instances do not hear each other"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // The notices of the writes before arrive when they arrive and may empty the cache at
    // first: read until the answer is kept.
    loop {
        assert_eq!(status(&applicant, &id).await, CaseStatus::AwaitingPayment);
        if one.state.answers.case(&id).is_some() {
            break;
        }
        assert!(
            listening.elapsed().as_secs() < 20,
            "the first instance never keeps the answer"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    crate::chain::pay(&there, &id).await;
    let paid_at = std::time::Instant::now();
    loop {
        let now = status(&applicant, &id).await;
        if now != CaseStatus::AwaitingPayment {
            break;
        }
        assert!(
            paid_at.elapsed() < server::answers::LIFETIME / 4,
            "the first instance still answers from before the payment"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let key = there.key_file(&person(DemoRole::Applicant, 0)).await;
    let submitted: ApplicationResponse =
        json(crate::chain::sign_and_submit(&there, &id, &key).await).await;
    assert_eq!(submitted.case.status, CaseStatus::Submitted);
    // Decided and the licence signed on the first; its PDF goes to the bucket.
    let officer = one.with_new_client();
    officer.sign_in_staff("officer").await;
    crate::chain::to_signature(&officer, &id).await;
    let officer_there = officer.through(&two);
    let case = crate::process::sign_licence(&officer, &officer_there, "officer", &id).await;
    assert_eq!(case.status, CaseStatus::Approved);
    // Either instance serves the documents from the bucket.
    let pdf_one = applicant
        .get(&format!("/api/applications/{id}/licence.pdf"))
        .await;
    assert_eq!(pdf_one.status(), 200);
    let pdf_one = pdf_one.bytes().await.unwrap();
    let pdf_two = there
        .get(&format!("/api/applications/{id}/licence.pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    assert_eq!(pdf_one, pdf_two);
    assert!(pdf_one.starts_with(b"%PDF"));
    let file = officer_there
        .get(&format!("/api/attachments/{}", attachment.id))
        .await;
    assert_eq!(file.status(), 200);
    assert_eq!(file.bytes().await.unwrap().as_ref(), pdf_bytes().as_slice());
    let stored = std::fs::read_dir(bucket.root.join(&bucket_name))
        .unwrap()
        .count();
    assert!(stored > 0, "the documents are in the bucket");

    // The outbox, delivered by both instances at once, many times over: each message once.
    let written: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
        .fetch_one(&one.state.db)
        .await
        .unwrap();
    assert!(written >= 3, "{written}");
    let mut rounds = Vec::new();
    for _ in 0..5 {
        for app in [&one, &two] {
            let state = app.state.clone();
            let transport = state.mail.clone();
            rounds.push(tokio::spawn(async move {
                server::notify::deliver_pending(&state, &transport)
                    .await
                    .unwrap()
            }));
        }
    }
    let mut delivered = 0;
    for r in rounds {
        delivered += r.await.unwrap();
    }
    // The instances' own five-second loops may have delivered some first.
    let received = relay.received.lock().unwrap().clone();
    let mut ids = BTreeMap::new();
    for m in &received {
        let id = m
            .data
            .split("\r\n")
            .find_map(|l| l.strip_prefix("Message-ID: "))
            .unwrap()
            .to_owned();
        *ids.entry(id).or_insert(0) += 1;
    }
    assert!(ids.values().all(|n| *n == 1), "sent twice: {ids:?}");
    assert_eq!(i64::try_from(ids.len()).unwrap(), written);
    assert!(delivered <= ids.len());
    let unsent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(&one.state.db)
        .await
        .unwrap();
    assert_eq!(unsent, 0);

    two.state.db.close().await;
    one.cleanup_with(Some((base, name))).await;
    if let Some(mut child) = bucket.child.take() {
        let _ = child.kill().await;
        let _ = std::fs::remove_dir_all(&bucket.root);
    }
}
