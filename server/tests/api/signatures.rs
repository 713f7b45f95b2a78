//! The electronic-signature matrix: every way a signature can be wrong is refused with the
//! regulations' message and nothing is stored as accepted; the genuine path passes. Includes
//! forgeries that copy a genuine subject (IIN, BIN) and even the authority's names.

use crate::chain::{applicant_with_application, pay, sign_and_submit};
use crate::helpers::*;
use domain::api::*;
use domain::case::CaseStatus;
use domain::ErrorCode;
use eds::Role as KeyRole;
use rcgen::{CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, KeyPair};
use server::sandbox::ca::{KeyPurpose, SandboxCa, Subject};
use server::sandbox::people::{self, DemoPerson, DemoRole};

async fn status_of(app: &TestApp, id: &str) -> CaseStatus {
    json::<ApplicationResponse>(app.get(&format!("/api/applications/{id}")).await)
        .await
        .case
        .status
}

/// Accepted signatures on record for an object.
async fn evidence_count(app: &TestApp, kind: &str, object_id: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM signature_evidence WHERE kind = $1 AND object_id = $2")
        .bind(kind)
        .bind(object_id)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

fn subject_of(p: &DemoPerson) -> Subject {
    Subject {
        common_name: format!("{} {}", p.surname, p.given_name),
        iin: p.iin.to_string(),
        surname: Some(p.surname.into()),
        given_name: Some(p.patronymic.into()),
        company: p
            .company
            .as_ref()
            .map(|(c, _)| (c.name.to_owned(), c.bin.to_string())),
        role: p.key_role(),
    }
}

/// What a public forging tool makes: a self-signed certificate with the victim's exact
/// NCA-shaped subject, purpose and role.
fn self_signed(p: &DemoPerson) -> eds::KeyFile {
    let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    let mut dn = DistinguishedName::new();
    dn.push(
        DnType::CommonName,
        format!("{} {}", p.surname, p.given_name),
    );
    dn.push(
        DnType::CustomDnType(vec![2, 5, 4, 5]),
        format!("IIN{}", p.iin),
    );
    dn.push(DnType::CountryName, "KZ");
    params.distinguished_name = dn;
    params.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::EmailProtection,
        ExtendedKeyUsagePurpose::ClientAuth,
        ExtendedKeyUsagePurpose::Other(vec![1, 2, 398, 3, 3, 4, 1, 1]),
    ];
    let cert = params.self_signed(&key).unwrap();
    eds::KeyFile {
        certificate: cert.der().to_vec(),
        chain: vec![],
        private_key: key.serialize_der().into(),
    }
}

fn rogue_authority() -> SandboxCa {
    // Same code, same names as the sandbox's authorities, other keys: a perfect look-alike.
    SandboxCa::open(&std::env::temp_dir().join(format!("rogue-{}", server::db::new_id()))).unwrap()
}

async fn revoke(app: &TestApp, file: String) {
    let r = app
        .client
        .post(format!("{}/sandbox/ca/keys/{file}/revoke", app.url))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection());
}

async fn a_request_signature_is_refused_for_every_failed_check(app: &TestApp) {
    let created = applicant_with_application(app).await;
    let id = created.case.id;
    pay(app, &id).await;
    let ca = &app.sandbox().ca;
    let me = person(DemoRole::Applicant, 0);
    let mine = subject_of(&me);
    let rogue = rogue_authority();
    let mut employee_subject = subject_of(&me);
    employee_subject.company = Some((
        "ТОО «Басқа»".into(),
        people::survey_company().bin.to_string(),
    ));
    employee_subject.role = KeyRole::Employee;
    let company_key = issued_key(ca, &employee_subject, KeyPurpose::Signing, -1, 1);
    // My genuine practice key, then revoked (reported compromised).
    let revoked = {
        let key = app.key_file(&me).await;
        revoke(app, me.key_file_name(KeyPurpose::Signing)).await;
        key
    };

    let cases: Vec<(&str, eds::KeyFile)> = vec![
        ("self-signed with my IIN", self_signed(&me)),
        (
            "look-alike authority",
            issued_key(&rogue, &mine, KeyPurpose::Signing, -1, 1),
        ),
        (
            "expired",
            issued_key(ca, &mine, KeyPurpose::Signing, -30, -1),
        ),
        (
            "not yet valid",
            issued_key(ca, &mine, KeyPurpose::Signing, 1, 30),
        ),
        ("revoked", revoked),
        ("sign-in key used to sign", app.auth_key_file(&me).await),
        (
            "another person's key (IIN mismatch)",
            app.key_file(&person(DemoRole::Applicant, 1)).await,
        ),
        ("my company key on my own request", company_key),
    ];
    for (what, key) in cases {
        let r = sign_and_submit(app, &id, &key).await;
        let e = api_error(r).await;
        assert_eq!(e.code, ErrorCode::EdsNotConfirmed, "{what}");
        assert_eq!(status_of(app, &id).await, CaseStatus::Paid, "{what}");
        assert_eq!(evidence_count(app, "request", &id).await, 0, "{what}");
    }

    // A new genuine key, over bytes changed by one byte.
    let renew = format!(
        "{}/sandbox/ca/keys/{}/renew",
        app.url,
        me.key_file_name(KeyPurpose::Signing)
    );
    assert!(app
        .client
        .post(renew)
        .send()
        .await
        .unwrap()
        .status()
        .is_redirection());
    let genuine = app.key_file(&me).await;
    let payload: SigningPayloadResponse = json(
        app.get(&format!("/api/applications/{id}/signing-payload"))
            .await,
    )
    .await;
    let mut bytes = decode(&payload.payload_b64);
    bytes[10] ^= 1;
    let e = api_error(
        app.post(
            &format!("/api/applications/{id}/submit"),
            &sign(&genuine, &bytes),
        )
        .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::EdsNotConfirmed);
    // Bytes that are not a CMS signature at all.
    let e = api_error(
        app.post(
            &format!("/api/applications/{id}/submit"),
            &SignatureRequest {
                cms_b64: "bm90IGNtcw==".into(),
            },
        )
        .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::EdsNotConfirmed);
    assert_eq!(evidence_count(app, "request", &id).await, 0);

    // The genuine path passes, and its evidence is kept.
    let ok: ApplicationResponse = json(sign_and_submit(app, &id, &genuine).await).await;
    assert_eq!(ok.case.status, CaseStatus::Submitted);
    assert_eq!(evidence_count(app, "request", &id).await, 1);
    let (chain, crl): (String, String) = sqlx::query_as(
        "SELECT certificate_pem, crl_sha256 FROM signature_evidence WHERE kind = 'request' AND object_id = $1",
    )
    .bind(&id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(
        chain.matches("BEGIN CERTIFICATE").count(),
        2,
        "signer and issuer kept"
    );
    assert_eq!(crl.len(), 64);
}
crate::on_both_stores!(a_request_signature_is_refused_for_every_failed_check);

async fn sign_in_is_refused_for_every_failed_check(app: &TestApp) {
    let me = person(DemoRole::Applicant, 0);
    let ca = &app.sandbox().ca;
    let rogue = rogue_authority();
    let forged = issued_key(&rogue, &subject_of(&me), KeyPurpose::SignIn, -1, 1);
    let expired = issued_key(ca, &subject_of(&me), KeyPurpose::SignIn, -30, -1);
    for (what, key) in [
        ("self-signed", self_signed(&me)),
        ("look-alike authority", forged),
        ("expired", expired),
        ("signing key used to sign in", app.key_file(&me).await),
    ] {
        let e = api_error(app.sign_in_with_key_file(&key).await).await;
        assert_eq!(e.code, ErrorCode::AuthorisationRefused, "{what}");
        assert_eq!(app.get("/api/me").await.status(), 401, "{what}");
    }

    // A challenge works once, and only while it is fresh.
    let key = app.auth_key_file(&me).await;
    let challenge: ChallengeResponse = json(app.post("/api/auth/challenge", &()).await).await;
    let request = SignInWithEdsRequest {
        challenge_id: challenge.challenge_id,
        signature: sign(&key, &decode(&challenge.payload_b64)),
    };
    assert!(app
        .post("/api/auth/eds", &request)
        .await
        .status()
        .is_success());
    let replay = app.with_new_client();
    let e = api_error(replay.post("/api/auth/eds", &request).await).await;
    assert_eq!(e.code, ErrorCode::AuthorisationRefused);
    assert_eq!(replay.get("/api/me").await.status(), 401);

    let late = app.with_new_client();
    let challenge: ChallengeResponse = json(late.post("/api/auth/challenge", &()).await).await;
    sqlx::query("UPDATE challenges SET expires_at = $1 WHERE id = $2")
        .bind(server::db::unix_now() - 1)
        .bind(&challenge.challenge_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let e = api_error(
        late.post(
            "/api/auth/eds",
            &SignInWithEdsRequest {
                challenge_id: challenge.challenge_id,
                signature: sign(&key, &decode(&challenge.payload_b64)),
            },
        )
        .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::AuthorisationRefused);

    // An official signs in to their staff account with their own EDS.
    let official: MeResponse = json(
        app.with_new_client()
            .sign_in_with_eds(&person(DemoRole::Officer, 0))
            .await,
    )
    .await;
    assert_eq!(official.role, Role::Officer);
    assert_eq!(official.provider.as_deref(), Some("MOJ"));

    // A revoked sign-in key no longer signs in.
    revoke(app, me.key_file_name(KeyPurpose::SignIn)).await;
    let e = api_error(app.with_new_client().sign_in_with_eds(&me).await).await;
    assert_eq!(e.code, ErrorCode::AuthorisationRefused);
}
crate::on_both_stores!(sign_in_is_refused_for_every_failed_check);

/// A complete survey-licence form, given the uploaded information form.
fn survey_form(attachment_id: &str) -> domain::form::FormValues {
    [
        ("request_kind", "licence"),
        ("activity_subtypes", "Инженерлік-геодезиялық іздестіру"),
        ("category", "II"),
        (
            "production_base_address",
            r#"{"region":"astana","line":"Сарыарқа ауданы, Бейбітшілік к-сі, 10"}"#,
        ),
        ("phone", "+7 717 200 30 40"),
        ("email", "office@dala-survey.kz"),
        ("information_form", attachment_id),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

async fn company_application(app: &TestApp, holder: &DemoPerson) -> ApplicationResponse {
    let me: MeResponse = json(app.sign_in_with_eds(holder).await).await;
    let company = me.company.expect("a company key signs in for its company");
    assert_eq!(company.bin, people::survey_company().bin.to_string());
    let att: AttachmentResponse = json(
        app.upload_for(
            "CON-SURVEY",
            "issue",
            "information_form",
            "form.pdf",
            pdf_bytes(),
        )
        .await,
    )
    .await;
    create_application(app, "CON-SURVEY", "issue", survey_form(&att.id)).await
}

async fn a_company_request_needs_the_companys_bin_and_a_signing_role(app: &TestApp) {
    let head = company_person(KeyRole::FirstHead);
    let employee = company_person(KeyRole::Employee);
    let created = company_application(app, &head).await;
    let id = created.case.id;
    pay(app, &id).await;
    let payload: SigningPayloadResponse = json(
        app.get(&format!("/api/applications/{id}/signing-payload"))
            .await,
    )
    .await;
    assert!(payload
        .readable
        .contains(&format!("Applicant BIN: {}", people::survey_company().bin)));

    // Another company's first head, with my IIN even: BIN mismatch.
    let ca = &app.sandbox().ca;
    let mut other_company = subject_of(&head);
    other_company.company = Some((
        "«Басқа» ЖШС".into(),
        people::ministry_of_justice().bin.to_string(),
    ));
    let other_company_key = issued_key(ca, &other_company, KeyPurpose::Signing, -1, 1);
    // The head's personal key (no BIN) and an employee's company key (wrong role). The
    // employee's key carries the employee's IIN, so the head's subject is reused with the
    // employee role: the role alone is wrong.
    let mut personal = subject_of(&head);
    personal.company = None;
    personal.role = KeyRole::Individual;
    let personal_key = issued_key(ca, &personal, KeyPurpose::Signing, -1, 1);
    let mut as_employee = subject_of(&head);
    as_employee.role = KeyRole::Employee;
    let employee_role_key = issued_key(ca, &as_employee, KeyPurpose::Signing, -1, 1);
    for (what, key) in [
        ("BIN mismatch", other_company_key),
        ("no BIN (personal key)", personal_key),
        ("wrong role (employee)", employee_role_key),
        ("the employee's own key", app.key_file(&employee).await),
    ] {
        let e = api_error(sign_and_submit(app, &id, &key).await).await;
        assert_eq!(e.code, ErrorCode::EdsNotConfirmed, "{what}");
        assert_eq!(status_of(app, &id).await, CaseStatus::Paid, "{what}");
        assert_eq!(evidence_count(app, "request", &id).await, 0, "{what}");
    }

    let ok: ApplicationResponse =
        json(sign_and_submit(app, &id, &app.key_file(&head).await).await).await;
    assert_eq!(ok.case.status, CaseStatus::Submitted);
    let (bin, role): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT signer_bin, signer_role FROM signature_evidence WHERE kind = 'request' AND object_id = $1",
    )
    .bind(&id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(bin, Some(people::survey_company().bin.to_string()));
    assert_eq!(role.as_deref(), Some("first_head"));

    // The company's cabinet is not the person's: signed in with a personal key, the head does
    // not see it.
    let personal_session = app.with_new_client();
    personal_session
        .sign_in_with_key_file(&issued_key(ca, &personal, KeyPurpose::SignIn, -1, 1))
        .await;
    let mine = whole_cabinet(&personal_session).await;
    assert!(mine.is_empty());
    assert_eq!(
        personal_session
            .get(&format!("/api/applications/{id}"))
            .await
            .status(),
        404
    );
}
crate::on_both_stores!(a_company_request_needs_the_companys_bin_and_a_signing_role);

async fn a_service_for_persons_is_not_open_to_a_company_key(app: &TestApp) {
    json::<MeResponse>(
        app.sign_in_with_eds(&company_person(KeyRole::FirstHead))
            .await,
    )
    .await;
    let att: AttachmentResponse = json(
        app.upload("qualification_certificate_scan", "diploma.pdf", pdf_bytes())
            .await,
    )
    .await;
    let e = api_error(
        app.post_lang(
            "/api/applications",
            &CreateApplicationRequest {
                service_code: "FOR-LIC".into(),
                service_version: None,
                variant: "issue".into(),
                values: valid_form(&att.id),
                lang: None,
                sms_consent: false,
            },
            "kk",
        )
        .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::ApplicantTypeNotServed);
    assert!(e.message.contains("ұйымның кілтімен"), "{}", e.message);
}
crate::on_both_stores!(a_service_for_persons_is_not_open_to_a_company_key);

async fn the_preflight_tells_whether_a_key_fits_before_the_form(app: &TestApp) {
    let head = company_person(KeyRole::FirstHead);
    let employee = company_person(KeyRole::Employee);
    json::<MeResponse>(app.sign_in_with_eds(&head).await).await;
    let check = |key: eds::KeyFile| {
        let b64 = |d: &[u8]| base64::Engine::encode(&base64::engine::general_purpose::STANDARD, d);
        CheckKeyRequest {
            certificate_b64: b64(&key.certificate),
            chain_b64: key.chain.iter().map(|c| b64(c)).collect(),
            service_code: "CON-SURVEY".into(),
        }
    };
    let fits: CheckKeyResponse = json(
        app.post("/api/eds/check", &check(app.key_file(&head).await))
            .await,
    )
    .await;
    assert!(fits.fits, "{:?}", fits.problems);
    assert_eq!(fits.role.as_deref(), Some("first_head"));

    let r = app
        .post_lang(
            "/api/eds/check",
            &check(app.key_file(&employee).await),
            "ru",
        )
        .await;
    let unfit: CheckKeyResponse = json(r).await;
    assert!(!unfit.fits);
    assert!(unfit.problems.contains(&KeyProblem::RoleNotAllowed));
    assert!(unfit.problems.contains(&KeyProblem::IinMismatch));
    assert!(
        unfit
            .messages
            .iter()
            .any(|m| m.contains("первого руководителя")),
        "{:?}",
        unfit.messages
    );

    let sign_in_key: CheckKeyResponse = json(
        app.post("/api/eds/check", &check(app.auth_key_file(&head).await))
            .await,
    )
    .await;
    assert_eq!(sign_in_key.problems, vec![KeyProblem::NotForSigning]);

    revoke(app, head.key_file_name(KeyPurpose::Signing)).await;
    let revoked: CheckKeyResponse = json(
        app.post("/api/eds/check", &check(app.key_file(&head).await))
            .await,
    )
    .await;
    assert_eq!(revoked.problems, vec![KeyProblem::Revoked]);
}
crate::on_both_stores!(the_preflight_tells_whether_a_key_fits_before_the_form);

/// Speaks to the NCALayer stand-in over a WebSocket, as the portal's page does, and returns
/// the answer to one request.
async fn ncalayer(app: &TestApp, request: serde_json::Value) -> serde_json::Value {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let config: PortalConfigResponse = json(app.get("/api/config").await).await;
    assert!(
        config.ncalayer_url.starts_with("ws://"),
        "{}",
        config.ncalayer_url
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(config.ncalayer_url.as_str())
        .await
        .unwrap();
    let greeting = ws.next().await.unwrap().unwrap();
    let greeting: serde_json::Value = serde_json::from_str(greeting.to_text().unwrap()).unwrap();
    assert!(greeting["result"]["version"].is_string(), "{greeting}");
    ws.send(Message::text(request.to_string())).await.unwrap();
    let answer = ws.next().await.unwrap().unwrap();
    serde_json::from_str(answer.to_text().unwrap()).unwrap()
}

fn cades(key_type: &str, data_b64: &str) -> serde_json::Value {
    serde_json::json!({
        "module": "kz.gov.pki.knca.commonUtils",
        "method": "createCAdESFromBase64",
        "args": ["PKCS12", key_type, data_b64, false],
    })
}

async fn ncalayer_signs_in_and_signs_a_request_through_its_protocol(app: &TestApp) {
    let me = person(DemoRole::Applicant, 0);
    // Nothing plugged in: NCALayer's answer when its user cancels.
    let challenge: ChallengeResponse = json(app.post("/api/auth/challenge", &()).await).await;
    let refused = ncalayer(app, cades("AUTHENTICATION", &challenge.payload_b64)).await;
    assert_eq!(refused["code"], "500");

    // Plug my keys into the stand-in (practice mode), then sign in through it.
    let r = app
        .client
        .post(format!("{}/sandbox/ncalayer/token", app.url))
        .form(&[("iin", me.iin.to_string()), ("bin", String::new())])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection());
    let signed = ncalayer(app, cades("AUTHENTICATION", &challenge.payload_b64)).await;
    assert_eq!(signed["code"], "200", "{signed}");
    let me_response: MeResponse = json(
        app.post(
            "/api/auth/eds",
            &SignInWithEdsRequest {
                challenge_id: challenge.challenge_id,
                signature: SignatureRequest {
                    cms_b64: signed["responseObject"].as_str().unwrap().to_owned(),
                },
            },
        )
        .await,
    )
    .await;
    assert_eq!(me_response.iin.as_deref(), Some(me.iin.as_str()));

    // Sign a paid request with NCALayer's SIGNATURE key; its AUTHENTICATION key is refused.
    let created = crate::chain::forensic_application(app).await;
    let id = created.case.id;
    pay(app, &id).await;
    let payload: SigningPayloadResponse = json(
        app.get(&format!("/api/applications/{id}/signing-payload"))
            .await,
    )
    .await;
    let wrong = ncalayer(app, cades("AUTHENTICATION", &payload.payload_b64)).await;
    let e = api_error(
        app.post(
            &format!("/api/applications/{id}/submit"),
            &SignatureRequest {
                cms_b64: wrong["responseObject"].as_str().unwrap().to_owned(),
            },
        )
        .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::EdsNotConfirmed);
    let right = ncalayer(app, cades("SIGNATURE", &payload.payload_b64)).await;
    let ok: ApplicationResponse = json(
        app.post(
            &format!("/api/applications/{id}/submit"),
            &SignatureRequest {
                cms_b64: right["responseObject"].as_str().unwrap().to_owned(),
            },
        )
        .await,
    )
    .await;
    assert_eq!(ok.case.status, CaseStatus::Submitted);

    // Unknown methods and attached signatures get NCALayer-shaped errors.
    let unknown = ncalayer(
        app,
        serde_json::json!({"module": "kz.gov.pki.knca.commonUtils", "method": "nope", "args": []}),
    )
    .await;
    assert_eq!(unknown["code"], "500");
    let tokens = ncalayer(app, serde_json::json!({"module": "kz.gov.pki.knca.commonUtils", "method": "getActiveTokens", "args": []})).await;
    assert_eq!(tokens["code"], "200");
}
crate::on_both_stores!(ncalayer_signs_in_and_signs_a_request_through_its_protocol);

async fn failed_eds_sign_ins_wait_per_certificate_and_never_block_a_genuine_key(app: &TestApp) {
    let me = person(DemoRole::Applicant, 0);
    let forged = self_signed(&me);
    for attempt in 0..11 {
        let e = api_error(app.sign_in_with_key_file(&forged).await).await;
        let expected = if attempt < 10 {
            ErrorCode::AuthorisationRefused
        } else {
            // The eleventh try with the forged certificate waits.
            ErrorCode::TooManyAttempts
        };
        assert_eq!(e.code, expected, "attempt {attempt}");
    }
    // From the same address, the genuine key of a certificate with no failures of its own
    // signs in: others' failures do not hold it back.
    json::<MeResponse>(app.sign_in_with_eds(&me).await).await;
    assert_eq!(app.get("/api/me").await.status(), 200);
}
crate::on_both_stores!(failed_eds_sign_ins_wait_per_certificate_and_never_block_a_genuine_key);
