//! Following a case: its timeline (passed, current and coming steps with their terms, the
//! expected result's date and time) and the applicant's log of who opened or found it.

use crate::helpers::*;
use domain::api::*;
use domain::case::{AccessAction, Accessor, CaseStatus, StepState};

/// A second demo applicant, signed in on a client of their own.
async fn another_applicant(app: &TestApp) -> TestApp {
    let other = app.with_new_client();
    json::<MeResponse>(
        other
            .sign_in_with_eds(&person(server::sandbox::people::DemoRole::Applicant, 1))
            .await,
    )
    .await;
    other
}

async fn the_timeline_shows_the_steps_passed_current_and_to_come(app: &TestApp) {
    let created = crate::chain::applicant_with_application(app).await;
    let id = created.case.id.clone();
    // Before it is submitted: the whole way ahead, with terms but no dates yet.
    let tl = created.case.timeline.clone().expect("a timeline");
    assert!(
        tl.steps.iter().all(|s| s.state == StepState::Upcoming),
        "{tl:?}"
    );
    assert!(tl.steps.iter().all(|s| s.due_at.is_none()));
    assert!(tl.steps.len() >= 3, "{tl:?}");
    assert_eq!(tl.expected_at, None);
    // A refusal's signing is not on the way a request without objections takes.
    assert!(
        !tl.steps.iter().any(|s| s.name.en.contains("refusal")),
        "{tl:?}"
    );

    crate::chain::pay(app, &id).await;
    let key = app
        .key_file(&person(server::sandbox::people::DemoRole::Applicant, 0))
        .await;
    let submitted: ApplicationResponse =
        json(crate::chain::sign_and_submit(app, &id, &key).await).await;
    assert_eq!(submitted.case.status, CaseStatus::Submitted);
    let tl = submitted.case.timeline.clone().unwrap();
    // The result at the close of the term's last working day (R31): date and time.
    let expected = tl.expected_at.clone().expect("an expected time");
    let date = submitted.case.expected_result_date.clone().unwrap();
    assert!(expected.starts_with(&date), "{expected} on {date}");
    assert!(
        expected.contains("T13:30:00"),
        "18:30 in Astana is 13:30 UTC: {expected}"
    );
    assert_eq!(tl.term_working_days, Some(7));
    let current: Vec<_> = tl
        .steps
        .iter()
        .filter(|s| s.state == StepState::Current)
        .collect();
    assert_eq!(current.len(), 1, "{tl:?}");
    assert_eq!(current[0].timing, Some(Timing::OnTime));
    assert!(current[0].due_at.is_some() && current[0].started_at.is_some());
    // Each coming step is forecast from the one before: their due times only grow.
    let dues: Vec<_> = tl
        .steps
        .iter()
        .skip_while(|s| s.state != StepState::Current)
        .map(|s| s.due_at.clone().expect("a forecast"))
        .collect();
    assert!(
        dues.len() >= 3 && dues.windows(2).all(|w| w[0] < w[1]),
        "{dues:?}"
    );

    // An official takes the first step: it is done, on time, and the next one is current.
    let officer = app.with_new_client();
    officer.sign_in_staff("officer").await;
    let step = crate::process::case(&officer, &id).await.step.unwrap();
    let r = crate::process::decide(&officer, &id, &step.outcomes[0].code).await;
    assert!(r.status().is_success());
    let now: ApplicationResponse = json(app.get(&format!("/api/applications/{id}")).await).await;
    let tl = now.case.timeline.unwrap();
    let done: Vec<_> = tl
        .steps
        .iter()
        .filter(|s| s.state == StepState::Done)
        .collect();
    assert!(!done.is_empty(), "{tl:?}");
    assert!(done.iter().all(|s| s.finished_at.is_some()));
    assert!(done
        .iter()
        .any(|s| s.timing == Some(Timing::OnTime) && s.outcome.is_some()));
    assert_eq!(tl.current().map(|s| s.state), Some(StepState::Current));

    // Overdue, in practice mode: the open step has run past its deadline.
    let number = now.case.number.clone().unwrap();
    let r = app
        .post(&format!("/sandbox/cases/{number}/overdue"), &())
        .await;
    assert_eq!(r.status(), 204);
    let late: ApplicationResponse = json(app.get(&format!("/api/applications/{id}")).await).await;
    let tl = late.case.timeline.unwrap();
    assert_eq!(
        tl.current().unwrap().timing,
        Some(Timing::Overdue),
        "{tl:?}"
    );
    // The officer's case page shows the same timeline.
    let seen = crate::process::case(&officer, &id).await;
    assert_eq!(
        seen.case.timeline.unwrap().current().unwrap().timing,
        Some(Timing::Overdue)
    );
    // Lists do not carry it (one case's page does).
    let mine = whole_cabinet(app).await;
    assert!(mine.iter().all(|c| c.timeline.is_none()));
}
crate::on_both_stores!(the_timeline_shows_the_steps_passed_current_and_to_come);

async fn the_applicant_sees_who_opened_or_found_the_case_by_role_never_by_name(app: &TestApp) {
    let submitted = crate::chain::submitted_application(app).await;
    let id = submitted.case.id.clone();
    let number = submitted.case.number.clone().unwrap();
    assert!(submitted.access.is_empty(), "{:?}", submitted.access);

    let support = app.with_new_client();
    support.sign_in_staff("support").await;
    // The status read is kept in memory (`answers`); the search below is a read that writes
    // (the record of finding), and the next status read shows it at once.
    // Background work (the outbox's delivery of the submission's notice) and, with
    // PostgreSQL, the notices of this test's own earlier writes arrive when they arrive and
    // may empty the cache: read until the answer is kept, as a follower's page would.
    let status = format!("/api/applications/{id}");
    let reading = std::time::Instant::now();
    loop {
        let read: ApplicationResponse = json(app.get(&status).await).await;
        assert!(read.access.is_empty());
        if app.state.answers.case(&id).is_some() {
            break;
        }
        assert!(reading.elapsed().as_secs() < 10, "the answer is never kept");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let found = support
        .get(&format!("/api/support/search?q={number}"))
        .await;
    assert!(found.status().is_success());
    let read: ApplicationResponse = json(app.get(&status).await).await;
    assert_eq!(read.access.len(), 1, "{:?}", read.access);
    // A second search at once is the same look, recorded once.
    support
        .get(&format!("/api/support/search?q={number}"))
        .await;
    let officer = app.with_new_client();
    officer.sign_in_staff("officer").await;
    crate::process::case(&officer, &id).await;
    let step = crate::process::case(&officer, &id).await.step.unwrap();
    assert!(
        crate::process::decide(&officer, &id, &step.outcomes[0].code)
            .await
            .status()
            .is_success()
    );

    let raw = app
        .get(&format!("/api/applications/{id}"))
        .await
        .text()
        .await
        .unwrap();
    let now: ApplicationResponse = serde_json::from_str(&raw).unwrap();
    let log = now.access;
    let found: Vec<_> = log
        .iter()
        .filter(|e| e.action == AccessAction::Found)
        .collect();
    assert_eq!(found.len(), 1, "{log:?}");
    assert_eq!(found[0].who, Accessor::Support);
    let opened: Vec<_> = log
        .iter()
        .filter(|e| e.action == AccessAction::Opened)
        .collect();
    assert_eq!(opened.len(), 1, "{log:?}");
    assert_eq!(opened[0].who, Accessor::Officer);
    assert!(opened[0].duty.is_some() && opened[0].body.is_some());
    let decided: Vec<_> = log
        .iter()
        .filter(|e| e.action == AccessAction::Decided)
        .collect();
    assert_eq!(decided.len(), 1, "{log:?}");
    assert!(decided[0].step.is_some());
    assert!(log.windows(2).all(|w| w[0].at <= w[1].at));
    // Roles and bodies, never the people's names.
    for login in ["support", "officer"] {
        let me: MeResponse = json(app.with_new_client().sign_in_staff(login).await).await;
        assert!(!raw.contains(&me.full_name), "{login}'s name is in {raw}");
    }
    // Another applicant cannot read it.
    let other = another_applicant(app).await;
    assert_eq!(
        other.get(&format!("/api/applications/{id}")).await.status(),
        404
    );
}
crate::on_both_stores!(the_applicant_sees_who_opened_or_found_the_case_by_role_never_by_name);

async fn explained(support: &TestApp, q: String) -> SupportSearchResponse {
    json(support.get(&format!("/api/support/search?q={q}")).await).await
}

async fn support_gets_a_case_explained_with_an_answer_to_read_to_the_caller(app: &TestApp) {
    let support = app.with_new_client();
    support.sign_in_staff("support").await;

    // Waiting on the applicant: saved, not paid.
    let created = crate::chain::applicant_with_application(app).await;
    let iin = server::sandbox::people::people()
        .into_iter()
        .find(|p| p.role == server::sandbox::people::DemoRole::Applicant)
        .unwrap()
        .iin;
    let found = explained(&support, iin.to_string()).await;
    let e = found
        .explainers
        .iter()
        .find(|e| e.application_id == created.case.id)
        .expect("an explainer for the case");
    assert_eq!(e.turn, Turn::Applicant);
    assert!(e.step.is_none());
    assert!(e.answer.ru.contains("не оплачен"), "{}", e.answer.ru);
    assert!(e.answer.kk.contains("төленбеген"), "{}", e.answer.kk);

    // Waiting on the provider: the step, its role and body, its deadline, the result's time.
    let submitted = crate::chain::submitted_application(app).await;
    let number = submitted.case.number.clone().unwrap();
    // A number read over the phone and typed in lower case is found too.
    let found = explained(&support, number.to_lowercase()).await;
    assert_eq!(found.results.len(), 1);
    let e = &found.explainers[0];
    assert_eq!(e.turn, Turn::Provider);
    let step = e.step.clone().expect("the current step");
    assert_eq!(step.timing, Some(Timing::OnTime));
    assert!(e.answer.ru.contains(&number), "{}", e.answer.ru);
    assert!(e.answer.ru.contains(&step.name.ru), "{}", e.answer.ru);
    assert!(
        e.answer.ru.contains("Результат будет готов до"),
        "{}",
        e.answer.ru
    );
    assert!(e.next.en.contains(step.role.label().get(domain::Lang::En)));
    // The acceptance e-mail is the last one; it waits for the mail server.
    let mail = e.last_mail.clone().expect("the acceptance e-mail");
    assert_eq!(mail.state, DeliveryState::Waiting);
    assert!(e.answer.ru.contains("ещё отправляется"), "{}", e.answer.ru);

    // Overdue: the answer says so.
    assert_eq!(
        app.post(&format!("/sandbox/cases/{number}/overdue"), &())
            .await
            .status(),
        204
    );
    let found = explained(&support, number.clone()).await;
    let e = &found.explainers[0];
    assert_eq!(e.step.as_ref().unwrap().timing, Some(Timing::Overdue));
    assert!(e.answer.ru.contains("срок нарушен"), "{}", e.answer.ru);

    // Applicants cannot ask.
    assert_eq!(
        app.get(&format!("/api/support/search?q={number}"))
            .await
            .status(),
        403
    );
}
crate::on_both_stores!(support_gets_a_case_explained_with_an_answer_to_read_to_the_caller);

async fn a_refused_application_is_repaired_into_a_draft_with_its_files(app: &TestApp) {
    let submitted = crate::chain::submitted_application(app).await;
    let id = submitted.case.id.clone();
    // Not refused: nothing to repair, and nothing changes.
    assert_eq!(
        app.post(&format!("/api/applications/{id}/repair"), &())
            .await
            .status(),
        409
    );
    let officer = app.with_new_client();
    officer.sign_in_staff("officer").await;
    crate::process::walk(&officer, &id, Some("review"), |s| s.step == "sign_refusal").await;
    let r = crate::process::refuse(&officer, &id, "The certificate has expired").await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());

    let draft: DraftView = json(
        app.post(&format!("/api/applications/{id}/repair"), &())
            .await,
    )
    .await;
    assert_eq!(draft.service_code, "FOR-LIC");
    assert_eq!(draft.variant, "issue");
    // Every answer comes back; the file is the same content under the draft's own attachment.
    for (k, v) in &submitted.values {
        if k == "qualification_certificate_scan" {
            continue;
        }
        assert_eq!(draft.values.get(k), Some(v), "{k}");
    }
    let old = &submitted.attachments[0];
    assert_eq!(draft.attachments.len(), 1);
    let kept = &draft.attachments[0];
    assert_ne!(kept.id, old.id);
    assert_eq!(kept.sha256, old.sha256);
    assert_eq!(
        draft.values.get("qualification_certificate_scan"),
        Some(&kept.id)
    );
    // The draft is the one the form opens with.
    let opened: DraftView = json(app.get("/api/drafts/FOR-LIC/issue").await).await;
    assert_eq!(opened.values, draft.values);
    // The refused application keeps its own file.
    let refused: ApplicationResponse =
        json(app.get(&format!("/api/applications/{id}")).await).await;
    assert_eq!(refused.case.status, CaseStatus::Refused);
    assert_eq!(refused.attachments[0].id, old.id);
    // Another applicant cannot repair it.
    let other = another_applicant(app).await;
    assert_eq!(
        other
            .post(&format!("/api/applications/{id}/repair"), &())
            .await
            .status(),
        404
    );
}
crate::on_both_stores!(a_refused_application_is_repaired_into_a_draft_with_its_files);

async fn the_session_answer_names_the_signed_in_person_or_nobody(app: &TestApp) {
    let anonymous = app.get("/api/session").await;
    assert_eq!(anonymous.status(), 200);
    let s: SessionResponse = json(anonymous).await;
    assert_eq!(s.me, None);
    json::<MeResponse>(
        app.sign_in_with_eds(&person(server::sandbox::people::DemoRole::Applicant, 0))
            .await,
    )
    .await;
    let s: SessionResponse = json(app.get("/api/session").await).await;
    assert_eq!(s.me.map(|m| m.role), Some(Role::Applicant));
    // `/api/me` itself still refuses an anonymous caller.
    assert_eq!(app.with_new_client().get("/api/me").await.status(), 401);
}
crate::on_both_stores!(the_session_answer_names_the_signed_in_person_or_nobody);

async fn an_applicant_who_agreed_gets_an_sms_through_the_gateway_and_sees_how_it_went(
    app: &TestApp,
) {
    json::<MeResponse>(
        app.sign_in_with_eds(&person(server::sandbox::people::DemoRole::Applicant, 0))
            .await,
    )
    .await;
    let att: AttachmentResponse = json(
        app.upload("qualification_certificate_scan", "diploma.pdf", pdf_bytes())
            .await,
    )
    .await;
    let mut values = valid_form(&att.id);
    values.insert("phone".into(), "8 (701) 555-12-34".into());
    let request = |values: domain::form::FormValues, sms_consent: bool| CreateApplicationRequest {
        service_code: "FOR-LIC".into(),
        service_version: None,
        variant: "issue".into(),
        values,
        lang: Some(domain::Lang::Kk),
        sms_consent,
    };
    // A number that is not a Kazakh mobile one cannot take SMS: said at the field.
    let mut foreign = values.clone();
    foreign.insert("phone".into(), "+49 30 1234567".into());
    let e = api_error(app.post("/api/applications", &request(foreign, true)).await).await;
    assert!(e.fields.iter().any(|f| f.field == "phone"), "{e:?}");

    let created: ApplicationResponse =
        json(app.post("/api/applications", &request(values, true)).await).await;
    let id = created.case.id.clone();
    crate::chain::pay(app, &id).await;
    let key = app
        .key_file(&person(server::sandbox::people::DemoRole::Applicant, 0))
        .await;
    let submitted: ApplicationResponse =
        json(crate::chain::sign_and_submit(app, &id, &key).await).await;
    let number = submitted.case.number.clone().unwrap();
    server::notify::deliver_pending(&app.state, &app.state.mail)
        .await
        .unwrap();

    // The gateway (the sandbox's, over HTTP) received it once, in Kazakh, with the link.
    let received: Vec<serde_json::Value> =
        json(app.get("/sandbox/sms/messages?to=%2B77015551234").await).await;
    let texts: Vec<&str> = received.iter().filter_map(|m| m["text"].as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains(&number) && t.contains(&format!("/applications/{id}"))),
        "{texts:?}"
    );
    // Delivered again (a lease that ran out), it is not sent twice.
    server::notify::deliver_pending(&app.state, &app.state.mail)
        .await
        .unwrap();
    let again: Vec<serde_json::Value> =
        json(app.get("/sandbox/sms/messages?to=%2B77015551234").await).await;
    assert_eq!(again.len(), received.len());

    // The applicant sees how the e-mail and the SMS went, without the mail server's words.
    let now: ApplicationResponse = json(app.get(&format!("/api/applications/{id}")).await).await;
    let sms: Vec<_> = now
        .deliveries
        .iter()
        .filter(|d| d.channel == DeliveryChannel::Sms)
        .collect();
    assert!(!sms.is_empty(), "{:?}", now.deliveries);
    assert!(sms.iter().all(|d| d.state == DeliveryState::Sent));
    assert!(now.deliveries.iter().all(|d| d.last_error.is_none()));
    assert!(now
        .deliveries
        .iter()
        .any(|d| d.channel == DeliveryChannel::Email));

    // Without consent, no SMS.
    let other = crate::chain::forensic_application(app).await;
    crate::chain::pay(app, &other.case.id).await;
    crate::chain::sign_and_submit(app, &other.case.id, &key).await;
    server::notify::deliver_pending(&app.state, &app.state.mail)
        .await
        .unwrap();
    let later: ApplicationResponse = json(
        app.get(&format!("/api/applications/{}", other.case.id))
            .await,
    )
    .await;
    assert!(later
        .deliveries
        .iter()
        .all(|d| d.channel == DeliveryChannel::Email));
}
crate::on_both_stores!(
    an_applicant_who_agreed_gets_an_sms_through_the_gateway_and_sees_how_it_went
);
