//! Every endpoint checks who is asking and whether they may see or touch the object.

use crate::chain::submitted_application;
use crate::helpers::*;
use domain::api::*;
use domain::ErrorCode;
use server::sandbox::people::{self, DemoRole};

async fn nobody_sees_a_case_that_is_not_theirs(app: &TestApp) {
    let submitted = submitted_application(app).await;
    let id = submitted.case.id.clone();

    // Not signed in.
    let anonymous = app.with_new_client();
    assert_eq!(
        anonymous
            .get(&format!("/api/applications/{id}"))
            .await
            .status(),
        401
    );
    assert_eq!(anonymous.get("/api/officer/cases").await.status(), 401);

    // Another applicant: not found, so nothing is revealed.
    let other = app.with_new_client();
    json::<MeResponse>(
        other
            .sign_in_with_eds(&person(DemoRole::Applicant, 1))
            .await,
    )
    .await;
    assert_eq!(
        other.get(&format!("/api/applications/{id}")).await.status(),
        404
    );
    assert_eq!(
        other
            .get(&format!("/api/applications/{id}/signing-payload"))
            .await
            .status(),
        404
    );
    assert_eq!(
        other
            .get(&format!("/api/attachments/{}", submitted.attachments[0].id))
            .await
            .status(),
        404
    );
    assert_eq!(other.get("/api/support/search?q=1").await.status(), 403);
    assert_eq!(other.get("/api/officer/cases").await.status(), 403);

    // Support reads the applicant-visible projection only and cannot act.
    let support = app.with_new_client();
    support.sign_in_staff("support").await;
    assert_eq!(
        support
            .get(&format!("/api/officer/cases/{id}"))
            .await
            .status(),
        403
    );
    assert_eq!(
        support
            .get(&format!("/api/applications/{id}"))
            .await
            .status(),
        403
    );
    assert_eq!(
        support
            .get(&format!("/api/attachments/{}", submitted.attachments[0].id))
            .await
            .status(),
        404
    );
    let e = api_error(
        support
            .post(
                &format!("/api/officer/cases/{id}/refuse"),
                &RefuseApplicationRequest {
                    grounds: "x".repeat(20),
                    cms_b64: None,
                },
            )
            .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::Forbidden);

    // An officer of another provider sees neither the queue entry nor the case.
    sqlx::query("INSERT INTO users (id, role, iin, login, password_hash, full_name, provider, created_at) SELECT 'other-officer', 'officer', iin, 'other', password_hash, 'Other provider officer', 'OTHER', created_at FROM users WHERE login = 'officer'")
        .execute(&app.state.db)
        .await
        .unwrap();
    let foreign = app.with_new_client();
    json::<MeResponse>(foreign.sign_in_staff("other").await).await;
    let queue = whole_queue(&foreign).await;
    assert!(queue.is_empty());
    assert_eq!(
        foreign
            .get(&format!("/api/officer/cases/{id}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        foreign
            .post(&format!("/api/officer/cases/{id}/licence-draft"), &())
            .await
            .status(),
        404
    );
}
crate::on_both_stores!(nobody_sees_a_case_that_is_not_theirs);

async fn state_changes_need_the_app_header_and_a_session_ends_at_sign_out(app: &TestApp) {
    json::<MeResponse>(app.sign_in_with_eds(&person(DemoRole::Applicant, 0)).await).await;
    // A cross-site form cannot add the header.
    let r = app
        .client
        .post(format!("{}/api/applications", app.url))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(app.get("/api/me").await.status().is_success());
    app.post("/api/auth/sign-out", &()).await;
    assert_eq!(app.get("/api/me").await.status(), 401);
}
crate::on_both_stores!(state_changes_need_the_app_header_and_a_session_ends_at_sign_out);

async fn a_wrong_password_is_refused(app: &TestApp) {
    let r = app
        .post(
            "/api/auth/password",
            &SignInWithPasswordRequest {
                login: "officer".into(),
                password: "guess".into(),
            },
        )
        .await;
    assert_eq!(api_error(r).await.code, ErrorCode::WrongPassword);
    assert_eq!(app.get("/api/me").await.status(), 401);
}
crate::on_both_stores!(a_wrong_password_is_refused);

async fn attempt(app: &TestApp, password: &str) -> reqwest::Response {
    let request = SignInWithPasswordRequest {
        login: "support".into(),
        password: password.into(),
    };
    app.post("/api/auth/password", &request).await
}

async fn repeated_wrong_passwords_lock_the_login_for_a_while(app: &TestApp) {
    for _ in 0..5 {
        assert_eq!(
            api_error(attempt(app, "guess").await).await.code,
            ErrorCode::WrongPassword
        );
    }
    // Even the right password is refused now, and the message says why.
    let e = api_error(attempt(app, people::DEMO_PASSWORD).await).await;
    assert_eq!(e.code, ErrorCode::TooManyAttempts);
    assert_eq!(app.get("/api/me").await.status(), 401);
    // Another login is not affected.
    assert!(app.sign_in_staff("officer").await.status().is_success());
}
crate::on_both_stores!(repeated_wrong_passwords_lock_the_login_for_a_while);

async fn parallel_wrong_passwords_are_counted_exactly(app: &TestApp) {
    // Twenty wrong passwords at once: five are checked (and refused as wrong), the other
    // fifteen wait, however they interleave.
    let tries = (0..20).map(|_| {
        let client = app.with_new_client();
        async move { attempt(&client, "not-the-password").await.status().as_u16() }
    });
    let statuses = futures_util::future::join_all(tries).await;
    let wrong = statuses.iter().filter(|s| **s == 401).count();
    let waiting = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((wrong, waiting), (5, 15), "{statuses:?}");
    // And the right password waits too, until the window passes.
    let e = api_error(app.sign_in_staff("support").await).await;
    assert_eq!(e.code, ErrorCode::TooManyAttempts);
}
crate::on_both_stores!(parallel_wrong_passwords_are_counted_exactly);
