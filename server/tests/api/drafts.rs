//! Drafts are kept on the server: resumable on another device, private to their owner,
//! deleted on request or when the application is made.

use crate::helpers::*;
use domain::api::*;
use domain::ErrorCode;
use server::sandbox::people::DemoRole;

fn partial() -> SaveDraftRequest {
    SaveDraftRequest {
        service_version: None,
        values: [
            ("examination_type", "forensic_psychiatric"),
            ("education", "Қарағанды медицина университеті"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect(),
    }
}

async fn a_draft_follows_its_owner_and_no_one_else(app: &TestApp) {
    let me = person(DemoRole::Applicant, 0);
    json::<MeResponse>(app.sign_in_with_eds(&me).await).await;
    let path = "/api/drafts/FOR-LIC/issue";
    assert_eq!(app.get(path).await.status(), 404);
    let saved: DraftView = json(app.put(path, &partial()).await).await;
    assert_eq!(saved.values, partial().values);
    assert_eq!(saved.service_version, 2018);
    // Typing on: the same draft is updated, not a second one made.
    let mut more = partial();
    more.values.insert("phone".into(), "+7 701".into());
    json::<DraftView>(app.put(path, &more).await).await;
    let mine: Vec<DraftView> = json(app.get("/api/drafts").await).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].values, more.values);
    assert_eq!(mine[0].variant_name.en, "Issue of a licence");

    // Another device: a new session of the same person finds it.
    let other_device = app.with_new_client();
    json::<MeResponse>(other_device.sign_in_with_eds(&me).await).await;
    let resumed: DraftView = json(other_device.get(path).await).await;
    assert_eq!(resumed.values, more.values);

    // A file attached to the draft comes back with it, so the resumed form shows it.
    let att: AttachmentResponse = json(
        app.upload_for(
            "FOR-LIC",
            "issue",
            "qualification_certificate_scan",
            "certificate.pdf",
            pdf_bytes(),
        )
        .await,
    )
    .await;
    more.values
        .insert("qualification_certificate_scan".into(), att.id.clone());
    json::<DraftView>(app.put(path, &more).await).await;
    let resumed: DraftView = json(other_device.get(path).await).await;
    assert_eq!(resumed.attachments.len(), 1);
    assert_eq!(resumed.attachments[0].id, att.id);
    assert_eq!(resumed.attachments[0].filename, "certificate.pdf");

    // Someone else sees nothing and cannot delete it.
    let stranger = app.with_new_client();
    json::<MeResponse>(
        stranger
            .sign_in_with_eds(&person(DemoRole::Applicant, 1))
            .await,
    )
    .await;
    assert!(json::<Vec<DraftView>>(stranger.get("/api/drafts").await)
        .await
        .is_empty());
    assert_eq!(stranger.get(path).await.status(), 404);
    assert_eq!(stranger.delete(path).await.status(), 404);
    // Naming another's file in one's own draft reveals nothing about it.
    let mut borrowed = partial();
    borrowed
        .values
        .insert("qualification_certificate_scan".into(), att.id.clone());
    let theirs: DraftView = json(stranger.put(path, &borrowed).await).await;
    assert!(theirs.attachments.is_empty());
    assert!(stranger.delete(path).await.status().is_success());
    // Without a session, nothing at all.
    assert_eq!(app.with_new_client().get("/api/drafts").await.status(), 401);

    // Fields the form does not have are refused and change nothing.
    let mut odd = partial();
    odd.values.insert("admin".into(), "true".into());
    let e = api_error(app.put(path, &odd).await).await;
    assert_eq!(e.code, ErrorCode::BadRequest);
    let kept: DraftView = json(app.get(path).await).await;
    assert_eq!(kept.values, more.values);

    // Deleted on request.
    assert!(app.delete(path).await.status().is_success());
    assert_eq!(app.get(path).await.status(), 404);
}
crate::on_both_stores!(a_draft_follows_its_owner_and_no_one_else);

async fn making_the_application_removes_its_draft(app: &TestApp) {
    json::<MeResponse>(app.sign_in_with_eds(&person(DemoRole::Applicant, 0)).await).await;
    json::<DraftView>(app.put("/api/drafts/FOR-LIC/issue", &partial()).await).await;
    crate::chain::forensic_application(app).await;
    assert!(json::<Vec<DraftView>>(app.get("/api/drafts").await)
        .await
        .is_empty());
}
crate::on_both_stores!(making_the_application_removes_its_draft);

/// The crash run: the form's last autosave racing the application being made from it, over
/// and over (`DRAFT_RACE_ROUNDS`, 40 by default). A save either succeeds or answers a clear
/// conflict; nothing answers 500.
async fn a_draft_saved_while_its_application_is_made_never_fails(app: &TestApp) {
    json::<MeResponse>(app.sign_in_with_eds(&person(DemoRole::Applicant, 0)).await).await;
    let rounds: usize = std::env::var("DRAFT_RACE_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(40);
    let mut failures = Vec::new();
    for _ in 0..rounds {
        let att: AttachmentResponse = json(
            app.upload("qualification_certificate_scan", "c.pdf", pdf_bytes())
                .await,
        )
        .await;
        let values = valid_form(&att.id);
        let save = SaveDraftRequest {
            service_version: None,
            values: values.clone(),
        };
        let create = CreateApplicationRequest {
            service_code: "FOR-LIC".into(),
            service_version: None,
            variant: "issue".into(),
            values,
            lang: None,
            sms_consent: false,
        };
        let (saved, created) = tokio::join!(
            app.put("/api/drafts/FOR-LIC/issue", &save),
            app.post("/api/applications", &create)
        );
        for status in [saved.status(), created.status()] {
            if status.is_server_error() {
                failures.push(status);
            }
        }
        if saved.status().is_server_error() || created.status().is_server_error() {
            continue;
        }
        assert!(
            matches!(saved.status().as_u16(), 200 | 409),
            "{}",
            saved.status()
        );
        assert_eq!(created.status(), 200);
    }
    eprintln!(
        "draft race: {rounds} rounds, {} answers 5xx",
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:?}");
}
crate::on_both_stores!(a_draft_saved_while_its_application_is_made_never_fails);
