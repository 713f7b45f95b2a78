//! The licence register and its lifecycle: issue then re-issue of each licence (the old one
//! re-issued, the new one valid, linked both ways), a duplicate, an annex, a category; requests
//! that name someone else's licence, a terminated one or an unknown number; a commission's
//! decision that is not a licence; suspension and termination with the official's EDS; the
//! QR statement; the public register's search.

use crate::helpers::*;
use crate::process::{grants, officer_for, sign_licence, walk};
use domain::api::*;
use domain::case::{CaseStatus, CaseView};
use domain::catalogue::ServiceDefinition;
use domain::form::{FieldErrorCode, FormValues};
use domain::licence::{
    DecisionOutcome, DocumentKind, LicenceStatus, MyLicencesResponse, RegisterPage, StatementKey,
    StatusChange, StatusChangeRequest,
};
use domain::ErrorCode;
use server::sandbox::people::{DemoPerson, DemoRole};

/// An applicant of the service (a person, or a company's first head) signed in.
async fn applicant_for(
    app: &TestApp,
    service: &ServiceDefinition,
    n: usize,
) -> (TestApp, DemoPerson) {
    let session = app.with_new_client();
    let who = if service.serves_persons() {
        // The n-th person applying for themselves, with a clean record.
        server::sandbox::people::people()
            .into_iter()
            .filter(|p| {
                p.role == DemoRole::Applicant && p.company.is_none() && p.convictions.is_empty()
            })
            .nth(n)
            .expect("a demo person")
    } else {
        company_person(eds::Role::FirstHead)
    };
    json::<MeResponse>(session.sign_in_with_eds(&who).await).await;
    (session, who)
}

/// Files a request of the variant with the complete form changed by `changes` (a value, or
/// none to leave the field empty): the application's id once paid and signed, or the API's
/// error when it is not accepted.
async fn file(
    session: &TestApp,
    who: &DemoPerson,
    service: &ServiceDefinition,
    variant: &str,
    changes: &[(&str, Option<&str>)],
) -> Result<String, domain::ApiError> {
    let v = service.variant(variant).unwrap();
    let mut values: FormValues = crate::services::complete_form(session, service, v).await;
    for (k, value) in changes {
        match value {
            Some(x) => values.insert((*k).to_owned(), (*x).to_owned()),
            None => values.remove(*k),
        };
    }
    let r = session
        .post(
            "/api/applications",
            &CreateApplicationRequest {
                service_code: service.code.clone(),
                service_version: Some(service.version),
                variant: variant.into(),
                values,
                lang: Some(domain::Lang::Kk),
                sms_consent: false,
            },
        )
        .await;
    if !r.status().is_success() {
        return Err(api_error(r).await);
    }
    let created: ApplicationResponse = json(r).await;
    let id = created.case.id.clone();
    if v.fee_mci.is_some() {
        crate::chain::pay(session, &id).await;
    }
    let key = session.key_file(who).await;
    let submitted: ApplicationResponse =
        json(crate::chain::sign_and_submit(session, &id, &key).await).await;
    assert_eq!(submitted.case.status, CaseStatus::Submitted);
    Ok(id)
}

/// Runs a registered case to its result and signs it as the service's official.
async fn granted(app: &TestApp, service: &ServiceDefinition, id: &str) -> CaseView {
    let login = officer_for(service);
    let officer = app.with_new_client();
    officer.sign_in_staff(login).await;
    walk(&officer, id, None, grants).await;
    let done = sign_licence(app, &officer, login, id).await;
    assert_eq!(done.status, CaseStatus::Approved, "{} {id}", service.code);
    done
}

async fn check(app: &TestApp, number: &str) -> LicenceCheckResponse {
    json(
        app.with_new_client()
            .get(&format!("/api/public/licences/{number}"))
            .await,
    )
    .await
}

fn current(code: &str) -> ServiceDefinition {
    domain::catalogue::current(&domain::catalogue::builtin(), code)
        .unwrap()
        .clone()
}

/// The variant that issues a licence (the first; an annex is asked for with it only when
/// its kind says so).
fn issue_changes(service: &ServiceDefinition) -> Vec<(&'static str, Option<&'static str>)> {
    let v = &service.variants[0];
    match v.licence.as_ref().and_then(|r| r.when.as_ref()) {
        Some(_) => vec![("request_kind", Some("licence"))],
        None => Vec::new(),
    }
}

/// The reissue variant's fields that name the licence: the number, no copy.
fn naming<'a>(
    service: &'a ServiceDefinition,
    variant: &str,
    number: &'a str,
) -> Vec<(&'a str, Option<&'a str>)> {
    let r = service.variant(variant).unwrap().licence.as_ref().unwrap();
    let mut out = vec![(r.number_field.as_str(), Some(number))];
    if let Some(c) = &r.copy_field {
        out.push((c.as_str(), None));
    }
    out
}

async fn each_licence_is_issued_then_reissued_and_both_are_linked(app: &TestApp) {
    for code in [
        "CON-CIW",
        "CON-DESIGN",
        "CON-SURVEY",
        "CON-EQUITY",
        "BAIL-LIC",
        "FOR-LIC",
    ] {
        let service = current(code);
        let (session, who) = applicant_for(app, &service, 0).await;
        let first = &service.variants[0].code;
        let id = file(&session, &who, &service, first, &issue_changes(&service))
            .await
            .unwrap_or_else(|e| panic!("{code}: {e:?}"));
        let issued = granted(app, &service, &id).await;
        let old = issued.licence_number.clone().expect("a licence");

        let id = file(
            &session,
            &who,
            &service,
            "reissue",
            &naming(&service, "reissue", &old),
        )
        .await
        .unwrap_or_else(|e| panic!("{code} reissue: {e:?}"));
        let reissued = granted(app, &service, &id).await;
        let new = reissued.licence_number.clone().expect("the new licence");
        assert_ne!(new, old, "{code}");

        let was = check(app, &old).await.licence;
        assert_eq!(was.status, LicenceStatus::Reissued, "{code}");
        assert_eq!(was.replaced_by.as_deref(), Some(new.as_str()), "{code}");
        assert!(was.replaced_on.is_some(), "{code}");
        let now = check(app, &new).await;
        assert!(now.signature_valid, "{code}");
        assert_eq!(now.licence.status, LicenceStatus::Valid, "{code}");
        assert_eq!(
            now.licence.previous_number.as_deref(),
            Some(old.as_str()),
            "{code}"
        );

        // My licences: both, the old one with nothing to do, the new one with its actions.
        let mine: MyLicencesResponse = json(session.get("/api/licences").await).await;
        let of = |n: &str| {
            mine.licences
                .iter()
                .find(|l| l.licence.number == n)
                .unwrap()
        };
        assert!(of(&old).actions.is_empty(), "{code}");
        assert!(
            of(&new).actions.iter().any(|a| a.variant == "reissue"),
            "{code}"
        );
        // A second re-issue of the replaced licence is refused at the field.
        let e = file(
            &session,
            &who,
            &service,
            "reissue",
            &naming(&service, "reissue", &old),
        )
        .await
        .unwrap_err();
        assert_eq!(
            field_codes(&e),
            vec![(
                "licence_number".to_owned(),
                FieldErrorCode::LicenceNotInForce
            )],
            "{code}"
        );
    }
}
crate::on_both_stores!(each_licence_is_issued_then_reissued_and_both_are_linked);

fn field_codes(e: &domain::ApiError) -> Vec<(String, FieldErrorCode)> {
    e.fields.iter().map(|f| (f.field.clone(), f.code)).collect()
}

async fn a_duplicate_an_annex_and_a_category_act_on_their_licence(app: &TestApp) {
    let service = current("CON-CIW");
    let (session, who) = applicant_for(app, &service, 0).await;
    let id = file(&session, &who, &service, "issue", &issue_changes(&service))
        .await
        .unwrap();
    let number = granted(app, &service, &id)
        .await
        .licence_number
        .expect("a licence");

    // A duplicate: a copy of the same licence, its number and status unchanged.
    let id = file(
        &session,
        &who,
        &service,
        "duplicate",
        &naming(&service, "duplicate", &number),
    )
    .await
    .unwrap();
    let done = granted(app, &service, &id).await;
    assert_eq!(done.licence_number, None);
    let duplicate = done
        .documents
        .iter()
        .find(|d| d.kind == DocumentKind::Duplicate)
        .expect("the duplicate");
    assert_eq!(duplicate.licence_number.as_deref(), Some(number.as_str()));
    let pdf = session
        .get(&format!("/api/documents/{}/document.pdf", duplicate.id))
        .await
        .bytes()
        .await
        .unwrap();
    let p7s = session
        .get(&format!("/api/documents/{}/document.p7s", duplicate.id))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(openssl_verifies(app, &pdf, &p7s).await);
    let now = check(app, &number).await.licence;
    assert_eq!(now.status, LicenceStatus::Valid);
    assert_eq!(now.duplicates.len(), 1);

    // An annex: asked for with the issue form, attached to its licence with its own number.
    let id = file(
        &session,
        &who,
        &service,
        "issue",
        &[
            ("request_kind", Some("annex")),
            ("existing_licence_number", Some(number.as_str())),
            ("existing_licence_copy", None),
            ("activity_subtypes", Some("Монтаж инженерных сетей")),
        ],
    )
    .await
    .unwrap();
    let done = granted(app, &service, &id).await;
    assert_eq!(done.licence_number, None);
    let now = check(app, &number).await.licence;
    assert_eq!(now.annexes.len(), 1);
    assert!(now.annexes[0].number.starts_with(&number));
    assert_eq!(
        now.annexes[0].subtypes.as_deref(),
        Some("Монтаж инженерных сетей")
    );
    assert_eq!(now.status, LicenceStatus::Valid);

    // A category: recorded on the licence that replaces it.
    let mut changes = naming(&service, "category", &number);
    changes.push(("category", Some("II")));
    let id = file(&session, &who, &service, "category", &changes)
        .await
        .unwrap();
    let categorised = granted(app, &service, &id)
        .await
        .licence_number
        .expect("the licence with its category");
    let c = check(app, &categorised).await.licence;
    assert_eq!(c.category.as_deref(), Some("II"));
    assert_eq!(c.previous_number.as_deref(), Some(number.as_str()));
    assert_eq!(
        check(app, &number).await.licence.status,
        LicenceStatus::Reissued
    );
}
crate::on_both_stores!(a_duplicate_an_annex_and_a_category_act_on_their_licence);

async fn a_request_naming_a_licence_it_may_not_act_on_is_a_field_error_and_stores_nothing(
    app: &TestApp,
) {
    for code in ["CON-CIW", "BAIL-LIC", "FOR-LIC"] {
        let service = current(code);
        let (session, who) = applicant_for(app, &service, 1).await;
        let (holder, company) = holder_of(&session).await;
        let other_person = server::sandbox::people::people()
            .into_iter()
            .map(|p| p.iin.to_string())
            .find(|iin| *iin != holder)
            .unwrap();
        let someone_else = if company {
            "150640023456"
        } else {
            other_person.as_str()
        };
        let others = licence_in_register(
            app,
            someone_else,
            company,
            code,
            service.version,
            LicenceStatus::Valid,
            "Держатель лицензии",
        )
        .await;
        let terminated = licence_in_register(
            app,
            &holder,
            company,
            code,
            service.version,
            LicenceStatus::Terminated,
            "Держатель лицензии",
        )
        .await;
        let another_activity = licence_in_register(
            app,
            &holder,
            company,
            if code == "FOR-LIC" {
                "BAIL-LIC"
            } else {
                "FOR-LIC"
            },
            2018,
            LicenceStatus::Valid,
            "Держатель лицензии",
        )
        .await;
        let before = whole_cabinet(&session).await;
        for (number, expected) in [
            (others.as_str(), FieldErrorCode::LicenceNotYours),
            (terminated.as_str(), FieldErrorCode::LicenceNotInForce),
            ("99000001", FieldErrorCode::LicenceUnknown),
            (
                another_activity.as_str(),
                FieldErrorCode::LicenceOtherActivity,
            ),
        ] {
            let e = file(
                &session,
                &who,
                &service,
                "reissue",
                &naming(&service, "reissue", number),
            )
            .await
            .expect_err(&format!("{code} {number} {expected:?}"));
            assert_eq!(e.code, ErrorCode::ValidationFailed, "{code} {number}");
            assert_eq!(
                field_codes(&e),
                vec![("licence_number".to_owned(), expected)],
                "{code} {number}"
            );
        }
        let after = whole_cabinet(&session).await;
        assert_eq!(after.len(), before.len(), "{code}");
        assert_eq!(
            check(app, &others).await.licence.status,
            LicenceStatus::Valid
        );
        // Where the form asks for the copy, a number the register does not know is a licence
        // issued on paper: accepted with the copy attached.
        if let Some(copy) = &service
            .variant("reissue")
            .unwrap()
            .licence
            .as_ref()
            .unwrap()
            .copy_field
        {
            let v = service.variant("reissue").unwrap();
            let values = crate::services::complete_form(&session, &service, v).await;
            let mut changes = naming(&service, "reissue", "99000002");
            changes.retain(|(k, _)| k != copy);
            changes.push((copy.as_str(), Some(values[copy].as_str())));
            let id = file(&session, &who, &service, "reissue", &changes)
                .await
                .unwrap();
            let new = granted(app, &service, &id).await.licence_number.unwrap();
            let paper = check(app, "99000002").await.licence;
            assert!(paper.from_paper);
            assert_eq!(paper.status, LicenceStatus::Reissued);
            assert_eq!(paper.replaced_by.as_deref(), Some(new.as_str()));
        }
    }
}
crate::on_both_stores!(
    a_request_naming_a_licence_it_may_not_act_on_is_a_field_error_and_stores_nothing
);

async fn an_attestation_ends_in_the_commissions_decision_and_no_licence(app: &TestApp) {
    let service = current("BAIL-ATT");
    let (session, who) = applicant_for(app, &service, 2).await;
    let id = file(&session, &who, &service, "attestation", &[])
        .await
        .unwrap();
    let done = granted(app, &service, &id).await;
    assert_eq!(done.licence_number, None);
    let decision = done
        .documents
        .iter()
        .find(|d| d.kind == DocumentKind::Attestation)
        .expect("the commission's decision");
    assert_eq!(decision.outcome, Some(DecisionOutcome::Passed));
    // Not in the licence register.
    let number = done.number.clone().unwrap();
    let missing = app
        .with_new_client()
        .get(&format!("/api/public/licences/{number}"))
        .await;
    assert_eq!(missing.status(), 404);
    let mine: MyLicencesResponse = json(session.get("/api/licences").await).await;
    assert!(mine.licences.is_empty());
    assert_eq!(mine.results.len(), 1);
    let attestation = mine.results[0].number.clone().unwrap();

    // The bailiff's licence names the passed attestation from the applicant's results: no
    // protocol copy is needed; someone else naming it is told it is not theirs to name.
    let licence = current("BAIL-LIC");
    let r = licence
        .variant("issue")
        .unwrap()
        .attestation
        .clone()
        .unwrap();
    let copy = r.copy_field.clone().unwrap();
    file(
        &session,
        &who,
        &licence,
        "issue",
        &[
            (r.number_field.as_str(), Some(attestation.as_str())),
            (copy.as_str(), None),
        ],
    )
    .await
    .unwrap();
    let (stranger, stranger_who) = applicant_for(app, &licence, 1).await;
    let e = file(
        &stranger,
        &stranger_who,
        &licence,
        "issue",
        &[
            (r.number_field.as_str(), Some(attestation.as_str())),
            (copy.as_str(), None),
        ],
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_codes(&e),
        vec![(r.number_field.clone(), FieldErrorCode::ResultNotPassed)]
    );
    let e = file(
        &stranger,
        &stranger_who,
        &licence,
        "issue",
        &[
            (r.number_field.as_str(), Some("MOJ-0000")),
            (copy.as_str(), None),
        ],
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_codes(&e),
        vec![(r.number_field.clone(), FieldErrorCode::ResultUnknown)]
    );
}
crate::on_both_stores!(an_attestation_ends_in_the_commissions_decision_and_no_licence);

async fn the_licensor_suspends_resumes_and_terminates_with_its_eds(app: &TestApp) {
    let service = current("FOR-LIC");
    let (session, who) = applicant_for(app, &service, 0).await;
    let id = file(&session, &who, &service, "issue", &[]).await.unwrap();
    let number = granted(app, &service, &id).await.licence_number.unwrap();
    let officer = app.with_new_client();
    officer.sign_in_staff("officer").await;
    let key = crate::process::official_key(&officer).await;
    let grounds = "Акт лицензионного контроля № 15 от 20.11.2026: нарушение п. 3 требований";
    let path = format!("/api/officer/licences/{number}/status");

    // Without the signature, or signed over other grounds, nothing changes.
    let request = |change, cms_b64| StatusChangeRequest {
        change,
        grounds: grounds.into(),
        cms_b64,
    };
    let e = api_error(
        officer
            .post(&path, &request(StatusChange::Suspend, None))
            .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::SignatureRequired);
    let draft = |change| {
        let officer = &officer;
        let number = &number;
        async move {
            let d: SigningPayloadResponse = json(
                officer
                    .post(
                        &format!("/api/officer/licences/{number}/status-draft"),
                        &request(change, None),
                    )
                    .await,
            )
            .await;
            decode(&d.payload_b64)
        }
    };
    let pdf = draft(StatusChange::Suspend).await;
    assert!(pdf.starts_with(b"%PDF-"));
    let mut other = pdf.clone();
    other.push(b' ');
    let e = api_error(
        officer
            .post(
                &path,
                &request(StatusChange::Suspend, Some(sign(&key, &other).cms_b64)),
            )
            .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::OfficialSignatureInvalid);
    assert_eq!(
        check(app, &number).await.licence.status,
        LicenceStatus::Valid
    );
    // An applicant may not.
    let e = api_error(
        session
            .post(&path, &request(StatusChange::Suspend, None))
            .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::Forbidden);

    for (change, status) in [
        (StatusChange::Suspend, LicenceStatus::Suspended),
        (StatusChange::Resume, LicenceStatus::Valid),
        (StatusChange::Terminate, LicenceStatus::Terminated),
    ] {
        let pdf = draft(change).await;
        let r: OfficerLicenceResponse = json(
            officer
                .post(&path, &request(change, Some(sign(&key, &pdf).cms_b64)))
                .await,
        )
        .await;
        assert_eq!(r.licence.status, status);
        let public = check(app, &number).await.licence;
        assert_eq!(public.status, status);
        assert_eq!(public.history.last().unwrap().change, change);
        assert_eq!(public.history.last().unwrap().grounds, grounds);
    }
    // Terminated: no way back, nothing to do in My licences.
    let e = api_error(
        officer
            .post(&path, &request(StatusChange::Resume, None))
            .await,
    )
    .await;
    assert_eq!(e.code, ErrorCode::Conflict);
    let mine: MyLicencesResponse = json(session.get("/api/licences").await).await;
    let l = mine
        .licences
        .iter()
        .find(|l| l.licence.number == number)
        .unwrap();
    assert_eq!(l.licence.status, LicenceStatus::Terminated);
    assert!(l.actions.is_empty());
    assert_eq!(l.licence.history.len(), 3);
    // An officer of another licensor does not reach it.
    let con = app.with_new_client();
    con.sign_in_staff("officer-con").await;
    assert_eq!(
        con.get(&format!("/api/officer/licences/{number}"))
            .await
            .status(),
        404
    );
}
crate::on_both_stores!(the_licensor_suspends_resumes_and_terminates_with_its_eds);

async fn the_qr_statement_verifies_with_the_portals_key_and_the_register_is_searched(
    app: &TestApp,
) {
    let service = current("CON-DESIGN");
    // A company, so that the register is searched by its BIN and its name.
    let session = app.with_new_client();
    let who = company_person(eds::Role::FirstHead);
    json::<MeResponse>(session.sign_in_with_eds(&who).await).await;
    let id = file(&session, &who, &service, "issue", &issue_changes(&service))
        .await
        .unwrap();
    let number = granted(app, &service, &id).await.licence_number.unwrap();
    let mine: MyLicencesResponse = json(session.get("/api/licences").await).await;
    let l = mine
        .licences
        .iter()
        .find(|l| l.licence.number == number)
        .unwrap();
    let url = l.check_url.clone().expect("the QR's address");
    let token = url.split_once("#s=").expect("a signed statement").1;
    let keys: Vec<StatementKey> = json(app.get("/api/public/statement-keys").await).await;
    let statement = server::licences::statement::verify(&keys[0], token).expect("it verifies");
    assert_eq!(statement.n, number);
    assert_eq!(statement.s, LicenceStatus::Valid);
    assert_eq!(statement.h, l.licence.holder_name);
    // One character changed and it does not.
    let mut forged = token.to_owned();
    forged.replace_range(3..4, if &token[3..4] == "A" { "B" } else { "A" });
    assert!(server::licences::statement::verify(&keys[0], &forged).is_none());

    // The public register: a company by BIN or by name, a page at a time; a person's
    // licence by its number only, never showing the IIN.
    let (bin, _) = holder_of(&session).await;
    let anonymous = app.with_new_client();
    let page: RegisterPage = json(
        anonymous
            .get(&format!("/api/public/licences?q={bin}"))
            .await,
    )
    .await;
    assert!(page.entries.iter().any(|e| e.number == number));
    assert!(page
        .entries
        .iter()
        .all(|e| e.holder_bin.as_deref() == Some(bin.as_str())));
    let name: String = l.licence.holder_name.chars().skip(1).take(6).collect();
    let page: RegisterPage = json(
        anonymous
            .get(&format!(
                "/api/public/licences?q={}",
                urlencode(&name.to_lowercase())
            ))
            .await,
    )
    .await;
    assert!(page.entries.iter().any(|e| e.number == number), "{name}");
    // Two letters: the field says what to type, in the language asked for.
    let e = api_error(anonymous.get("/api/public/licences?q=ab").await).await;
    assert_eq!(e.code, ErrorCode::ValidationFailed);
    assert_eq!(e.fields.len(), 1);
    assert_eq!(e.fields[0].field, "q");
    assert_eq!(e.fields[0].code, FieldErrorCode::SearchTooShort);
    assert!(
        domain::Lang::ALL
            .iter()
            .any(|l| e.fields[0].message == FieldErrorCode::SearchTooShort.message(*l)),
        "{}",
        e.fields[0].message
    );
    let person = person(DemoRole::Applicant, 0);
    let page: RegisterPage = json(
        anonymous
            .get(&format!("/api/public/licences?q={}", person.iin))
            .await,
    )
    .await;
    assert!(page.entries.is_empty());

    // The same search written for the check page, in the language asked: an item per
    // licence, linking its check; nothing for nothing found; the same refusal of two letters;
    // and the same limit (these reads count against it too).
    let written: Written = json(
        anonymous
            .get(&format!("/api/public/written/licences?q={bin}&lang=ru"))
            .await,
    )
    .await;
    assert!(
        written
            .html
            .contains(&format!("<li><a href=\"/check/{number}\">№ {number}</a>")),
        "{}",
        written.html
    );
    assert!(written.html.contains(&format!("(БСН/БИН {bin})")));
    assert_eq!(written.next, None);
    let none: Written = json(
        anonymous
            .get(&format!("/api/public/written/licences?q={}", person.iin))
            .await,
    )
    .await;
    assert_eq!(none.html, "");
    let e = api_error(
        anonymous
            .get("/api/public/written/licences?q=ab&lang=en")
            .await,
    )
    .await;
    assert_eq!(e.fields[0].code, FieldErrorCode::SearchTooShort);

    // Limited per address: the 61st read in a minute is refused.
    let mut refused = false;
    for _ in 0..62 {
        let r = anonymous
            .get(&format!("/api/public/licences/{number}"))
            .await;
        if r.status() == 429 {
            refused = true;
            break;
        }
    }
    assert!(refused);
}
crate::on_both_stores!(the_qr_statement_verifies_with_the_portals_key_and_the_register_is_searched);
