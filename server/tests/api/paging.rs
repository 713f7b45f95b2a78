//! Lists a page at a time: the cabinet (newest first) and the officer's queue (sections with
//! their counts), read to the end through the cursors they hand out.

use crate::helpers::*;
use domain::api::*;
use domain::case::CaseStatus;
use server::db::{self, applications::Case};
use server::sandbox::people::{self, DemoRole};

/// Puts `n` cases straight into the database for `applicant`: the first `open` at the first
/// step of their process (the chancellery's), the rest decided.
async fn cases(app: &TestApp, iin: &domain::Iin, n: i64, open: i64) {
    let applicant = db::auth::applicant_by_iin(&app.state.db, iin.as_str())
        .await
        .unwrap()
        .unwrap();
    let service = app.state.service("FOR-LIC").unwrap();
    let variant = &service.variants[0];
    let process = app
        .state
        .process_for(&service.code, service.version, &variant.code)
        .unwrap();
    let now = time::OffsetDateTime::now_utc();
    for k in 0..n {
        let at = |minutes: i64| db::timestamp_text(now - time::Duration::minutes(minutes));
        let status = if k < open {
            CaseStatus::Submitted
        } else {
            CaseStatus::Approved
        };
        let case = Case {
            status,
            ..Case::new_request(
                service,
                variant,
                &applicant.id,
                iin,
                Default::default(),
                2026,
                at(k * 10),
            )
        };
        db::applications::insert(&app.state.db, &case)
            .await
            .unwrap();
        if k < open {
            let step = &process.steps[0];
            let row = db::steps::StepRow::opened(
                &case.id,
                &step.id,
                step.role,
                at(k * 10),
                // Deadlines in another order than the cases' ages.
                Some(db::timestamp_text(
                    now + time::Duration::hours((k * 7) % 40),
                )),
            );
            db::steps::open(&app.state.db, &row).await.unwrap();
        } else {
            db::applications::record_decision(&app.state.db, &case.id, &at(k), None)
                .await
                .unwrap();
        }
    }
}

async fn lists_come_a_page_at_a_time(app: &TestApp) {
    let person = people::people()
        .into_iter()
        .find(|p| p.role == DemoRole::Applicant && p.company.is_none())
        .unwrap();
    json::<MeResponse>(app.sign_in_with_eds(&person).await).await;
    cases(app, &person.iin, 45, 30).await;

    // The cabinet: 20 newest first, then the rest through the cursor, each case once.
    let first: CasePage = json(app.get("/api/applications").await).await;
    assert_eq!(first.items.len(), 20);
    assert!(first.next.is_some());
    let all = whole_cabinet(app).await;
    assert_eq!(all.len(), 45);
    let mut ids: Vec<_> = all.iter().map(|c| c.id.clone()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 45);
    assert!(all.windows(2).all(|w| w[0].created_at >= w[1].created_at));
    // A cursor the list did not hand out is refused, and changes nothing.
    assert_eq!(app.get("/api/applications?after=zzz").await.status(), 422);

    // The queue: every section's count, a page of 25 of the first, the rest on request.
    let officer = app.with_new_client();
    officer.sign_in_staff("officer").await;
    let page: QueuePage = json(officer.get("/api/officer/cases").await).await;
    assert_eq!(page.section, QueueSection::Mine);
    assert_eq!(
        page.mine,
        QueueCount {
            count: 30,
            more: false
        }
    );
    assert_eq!(page.others.count, 0);
    assert_eq!(page.decided.count, 15);
    assert_eq!(page.items.len(), 25);
    let queue = whole_queue(&officer).await;
    assert_eq!(queue.len(), 45);
    // Open cases by their step's deadline, soonest first.
    let due: Vec<_> = queue[..30]
        .iter()
        .map(|i| i.step.as_ref().unwrap().due_at.clone().unwrap())
        .collect();
    assert!(due.windows(2).all(|w| w[0] <= w[1]), "{due:?}");
    assert!(queue[..30].iter().all(|i| i.step.as_ref().unwrap().mine));
    // Decided ones newest first.
    assert!(queue[30..]
        .iter()
        .all(|i| i.case.status == CaseStatus::Approved));
    assert_eq!(
        officer
            .get("/api/officer/cases?section=everything")
            .await
            .status(),
        422
    );
    assert_eq!(
        officer
            .get("/api/officer/cases?section=decided&after=nope")
            .await
            .status(),
        422
    );
    // An applicant has no queue.
    assert_eq!(app.get("/api/officer/cases").await.status(), 403);
}
crate::on_both_stores!(lists_come_a_page_at_a_time);

/// The register's name search reads a page through the rarest three-letter run of the text and
/// checks the whole text: every company whose name holds it, a page after a page, each once; not
/// a name that holds its runs apart, not a person, not a licence awaiting its signature.
async fn the_register_is_searched_by_name_a_page_at_a_time(app: &TestApp) {
    use domain::licence::{LicenceStatus, RegisterPage};
    let version = app.state.service("FOR-LIC").unwrap().version;
    let mut wanted = Vec::new();
    for k in 0..45 {
        let bin = format!("{:012}", 100_000_000_000u64 + k);
        let name = format!("ТОО «Жасыл Дала {k}»");
        let number = licence_in_register(
            app,
            &bin,
            true,
            "FOR-LIC",
            version,
            LicenceStatus::Valid,
            &name,
        );
        wanted.push(number.await);
    }
    wanted.sort();
    for (k, (company, status, name)) in [
        (true, LicenceStatus::Valid, "ТОО «Дал Ала»"),
        (true, LicenceStatus::PendingSignature, "ТОО «Жасыл Дала»"),
        (false, LicenceStatus::Valid, "Дала Жасылов"),
    ]
    .into_iter()
    .enumerate()
    {
        let holder = format!("{:012}", 200_000_000_000u64 + k as u64);
        licence_in_register(app, &holder, company, "FOR-LIC", version, status, name).await;
    }

    let anonymous = app.with_new_client();
    let mut found: Vec<String> = Vec::new();
    let mut after = String::new();
    loop {
        let page: RegisterPage = json(
            anonymous
                .get(&format!(
                    "/api/public/licences?q={}&after={}",
                    urlencode("дала "),
                    urlencode(&after)
                ))
                .await,
        )
        .await;
        assert!(page.entries.len() <= 20);
        found.extend(page.entries.iter().map(|e| e.number.clone()));
        match page.next {
            Some(next) => after = next,
            None => break,
        }
    }
    assert_eq!(found, wanted);

    // A run in the middle of words, across the space and upper case as typed.
    let page: RegisterPage = json(
        anonymous
            .get(&format!(
                "/api/public/licences?q={}",
                urlencode("ЫЛ ДАЛА 17")
            ))
            .await,
    )
    .await;
    let names: Vec<&str> = page
        .entries
        .iter()
        .map(|e| e.holder_name.as_str())
        .collect();
    assert_eq!(names, ["ТОО «Жасыл Дала 17»"]);
    // Runs that no name holds: nothing, and no error.
    let page: RegisterPage = json(
        anonymous
            .get(&format!("/api/public/licences?q={}", urlencode("%_щщщ")))
            .await,
    )
    .await;
    assert!(page.entries.is_empty());
}
crate::on_both_stores!(the_register_is_searched_by_name_a_page_at_a_time);
