//! Every service and variant of the catalogue, driven by its definition alone: a complete
//! form is accepted, and each required field or file slot left out gives that field's error
//! and stores nothing.

use crate::helpers::*;
use domain::api::*;
use domain::catalogue::{FieldKind, ServiceDefinition, Variant};
use domain::form::{FieldErrorCode, FormValues};
use domain::ErrorCode;
use server::sandbox::people::{self, DemoRole};

/// What a careful applicant would type into a field that is not a file slot.
pub fn typed_value(kind: &FieldKind) -> String {
    match kind {
        FieldKind::Text { max_len } => "Сынақ мәтіні".chars().take(*max_len).collect(),
        FieldKind::Date => "2020-01-15".to_owned(),
        FieldKind::Select { options } => options[0].value.clone(),
        FieldKind::Checkbox => "true".to_owned(),
        FieldKind::Iin => person(DemoRole::Applicant, 0).iin.to_string(),
        FieldKind::Bin => people::survey_company().bin.to_string(),
        FieldKind::Email => "applicant@example.kz".to_owned(),
        FieldKind::Phone => "+7 701 123 45 67".to_owned(),
        // Generous figures, so every threshold of the regulations is met.
        FieldKind::Number { max, .. } => max.unwrap_or(1000).to_string(),
        FieldKind::Money => "900 000 000 000".to_owned(),
        FieldKind::Address => domain::form::Address {
            region: "karaganda".into(),
            line: "Қарағанды қ., Бұқар жырау даңғ., 49".into(),
        }
        .to_value(),
        // Two rows of a repeating group, each complete.
        FieldKind::Group {
            fields, min_rows, ..
        } => {
            let row: std::collections::BTreeMap<String, String> = fields
                .iter()
                .map(|f| (f.key.clone(), typed_value(&f.kind)))
                .collect();
            serde_json::to_string(&vec![row; (*min_rows).max(2)]).unwrap()
        }
        FieldKind::File { .. } => unreachable!("file slots are uploaded"),
    }
}

/// What a careful applicant would type and attach in each field.
pub async fn complete_form(
    app: &TestApp,
    service: &ServiceDefinition,
    variant: &Variant,
) -> FormValues {
    let mut values = FormValues::new();
    for f in &variant.fields {
        let value = match &f.kind {
            FieldKind::File { .. } => {
                let att: AttachmentResponse = json(
                    app.upload_for_version(
                        &service.code,
                        Some(service.version),
                        &variant.code,
                        &f.key,
                        "scan.pdf",
                        pdf_bytes(),
                    )
                    .await,
                )
                .await;
                att.id
            }
            kind => typed_value(kind),
        };
        values.insert(f.key.clone(), value);
    }
    // A request that acts on a licence names one: the holder's own, from the register. (With
    // the copy attached, a number the register does not know is a licence issued on paper.)
    if let Some(r) = server::licences::refs::licence_ref(variant, &values) {
        if r.copy_field.is_none() {
            let (holder, company) = holder_of(app).await;
            let number = licence_in_register(
                app,
                &holder,
                company,
                &service.code,
                service.version,
                domain::licence::LicenceStatus::Valid,
                "Держатель лицензии",
            )
            .await;
            values.insert(r.number_field.clone(), number);
        }
    }
    values
}

async fn every_variant_accepts_a_complete_form_and_names_each_missing_field(app: &TestApp) {
    let person_session = app.with_new_client();
    json::<MeResponse>(
        person_session
            .sign_in_with_eds(&person(DemoRole::Applicant, 0))
            .await,
    )
    .await;
    let company_session = app.with_new_client();
    json::<MeResponse>(
        company_session
            .sign_in_with_eds(&company_person(eds::Role::FirstHead))
            .await,
    )
    .await;

    let mut variants = 0;
    for service in domain::catalogue::builtin() {
        let session = if service.serves_persons() {
            &person_session
        } else {
            &company_session
        };
        for variant in &service.variants {
            variants += 1;
            let what = format!("{} {} {}", service.code, service.version, variant.code);
            let complete = complete_form(session, &service, variant).await;
            let create = |values: FormValues| CreateApplicationRequest {
                service_code: service.code.clone(),
                service_version: Some(service.version),
                variant: variant.code.clone(),
                values,
                lang: None,
                sms_consent: false,
            };
            for f in variant
                .fields
                .iter()
                .filter(|f| f.required && domain::form::is_shown(f, &complete))
            {
                let mut values = complete.clone();
                values.remove(&f.key);
                let e = api_error(
                    session
                        .post_lang("/api/applications", &create(values), "kk")
                        .await,
                )
                .await;
                assert_eq!(
                    e.code,
                    ErrorCode::ValidationFailed,
                    "{what} without {}",
                    f.key
                );
                let named: Vec<_> = e
                    .fields
                    .iter()
                    .map(|x| (x.field.as_str(), x.code))
                    .collect();
                assert_eq!(
                    named,
                    vec![(f.key.as_str(), FieldErrorCode::Required)],
                    "{what} without {}",
                    f.key
                );
                assert!(
                    e.fields[0].message.chars().any(|c| "әғқңөұүһі".contains(c)),
                    "{what}: {}",
                    e.fields[0].message
                );
            }
            let created: ApplicationResponse =
                json(session.post("/api/applications", &create(complete)).await).await;
            assert_eq!(created.case.service_code, service.code, "{what}");
            // The application keeps the exact version it was filled with.
            assert_eq!(created.case.service_version, service.version, "{what}");
        }
    }
    // Ten definitions (seven services, two of them with earlier regimes), 27 variants.
    assert_eq!(variants, 27, "{variants} variants");
}
crate::on_both_stores!(every_variant_accepts_a_complete_form_and_names_each_missing_field);

async fn the_catalogue_lists_current_versions_and_keeps_the_earlier_ones(app: &TestApp) {
    let list: Vec<domain::catalogue::ServiceSummary> = json(app.get("/api/services").await).await;
    let codes: Vec<_> = list.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(
        codes,
        vec![
            "FOR-LIC",
            "BAIL-ATT",
            "BAIL-LIC",
            "CON-SURVEY",
            "CON-EQUITY",
            "CON-DESIGN",
            "CON-CIW"
        ]
    );
    let bail = list.iter().find(|s| s.code == "BAIL-LIC").unwrap();
    assert_eq!(bail.version, 2018);
    assert_eq!(
        bail.earlier.iter().map(|v| v.version).collect::<Vec<_>>(),
        vec![2016, 2014]
    );
    // A named version's passport; the default is the current one; an unknown one is not found.
    let old: ServiceResponse = json(app.get("/api/services/BAIL-LIC?version=2014").await).await;
    assert_eq!(old.definition.version, 2014);
    assert_eq!(old.definition.variants[0].code, "exam");
    assert_eq!(old.versions.len(), 3);
    let now: ServiceResponse = json(app.get("/api/services/BAIL-LIC").await).await;
    assert_eq!(now.definition.version, 2018);
    let e = api_error(app.get("/api/services/BAIL-LIC?version=2015").await).await;
    assert_eq!(e.code, ErrorCode::NotFound);

    // A draft typed in a historic version is that version's: the current form starts empty.
    let session = app.with_new_client();
    json::<MeResponse>(
        session
            .sign_in_with_eds(&person(DemoRole::Applicant, 1))
            .await,
    )
    .await;
    let draft = SaveDraftRequest {
        service_version: Some(2016),
        values: [("education".to_owned(), "ҚазҰУ заң факультеті".to_owned())]
            .into_iter()
            .collect(),
    };
    let saved: DraftView = json(session.put("/api/drafts/BAIL-LIC/issue", &draft).await).await;
    assert_eq!(saved.service_version, 2016);
    let e = api_error(session.get("/api/drafts/BAIL-LIC/issue").await).await;
    assert_eq!(e.code, ErrorCode::NotFound);
    let back: DraftView = json(session.get("/api/drafts/BAIL-LIC/issue?version=2016").await).await;
    assert_eq!(back.values, draft.values);
}
crate::on_both_stores!(the_catalogue_lists_current_versions_and_keeps_the_earlier_ones);

/// `/` carries the catalogue in the visitor's language before any WebAssembly runs (a slow
/// phone paints it at once): every service's name and link, in the language of the `lang`
/// cookie, else of `Accept-Language`; someone signed in gets the page as built.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalogue_is_in_the_first_page_in_the_visitors_language() {
    let dist = std::env::temp_dir().join(format!("portal-dist-{}", server::db::new_id()));
    std::fs::create_dir_all(dist.join("public")).unwrap();
    let template = "<!doctype html>\n<html lang=\"ru\">\n<head><title>Licensing portal</title></head>\n<body>\n<noscript>JS</noscript>\n</body>\n</html>\n";
    std::fs::write(dist.join("public/index.html"), template).unwrap();
    let app = TestApp::spawn_with(Store::Sqlite, |c| c.dist_dir = dist.clone())
        .await
        .unwrap();
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let services: Vec<domain::catalogue::ServiceSummary> =
        json(app.get("/api/services").await).await;
    assert!(!services.is_empty());
    for (lang, code) in [
        ("kk-KZ,kk;q=0.9", domain::Lang::Kk),
        ("en-US,en", domain::Lang::En),
    ] {
        let r = app.get_lang("/", lang).await;
        assert_eq!(r.status(), 200);
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert!(r.headers()["vary"]
            .to_str()
            .unwrap()
            .contains("Accept-Language"));
        let page = r.text().await.unwrap();
        assert!(
            page.contains(&format!("<html lang=\"{}\">", code.code())),
            "{page}"
        );
        assert!(page.contains("<div id=\"prerender\">"), "{page}");
        assert!(
            page.contains("<noscript>JS</noscript>"),
            "the built page stays"
        );
        for s in &services {
            assert!(
                page.contains(&escape(s.name.get(code))),
                "{} in {code:?}",
                s.code
            );
            assert!(page.contains(&format!("href=\"/services/{}\"", s.code)));
        }
    }
    // A passport too: its current version, in the language asked for.
    let code = &services[0].code;
    let passport: PassportResponse = json(app.get(&format!("/api/services/{code}")).await).await;
    let page = app
        .get_lang(&format!("/services/{code}"), "en-GB")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("<div id=\"prerender\">"), "{page}");
    assert!(page.contains(&format!(
        "<h1>{}</h1>",
        escape(passport.definition.name.get(domain::Lang::En))
    )));
    for v in &passport.definition.variants {
        assert!(page.contains(&escape(v.name.get(domain::Lang::En))));
    }
    // An earlier version, or an unknown service: the page as built, which the app fills in.
    for path in [
        format!("/services/{code}?version=1"),
        "/services/NO-SUCH".to_owned(),
    ] {
        let r = app.get(&path).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.text().await.unwrap(), template, "{path}");
    }
    // The language chosen in the app (its cookie) wins over the browser's.
    let with_cookie = |cookie: &'static str| {
        app.client
            .get(format!("{}/", app.url))
            .header("accept-language", "en-US")
            .header("cookie", cookie)
            .send()
    };
    let r = with_cookie("lang=kk").await.unwrap().text().await.unwrap();
    assert!(r.contains("<html lang=\"kk\">"));
    // A language button pressed before the app runs: the choice is kept in the cookie the
    // app reads, and the page asked for again without it.
    for (path, back) in [
        ("/?lang=kk".to_owned(), "/".to_owned()),
        (
            format!("/services/{code}?version=1&lang=en"),
            format!("/services/{code}?version=1"),
        ),
    ] {
        let r = app.get(&path).await;
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(r.headers()["location"], back.as_str());
        let cookie = r.headers()["set-cookie"].to_str().unwrap();
        assert!(
            cookie.starts_with(&format!("lang={}", &path[path.len() - 2..])),
            "{cookie}"
        );
    }
    // Signed in: the page as built, which the app fills in.
    let r = with_cookie("portal_session=abc")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(r, template);
    app.cleanup().await;
    let _ = std::fs::remove_dir_all(dist);
}

/// A form's page carries its heading before the portal's module (the largest) has arrived:
/// the service and the variant in the visitor's language, and that the form is on its way;
/// a version named in the query, an unknown variant and someone signed in get the page as
/// built.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forms_heading_is_in_the_first_page() {
    let dist = std::env::temp_dir().join(format!("portal-dist-{}", server::db::new_id()));
    std::fs::create_dir_all(&dist).unwrap();
    let template = "<!doctype html>\n<html lang=\"ru\">\n<head><title>Licensing portal</title></head>\n<body>\n<noscript>portal</noscript>\n</body>\n</html>\n";
    std::fs::write(dist.join("index.html"), template).unwrap();
    let app = TestApp::spawn_with(Store::Sqlite, |c| c.dist_dir = dist.clone())
        .await
        .unwrap();
    let passport: PassportResponse = json(app.get("/api/services/FOR-LIC").await).await;
    let variant = passport
        .definition
        .variants
        .iter()
        .find(|v| v.code == "issue")
        .expect("FOR-LIC has an issue variant");
    for (accept, lang) in [("kk-KZ,kk", domain::Lang::Kk), ("en-GB", domain::Lang::En)] {
        let r = app.get_lang("/apply/FOR-LIC/issue", accept).await;
        assert_eq!(r.status(), 200);
        let page = r.text().await.unwrap();
        assert!(
            page.contains(&format!("<html lang=\"{}\">", lang.code())),
            "{page}"
        );
        assert!(page.contains("<div id=\"prerender\">"), "{page}");
        assert!(
            page.contains("<noscript>portal</noscript>"),
            "the built page stays"
        );
        let name = |t: &domain::Text| {
            t.get(lang)
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        assert!(
            page.contains(&format!("<h1>{}</h1>", name(&variant.name))),
            "{page}"
        );
        assert!(page.contains(&format!(
            "<p class=\"caption\">{}</p>",
            name(&passport.definition.name)
        )));
        assert!(page.contains(&format!(
            "<title>{} · {} — {}</title>",
            name(&variant.name),
            name(&passport.definition.name),
            domain::words::t(lang, domain::words::Key::PortalName)
        )));
    }
    for path in [
        "/apply/FOR-LIC/issue?version=1",
        "/apply/FOR-LIC/no-such-variant",
        "/apply/NO-SUCH/issue",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.text().await.unwrap(), template, "{path}");
    }
    let signed_in = app
        .client
        .get(format!("{}/apply/FOR-LIC/issue", app.url))
        .header("cookie", "portal_session=abc")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(signed_in, template);
    app.cleanup().await;
    let _ = std::fs::remove_dir_all(dist);
}

/// The licence check, where a scanned printout lands, is in the first page too: the search,
/// and the licence asked for with its status and holder, in the visitor's language, before
/// any WebAssembly runs. A number the register does not hold, a search and someone signed
/// in get the page as built (the app says what is wrong, or shows the results).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_licence_check_is_in_the_first_page_with_the_licence() {
    use domain::words::{t, Key};
    let dist = std::env::temp_dir().join(format!("portal-dist-{}", server::db::new_id()));
    std::fs::create_dir_all(dist.join("licence-check")).unwrap();
    let template = "<!doctype html>\n<html lang=\"ru\">\n<head><title>Licence check · Licensing portal</title><link rel=\"modulepreload\" href=\"/licence-check/check.js\"></head>\n<body>\n<noscript>JS</noscript>\n</body>\n</html>\n";
    std::fs::write(dist.join("licence-check/index.html"), template).unwrap();
    let app = TestApp::spawn_with(Store::Sqlite, |c| c.dist_dir = dist.clone())
        .await
        .unwrap();
    let version = domain::catalogue::current(&domain::catalogue::builtin(), "FOR-LIC")
        .unwrap()
        .version;
    let number = licence_in_register(
        &app,
        "180340021791",
        true,
        "FOR-LIC",
        version,
        LicenceStatus::Suspended,
        "ТОО «Ак & <Жол>»",
    )
    .await;

    let r = app.get_lang("/check", "kk-KZ").await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(page.contains("<html lang=\"kk\">"), "{page}");
    assert!(page.contains("<div id=\"prerender\">"), "{page}");
    assert!(page.contains(&format!(
        "<title>{} — {}</title>",
        t(domain::Lang::Kk, Key::CheckTitle),
        t(domain::Lang::Kk, Key::PortalName)
    )));
    assert!(page.contains(&format!(
        "<h1>{}</h1>",
        t(domain::Lang::Kk, Key::CheckTitle)
    )));
    assert!(page.contains("id=\"qr-content\""));
    // The module is fetched once the written page has painted, not ahead of it.
    assert!(!page.contains("modulepreload"), "{page}");
    assert!(page.contains("<noscript>JS</noscript>"));

    let page = app
        .get_lang(&format!("/check/{number}"), "en-GB")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("<h2 id=\"check-h\">№ {number}</h2>")),
        "{page}"
    );
    assert!(page.contains(&format!("value=\"{number}\"")));
    assert!(
        page.contains("ТОО «Ак &amp; &lt;Жол&gt;» (БСН/БИН 180340021791)"),
        "{page}"
    );
    assert!(page.contains(&format!(
        "<span class=\"status licence-{}\">{}</span>",
        LicenceStatus::Suspended.code(),
        LicenceStatus::Suspended.label().get(domain::Lang::En)
    )));
    // Entered from paper: no electronic signature to vouch for.
    assert!(!page.contains("class=\"verdict"), "{page}");
    // The answer goes with the page, for the app to put in place: the API's own written
    // answer in the page's language, marked with its number and language, with `<` escaped
    // so that no text can end its element.
    let data = page
        .split(&format!(
            "<script type=\"application/json\" id=\"check-data\" data-number=\"{number}\" data-lang=\"en\">"
        ))
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the answer in the page");
    assert!(!data.contains('<'));
    let written: Written = serde_json::from_str(data).unwrap();
    let asked: Written = json(
        app.get(&format!("/api/public/written/licences/{number}?lang=en"))
            .await,
    )
    .await;
    assert_eq!(written, asked);
    assert!(page.contains(&written.html), "{page}");
    assert!(
        written.html.contains("ТОО «Ак &amp; &lt;Жол&gt;»"),
        "{}",
        written.html
    );
    // The status now, as a QR code's check shows it.
    assert_eq!(
        written.now.as_deref(),
        Some(
            format!(
                "<span class=\"status licence-{}\">{}</span>",
                LicenceStatus::Suspended.code(),
                LicenceStatus::Suspended.label().get(domain::Lang::En)
            )
            .as_str()
        )
    );
    // Written in the language asked, else the request's.
    let kk: Written = json(
        app.get(&format!("/api/public/written/licences/{number}?lang=kk"))
            .await,
    )
    .await;
    assert!(
        kk.html
            .contains(LicenceStatus::Suspended.label().get(domain::Lang::Kk)),
        "{}",
        kk.html
    );
    let by_header: Written = json(
        app.get_lang(&format!("/api/public/written/licences/{number}"), "kk-KZ")
            .await,
    )
    .await;
    assert_eq!(by_header, kk);
    // A number the register does not hold: the API's "not found", nothing written.
    let r = app
        .get("/api/public/written/licences/NO-SUCH-NUMBER?lang=en")
        .await;
    assert_eq!(r.status(), 404);

    // The page as built: a number the register does not hold, a search, a longer path,
    // someone signed in.
    for path in [
        "/check/NO-SUCH-NUMBER".to_owned(),
        "/check?q=%D0%90%D0%BA".to_owned(),
        format!("/check/{number}/more"),
    ] {
        let r = app.get(&path).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.text().await.unwrap(), template, "{path}");
    }
    let r = app
        .client
        .get(format!("{}/check/{number}", app.url))
        .header("cookie", "portal_session=abc")
        .send()
        .await
        .unwrap();
    assert_eq!(r.text().await.unwrap(), template);
    app.cleanup().await;
    let _ = std::fs::remove_dir_all(dist);
}
