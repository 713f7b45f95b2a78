//! The providers' processes as the engine runs them: every service's case to its result and
//! to each refusal branch, one decision per step, and who may act where.

use crate::helpers::*;
use domain::api::*;
use domain::case::{CaseStatus, CaseView};
use domain::catalogue::{FieldKind, ServiceDefinition};
use domain::form::FormValues;
use domain::process::{ProcessDefinition, REFUSED};
use server::integrations::mail::Transport;
use server::sandbox::people::DemoRole;

/// Staff login whose duties cover a service's whole process.
pub fn officer_for(service: &ServiceDefinition) -> &'static str {
    match service.provider.code.as_str() {
        "MOJ" => "officer",
        "MOJ-TER" => "officer-ter-ast",
        _ => "officer-con",
    }
}

/// A valid licensing-control conclusion, typed from its schema.
fn conclusion() -> FormValues {
    let schema = domain::catalogue::builtin_forms()
        .into_iter()
        .find(|f| f.code == "licensing-control-conclusion")
        .unwrap();
    schema
        .fields
        .iter()
        .filter(|f| !matches!(f.kind, FieldKind::File { .. }))
        .map(|f| (f.key.clone(), crate::services::typed_value(&f.kind)))
        .collect()
}

pub async fn case(officer: &TestApp, id: &str) -> OfficerCaseResponse {
    json(officer.get(&format!("/api/officer/cases/{id}")).await).await
}

/// The signed-in official's own signing key.
pub async fn official_key(officer: &TestApp) -> eds::KeyFile {
    let me: MeResponse = json(officer.get("/api/me").await).await;
    let person = server::sandbox::people::people()
        .into_iter()
        .find(|p| Some(p.iin.as_str()) == me.iin.as_deref())
        .expect("a demo official");
    officer.key_file(&person).await
}

/// Signs a decision as its official: the document from `decision-draft`, then the signature.
/// One who may not take the decision gets no document: the body goes unsigned, and the
/// decision itself answers why.
pub async fn signed(officer: &TestApp, id: &str, mut body: DecideRequest) -> DecideRequest {
    let r = officer
        .post(&format!("/api/officer/cases/{id}/decision-draft"), &body)
        .await;
    if !r.status().is_success() {
        return body;
    }
    let draft: SigningPayloadResponse = json(r).await;
    let key = official_key(officer).await;
    body.cms_b64 = Some(sign(&key, &decode(&draft.payload_b64)).cms_b64);
    body
}

/// Takes an outcome at the open step (signing it where the outcome is signed).
pub async fn decide(officer: &TestApp, id: &str, outcome: &str) -> reqwest::Response {
    let now = case(officer, id).await;
    let step = now.step.expect("an open step");
    let o = step.outcomes.iter().find(|o| o.code == outcome).unwrap();
    let mut body = DecideRequest {
        step_id: step.id.clone(),
        outcome: outcome.into(),
        grounds: o
            .grounds_required
            .then(|| format!("{} — пункт 11 Стандарта", step.step)),
        form: if o.form.is_some() {
            conclusion()
        } else {
            FormValues::new()
        },
        cms_b64: None,
    };
    if o.signed {
        body = signed(officer, id, body).await;
    }
    officer
        .post(&format!("/api/officer/cases/{id}/decide"), &body)
        .await
}

/// Refuses at the open step with grounds, signing the refusal where its outcome is signed.
pub async fn refuse(officer: &TestApp, id: &str, grounds: &str) -> reqwest::Response {
    let step = case(officer, id).await.step.expect("an open step");
    let mut cms_b64 = None;
    if let Some(o) = step
        .outcomes
        .iter()
        .find(|o| o.ends.as_deref() == Some(REFUSED) && o.signed)
    {
        let body = DecideRequest {
            step_id: step.id.clone(),
            outcome: o.code.clone(),
            grounds: Some(grounds.into()),
            form: FormValues::new(),
            cms_b64: None,
        };
        cms_b64 = signed(officer, id, body).await.cms_b64;
    }
    officer
        .post(
            &format!("/api/officer/cases/{id}/refuse"),
            &RefuseApplicationRequest {
                grounds: grounds.into(),
                cms_b64,
            },
        )
        .await
}

/// Walks the case forward (each step's first outcome) until `stop` says the open step is the
/// one wanted; `refuse_at`, when given, takes that step's refusal-preparing outcome there.
pub async fn walk(
    officer: &TestApp,
    id: &str,
    refuse_at: Option<&str>,
    stop: impl Fn(&StepView) -> bool,
) -> StepView {
    for _ in 0..30 {
        let step = case(officer, id).await.step.expect("an open step");
        if stop(&step) {
            return step;
        }
        let outcome = match refuse_at {
            Some(at) if at == step.step => step
                .outcomes
                .iter()
                .find(|o| o.grounds_required && o.ends.is_none())
                .or_else(|| {
                    step.outcomes
                        .iter()
                        .find(|o| o.ends.as_deref() == Some(REFUSED))
                })
                .unwrap(),
            _ => &step.outcomes[0],
        };
        let r = decide(officer, id, &outcome.code).await;
        if !r.status().is_success() {
            eprintln!("checks at {}: {:?}", step.step, step.checks);
        }
        assert!(
            r.status().is_success(),
            "{} {}: {}",
            step.step,
            outcome.code,
            r.text().await.unwrap()
        );
    }
    panic!("the process did not get there");
}

pub fn grants(s: &StepView) -> bool {
    s.outcomes
        .iter()
        .any(|o| o.ends.as_deref() == Some("granted"))
}

fn refuses(s: &StepView) -> bool {
    s.outcomes
        .iter()
        .any(|o| o.ends.as_deref() == Some(REFUSED))
}

/// Signs the licence at the granting step as the official.
pub async fn sign_licence(app: &TestApp, officer: &TestApp, login: &str, id: &str) -> CaseView {
    let draft: SigningPayloadResponse = json(
        officer
            .post(&format!("/api/officer/cases/{id}/licence-draft"), &())
            .await,
    )
    .await;
    let me = server::sandbox::people::people()
        .into_iter()
        .find(|p| p.login == Some(login))
        .unwrap();
    let key = officer.key_file(&me).await;
    let _ = app;
    json(
        officer
            .post(
                &format!("/api/officer/cases/{id}/approve"),
                &sign(&key, &decode(&draft.payload_b64)),
            )
            .await,
    )
    .await
}

/// A registered case of the service's variant, made, paid and signed by a fitting applicant.
async fn registered(app: &TestApp, service: &ServiceDefinition, variant: &str) -> String {
    registered_by(app, service, variant).await.0
}

/// The same, with the applicant's session.
async fn registered_by(
    app: &TestApp,
    service: &ServiceDefinition,
    variant: &str,
) -> (String, TestApp) {
    registered_as(app, service, variant, 2).await
}

/// The same, by the `n`th demo applicant (for a person's service).
async fn registered_as(
    app: &TestApp,
    service: &ServiceDefinition,
    variant: &str,
    n: usize,
) -> (String, TestApp) {
    let applicant = app.with_new_client();
    let who = if service.serves_persons() {
        person(DemoRole::Applicant, n)
    } else {
        company_person(eds::Role::FirstHead)
    };
    json::<MeResponse>(applicant.sign_in_with_eds(&who).await).await;
    let v = service.variant(variant).unwrap();
    let values = crate::services::complete_form(&applicant, service, v).await;
    let created: ApplicationResponse = json(
        applicant
            .post(
                "/api/applications",
                &CreateApplicationRequest {
                    service_code: service.code.clone(),
                    service_version: Some(service.version),
                    variant: variant.into(),
                    values,
                    lang: None,
                    sms_consent: false,
                },
            )
            .await,
    )
    .await;
    let id = created.case.id.clone();
    if v.fee_mci.is_some() {
        crate::chain::pay(&applicant, &id).await;
    }
    let key = applicant.key_file(&who).await;
    let submitted: ApplicationResponse =
        json(crate::chain::sign_and_submit(&applicant, &id, &key).await).await;
    assert_eq!(submitted.case.status, CaseStatus::Submitted);
    // The applicant is told where the case is.
    assert!(submitted.case.stage.is_some());
    (id, applicant)
}

/// The refusal branches of a process: each outcome with grounds (not a return for rework) at
/// a step on the way to the result, as (step, outcome).
fn refusal_branches(p: &ProcessDefinition) -> Vec<(String, domain::process::Outcome)> {
    let mut out = Vec::new();
    let mut at = p.steps.first();
    while let Some(step) = at {
        for o in step
            .outcomes
            .iter()
            .filter(|o| o.grounds_required && !o.back)
        {
            out.push((step.id.clone(), o.clone()));
        }
        at = p.step(&step.outcomes[0].next);
    }
    out
}

async fn every_service_runs_to_its_result_and_to_each_refusal(app: &TestApp) {
    let services = domain::catalogue::builtin();
    let mut runs = 0;
    for service in &services {
        // One variant per service version: the first (the process is shared by variants; the
        // variant only changes deadlines, checked in domain).
        let variant = &service.variants[0].code;
        let process = app
            .state
            .process_for(&service.code, service.version, variant)
            .unwrap()
            .clone();
        let login = officer_for(service);
        let officer = app.with_new_client();
        officer.sign_in_staff(login).await;

        // To the result: every step forward, then the official signs the licence.
        let id = registered(app, service, variant).await;
        let at = walk(&officer, &id, None, grants).await;
        assert!(at.mine);
        let done = sign_licence(app, &officer, login, &id).await;
        assert_eq!(
            done.status,
            CaseStatus::Approved,
            "{} {}",
            service.code,
            service.version
        );
        let record = case(&officer, &id).await;
        assert!(record.step.is_none());
        assert!(record
            .steps
            .iter()
            .all(|s| s.finished_at.is_some() && (s.actor.is_some() || s.automatic)));
        runs += 1;

        // Each refusal branch: forward to the step, the refusal prepared there, then on to
        // the signed refusal.
        for (at, outcome) in refusal_branches(&process) {
            let what = format!("{} {} {at}.{}", service.code, service.version, outcome.code);
            let id = registered(app, service, variant).await;
            walk(&officer, &id, None, |s| s.step == at).await;
            if outcome.next != REFUSED {
                let r = decide(&officer, &id, &outcome.code).await;
                assert!(r.status().is_success(), "{what}");
                let next = walk(&officer, &id, None, |s| refuses(s) || grants(s)).await;
                if grants(&next) {
                    // A commission's "failed" or "absent" is its decision, not a refusal: the
                    // case ends with the signed decision, and no licence.
                    let done = sign_licence(app, &officer, login, &id).await;
                    assert_eq!(done.status, CaseStatus::Approved, "{what}");
                    assert_eq!(done.licence_number, None, "{what}");
                    let decision = done.documents.first().expect("the decision");
                    assert_eq!(
                        decision.outcome.map(|o| o.code()),
                        Some(outcome.code.as_str()),
                        "{what}"
                    );
                    runs += 1;
                    continue;
                }
            }
            let r = refuse(
                &officer,
                &id,
                &format!("{at}: несоответствие требованиям, пункт 10 Стандарта"),
            )
            .await;
            let refused: CaseView = json(r).await;
            assert_eq!(refused.status, CaseStatus::Refused, "{what}");
            assert!(refused.refusal_grounds.unwrap().starts_with(&at), "{what}");
            runs += 1;
        }
    }
    assert!(runs >= 30, "{runs} runs");
}
crate::on_both_stores!(every_service_runs_to_its_result_and_to_each_refusal);

async fn one_decision_per_step_and_only_by_its_role(app: &TestApp) {
    let services = domain::catalogue::builtin();
    let forensic = services.iter().find(|s| s.code == "FOR-LIC").unwrap();
    let id = registered(app, forensic, "issue").await;
    let officer = app.with_new_client();
    officer.sign_in_staff("officer").await;
    let first = case(&officer, &id).await.step.unwrap();
    assert_eq!(first.step, "register");
    assert!(first.due_at.is_some());
    // Two decisions on the same step at once: one stands, the other is told it moved on.
    let body = DecideRequest {
        step_id: first.id.clone(),
        outcome: "registered".into(),
        grounds: None,
        form: FormValues::new(),
        cms_b64: None,
    };
    let path = format!("/api/officer/cases/{id}/decide");
    let (a, b) = tokio::join!(officer.post(&path, &body), officer.post(&path, &body));
    let mut codes = [a.status().as_u16(), b.status().as_u16()];
    codes.sort();
    assert_eq!(codes, [200, 409]);
    let now = case(&officer, &id).await;
    assert_eq!(now.step.as_ref().unwrap().step, "direct");
    assert_eq!(now.steps.len(), 2);
    // A refusal without grounds changes nothing; the result cannot be granted by a click.
    walk(&officer, &id, None, |s| s.step == "review").await;
    let review = case(&officer, &id).await.step.unwrap();
    let e = api_error(
        officer
            .post(
                &path,
                &DecideRequest {
                    step_id: review.id.clone(),
                    outcome: "refusal_prepared".into(),
                    grounds: Some(" ".into()),
                    form: FormValues::new(),
                    cms_b64: None,
                },
            )
            .await,
    )
    .await;
    assert_eq!(e.code, domain::ErrorCode::ValidationFailed);
    assert_eq!(case(&officer, &id).await.step.unwrap().id, review.id);
    // An unknown outcome is refused.
    let e = api_error(
        officer
            .post(
                &path,
                &DecideRequest {
                    step_id: review.id.clone(),
                    outcome: "granted".into(),
                    grounds: None,
                    form: FormValues::new(),
                    cms_b64: None,
                },
            )
            .await,
    )
    .await;
    assert_eq!(e.code, domain::ErrorCode::BadRequest);
}
crate::on_both_stores!(one_decision_per_step_and_only_by_its_role);

async fn regions_and_duties_bound_who_sees_and_acts(app: &TestApp) {
    let services = domain::catalogue::builtin();
    // The attestation typed by complete_form chooses the first region: Astana.
    let att = services
        .iter()
        .find(|s| s.code == "BAIL-ATT" && s.version == 2018)
        .unwrap();
    let id = registered(app, att, "attestation").await;
    let astana = app.with_new_client();
    astana.sign_in_staff("officer-ter-ast").await;
    let karaganda = app.with_new_client();
    karaganda.sign_in_staff("officer-ter").await;
    let queue = whole_queue(&astana).await;
    assert!(queue.iter().any(|i| i.case.id == id));
    // Another region's officer neither sees nor touches it.
    let queue = whole_queue(&karaganda).await;
    assert!(!queue.iter().any(|i| i.case.id == id));
    assert_eq!(
        karaganda
            .get(&format!("/api/officer/cases/{id}"))
            .await
            .status(),
        404
    );
    let step = case(&astana, &id).await.step.unwrap();
    let stolen = karaganda
        .post(
            &format!("/api/officer/cases/{id}/decide"),
            &DecideRequest {
                step_id: step.id.clone(),
                outcome: "registered".into(),
                grounds: None,
                form: FormValues::new(),
                cms_b64: None,
            },
        )
        .await;
    assert_eq!(stolen.status(), 404);
    assert_eq!(case(&astana, &id).await.step.unwrap().id, step.id);

    // A licensing-control specialist registers and checks, but cannot sign.
    let design = services.iter().find(|s| s.code == "CON-DESIGN").unwrap();
    let id = registered(app, design, "issue").await; // Karaganda production base
    let specialist = app.with_new_client();
    specialist.sign_in_staff("specialist-con").await;
    walk(&specialist, &id, None, |s| s.step == "sign_conclusion").await;
    let at = case(&specialist, &id).await.step.unwrap();
    assert!(!at.mine);
    let e = api_error(decide(&specialist, &id, "signed").await).await;
    assert_eq!(e.code, domain::ErrorCode::Forbidden);
    // The conclusion the specialist wrote is kept with its step.
    let record = case(&specialist, &id).await;
    assert!(record
        .steps
        .iter()
        .any(|s| s.finished_at.is_some() && s.role == domain::duty::Duty::LicensingControl));
    // An applicant cannot read the officer's view; support sees only the applicant's.
    let applicant = app.with_new_client();
    json::<MeResponse>(
        applicant
            .sign_in_with_eds(&person(DemoRole::Applicant, 2))
            .await,
    )
    .await;
    assert_eq!(
        applicant
            .get(&format!("/api/officer/cases/{id}"))
            .await
            .status(),
        403
    );
}
crate::on_both_stores!(regions_and_duties_bound_who_sees_and_acts);

async fn inbox(who: &TestApp) -> Vec<InboxMessage> {
    json(who.get("/api/inbox").await).await
}

async fn the_applicant_is_told_of_each_change_in_the_cabinet_and_by_mail(app: &TestApp) {
    let services = domain::catalogue::builtin();
    let forensic = services.iter().find(|s| s.code == "FOR-LIC").unwrap();
    let (id, applicant) = registered_by(app, forensic, "issue").await;

    let first = inbox(&applicant).await;
    assert_eq!(first.len(), 1);
    assert!(first[0].text.en.contains("registered"));
    assert!(first[0].text.kk.starts_with("MOJ-"));
    assert!(!first[0].read);

    let officer = app.with_new_client();
    officer.sign_in_staff("officer").await;
    crate::chain::to_signature(&officer, &id).await;
    sign_licence(app, &officer, "officer", &id).await;
    // Registered; under review; being signed; issued (a step that shows the same status to the
    // applicant as the one before says nothing new).
    let all = inbox(&applicant).await;
    let texts: Vec<_> = all.iter().rev().map(|m| m.text.en.clone()).collect();
    assert_eq!(texts.len(), 4, "{texts:?}");
    assert!(texts[1].ends_with("Under review"));
    assert!(texts[3].contains("Licence issued"));

    // Each message went to the outbox in its own transaction; delivery writes each once.
    // A relay that does not answer: nothing is lost, each failure is recorded.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let nowhere = Transport::Smtp(format!("smtp://{}", closed.local_addr().unwrap()));
    drop(closed);
    assert_eq!(
        server::notify::deliver_pending(&app.state, &nowhere)
            .await
            .unwrap(),
        0
    );
    let failed: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND attempts = 1 AND last_error IS NOT NULL",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(failed.0, 4);
    // Each is tried again a minute later, not before.
    let waiting: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE next_attempt_at > $1")
        .bind(server::db::now_text())
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(waiting.0, 4);
    sqlx::query("UPDATE outbox SET next_attempt_at = NULL")
        .execute(&app.state.db)
        .await
        .unwrap();
    // Then a relay that speaks SMTP gets each message once, as sent.
    let relay = server::sandbox::mail::start().await.unwrap();
    let smtp = Transport::Smtp(format!("smtp://{}", relay.addr));
    assert_eq!(
        server::notify::deliver_pending(&app.state, &smtp)
            .await
            .unwrap(),
        4
    );
    assert_eq!(
        server::notify::deliver_pending(&app.state, &smtp)
            .await
            .unwrap(),
        0
    );
    let received = relay.received.lock().unwrap().clone();
    assert_eq!(received.len(), 4);
    assert!(received
        .iter()
        .all(|m| m.to == ["applicant@example.kz"] && m.from.starts_with("noreply@")));
    assert!(received[0].data.contains("\r\nMIME-Version: 1.0\r\n"));
    // The folder transport, tried on the same messages marked unsent again, writes each as a
    // file, once.
    sqlx::query("UPDATE outbox SET sent_at = NULL")
        .execute(&app.state.db)
        .await
        .unwrap();
    let dir = std::env::temp_dir().join(format!("outbox-{}", server::db::new_id()));
    let folder = Transport::Folder(dir.clone());
    let sent = server::notify::deliver_pending(&app.state, &folder)
        .await
        .unwrap();
    assert_eq!(sent, 4);
    assert_eq!(
        server::notify::deliver_pending(&app.state, &folder)
            .await
            .unwrap(),
        0
    );
    let mail = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(mail, 4);
    let mut texts = Vec::new();
    for file in std::fs::read_dir(&dir).unwrap() {
        let eml = std::fs::read_to_string(file.unwrap().path()).unwrap();
        assert!(eml.contains("\r\nTo: applicant@example.kz\r\n"), "{eml}");
        assert!(eml.contains("\r\nMIME-Version: 1.0\r\n"));
        // 7-bit clean: the words are encoded, and decode to the message in Kazakh and Russian.
        assert!(eml.is_ascii());
        let (_, body) = eml.split_once("\r\n\r\n").unwrap();
        texts.push(String::from_utf8(decode(&body.replace("\r\n", ""))).unwrap());
    }
    assert!(
        texts.iter().any(|t| t.contains("Заявление принято")),
        "{texts:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();

    // Read marks are the owner's own.
    let stranger = app.with_new_client();
    json::<MeResponse>(
        stranger
            .sign_in_with_eds(&person(DemoRole::Applicant, 1))
            .await,
    )
    .await;
    assert!(inbox(&stranger).await.is_empty());
    let path = format!("/api/inbox/{}/read", all[0].id);
    assert_eq!(stranger.post(&path, &()).await.status(), 404);
    assert!(applicant.post(&path, &()).await.status().is_success());
    assert!(inbox(&applicant).await[0].read);
}
crate::on_both_stores!(the_applicant_is_told_of_each_change_in_the_cabinet_and_by_mail);

async fn an_attestation_session_decides_its_candidates_and_publishes_the_lists(app: &TestApp) {
    let services = domain::catalogue::builtin();
    let att = services
        .iter()
        .find(|s| s.code == "BAIL-ATT" && s.version == 2018)
        .unwrap();
    let (first, _) = registered_as(app, att, "attestation", 0).await;
    let (second, _) = registered_as(app, att, "attestation", 1).await;
    let astana = app.with_new_client();
    astana.sign_in_staff("officer-ter-ast").await;
    for id in [&first, &second] {
        walk(&astana, id, None, |s| s.step == "attestation").await;
    }
    let today = server::routes::today_kz().to_string();
    let session: SessionView = json(
        astana
            .post(
                "/api/officer/sessions",
                &CreateSessionRequest {
                    held_on: today.clone(),
                    place: "Астана, Мәңгілік Ел д-лы, 8, 304 каб.".into(),
                },
            )
            .await,
    )
    .await;
    assert_eq!(session.region.en, "Astana city");
    // A date in the past is refused and makes nothing.
    let e = api_error(
        astana
            .post(
                "/api/officer/sessions",
                &CreateSessionRequest {
                    held_on: "2020-01-01".into(),
                    place: "Астана".into(),
                },
            )
            .await,
    )
    .await;
    assert_eq!(e.code, domain::ErrorCode::ValidationFailed);
    let base = format!("/api/officer/sessions/{}", session.id);
    for id in [&first, &second] {
        let n = case(&astana, id).await.case.number.unwrap();
        let r = astana
            .post(
                &format!("{base}/candidates"),
                &AddCandidateRequest { number: n },
            )
            .await;
        assert!(r.status().is_success());
    }
    // Another region's commission sees neither the session nor can schedule into it.
    let karaganda = app.with_new_client();
    karaganda.sign_in_staff("officer-ter").await;
    let theirs: Vec<SessionView> = json(karaganda.get("/api/officer/sessions").await).await;
    assert!(theirs.is_empty());
    let n = case(&astana, &first).await.case.number.unwrap();
    assert_eq!(
        karaganda
            .post(
                &format!("{base}/candidates"),
                &AddCandidateRequest { number: n }
            )
            .await
            .status(),
        404
    );
    // Results: the first passed the test and the interview, the second did not appear.
    let result =
        |id: &str, result: &str, score: Option<i64>, interview: Option<&str>| RecordResultRequest {
            application_id: id.to_owned(),
            result: result.into(),
            test_score: score,
            interview: interview.map(Into::into),
        };
    let e = api_error(
        astana
            .post(
                &format!("{base}/results"),
                &result(&first, "passed", Some(140), Some("passed")),
            )
            .await,
    )
    .await;
    assert_eq!(e.code, domain::ErrorCode::ValidationFailed);
    // The protocol cannot be drawn up while a candidate has no result.
    assert_eq!(
        astana
            .post(&format!("{base}/protocol-draft"), &())
            .await
            .status(),
        409
    );
    for r in [
        result(&first, "passed", Some(86), Some("passed")),
        result(&second, "absent", None, None),
    ] {
        assert!(astana
            .post(&format!("{base}/results"), &r)
            .await
            .status()
            .is_success());
    }
    // The protocol is signed with the official's EDS: over its own document, by its own key.
    let draft: SigningPayloadResponse =
        json(astana.post(&format!("{base}/protocol-draft"), &()).await).await;
    let protocol = decode(&draft.payload_b64);
    assert!(draft.readable.contains("86"), "{}", draft.readable);
    let key = official_key(&astana).await;
    let e = api_error(
        astana
            .post(
                &format!("{base}/protocol"),
                &sign(&key, b"another document"),
            )
            .await,
    )
    .await;
    assert_eq!(e.code, domain::ErrorCode::OfficialSignatureInvalid);
    let someone_else = app.key_file(&person(DemoRole::Applicant, 0)).await;
    let e = api_error(
        astana
            .post(&format!("{base}/protocol"), &sign(&someone_else, &protocol))
            .await,
    )
    .await;
    assert_eq!(e.code, domain::ErrorCode::OfficialSignatureInvalid);
    assert!(case(&astana, &first).await.step.unwrap().step == "attestation");
    let signed: SessionView = json(
        astana
            .post(&format!("{base}/protocol"), &sign(&key, &protocol))
            .await,
    )
    .await;
    assert!(signed.published_at.is_some());
    assert!(signed.protocol_signed_by.is_some());
    assert_eq!(
        astana
            .post(&format!("{base}/protocol"), &sign(&key, &protocol))
            .await
            .status(),
        409
    );
    assert_eq!(
        astana
            .post(
                &format!("{base}/results"),
                &result(&second, "passed", Some(90), Some("passed"))
            )
            .await
            .status(),
        409
    );
    // The protocol moved each case on: the head signs the result of each.
    assert_eq!(
        case(&astana, &first).await.step.unwrap().step,
        "sign_result"
    );
    assert_eq!(
        case(&astana, &second).await.step.unwrap().step,
        "sign_failed"
    );
    // Anyone reads the published lists.
    let lists: Vec<PublishedLists> = json(
        app.with_new_client()
            .get("/api/public/attestation-lists")
            .await,
    )
    .await;
    assert_eq!(lists.len(), 1);
    let named = |list: &[String], n: usize| {
        let p = person(DemoRole::Applicant, n);
        list.len() == 1 && list[0].starts_with(&format!("{} {}", p.surname, p.given_name))
    };
    assert!(named(&lists[0].passed, 0), "{:?}", lists[0]);
    assert!(named(&lists[0].absent, 1), "{:?}", lists[0]);
    assert!(lists[0].failed.is_empty());
    // And written for the check's module, in the language asked: the same names.
    let written: Written = json(
        app.with_new_client()
            .get("/api/public/written/attestation-lists?lang=en")
            .await,
    )
    .await;
    assert!(written.html.contains("Passed (1)"), "{}", written.html);
    assert!(
        written
            .html
            .contains(&format!("<li>{}</li>", lists[0].passed[0])),
        "{}",
        written.html
    );
    assert!(
        written
            .html
            .contains(&format!("<li>{}</li>", lists[0].absent[0])),
        "{}",
        written.html
    );
}
crate::on_both_stores!(an_attestation_session_decides_its_candidates_and_publishes_the_lists);

async fn a_registry_finding_leaves_only_refusal_and_silence_leaves_the_case_waiting(app: &TestApp) {
    let services = domain::catalogue::builtin();
    let licence = services
        .iter()
        .find(|s| s.code == "BAIL-LIC" && s.version == 2018)
        .unwrap();
    let officer = app.with_new_client();
    officer.sign_in_staff("officer").await;

    // A candidate with a conviction and an open investigation.
    let (id, _) = registered_as(app, licence, "issue", 5).await;
    walk(&officer, &id, None, |s| s.step == "review").await;
    let step = case(&officer, &id).await.step.unwrap();
    let found: Vec<_> = step
        .checks
        .iter()
        .map(|c| (c.registry.code(), c.pending, c.adverse))
        .collect();
    assert_eq!(
        found,
        vec![
            ("person", false, false),
            ("pre_trial", false, true),
            ("special_records", false, true)
        ]
    );
    assert!(step.checks[2].detail.as_deref().unwrap().contains("190"));
    let e = api_error(decide(&officer, &id, "licence_prepared").await).await;
    assert_eq!(e.code, domain::ErrorCode::AdverseFinding);
    assert!(decide(&officer, &id, "refusal_prepared")
        .await
        .status()
        .is_success());

    // The registries do not answer: the case waits at the step, and is asked again.
    let outage = |on: bool| server::sandbox::registries::OutageRequest { on };
    assert!(app
        .post("/sandbox/registries/outage", &outage(true))
        .await
        .status()
        .is_success());
    let (id, _) = registered_as(app, licence, "issue", 0).await;
    walk(&officer, &id, None, |s| s.step == "review").await;
    let step = case(&officer, &id).await.step.unwrap();
    assert!(step.checks.iter().all(|c| c.pending && c.attempts >= 1));
    let e = api_error(decide(&officer, &id, "licence_prepared").await).await;
    assert_eq!(e.code, domain::ErrorCode::ChecksPending);
    assert_eq!(case(&officer, &id).await.step.unwrap().id, step.id);
    app.post("/sandbox/registries/outage", &outage(false)).await;
    assert_eq!(server::engine::run_checks(&app.state, "").await.unwrap(), 3);
    assert!(decide(&officer, &id, "licence_prepared")
        .await
        .status()
        .is_success());

    // A company's construction request: the legal-entity registry is asked by its BIN.
    let equity = services.iter().find(|s| s.code == "CON-EQUITY").unwrap();
    let id = registered(app, equity, "issue_stage1").await;
    let con = app.with_new_client();
    con.sign_in_staff("officer-con").await;
    walk(&con, &id, None, |s| s.step == "completeness").await;
    let step = case(&con, &id).await.step.unwrap();
    assert_eq!(step.checks.len(), 1);
    assert_eq!(step.checks[0].registry, domain::duty::Registry::Company);
    assert!(!step.checks[0].adverse && !step.checks[0].pending);
    assert!(step.checks[0].detail.as_deref().unwrap().contains("Дала"));
}
crate::on_both_stores!(a_registry_finding_leaves_only_refusal_and_silence_leaves_the_case_waiting);

async fn a_centre_operator_files_for_an_applicant_and_prints_the_receipt(app: &TestApp) {
    let operator = app.with_new_client();
    json::<MeResponse>(operator.sign_in_staff("psc-operator").await).await;
    let services = domain::catalogue::builtin();
    let design = services.iter().find(|s| s.code == "CON-DESIGN").unwrap();
    let issue = design.variant("issue").unwrap();
    let values: FormValues = issue
        .fields
        .iter()
        .filter(|f| !matches!(f.kind, FieldKind::File { .. }))
        .map(|f| (f.key.clone(), crate::services::typed_value(&f.kind)))
        .collect();
    let principal = person(DemoRole::Applicant, 0);
    let agent = person(DemoRole::Applicant, 1);
    let request = |poa: &str, applicant: &str| PscApplicationRequest {
        service_code: "CON-DESIGN".into(),
        variant: "issue".into(),
        applicant_iin: applicant.to_owned(),
        representative: Some(Representative {
            iin: agent.iin.to_string(),
            power_of_attorney: poa.to_owned(),
        }),
        values: values.clone(),
        paper_documents: vec![0, 2],
        cms_b64: None,
    };
    // A power of attorney the notary registry does not hold, or that names someone else.
    let e = api_error(certified(&operator, request("1999-0000-НТ", principal.iin.as_str())).await)
        .await;
    assert_eq!(e.code, domain::ErrorCode::PowerOfAttorneyInvalid);
    let e =
        api_error(certified(&operator, request("2026-0001-НТ", agent.iin.as_str())).await).await;
    assert_eq!(e.code, domain::ErrorCode::PowerOfAttorneyInvalid);
    // A valid IIN the person registry does not know: the regulation's message.
    let stranger = domain::Iin::compose(
        time::macros::date!(1960 - 01 - 01),
        domain::identity::Sex::Male,
        4242,
    )
    .or_else(|| {
        domain::Iin::compose(
            time::macros::date!(1960 - 01 - 01),
            domain::identity::Sex::Male,
            4243,
        )
    })
    .unwrap();
    let mut unknown = request("2026-0001-НТ", stranger.as_str());
    unknown.representative = None;
    let e = api_error(certified(&operator, unknown).await).await;
    assert_eq!(e.code, domain::ErrorCode::PersonNotFound);
    // The operator certifies the request with their EDS: unsigned, nothing is filed.
    let e = api_error(
        operator
            .post(
                "/api/psc/applications",
                &request("2026-0001-НТ", principal.iin.as_str()),
            )
            .await,
    )
    .await;
    assert_eq!(e.code, domain::ErrorCode::SignatureRequired);
    // Nothing was filed by the refused attempts; the good one is registered with its receipt.
    let receipt: PscReceipt =
        json(certified(&operator, request("2026-0001-НТ", principal.iin.as_str())).await).await;
    assert!(receipt.number.starts_with("CCHS-"));
    assert_eq!(
        receipt.representative_iin.as_deref(),
        Some(agent.iin.as_str())
    );
    assert_eq!(receipt.documents.len(), 2);
    let today = server::routes::today_kz();
    assert_eq!(
        receipt.planned_result_date,
        domain::calendar::add_working_days(today, 14).to_string()
    );
    let count: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM applications WHERE channel = 'psc'")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(count.0, 1);
    // The case is the provider's, at its first step; the applicant finds it in the cabinet.
    let officer = app.with_new_client();
    officer.sign_in_staff("officer-con").await;
    let at = case(&officer, &receipt.application_id).await;
    assert_eq!(at.step.unwrap().step, "register");
    // The centre's intake (004 para. 13) comes first in its history, by the operator; the
    // request's signature is the operator's.
    let centre: Vec<_> = at
        .steps
        .iter()
        .filter(|s| s.name.en.starts_with("Centre:"))
        .collect();
    assert_eq!(centre.len(), 4, "{:?}", at.steps);
    assert!(centre.iter().all(|s| s.finished_at.is_some()));
    assert!(at.steps[0].name.en.starts_with("Centre: accept"));
    let signer = at.applicant_signature.unwrap();
    assert_ne!(signer.signer_iin, principal.iin.as_str());
    let applicant = app.with_new_client();
    json::<MeResponse>(applicant.sign_in_with_eds(&principal).await).await;
    let mine = whole_cabinet(&applicant).await;
    assert!(mine.iter().any(|c| c.id == receipt.application_id));
    // Only an operator files at a centre.
    let e = api_error(
        officer
            .post(
                "/api/psc/applications/draft",
                &request("2026-0001-НТ", principal.iin.as_str()),
            )
            .await,
    )
    .await;
    assert_eq!(e.code, domain::ErrorCode::Forbidden);

    // The result waits at the centre; the operator hands it over against the receipt, once.
    let id = receipt.application_id.clone();
    let results = format!("/api/psc/results?number={}", receipt.number);
    let before: PscResult = json(operator.get(&results).await).await;
    assert!(!before.awaiting_handover);
    assert_eq!(
        operator
            .post(&format!("/api/psc/applications/{id}/handover"), &())
            .await
            .status(),
        409
    );
    walk(&officer, &id, None, grants).await;
    let issued = sign_licence(app, &officer, "officer-con", &id).await;
    assert_eq!(issued.status, CaseStatus::Approved);
    let told: ApplicationResponse =
        json(applicant.get(&format!("/api/applications/{id}")).await).await;
    assert_eq!(
        told.case.stage.unwrap().en,
        "The result is ready: come to the public service centre with your receipt"
    );
    let ready: PscResult = json(operator.get(&results).await).await;
    assert!(ready.awaiting_handover);
    // The desk lists it among the results waiting at the centre.
    let waiting: Vec<PscResult> = json(operator.get("/api/psc/ready").await).await;
    assert_eq!(
        waiting
            .iter()
            .map(|r| r.number.as_str())
            .collect::<Vec<_>>(),
        [receipt.number.as_str()]
    );
    assert!(ready.licence_number.is_some());
    let pdf = operator
        .get(&format!("/api/psc/applications/{id}/licence.pdf"))
        .await;
    assert_eq!(pdf.status(), 200);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    // An operator of a centre in another region finds nothing: the applicant returns to the
    // centre that took the request.
    sqlx::query(
        "INSERT INTO users (id, role, iin, login, password_hash, full_name, provider, created_at, duties, region) \
         SELECT 'karaganda-operator', 'officer', iin, 'psc-karaganda', password_hash, 'Karaganda centre operator', \
         provider, created_at, duties, 'karaganda' FROM users WHERE login = 'psc-operator'",
    )
    .execute(&app.state.db)
    .await
    .unwrap();
    let elsewhere = app.with_new_client();
    json::<MeResponse>(elsewhere.sign_in_staff("psc-karaganda").await).await;
    assert_eq!(elsewhere.get(&results).await.status(), 404);
    let theirs: Vec<PscResult> = json(elsewhere.get("/api/psc/ready").await).await;
    assert!(theirs.is_empty());
    for path in ["handover", "licence.pdf"] {
        let url = format!("/api/psc/applications/{id}/{path}");
        let r = if path == "handover" {
            elsewhere.post(&url, &()).await
        } else {
            elsewhere.get(&url).await
        };
        assert_eq!(r.status(), 404, "{path}");
    }
    // Neither the applicant nor the licensing body's officer hands over at a centre.
    for who in [&applicant, &officer] {
        assert_eq!(
            who.post(&format!("/api/psc/applications/{id}/handover"), &())
                .await
                .status(),
            403
        );
    }
    let handed: PscResult = json(
        operator
            .post(&format!("/api/psc/applications/{id}/handover"), &())
            .await,
    )
    .await;
    assert!(!handed.awaiting_handover);
    assert!(handed.handed_over_at.is_some());
    let waiting: Vec<PscResult> = json(operator.get("/api/psc/ready").await).await;
    assert!(waiting.is_empty());
    assert_eq!(
        operator
            .post(&format!("/api/psc/applications/{id}/handover"), &())
            .await
            .status(),
        409
    );
    let history = case(&officer, &id).await.steps;
    assert_eq!(
        history.last().unwrap().outcome.as_ref().unwrap().en,
        "The result is handed over"
    );
    // A refusal waits at the centre too, with its grounds (the refusal is handed over on
    // paper, para. 11).
    let second: PscReceipt =
        json(certified(&operator, request("2026-0001-НТ", principal.iin.as_str())).await).await;
    walk(&officer, &second.application_id, None, |s| {
        s.step == "completeness"
    })
    .await;
    let grounds = "Не представлен документ по пункту 10 Стандарта";
    let refused: CaseView = json(refuse(&officer, &second.application_id, grounds).await).await;
    assert_eq!(refused.status, CaseStatus::Refused);
    let waiting: PscResult = json(
        operator
            .get(&format!("/api/psc/results?number={}", second.number))
            .await,
    )
    .await;
    assert!(waiting.awaiting_handover);
    assert_eq!(waiting.refusal_grounds.as_deref(), Some(grounds));
    // The signed refusal is still the provider's last decision, for the applicant to keep.
    assert!(refused.refusal_signed_by.is_some());
    // A request made on the portal is not the centre's to hand over.
    let portal = registered(app, design, "issue").await;
    let number = case(&officer, &portal).await.case.number.unwrap();
    assert_eq!(
        operator
            .get(&format!("/api/psc/results?number={number}"))
            .await
            .status(),
        404
    );
}

/// Files at the centre as its operator does: the request checked and shown, certified with
/// the operator's EDS, then filed. A request the desk refuses stops at the first answer.
async fn certified(operator: &TestApp, mut request: PscApplicationRequest) -> reqwest::Response {
    let r = operator.post("/api/psc/applications/draft", &request).await;
    if !r.status().is_success() {
        return r;
    }
    let draft: SigningPayloadResponse = json(r).await;
    let key = official_key(operator).await;
    request.cms_b64 = Some(sign(&key, &decode(&draft.payload_b64)).cms_b64);
    operator.post("/api/psc/applications", &request).await
}
crate::on_both_stores!(a_centre_operator_files_for_an_applicant_and_prints_the_receipt);
