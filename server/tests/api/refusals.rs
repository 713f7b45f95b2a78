//! Bad input and failed checks: each gets the regulations' message and changes nothing.

use crate::chain::applicant_with_application;
use crate::helpers::*;
use domain::api::*;
use domain::case::CaseStatus;
use domain::licence::{DocumentKind, RefusalReason};
use domain::ErrorCode;
use server::sandbox::people::DemoRole;

async fn status_of(app: &TestApp, id: &str) -> CaseStatus {
    json::<ApplicationResponse>(app.get(&format!("/api/applications/{id}")).await)
        .await
        .case
        .status
}

async fn an_unpaid_request_is_refused_with_the_regulation_message(app: &TestApp) {
    let created = applicant_with_application(app).await;
    let id = created.case.id;
    let r = app
        .get_lang(&format!("/api/applications/{id}/signing-payload"), "kk")
        .await;
    assert_eq!(r.status(), 402);
    let e = api_error(r).await;
    assert_eq!(e.code, ErrorCode::PaymentNotFound);
    assert!(e.message.contains("төлемнің болмауына"), "{}", e.message);
    // Signing anyway changes nothing either.
    let key = app.key_file(&person(DemoRole::Applicant, 0)).await;
    let e = api_error(
        app.post(
            &format!("/api/applications/{id}/submit"),
            &sign(&key, b"anything"),
        )
        .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::PaymentNotFound);
    assert_eq!(status_of(app, &id).await, CaseStatus::AwaitingPayment);
}
crate::on_both_stores!(an_unpaid_request_is_refused_with_the_regulation_message);

async fn a_callback_not_signed_by_the_gateway_is_ignored(app: &TestApp) {
    let created = applicant_with_application(app).await;
    let id = created.case.id;
    let start: StartPaymentResponse = json(
        app.post(&format!("/api/applications/{id}/payment"), &())
            .await,
    )
    .await;
    let gateway_id = start.redirect_url.rsplit('/').next().unwrap().to_owned();
    let payment_ref =
        sqlx::query_scalar::<_, String>("SELECT id FROM payments WHERE gateway_payment_id = $1")
            .bind(&gateway_id)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    let body = serde_json::json!({"payment_id": gateway_id, "order_id": payment_ref, "amount_tenge": created.fee_tenge, "status": "paid", "at": "2026-11-22T00:00:00Z"});
    // The browser (or anyone) claiming payment, with a made-up signature.
    let r = app
        .client
        .post(format!("{}/api/payments/callback", app.url))
        .header("x-gateway-signature", "AAAA")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Coming back from the gateway without paying does not count either.
    app.get(&format!("/applications/{id}?payment=return")).await;
    assert_eq!(status_of(app, &id).await, CaseStatus::AwaitingPayment);
}
crate::on_both_stores!(a_callback_not_signed_by_the_gateway_is_ignored);

async fn an_invalid_form_names_each_field_in_the_users_language_and_stores_nothing(app: &TestApp) {
    json::<MeResponse>(app.sign_in_with_eds(&person(DemoRole::Applicant, 0)).await).await;
    let mut values = valid_form("no-such-attachment");
    values.remove("education");
    values.insert("email".into(), "nope".into());
    let r = app
        .post_lang(
            "/api/applications",
            &CreateApplicationRequest {
                service_code: "FOR-LIC".into(),
                service_version: None,
                variant: "issue".into(),
                values,
                lang: None,
                sms_consent: false,
            },
            "en",
        )
        .await;
    assert_eq!(r.status(), 422);
    let e: domain::ApiError = json(r).await;
    assert_eq!(e.code, ErrorCode::ValidationFailed);
    let fields: Vec<_> = e
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.message.as_str()))
        .collect();
    assert!(
        fields.contains(&("education", "This field is required.")),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("email", "Enter an address like name@example.kz.")),
        "{fields:?}"
    );
    assert!(fields
        .iter()
        .any(|(f, _)| *f == "qualification_certificate_scan"));
    let mine = whole_cabinet(app).await;
    assert!(mine.is_empty());
}
crate::on_both_stores!(an_invalid_form_names_each_field_in_the_users_language_and_stores_nothing);

async fn attachments_are_judged_by_content_and_size(app: &TestApp) {
    json::<MeResponse>(app.sign_in_with_eds(&person(DemoRole::Applicant, 0)).await).await;
    // A program renamed to .pdf.
    let e = api_error(
        app.upload(
            "qualification_certificate_scan",
            "scan.pdf",
            b"MZ\x90\x00program".to_vec(),
        )
        .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::UnsupportedFileType);
    // Over the slot's 10 MB.
    let mut big = pdf_bytes();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let e = api_error(
        app.upload("qualification_certificate_scan", "big.pdf", big)
            .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::PayloadTooLarge);
    // A PNG is fine.
    let png = [
        &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        b"rest",
    ]
    .concat();
    let ok: AttachmentResponse = json(
        app.upload("qualification_certificate_scan", "scan.png", png)
            .await,
    )
    .await;
    assert_eq!(ok.content_type, "image/png");
}
crate::on_both_stores!(attachments_are_judged_by_content_and_size);

async fn a_refusal_needs_grounds_and_one_decision_only_stands(app: &TestApp) {
    let submitted = crate::chain::submitted_application(app).await;
    let id = submitted.case.id;
    let officer = app.with_new_client();
    officer.sign_in_staff("officer").await;
    // At registration there is nothing to refuse: the step has no refusal.
    let e = api_error(
        officer
            .post(
                &format!("/api/officer/cases/{id}/refuse"),
                &RefuseApplicationRequest {
                    grounds: "Не соответствует п. 10 Стандарта".into(),
                    cms_b64: None,
                },
            )
            .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::Conflict);
    // The expert prepares the refusal; the head signs it, with its grounds.
    crate::process::walk(&officer, &id, Some("review"), |s| s.step == "sign_refusal").await;
    let e = api_error(
        officer
            .post(
                &format!("/api/officer/cases/{id}/refuse"),
                &RefuseApplicationRequest {
                    grounds: " ".into(),
                    cms_b64: None,
                },
            )
            .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::ValidationFailed);
    let grounds = "Не соответствует п. 10 Стандарта: свидетельство не приложено".to_owned();
    // The refusal is an EDS-certified document: unsigned, or signed over other grounds, it
    // changes nothing.
    let e = api_error(
        officer
            .post(
                &format!("/api/officer/cases/{id}/refuse"),
                &RefuseApplicationRequest {
                    grounds: grounds.clone(),
                    cms_b64: None,
                },
            )
            .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::SignatureRequired);
    let step = crate::process::case(&officer, &id).await.step.unwrap();
    let other = crate::process::signed(
        &officer,
        &id,
        DecideRequest {
            step_id: step.id.clone(),
            outcome: "signed".into(),
            grounds: Some(format!("{grounds}, и ещё")),
            form: Default::default(),
            cms_b64: None,
        },
    )
    .await;
    let e = api_error(
        officer
            .post(
                &format!("/api/officer/cases/{id}/refuse"),
                &RefuseApplicationRequest {
                    grounds: grounds.clone(),
                    cms_b64: other.cms_b64,
                },
            )
            .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::OfficialSignatureInvalid);
    assert_eq!(status_of(app, &id).await, CaseStatus::Submitted);
    let refused: domain::case::CaseView =
        json(crate::process::refuse(&officer, &id, &grounds).await).await;
    assert_eq!(refused.status, CaseStatus::Refused);
    assert_eq!(refused.refusal_grounds.as_deref(), Some(grounds.as_str()));
    assert!(refused.refusal_signed_by.is_some());
    // The applicant reads the refusal's category and downloads it as it was signed: a PDF,
    // and the official's CMS over its exact bytes, which OpenSSL verifies.
    assert_eq!(refused.refusal_reason, Some(RefusalReason::Qualification));
    let doc = refused
        .documents
        .iter()
        .find(|d| d.kind == DocumentKind::Refusal)
        .expect("the refusal's document");
    assert_eq!(doc.grounds.as_deref(), Some(grounds.as_str()));
    assert_eq!(doc.reason, Some(RefusalReason::Qualification));
    let pdf = app
        .get(&format!("/api/documents/{}/document.pdf", doc.id))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let p7s = app
        .get(&format!("/api/documents/{}/document.p7s", doc.id))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(eds::cms::parse_detached(&p7s).unwrap().covers(&pdf));
    assert!(openssl_verifies(app, &pdf, &p7s).await);
    // Nobody else does.
    let stranger = app.with_new_client();
    json::<MeResponse>(
        stranger
            .sign_in_with_eds(&person(DemoRole::Applicant, 1))
            .await,
    )
    .await;
    for file in ["document.pdf", "document.p7s"] {
        assert_eq!(
            stranger
                .get(&format!("/api/documents/{}/{file}", doc.id))
                .await
                .status(),
            404
        );
    }
    // A second decision on the same case is refused.
    let e = api_error(
        officer
            .post(&format!("/api/officer/cases/{id}/licence-draft"), &())
            .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::Conflict);
    let mine: ApplicationResponse = json(app.get(&format!("/api/applications/{id}")).await).await;
    assert_eq!(mine.case.status, CaseStatus::Refused);
    assert_eq!(
        mine.case.history.last().unwrap().note.as_deref(),
        Some(grounds.as_str())
    );
}
crate::on_both_stores!(a_refusal_needs_grounds_and_one_decision_only_stands);

async fn an_official_cannot_sign_with_someone_elses_key(app: &TestApp) {
    let submitted = crate::chain::submitted_application(app).await;
    let id = submitted.case.id;
    let (officer, draft) = crate::chain::officer_with_licence_draft(app, &id).await;
    let applicant_key = app.key_file(&person(DemoRole::Applicant, 0)).await;
    let e = api_error(
        officer
            .post(
                &format!("/api/officer/cases/{id}/approve"),
                &sign(&applicant_key, &decode(&draft.payload_b64)),
            )
            .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::OfficialSignatureInvalid);
    let case: OfficerCaseResponse =
        json(officer.get(&format!("/api/officer/cases/{id}")).await).await;
    assert_eq!(case.case.status, CaseStatus::Submitted);
}
crate::on_both_stores!(an_official_cannot_sign_with_someone_elses_key);
