//! The portal as an operator runs it: the headers every answer carries, attachments served
//! as data to those who may see them, upload quotas and clean-up, the revocation list kept
//! between checks.

use crate::helpers::*;
use domain::api::*;
use domain::catalogue::ServiceDefinition;
use domain::ErrorCode;
use server::sandbox::people::DemoRole;

fn attestation() -> ServiceDefinition {
    domain::catalogue::builtin()
        .into_iter()
        .find(|s| s.code == "BAIL-ATT" && s.version == 2018)
        .unwrap()
}

async fn answers_carry_the_security_headers_and_keep_personal_data_out_of_caches(app: &TestApp) {
    let me = app.get("/api/me").await;
    let h = me.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["cache-control"], "no-store");
    assert!(h["referrer-policy"].to_str().unwrap().contains("origin"));
    assert!(h["permissions-policy"]
        .to_str()
        .unwrap()
        .contains("camera=()"));
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("object-src 'none'"), "{csp}");
    let script = csp
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap();
    assert!(!script.contains("unsafe-inline"), "{script}");
    // The catalogue holds nothing personal: kept, but revalidated.
    assert_eq!(
        app.get("/api/services").await.headers()["cache-control"],
        "no-cache"
    );
    // No HSTS over plain http.
    assert!(!h.contains_key("strict-transport-security"));
}
crate::on_both_stores!(answers_carry_the_security_headers_and_keep_personal_data_out_of_caches);

async fn an_attachment_is_data_only_its_owner_and_the_cases_own_officials_download(app: &TestApp) {
    let service = attestation();
    let applicant = app.with_new_client();
    json::<MeResponse>(
        applicant
            .sign_in_with_eds(&person(DemoRole::Applicant, 2))
            .await,
    )
    .await;
    // A file that is both a PDF and an HTML page.
    let polyglot =
        b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n".to_vec();
    let variant = service.variant("attestation").unwrap();
    let slot = variant
        .fields
        .iter()
        .find(|f| matches!(f.kind, domain::catalogue::FieldKind::File { .. }))
        .unwrap();
    let att: AttachmentResponse = json(
        applicant
            .upload_for_version(
                &service.code,
                Some(service.version),
                &variant.code,
                &slot.key,
                "отчёт \"1\".pdf",
                polyglot,
            )
            .await,
    )
    .await;
    let r = applicant.get(&format!("/api/attachments/{}", att.id)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.starts_with("sandbox"), "{csp}");
    let disposition = r.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\""),
        "{disposition}"
    );
    assert!(disposition.is_ascii());
    assert!(!disposition[..disposition.find("filename*").unwrap()].contains("\"1\""));

    // The officials of the case's body: nothing before the request is submitted.
    let astana = app.with_new_client();
    astana.sign_in_staff("officer-ter-ast").await;
    let karaganda = app.with_new_client();
    karaganda.sign_in_staff("officer-ter").await;
    let mut values = crate::services::complete_form(&applicant, &service, variant).await;
    values.insert(slot.key.clone(), att.id.clone());
    let created: ApplicationResponse = json(
        applicant
            .post(
                "/api/applications",
                &CreateApplicationRequest {
                    service_code: service.code.clone(),
                    service_version: Some(service.version),
                    variant: variant.code.clone(),
                    values,
                    lang: None,
                    sms_consent: false,
                },
            )
            .await,
    )
    .await;
    let path = format!("/api/attachments/{}", att.id);
    for (who, name) in [(&astana, "Astana"), (&karaganda, "Karaganda")] {
        assert_eq!(who.get(&path).await.status(), 404, "{name}, unsubmitted");
    }
    // Submitted: the Astana body's officials may open the case, Karaganda's may not.
    let key = applicant.key_file(&person(DemoRole::Applicant, 2)).await;
    json::<ApplicationResponse>(
        crate::chain::sign_and_submit(&applicant, &created.case.id, &key).await,
    )
    .await;
    assert_eq!(astana.get(&path).await.status(), 200);
    assert_eq!(karaganda.get(&path).await.status(), 404);
    assert_eq!(
        karaganda
            .get(&format!("/api/officer/cases/{}", created.case.id))
            .await
            .status(),
        404
    );
}
crate::on_both_stores!(an_attachment_is_data_only_its_owner_and_the_cases_own_officials_download);

async fn uploads_have_a_quota_and_orphans_are_cleared_after_a_day(app: &TestApp) {
    json::<MeResponse>(app.sign_in_with_eds(&person(DemoRole::Applicant, 0)).await).await;
    let kept: AttachmentResponse = json(
        app.upload("qualification_certificate_scan", "kept.pdf", pdf_bytes())
            .await,
    )
    .await;
    // In a draft: kept whatever its age.
    let mut draft = domain::form::FormValues::new();
    draft.insert("qualification_certificate_scan".into(), kept.id.clone());
    assert_eq!(
        app.put(
            "/api/drafts/FOR-LIC/issue",
            &SaveDraftRequest {
                service_version: None,
                values: draft,
            },
        )
        .await
        .status(),
        200
    );
    let mut other = pdf_bytes();
    other.extend_from_slice(b"% another\n");
    let orphan: AttachmentResponse = json(
        app.upload("qualification_certificate_scan", "left.pdf", other)
            .await,
    )
    .await;
    // Two days old, both.
    sqlx::query("UPDATE attachments SET created_at = '2020-01-01T00:00:00.000000Z'")
        .execute(&app.state.db)
        .await
        .unwrap();
    let removed = server::uploads::remove_orphans(&app.state, server::db::unix_now())
        .await
        .unwrap();
    assert_eq!(removed, 1);
    assert_eq!(
        app.get(&format!("/api/attachments/{}", orphan.id))
            .await
            .status(),
        404
    );
    assert!(app.state.documents.get(&orphan.sha256).await.is_err());
    assert_eq!(
        app.get(&format!("/api/attachments/{}", kept.id))
            .await
            .status(),
        200
    );

    // The quota: a person keeps at most so many files.
    for i in 0..server::uploads::MAX_FILES {
        sqlx::query(
            "INSERT INTO attachments (id, owner_id, service_code, slot, filename, content_type, size, sha256, created_at) \
             SELECT id || $2, owner_id, service_code, slot, filename, content_type, size, sha256, created_at \
             FROM attachments WHERE id = $1",
        )
        .bind(&kept.id)
        .bind(format!("-{i}"))
        .execute(&app.state.db)
        .await
        .unwrap();
    }
    let e = api_error(
        app.upload(
            "qualification_certificate_scan",
            "one-more.pdf",
            pdf_bytes(),
        )
        .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::UploadQuotaExceeded);
}
crate::on_both_stores!(uploads_have_a_quota_and_orphans_are_cleared_after_a_day);

/// The revocation list is kept between checks, and when the kept one is past its nextUpdate
/// and the authority cannot be reached, nothing is accepted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_revocation_list_is_kept_and_fails_closed_when_stale_and_unreachable() {
    let app = TestApp::spawn_with(Store::Sqlite, |c| c.crl_max_age_seconds = 3600)
        .await
        .unwrap();
    let me = person(DemoRole::Applicant, 0);
    let downloads = || {
        app.sandbox()
            .crl_downloads
            .load(std::sync::atomic::Ordering::SeqCst)
    };
    for _ in 0..3 {
        json::<MeResponse>(app.with_new_client().sign_in_with_eds(&me).await).await;
    }
    assert_eq!(downloads(), 1, "one download for three signatures");
    // The authority goes away: the kept list, still valid, serves.
    assert_eq!(
        app.post("/sandbox/ca/outage", &serde_json::json!({"on": true}))
            .await
            .status(),
        204
    );
    json::<MeResponse>(app.with_new_client().sign_in_with_eds(&me).await).await;
    assert_eq!(downloads(), 1);
    // Past its nextUpdate (two days on) with the authority away: unknown, so refused.
    let issuer = server::pki::pem_certificates(app.sandbox().ca.issuing_pem())
        .into_iter()
        .next()
        .unwrap();
    let later = server::db::unix_now() + 2 * 24 * 60 * 60;
    assert!(app
        .state
        .revocation
        .check(&issuer, "01", later)
        .await
        .is_err());
    app.cleanup().await;
}

async fn every_answer_has_a_request_id_and_the_probes_answer(app: &TestApp) {
    let r = app.get("/api/no-such-thing").await;
    let id = r.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(!id.is_empty());
    let e: domain::ApiError = json(r).await;
    assert_eq!(e.request_id.as_deref(), Some(id.as_str()));
    // A proxy's id is kept.
    let r = app
        .client
        .get(format!("{}/api/services", app.url))
        .header("x-request-id", "proxy-42")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"], "proxy-42");

    assert_eq!(app.get("/healthz").await.status(), 200);
    let ready: serde_json::Value = json(app.get("/readyz").await).await;
    assert_eq!(ready["status"], "ready");
    // Metrics are not public without a token configured.
    assert_eq!(app.get("/metrics").await.status(), 404);
}
crate::on_both_stores!(every_answer_has_a_request_id_and_the_probes_answer);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_requests_by_route_for_the_holder_of_the_token() {
    let app = TestApp::spawn_with(Store::Sqlite, |c| {
        c.metrics_token = Some("s3cret-token".into())
    })
    .await
    .unwrap();
    for _ in 0..3 {
        app.get("/api/services").await;
    }
    assert_eq!(app.get("/metrics").await.status(), 401);
    let r = app
        .client
        .get(format!("{}/metrics", app.url))
        .bearer_auth("s3cret-token")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    assert!(
        text.contains(
            "portal_http_requests_total{method=\"GET\",route=\"/api/services\",status=\"200\"} 3"
        ),
        "{text}"
    );
    assert!(text.contains("portal_http_request_duration_seconds_bucket"));
    assert!(text.contains("portal_outbox_backlog 0"));
    assert!(text.contains("portal_steps_overdue 0"));
    app.cleanup().await;
}

async fn mail_that_cannot_be_delivered_is_retried_then_given_up_and_support_sees_it(app: &TestApp) {
    let submitted = crate::chain::submitted_application(app).await;
    let number = submitted.case.number.clone().unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let nowhere = server::integrations::mail::Transport::Smtp(format!(
        "smtp://{}",
        closed.local_addr().unwrap()
    ));
    drop(closed);
    server::notify::deliver_pending(&app.state, &nowhere)
        .await
        .unwrap();
    let support = app.with_new_client();
    json::<MeResponse>(support.sign_in_staff("support").await).await;
    let found: SupportSearchResponse = json(
        support
            .get(&format!("/api/support/search?q={number}"))
            .await,
    )
    .await;
    assert!(!found.mail.is_empty());
    assert!(found
        .mail
        .iter()
        .all(|m| m.state == DeliveryState::Waiting && m.attempts == 1 && m.last_error.is_some()));
    // Two days of failures later, the next failure gives up.
    sqlx::query(
        "UPDATE outbox SET created_at = '2020-01-01T00:00:00.000000Z', next_attempt_at = NULL",
    )
    .execute(&app.state.db)
    .await
    .unwrap();
    server::notify::deliver_pending(&app.state, &nowhere)
        .await
        .unwrap();
    let found: SupportSearchResponse = json(
        support
            .get(&format!("/api/support/search?q={number}"))
            .await,
    )
    .await;
    assert!(found.mail.iter().all(|m| m.state == DeliveryState::Failed));
    // Given up: not tried again.
    assert_eq!(
        server::notify::deliver_pending(&app.state, &nowhere)
            .await
            .unwrap(),
        0
    );
    let attempts: i64 = sqlx::query_scalar("SELECT MAX(attempts) FROM outbox")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(attempts, 2);
}
crate::on_both_stores!(mail_that_cannot_be_delivered_is_retried_then_given_up_and_support_sees_it);
