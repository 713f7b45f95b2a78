//! The catalogue (`/`), a service's passport (`/services/{code}`), the licence check
//! (`/check`, `/check/{number}`) and a form's heading (`/apply/{code}/{variant}`) written by
//! the server into their modules' HTML, so that a visitor sees them before the WebAssembly
//! has arrived (on a slow mobile connection that is a second or more; the check is where a
//! scanned printout lands). The words are `domain::words` and the data what `/api/services`, `/api/services/{code}` and
//! `/api/public/licences/{number}` answer, in the language the request asks for (`lang`
//! cookie, else `Accept-Language`).
//!
//! The markup is the app's own (`components::layout::Layout`, `pages::public::catalogue`,
//! `pages::public::service`, `pages::public::check`), element for element, so the page looks the same before and
//! after: it stands in `<div id="prerender">`; the stylesheet hides whatever the app draws
//! after it, and the app removes it once its own page is drawn. Its links are plain
//! links, so it works as it is until then. Someone signed in gets the page without it (the
//! frame would show "Sign in" until the app knows them).

use crate::state::AppState;
use domain::api::LicenceCheckResponse;
use domain::catalogue::{Document, Passport, ServiceSummary, VersionSummary};
use domain::markup;
use domain::paths::{page, Part};
use domain::words::{t, Key};
use domain::Lang;
use maud::{html, Markup, PreEscaped};

/// The id the app looks for (`components::layout::drop_prerender`).
pub const ID: &str = "prerender";
/// The element that carries the licence check's answer (`pages::public::check`).
pub const CHECK_DATA: &str = "check-data";
/// The form the language buttons send before the app runs.
const LANG_FORM: &str = "prerender-lang";

/// The public module's page with the catalogue written in: `template` is the page Trunk
/// built (`dist/public/index.html`).
pub fn catalogue(template: &str, lang: Lang, services: &[ServiceSummary]) -> String {
    let title = t(lang, Key::ServicesTitle);
    page_with(
        template,
        lang,
        title,
        frame(
            lang,
            Part::Public,
            page::CATALOGUE,
            catalogue_main(lang, services),
        ),
    )
}

/// The public module's page with a service's passport (its current version) written in.
pub fn passport(
    template: &str,
    lang: Lang,
    d: &Passport,
    versions: &[VersionSummary],
    year: i32,
) -> String {
    let main = passport_main(lang, d, versions, year);
    page_with(
        template,
        lang,
        d.name.get(lang),
        frame(lang, Part::Public, "", main),
    )
}

/// The portal's page (`dist/index.html`) with a form's heading written in: the service, the
/// variant (`pages::portal::apply`'s first two lines) and that the form is on its way. The
/// form itself, its draft and its checks are the app's: the portal's module is the largest
/// (400 KB), several seconds on a slow connection, and until now the page was blank for them.
pub fn form(
    template: &str,
    lang: Lang,
    service: &domain::catalogue::ServiceDefinition,
    variant: &domain::catalogue::Variant,
) -> String {
    let main = html! {
        p.caption { (service.name.get(lang)) }
        h1 { (variant.name.get(lang)) }
        p.loading role="status" { (t(lang, Key::Loading)) }
    };
    let what = format!("{} · {}", variant.name.get(lang), service.name.get(lang));
    page_with(template, lang, &what, frame(lang, Part::Portal, "", main))
}

/// The licence check's page (`dist/licence-check/index.html`) with its search written in,
/// and `found`, the licence asked for (`/check/{number}`).
pub fn check(
    template: &str,
    lang: Lang,
    number: &str,
    found: Option<&LicenceCheckResponse>,
) -> String {
    let title = t(lang, Key::CheckTitle);
    let written = found.map(|f| written_check(lang, f));
    let main = check_main(lang, number, written.as_ref());
    // The answer itself goes with the page, as the API writes it for the app
    // (`/api/public/written/licences/{number}`, `pages::public::check`), so a first visit
    // asks the register once; with its number and language, which the app matches. JSON in a
    // script element that never runs; `<` is escaped, so no text in it can end the element.
    let data = written
        .as_ref()
        .and_then(|w| serde_json::to_string(w).ok())
        .map(|json| {
            html! {
                script type="application/json" id=(CHECK_DATA) data-number=(number) data-lang=(lang.code()) {
                    (PreEscaped(json.replace('<', "\\u003c")))
                }
            }
        });
    page_with(
        template,
        lang,
        title,
        frame(lang, Part::Check, page::CHECK, main),
    )
    .replacen(
        "</body>",
        &format!(
            "{}</body>",
            data.map(Markup::into_string).unwrap_or_default()
        ),
        1,
    )
}

/// A licence's check written in `l` (`routes::written`), which the check page carries for the app.
pub(crate) fn written_check(l: Lang, found: &LicenceCheckResponse) -> domain::api::Written {
    let facts = markup::Facts {
        lang: l,
        files: None,
        check_is_elsewhere: false,
        time: &|at| local_time(at, l),
    };
    domain::api::Written {
        html: markup::check_result(found, &facts).into_string(),
        next: None,
        now: Some(markup::status_now(l, &found.licence).into_string()),
    }
}

/// The template with the page's language, its title ("{what} — Licensing portal", as the app
/// sets it) and the page written in first thing in the body.
fn page_with(template: &str, lang: Lang, what: &str, frame: Markup) -> String {
    let title = format!("{what} — {}", t(lang, Key::PortalName));
    let body = html! { div id=(ID) { (frame) } };
    without_preloads(template)
        .replacen(
            "<html lang=\"ru\">",
            &format!("<html lang=\"{}\">", lang.code()),
            1,
        )
        .replacen(
            template_title(template),
            &html! { title { (title) } }.into_string(),
            1,
        )
        .replacen("<body>", &format!("<body>{}", body.into_string()), 1)
}

/// The page's `<title>` element as the build wrote it.
fn template_title(template: &str) -> &str {
    template
        .find("<title>")
        .and_then(|start| {
            let len = template[start..].find("</title>")? + "</title>".len();
            Some(&template[start..start + len])
        })
        .unwrap_or("<title>Licensing portal</title>")
}

/// The layout as an anonymous visitor sees it in the module of `part`: `current` is the page
/// shown, whose links are marked the current page (`""`: none of the frame's); a link to
/// another module is a page load (`components::layout::AppLink`).
fn frame(l: Lang, part: Part, current: &str, main: Markup) -> Markup {
    let link = |href: &'static str, key: Key| {
        let here = (href == current).then_some("page");
        let external = (Part::of(href) != part).then_some("external");
        html! { a href=(href) rel=[external] aria-current=[here] { (t(l, key)) } }
    };
    html! {
        a.skip href="#main" { (t(l, Key::SkipToContent)) }
        header.top {
            div.brand { (link(page::CATALOGUE, Key::PortalName)) }
            nav aria-label=(t(l, Key::PortalName)) {
                ul {
                    li { (link(page::CATALOGUE, Key::Catalogue)) }
                    li { (link(page::CHECK, Key::CheckLicence)) }
                    li { (link(page::ATTESTATION_LISTS, Key::AttestationLists)) }
                }
            }
            div.user { (link(page::SIGN_IN, Key::SignIn)) }
            // Before the app runs, a language button asks the server for the page in that
            // language (`?lang=`, which it keeps in the `lang` cookie the app reads too).
            div.langs role="group" aria-label=(t(l, Key::Language)) {
                @for other in Lang::ALL {
                    button type="submit" form=(LANG_FORM) name="lang" value=(other.code())
                        lang=(other.code())
                        aria-pressed=(if other == l { "true" } else { "false" }) {
                        (other.native_name())
                    }
                }
            }
        }
        main id="main" tabindex="-1" { (main) }
        footer.bottom { p { (t(l, Key::ContactCentre)) } }
        form id=(LANG_FORM) method="get" hidden {}
    }
}

fn catalogue_main(l: Lang, services: &[ServiceSummary]) -> Markup {
    html! {
        h1 { (t(l, Key::ServicesTitle)) }
        p.lead { (t(l, Key::ServicesIntro)) }
        ul.services {
            @for s in services {
                li.service-card {
                    h2 { a href=(page::service(&s.code, None)) { (s.name.get(l)) } }
                    p.provider { (s.provider.get(l)) }
                    p.variants {
                        (s.variants
                            .iter()
                            .map(|v| format!("{} · {}", v.name.get(l), working_days(l, v.term_working_days)))
                            .collect::<Vec<_>>()
                            .join("; "))
                    }
                    @if !s.earlier.is_empty() {
                        p.earlier.hint {
                            (t(l, Key::EarlierVersions)) ": "
                            @for v in &s.earlier {
                                a href=(page::service(&s.code, Some(v.version)))
                                    title=(format!("{} {} {} {}", t(l, Key::InForceFrom), v.in_force.from,
                                        t(l, Key::InForceUntil), v.in_force.until.as_deref().unwrap_or_default())) {
                                    (v.version)
                                }
                                (PreEscaped(" "))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The page without its preload hints: where the page is written in, the module loads only
/// after it has painted (`Trunk.public.toml`), and fetching it ahead would compete with the
/// first paint.
fn without_preloads(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("<link") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + len + 1];
        out.push_str(&rest[..start]);
        if !(tag.contains("rel=\"preload\"") || tag.contains("rel=\"modulepreload\"")) {
            out.push_str(tag);
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// A passport as the app draws it for someone not signed in, documents of every applicant
/// type (`pages::public::service`).
fn passport_main(l: Lang, d: &Passport, versions: &[VersionSummary], year: i32) -> Markup {
    let version_label = |i: usize, v: &VersionSummary| {
        let mut label = format!(
            "{} · {} {}",
            v.version,
            t(l, Key::InForceFrom),
            v.in_force.from
        );
        if let Some(u) = &v.in_force.until {
            label.push_str(&format!(" {} {u}", t(l, Key::InForceUntil)));
        }
        if i == 0 {
            label.push_str(&format!(" ({})", t(l, Key::CurrentVersion)));
        }
        label
    };
    let documents = |docs: &[Document]| {
        html! {
            ul { @for doc in docs.iter().filter(|doc| doc.applies_to(None)) { li { (doc.text.get(l)) } } }
        }
    };
    html! {
        h1 { (d.name.get(l)) }
        dl.passport {
            dt { (t(l, Key::Provider)) }
            dd { (d.provider.name.get(l)) }
            dt { (t(l, Key::Channels)) }
            dd { (d.channels.iter().map(|c| c.label().get(l).to_owned()).collect::<Vec<_>>().join("; ")) }
            dt { (t(l, Key::Delivery)) }
            dd { (d.delivery.get(l)) }
            dt { (t(l, Key::Result)) }
            dd { (d.result.get(l)) }
            dt { (t(l, Key::Version)) }
            dd {
                ul.versions {
                    @for (i, v) in versions.iter().enumerate() {
                        @if v.version == d.version {
                            li aria-current="page" { strong { (version_label(i, v)) } }
                        } @else {
                            li { a href=(page::service(&d.code, (i != 0).then_some(v.version))) { (version_label(i, v)) } }
                        }
                    }
                }
            }
        }
        label for="applicant-type" { (t(l, Key::ApplicantType)) }
        select id="applicant-type" {
            option value="" selected { (t(l, Key::AnyApplicant)) }
            @for a in &d.applicant_types {
                option value=(format!("{a:?}")) { (a.label().get(l)) }
            }
        }
        @for v in &d.variants {
            section.variant aria-labelledby=(format!("v-{}", v.code)) {
                h2 id=(format!("v-{}", v.code)) { (v.name.get(l)) }
                dl.passport {
                    dt { (t(l, Key::Fee)) }
                    dd { (domain::words::fee_text(v.fee_mci, year, l)) }
                    dt { (t(l, Key::Term)) }
                    dd { (working_days(l, v.term_working_days)) br; small { (v.term_basis.get(l)) } }
                }
                h3 { (t(l, Key::Documents)) }
                (documents(&v.documents))
                @if !v.psc_documents.is_empty() {
                    h3 { (t(l, Key::PscDocuments)) }
                    (documents(&v.psc_documents))
                }
                a.button.primary
                    href=(page::sign_in_then(&urlencoding::encode(&page::apply(&d.code, &v.code, None))))
                    rel="external" {
                    (t(l, Key::SubmitApplication))
                }
            }
        }
        h2 { (t(l, Key::LegalBasis)) }
        ul { @for b in &d.legal_basis { li { (b.get(l)) } } }
        h2 { (t(l, Key::RefusalGrounds)) }
        ul { @for b in &d.refusal_grounds { li { (b.get(l)) } } }
    }
}

/// The licence check as the app draws it (`pages::public::check`): the search with `number`
/// in it, the licence when found as the API writes it (`found`, `routes::written`; no files,
/// which the public never gets), and the QR code's form.
fn check_main(l: Lang, number: &str, found: Option<&domain::api::Written>) -> Markup {
    html! {
        h1 { (t(l, Key::CheckTitle)) }
        // Before the app runs the search is a plain form: `/check?q=`, which the app answers.
        form.search role="search" method="get" action=(page::CHECK) {
            label for="register-q" { (t(l, Key::RegisterSearch)) }
            input id="register-q" type="search" name="q" aria-describedby="register-hint" value=(number);
            button.primary type="submit" { (t(l, Key::Search)) }
            p.hint id="register-hint" { (t(l, Key::RegisterSearchHint)) }
        }
        @if let Some(found) = found {
            section.check-result aria-live="polite" aria-labelledby="check-h" {
                (PreEscaped(&found.html))
            }
        }
        section.panel.qr-check aria-labelledby="qr-h" {
            h2 id="qr-h" { (t(l, Key::QrTitle)) }
            p.hint id="qr-hint" { (t(l, Key::QrHint)) }
            form {
                label for="qr-content" { (t(l, Key::QrContent)) }
                textarea id="qr-content" rows="3" aria-describedby="qr-hint" {}
                button type="submit" { (t(l, Key::QrVerify)) }
            }
            div aria-live="polite" {}
        }
    }
}

/// A moment in Kazakhstan's time as the app shows it (`Intl.DateTimeFormat`, Asia/Almaty,
/// medium date and short time): UTC+6 until 1 March 2024, UTC+5 since.
pub(crate) fn local_time(rfc3339: &str, l: Lang) -> String {
    use time::format_description::well_known::Rfc3339;
    let Ok(at) = time::OffsetDateTime::parse(rfc3339, &Rfc3339) else {
        return rfc3339.to_owned();
    };
    let switch = time::macros::datetime!(2024-02-29 18:00 UTC);
    let hours = if at < switch { 6 } else { 5 };
    let at = at.to_offset(time::UtcOffset::from_hms(hours, 0, 0).expect("a valid offset"));
    let m = usize::from(u8::from(at.month())) - 1;
    let (d, y, hh, mm) = (at.day(), at.year(), at.hour(), at.minute());
    match l {
        Lang::Kk => {
            const MONTHS: [&str; 12] = [
                "қаң.", "ақп.", "нау.", "сәу.", "мам.", "мау.", "шіл.", "там.", "қыр.", "қаз.",
                "қар.", "жел.",
            ];
            format!("{y} ж. {d:02} {}, {hh:02}:{mm:02}", MONTHS[m])
        }
        Lang::Ru => {
            const MONTHS: [&str; 12] = [
                "янв.",
                "февр.",
                "мар.",
                "апр.",
                "мая",
                "июн.",
                "июл.",
                "авг.",
                "сент.",
                "окт.",
                "нояб.",
                "дек.",
            ];
            format!("{d} {} {y} г., {hh:02}:{mm:02}", MONTHS[m])
        }
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
            ];
            format!("{d} {} {y}, {hh:02}:{mm:02}", MONTHS[m])
        }
    }
}

/// A term in working days, by the CLDR plural rules the browser's `Intl.PluralRules` applies
/// in the app.
fn working_days(l: Lang, n: u32) -> String {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    let category = l
        .code()
        .parse::<unic_langid::LanguageIdentifier>()
        .ok()
        .and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok())
        .and_then(|rules| rules.select(n).ok())
        .unwrap_or(PluralCategory::OTHER);
    let category = match category {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    };
    domain::words::working_days(l, n, category)
}

/// A module's page as the build made it (`dist/{folder}/index.html`), when there is one; without
/// it the module's pages are served as files like every other page.
pub fn template(dist: &std::path::Path, folder: &str) -> Option<std::sync::Arc<String>> {
    std::fs::read_to_string(dist.join(folder).join("index.html"))
        .ok()
        .filter(|t| t.contains("<body>") && t.contains("<html lang=\"ru\">"))
        .map(std::sync::Arc::new)
}

/// What a public page handler is given: the state and the built page.
pub type Pages = (AppState, std::sync::Arc<String>);

/// `GET /`: the catalogue written in, for a visitor who is not signed in.
pub async fn catalogue_page(
    axum::extract::State((state, template)): axum::extract::State<Pages>,
    axum::extract::OriginalUri(uri): axum::extract::OriginalUri,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    respond(&template, &uri, &headers, |lang| {
        let services = crate::routes::catalogue::summaries(&state);
        Some(catalogue(&template, lang, &services))
    })
}

/// `GET /services/{code}`: the current version's passport written in (a version named in the
/// query, an unknown code or a longer path get the page as built, which the app fills in).
pub async fn passport_page(
    axum::extract::State((state, template)): axum::extract::State<Pages>,
    axum::extract::Path(code): axum::extract::Path<String>,
    axum::extract::OriginalUri(uri): axum::extract::OriginalUri,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    respond(&template, &uri, &headers, |lang| {
        if uri.query().is_some_and(|q| !q.is_empty()) || code.contains('/') {
            return None;
        }
        let definition = state.service(&code)?;
        Some(passport(
            &template,
            lang,
            &Passport::from(definition),
            &domain::catalogue::versions_of(&state.catalogue, &code),
            crate::engine::today_kz().year(),
        ))
    })
}

/// `GET /apply/{code}/{variant}`: the form's heading written in, for the current version (a
/// query — a version, a repair, a licence —, an unknown service or variant gets the page as
/// built, which the app fills in).
pub async fn form_page(
    axum::extract::State((state, template)): axum::extract::State<Pages>,
    axum::extract::Path((code, variant)): axum::extract::Path<(String, String)>,
    axum::extract::OriginalUri(uri): axum::extract::OriginalUri,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    respond(&template, &uri, &headers, |lang| {
        if uri.query().is_some_and(|q| !q.is_empty()) {
            return None;
        }
        let definition = state.service(&code)?;
        let chosen = definition.variant(&variant)?;
        Some(form(&template, lang, definition, chosen))
    })
}

/// `GET /check` and `GET /check/{number}`: the licence check with its search written in, and
/// the licence when the register has it (a search `?q=`, an unknown number, a longer path or
/// a client over its reads of the register get the page as built, which the app fills in and
/// where it says what went wrong).
pub async fn check_page(
    axum::extract::State((state, template)): axum::extract::State<Pages>,
    number: Option<axum::extract::Path<String>>,
    axum::extract::OriginalUri(uri): axum::extract::OriginalUri,
    mut parts: axum::http::request::Parts,
) -> axum::response::Response {
    use axum::extract::FromRequestParts;
    let Ok(client) =
        crate::client_address::ClientAddress::from_request_parts(&mut parts, &state).await;
    let headers = parts.headers;
    let number = number.map(|n| n.0).unwrap_or_default();
    let found = if number.is_empty()
        || number.contains('/')
        || crate::auth::session_token(&headers).is_some()
        || uri.query().is_some_and(|q| !q.is_empty())
    {
        None
    } else {
        crate::routes::public::licence_check(&state, &client, &number)
            .await
            .ok()
    };
    respond(&template, &uri, &headers, |lang| {
        if uri.query().is_some_and(|q| !q.is_empty()) || number.contains('/') {
            return None;
        }
        match (&found, number.is_empty()) {
            (None, false) => None,
            (found, _) => Some(check(&template, lang, &number, found.as_ref())),
        }
    })
}

/// A public page: a language chosen before the app ran (`?lang=`) is kept and the page asked
/// for again; else the page `write` makes in the request's language, or the page as built
/// for someone signed in (the frame would show "Sign in" until the app knows them) and where
/// there is nothing to write.
fn respond(
    template: &str,
    uri: &axum::http::Uri,
    headers: &axum::http::HeaderMap,
    write: impl FnOnce(Lang) -> Option<String>,
) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    if let Some(chosen) = language_chosen(uri) {
        return chosen;
    }
    let written = if crate::auth::session_token(headers).is_some() {
        None
    } else {
        write(crate::error::request_lang(headers))
    };
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::VARY, "Cookie, Accept-Language"),
        ],
        written.unwrap_or_else(|| template.to_owned()),
    )
        .into_response()
}

/// A language button pressed before the app ran (`?lang=kk`): the choice goes into the `lang`
/// cookie (as the app keeps it) and the page is asked for again without it.
fn language_chosen(uri: &axum::http::Uri) -> Option<axum::response::Response> {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    let query = uri.query()?;
    let mut chosen = None;
    let mut rest = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.strip_prefix("lang=") {
            Some(code) => chosen = Lang::parse(code).or(chosen),
            None => rest.push(pair),
        }
    }
    let lang = chosen?;
    let mut to = uri.path().to_owned();
    if !rest.is_empty() {
        to.push('?');
        to.push_str(&rest.join("&"));
    }
    Some(
        (
            StatusCode::SEE_OTHER,
            [
                (header::LOCATION, to),
                (
                    header::SET_COOKIE,
                    format!(
                        "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
                        lang.code()
                    ),
                ),
            ],
        )
            .into_response(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_page_keeps_its_links_but_not_its_preloads() {
        let head = r#"<head><link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/public/main.css">
  <link rel="modulepreload" href="/public/public.js" crossorigin="anonymous"><link rel="preload" href="/public/public_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm"></head>"#;
        assert_eq!(
            without_preloads(head),
            "<head><link rel=\"icon\" href=\"/favicon.svg\"><link rel=\"stylesheet\" href=\"/public/main.css\">\n  </head>"
        );
    }

    #[test]
    fn terms_agree_with_their_numbers() {
        assert_eq!(working_days(Lang::Ru, 1), "1 рабочий день");
        assert_eq!(working_days(Lang::Ru, 2), "2 рабочих дня");
        assert_eq!(working_days(Lang::Ru, 5), "5 рабочих дней");
        assert_eq!(working_days(Lang::Ru, 21), "21 рабочий день");
        assert_eq!(working_days(Lang::En, 1), "1 working day");
        assert_eq!(working_days(Lang::En, 7), "7 working days");
        assert_eq!(working_days(Lang::Kk, 7), "7 жұмыс күні");
    }

    #[test]
    fn the_catalogue_is_written_in_the_language_asked_for() {
        let template = "<!doctype html><html lang=\"ru\"><head><title>Licensing portal</title></head><body><noscript>x</noscript></body></html>";
        let mut services: Vec<ServiceSummary> = domain::catalogue::builtin()
            .iter()
            .map(ServiceSummary::from)
            .collect();
        services[0].provider.kk = "A & <B>".into();
        let page = catalogue(template, Lang::Kk, &services);
        assert!(page.contains("<html lang=\"kk\">"), "{page}");
        assert!(page.contains(&format!("<body><div id=\"{ID}\">")));
        assert!(page.contains(t(Lang::Kk, Key::ServicesTitle)));
        for s in &services {
            assert!(page.contains(&format!("href=\"{}\"", page::service(&s.code, None))));
        }
        // Texts are escaped.
        assert!(page.contains("A &amp; &lt;B&gt;"), "{page}");
    }

    #[test]
    fn a_passport_is_written_with_every_variant_and_its_way_to_apply() {
        let template =
            "<html lang=\"ru\"><head><title>Licensing portal</title></head><body></body></html>";
        let catalogue = domain::catalogue::builtin();
        for d in &catalogue {
            let passport_ = Passport::from(d);
            let versions = domain::catalogue::versions_of(&catalogue, &d.code);
            let page = passport(template, Lang::Ru, &passport_, &versions, 2026);
            let name = d
                .name
                .get(Lang::Ru)
                .replace('&', "&amp;")
                .replace('"', "&quot;");
            assert!(page.contains(&format!("<h1>{name}</h1>")), "{page}");
            for v in &passport_.variants {
                let apply = urlencoding::encode(&page::apply(&d.code, &v.code, None)).into_owned();
                assert!(
                    page.contains(&format!("/sign-in?next={apply}")),
                    "{}",
                    d.code
                );
                assert!(page.contains(&format!("id=\"v-{}\"", v.code)));
            }
        }
    }
}
