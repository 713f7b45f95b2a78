//! The whole chain for the forensic expert licence, as the browser drives it.

use crate::helpers::*;
use domain::api::*;
use domain::case::{CaseStatus, CaseView};
use server::sandbox::people::DemoRole;

/// Signs in an applicant, uploads the attachment and creates a valid application.
pub async fn applicant_with_application(app: &TestApp) -> ApplicationResponse {
    let me: MeResponse = json(app.sign_in_with_eds(&person(DemoRole::Applicant, 0)).await).await;
    assert_eq!(me.role, Role::Applicant);
    forensic_application(app).await
}

/// For a signed-in applicant: uploads the attachment and creates a valid forensic licence
/// application.
pub async fn forensic_application(app: &TestApp) -> ApplicationResponse {
    let att: AttachmentResponse = json(
        app.upload("qualification_certificate_scan", "diploma.pdf", pdf_bytes())
            .await,
    )
    .await;
    create_application(app, "FOR-LIC", "issue", valid_form(&att.id)).await
}

/// Pays on the sandbox gateway's own page, as a person would.
pub async fn pay(app: &TestApp, application_id: &str) {
    let start: StartPaymentResponse = json(
        app.post(&format!("/api/applications/{application_id}/payment"), &())
            .await,
    )
    .await;
    assert!(start.redirect_url.contains("/sandbox/gateway/pay/"));
    let page = app
        .client
        .get(&start.redirect_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Sandbox payment gateway"));
    let back = app
        .client
        .post(&start.redirect_url)
        .form(&[("action", "pay")])
        .send()
        .await
        .unwrap();
    assert!(back.status().is_redirection());
    let location = back.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.ends_with(&format!("/applications/{application_id}?payment=return")));
}

/// Signs the stored request bytes with a key file and submits.
pub async fn sign_and_submit(
    app: &TestApp,
    application_id: &str,
    key_file: &eds::KeyFile,
) -> reqwest::Response {
    let payload: SigningPayloadResponse = json(
        app.get(&format!(
            "/api/applications/{application_id}/signing-payload"
        ))
        .await,
    )
    .await;
    let signature = sign(key_file, &decode(&payload.payload_b64));
    app.post(
        &format!("/api/applications/{application_id}/submit"),
        &signature,
    )
    .await
}

/// Signs in as the demo officer and prepares the licence of a submitted case.
pub async fn officer_with_licence_draft(
    app: &TestApp,
    id: &str,
) -> (TestApp, SigningPayloadResponse) {
    let officer = app.with_new_client();
    officer.sign_in_staff("officer").await;
    to_signature(&officer, id).await;
    let draft = json(
        officer
            .post(&format!("/api/officer/cases/{id}/licence-draft"), &())
            .await,
    )
    .await;
    (officer, draft)
}

/// Walks a case through its process to the step where the official signs the licence.
pub async fn to_signature(officer: &TestApp, id: &str) {
    crate::process::walk(officer, id, None, |s| {
        s.outcomes
            .iter()
            .any(|o| o.ends.as_deref() == Some("granted"))
    })
    .await;
}

/// Creates, pays and submits; returns the submitted application.
pub async fn submitted_application(app: &TestApp) -> ApplicationResponse {
    let created = applicant_with_application(app).await;
    pay(app, &created.case.id).await;
    let key = app.key_file(&person(DemoRole::Applicant, 0)).await;
    json(sign_and_submit(app, &created.case.id, &key).await).await
}

async fn the_whole_chain_issues_a_verifiable_licence(app: &TestApp) {
    // 1. Catalogue and passport.
    let services: Vec<domain::catalogue::ServiceSummary> =
        json(app.get("/api/services").await).await;
    assert!(services.iter().any(|s| s.code == "FOR-LIC"));
    let passport: ServiceResponse = json(app.get("/api/services/FOR-LIC").await).await;
    assert_eq!(
        passport
            .definition
            .variant("issue")
            .unwrap()
            .term_working_days,
        7
    );

    // 2. Sign-in and a valid form.
    let created = applicant_with_application(app).await;
    assert_eq!(created.case.status, CaseStatus::AwaitingPayment);
    assert_eq!(
        created.fee_tenge,
        domain::money::fee_tenge(10, passport.year)
    );
    let id = created.case.id.clone();

    // 3. Payment: known from the gateway's signed callback.
    pay(app, &id).await;
    let paid: ApplicationResponse = json(app.get(&format!("/api/applications/{id}")).await).await;
    assert_eq!(paid.case.status, CaseStatus::Paid);
    assert_eq!(paid.payment.as_ref().unwrap().status, PaymentStatus::Paid);

    // 4. Signature over the canonical bytes (form, attachment hash, service, IIN, payment).
    let payload: SigningPayloadResponse = json(
        app.get(&format!("/api/applications/{id}/signing-payload"))
            .await,
    )
    .await;
    let bytes = String::from_utf8(decode(&payload.payload_b64)).unwrap();
    assert!(bytes.contains(&created.attachments[0].sha256));
    assert!(bytes.contains(&paid.payment.as_ref().unwrap().reference));
    assert!(bytes.contains(&person(DemoRole::Applicant, 0).iin.to_string()));
    let key = app.key_file(&person(DemoRole::Applicant, 0)).await;
    let submitted: ApplicationResponse = json(sign_and_submit(app, &id, &key).await).await;

    // 5. Accepted: number and expected result date in working days.
    assert_eq!(submitted.case.status, CaseStatus::Submitted);
    let number = submitted.case.number.clone().unwrap();
    assert!(number.starts_with("MOJ-"));
    let submitted_on = submitted.case.submitted_at.clone().unwrap();
    let expected =
        domain::form::parse_date(submitted.case.expected_result_date.as_deref().unwrap()).unwrap();
    let day = domain::form::parse_date(&submitted_on[..10]).unwrap();
    assert!(domain::calendar::working_days_between(day, expected) >= 7);
    assert!(domain::calendar::is_working_day(expected));

    // 6. The officer sees it in the queue and approves with the official's signature.
    let officer = app.with_new_client();
    let me: MeResponse = json(officer.sign_in_staff("officer").await).await;
    assert_eq!(me.role, Role::Officer);
    let queue = whole_queue(&officer).await;
    let item = queue.iter().find(|i| i.case.id == id).unwrap();
    // Registered: it waits at the chancellery's step, for this officer, with a deadline.
    let step = item.step.as_ref().unwrap();
    assert_eq!(step.step, "register");
    assert!(step.mine && step.due_at.is_some());
    assert_eq!(step.timing, Some(Timing::OnTime));
    let case: OfficerCaseResponse =
        json(officer.get(&format!("/api/officer/cases/{id}")).await).await;
    assert_eq!(
        case.applicant_iin,
        person(DemoRole::Applicant, 0).iin.to_string()
    );
    let summary = case.applicant_signature.clone().unwrap();
    assert_eq!(summary.signer_iin, case.applicant_iin);
    assert_eq!(summary.certificate_serial.len(), 32);
    let attachment = officer
        .get(&format!("/api/attachments/{}", case.attachments[0].id))
        .await;
    assert!(attachment.status().is_success());
    // Before the signing step the licence cannot be prepared.
    let early = officer
        .post(&format!("/api/officer/cases/{id}/licence-draft"), &())
        .await;
    assert_eq!(early.status(), 409);
    to_signature(&officer, &id).await;
    let draft: SigningPayloadResponse = json(
        officer
            .post(&format!("/api/officer/cases/{id}/licence-draft"), &())
            .await,
    )
    .await;
    let official_key = officer.key_file(&person(DemoRole::Officer, 0)).await;
    let signature = sign(&official_key, &decode(&draft.payload_b64));
    let approved: CaseView = json(
        officer
            .post(&format!("/api/officer/cases/{id}/approve"), &signature)
            .await,
    )
    .await;
    assert_eq!(approved.status, CaseStatus::Approved);

    // Each accepted signature left its evidence: certificate, signature, CRL, server time.
    let evidence: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT kind, signer_iin, crl_sha256 FROM signature_evidence WHERE object_id = $1 OR object_id IN \
         (SELECT number FROM licences WHERE application_id = $1) ORDER BY verified_at",
    )
    .bind(&id)
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    let kinds: Vec<_> = evidence
        .iter()
        .map(|e| (e.0.as_str(), e.1.clone()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("request", person(DemoRole::Applicant, 0).iin.to_string()),
            ("licence", person(DemoRole::Officer, 0).iin.to_string())
        ]
    );
    assert!(evidence.iter().all(|e| e.2.len() == 64));

    // Each change of status is in the applicant's cabinet.
    let mine: ApplicationResponse = json(app.get(&format!("/api/applications/{id}")).await).await;
    let statuses: Vec<_> = mine.case.history.iter().map(|e| e.status).collect();
    assert_eq!(
        statuses,
        vec![
            CaseStatus::AwaitingPayment,
            CaseStatus::Paid,
            CaseStatus::Submitted,
            CaseStatus::Approved
        ]
    );

    // 7. The licence PDF and its signature; the public check verifies both.
    let licence_number = mine.case.licence_number.clone().unwrap();
    let pdf = app
        .get(&format!("/api/applications/{id}/licence.pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // The official's detached CMS is over the PDF's exact bytes: OpenSSL verifies it against
    // the sandbox root, the PDF as downloaded beside it.
    let p7s = app
        .get(&format!("/api/applications/{id}/licence.p7s"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(openssl_verifies(app, &pdf, &p7s).await);
    let mut tampered = pdf.to_vec();
    let last = tampered.len() - 10;
    tampered[last] ^= 1;
    assert!(!openssl_verifies(app, &tampered, &p7s).await);
    let anonymous = app.with_new_client();
    let check: LicenceCheckResponse = json(
        anonymous
            .get(&format!("/api/public/licences/{licence_number}"))
            .await,
    )
    .await;
    assert!(check.signature_valid);
    assert_eq!(check.licence.status, LicenceStatus::Valid);
    // The holder's full name, with the patronymic the certificate carries in G= (GIVENNAME).
    let holder = person(DemoRole::Applicant, 0);
    assert_eq!(
        check.licence.holder_name,
        format!(
            "{} {} {}",
            holder.surname, holder.given_name, holder.patronymic
        )
    );

    // 8. Support sees exactly what the applicant sees.
    let support = app.with_new_client();
    json::<MeResponse>(support.sign_in_staff("support").await).await;
    for q in [
        number.clone(),
        person(DemoRole::Applicant, 0).iin.to_string(),
    ] {
        let found: SupportSearchResponse =
            json(support.get(&format!("/api/support/search?q={q}")).await).await;
        assert_eq!(found.results, vec![mine.case.clone()]);
    }
}
crate::on_both_stores!(the_whole_chain_issues_a_verifiable_licence);

async fn a_tampered_licence_document_no_longer_verifies(app: &TestApp) {
    let submitted = submitted_application(app).await;
    let id = submitted.case.id;
    let (officer, draft) = officer_with_licence_draft(app, &id).await;
    let key = officer.key_file(&person(DemoRole::Officer, 0)).await;
    let approved: CaseView = json(
        officer
            .post(
                &format!("/api/officer/cases/{id}/approve"),
                &sign(&key, &decode(&draft.payload_b64)),
            )
            .await,
    )
    .await;
    let number = approved.licence_number.unwrap();
    let check: LicenceCheckResponse =
        json(app.get(&format!("/api/public/licences/{number}")).await).await;
    assert!(check.signature_valid);
    // Someone swaps the stored signature for one over other bytes.
    let forged = sign(&key, b"something else");
    sqlx::query("UPDATE licences SET signature = $1 WHERE number = $2")
        .bind(&forged.cms_b64)
        .bind(&number)
        .execute(&app.state.db)
        .await
        .unwrap();
    let check: LicenceCheckResponse =
        json(app.get(&format!("/api/public/licences/{number}")).await).await;
    assert!(!check.signature_valid);
}
crate::on_both_stores!(a_tampered_licence_document_no_longer_verifies);
