//! The joints of the house: the case's state machine guards every status change, errors keep
//! the API's shape whatever rejected the request, and a portal started without practice mode
//! has no sandbox and no demo staff.

use crate::helpers::*;
use base64::Engine;
use domain::api::*;
use domain::case::CaseStatus;
use domain::ErrorCode;
use server::db::applications::{transition, TransitionError};
use server::sandbox::people::DemoRole;

async fn a_move_the_state_machine_forbids_is_refused_and_changes_nothing(app: &TestApp) {
    json::<MeResponse>(app.sign_in_with_eds(&person(DemoRole::Applicant, 0)).await).await;
    let upload: AttachmentResponse = json(
        app.upload("qualification_certificate_scan", "c.pdf", pdf_bytes())
            .await,
    )
    .await;
    let created = create_application(app, "FOR-LIC", "issue", valid_form(&upload.id)).await;
    let id = created.case.id;
    assert_eq!(created.case.status, CaseStatus::AwaitingPayment);

    let db = &app.state.db;
    // Skipping payment and signature, and deciding an undecided case twice over, are refused
    // before the database is touched.
    for (from, to) in [
        (CaseStatus::AwaitingPayment, CaseStatus::Submitted),
        (CaseStatus::AwaitingPayment, CaseStatus::Approved),
        (CaseStatus::Approved, CaseStatus::Refused),
        (CaseStatus::Refused, CaseStatus::Submitted),
    ] {
        match transition(db, &id, from, to).await {
            Err(TransitionError::Forbidden { from: f, to: t }) => {
                assert_eq!((f, t), (from, to))
            }
            other => panic!("{from:?} -> {to:?}: {other:?}"),
        }
    }
    // An allowed move from a status the case is not in changes nothing either.
    assert!(
        !transition(db, &id, CaseStatus::Paid, CaseStatus::Submitted)
            .await
            .unwrap()
    );
    let now: ApplicationResponse = json(app.get(&format!("/api/applications/{id}")).await).await;
    assert_eq!(now.case.status, CaseStatus::AwaitingPayment);
    // The allowed move from where it is goes through.
    assert!(
        transition(db, &id, CaseStatus::AwaitingPayment, CaseStatus::Paid)
            .await
            .unwrap()
    );
}
crate::on_both_stores!(a_move_the_state_machine_forbids_is_refused_and_changes_nothing);

async fn every_api_error_has_the_apis_shape_in_the_users_language(app: &TestApp) {
    // An unknown API path is the API's "not found", not the app's page.
    let r = app.get_lang("/api/no-such-thing", "kk").await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    let e: domain::ApiError = json(r).await;
    assert_eq!(e.code, ErrorCode::NotFound);
    assert_eq!(e.message, ErrorCode::NotFound.message(domain::Lang::Kk));

    // A known path asked with a method it does not take.
    let r = app.get_lang("/api/auth/sign-out", "en").await;
    assert_eq!(r.status(), 405);
    let e: domain::ApiError = json(r).await;
    assert_eq!(e.code, ErrorCode::MethodNotAllowed);
    assert_eq!(
        e.message,
        ErrorCode::MethodNotAllowed.message(domain::Lang::En)
    );

    // A query string that does not parse.
    json::<MeResponse>(app.sign_in_staff("support").await).await;
    let e = api_error(app.get_lang("/api/support/search", "ru").await).await;
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert_eq!(e.message, ErrorCode::BadRequest.message(domain::Lang::Ru));
    let e = api_error(app.get("/api/services/FOR-LIC?version=not-a-number").await).await;
    assert_eq!(e.code, ErrorCode::BadRequest);

    // A body over the upload limit is refused by a layer, still in the API's shape. One byte
    // over: the server has read the whole body when it refuses it, so the answer arrives (a
    // larger body is refused with its tail unsent, and the closed connection can beat the
    // answer to the client).
    let applicant = app.with_new_client();
    json::<MeResponse>(
        applicant
            .sign_in_with_eds(&person(DemoRole::Applicant, 0))
            .await,
    )
    .await;
    let r = applicant
        .upload(
            "qualification_certificate_scan",
            "big.pdf",
            vec![b'%'; server::routes::attachments::MAX_UPLOAD + 1],
        )
        .await;
    assert_eq!(r.status(), 413);
    let e: domain::ApiError = json(r).await;
    assert_eq!(e.code, ErrorCode::PayloadTooLarge);
}
crate::on_both_stores!(every_api_error_has_the_apis_shape_in_the_users_language);

/// A portal started without practice mode, pointed at real systems (here another portal's
/// sandbox, over HTTP, as a real deployment points at the national ones): no sandbox routes,
/// no demo staff, and applicants still sign in with keys of the trusted authority.
async fn without_practice_mode_there_is_no_sandbox_and_no_demo_staff(systems: &TestApp) {
    let root = std::env::temp_dir().join(format!("portal-anchors-{}", server::db::new_id()));
    std::fs::write(&root, systems.sandbox().ca.root_pem()).unwrap();
    let gateway_key =
        base64::engine::general_purpose::STANDARD.encode(systems.sandbox().gateway.public_key());
    let base = systems.url.clone();
    let portal = TestApp::spawn_with(Store::Sqlite, |c| {
        c.sandbox = false;
        c.demo = true;
        c.public_url = Some("https://elicense.example.kz".into());
        c.trust_anchors = Some(root.clone());
        c.crl_url = Some(format!("{base}/sandbox/ca/crl"));
        c.gateway_url = Some(format!("{base}/sandbox/gateway"));
        c.gateway_public_key = Some(gateway_key);
        c.registry_url = Some(format!("{base}/sandbox/registries"));
    })
    .await
    .unwrap();

    for path in ["/sandbox", "/sandbox/ca/root.pem", "/sandbox/ca/keys/x.p12"] {
        assert_eq!(portal.get(path).await.status(), 404, "{path}");
    }
    let config: PortalConfigResponse = json(portal.get("/api/config").await).await;
    assert!(!config.sandbox);
    // The demo logins do not exist, whatever DEMO says.
    let e = api_error(portal.sign_in_staff("officer").await).await;
    assert_eq!(e.code, ErrorCode::WrongPassword);
    // A key of the trusted authority still signs in.
    let key = systems.auth_key_file(&person(DemoRole::Applicant, 0)).await;
    json::<MeResponse>(portal.sign_in_with_key_file(&key).await).await;
    portal.cleanup().await;
    let _ = std::fs::remove_file(root);
}
crate::on_both_stores!(without_practice_mode_there_is_no_sandbox_and_no_demo_staff);

#[tokio::test]
async fn a_portal_without_practice_mode_and_settings_refuses_to_start_and_names_them() {
    let dir = std::env::temp_dir().join(format!("portal-bare-{}", server::db::new_id()));
    let mut config = server::config::Config::for_tests(dir.clone(), None);
    config.sandbox = false;
    let error = match server::Application::build(config).await {
        Ok(_) => panic!("started without its settings"),
        Err(e) => e.to_string(),
    };
    for name in [
        "PUBLIC_URL",
        "TRUST_ANCHORS",
        "CRL_URL",
        "GATEWAY_URL",
        "GATEWAY_PUBLIC_KEY",
        "REGISTRY_URL",
    ] {
        assert!(error.contains(name), "{error}");
    }
    // Nothing was made on the way.
    assert!(!dir.join("portal.db").exists());
}

#[test]
fn the_servers_defaults_are_productions() {
    // Only explicit settings turn practice mode and the demo people on.
    let config = server::config::Config::from_lookup(|_| None);
    assert!(!config.sandbox);
    assert!(!config.demo);
    let on = server::config::Config::from_lookup(|name| {
        matches!(name, "SANDBOX" | "DEMO").then(|| "on".to_owned())
    });
    assert!(on.sandbox && on.demo);
    let off = server::config::Config::from_lookup(|name| (name == "SANDBOX").then(|| "off".into()));
    assert!(!off.sandbox);
}
