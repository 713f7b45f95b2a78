//! A licence as people see it, as HTML: one writer for the server's written check page
//! (`server::prerender`), the server's written answers to the public check's module
//! (`server::routes::written`, [`crate::api::Written`]: a licence, a page of the register's
//! search, the attestation lists) and the app (`components::LicenceFacts` in My licences and
//! the licensor's workspace; a QR statement's facts on the check page), so they are the same
//! markup by construction.
//!
//! Why markup and not a Leptos view: a licence is drawn once per answer and per language and
//! holds nothing to click but links, and a Leptos view of it compiled to about 14 KB (brotli)
//! in each module that shows one — the licence check's first load among them. `maud` writes
//! it as a string, escaped by construction, which the app sets as an element's inner HTML.

use crate::api::{LicenceCheckResponse, PublishedLists};
use crate::licence::{LicenceStatus, LicenceView, RegisterEntry, Statement};
use crate::paths::page;
use crate::words::{t, Key};
use crate::Lang;
pub use maud::PreEscaped;
use maud::{html, Markup};

/// The class of the element that holds a licence's facts (the app's `div` with them as its
/// inner HTML; the server writes the same element around them).
pub const FACTS_CLASS: &str = "licence-facts";

/// The download links of the signed files, where the reader may have them (the holder,
/// support, the licensor; never the public): the PDF and the detached CMS of a licence (by
/// its number) and of a result document (by its id).
pub struct Files<'a> {
    pub licence: &'a dyn Fn(&str) -> [String; 2],
    pub document: &'a dyn Fn(&str) -> [String; 2],
}

/// How the facts are written for their page.
pub struct Facts<'a> {
    pub lang: Lang,
    /// The signed files' links, or none (the public).
    pub files: Option<Files<'a>>,
    /// Whether a link to another licence's check leaves this module (a page load,
    /// `rel="external"`, so that a module's router does not take it).
    pub check_is_elsewhere: bool,
    /// A moment of the history as the reader's clock writes it (RFC 3339 in).
    pub time: &'a dyn Fn(&str) -> String,
}

/// A licence's status as a badge (its class names the status for the eye; the text says it).
pub fn status_badge(lang: Lang, status: LicenceStatus) -> Markup {
    html! { span class={ "status licence-" (status.code()) } { (status.label().get(lang)) } }
}

/// The PDF and the signature of a signed document; `what` names it for a screen reader.
fn file_links(l: Lang, [pdf, p7s]: [String; 2], what: &str) -> Markup {
    html! {
        span.files {
            a href=(pdf) download="" aria-label={ (t(l, Key::DownloadPdf)) ": " (what) } { (t(l, Key::DownloadPdf)) }
            " · "
            a href=(p7s) download="" aria-label={ (t(l, Key::DownloadP7s)) ": " (what) } { (t(l, Key::DownloadP7s)) }
        }
    }
}

/// A licence's facts, lineage, annexes, duplicates and status history: what goes inside the
/// element of class [`FACTS_CLASS`].
pub fn licence_facts(v: &LicenceView, f: &Facts) -> Markup {
    let l = f.lang;
    let check_link = |number: &str| {
        html! {
            @if f.check_is_elsewhere {
                a href=(page::check(number)) rel="external" { (number) }
            } @else {
                a href=(page::check(number)) { (number) }
            }
        }
    };
    html! {
            dl.facts {
                dt { (t(l, Key::LicenceNumber)) } dd { (v.number) }
                dt { (t(l, Key::Status)) } dd { (status_badge(l, v.status)) }
                dt { (t(l, Key::Holder)) }
                dd {
                    (v.holder_name)
                    @if let Some(bin) = &v.holder_bin { " (БСН/БИН " (bin) ")" }
                }
                dt { (t(l, Key::Activity)) } dd { (v.activity.get(l)) }
                @if let Some(s) = &v.subtypes { dt { (t(l, Key::Subtypes)) } dd { (s) } }
                @if let Some(c) = &v.category { dt { (t(l, Key::CategoryLabel)) } dd { (c) } }
                dt { (t(l, Key::Provider)) } dd { (v.licensor.get(l)) }
                dt { (t(l, Key::IssuedOn)) }
                dd { (v.issued_on) @if v.from_paper { " · " (t(l, Key::FromPaper)) } }
                @if let Some(s) = &v.signer_name { dt { (t(l, Key::SignedBy)) } dd { (s) } }
                @if let Some(p) = &v.previous_number {
                    dt { (t(l, Key::PreviousLicence)) }
                    dd { (check_link(p)) }
                }
                @if let Some(n) = &v.replaced_by {
                    dt { (t(l, Key::ReissuedOn)) }
                    dd {
                        (v.replaced_on.as_deref().unwrap_or_default()) " · " (t(l, Key::AsNewLicence)) " "
                        (check_link(n))
                    }
                }
            }
            @if let Some(files) = f.files.as_ref().filter(|_| !v.from_paper) {
                p { (file_links(l, (files.licence)(&v.number), &format!("№ {}", v.number))) }
            }
            @if !v.annexes.is_empty() {
                h3 { (t(l, Key::Annexes)) }
                ul.documents {
                    @for a in &v.annexes {
                        li {
                            "№ " (a.number) " · " (a.issued_on)
                            @if let Some(s) = &a.subtypes { " · " (s) }
                            @if let Some(files) = f.files.as_ref().filter(|_| a.signed) {
                                " · " (file_links(l, (files.document)(&a.document_id), &format!("№ {}", a.number)))
                            }
                        }
                    }
                }
            }
            @if !v.duplicates.is_empty() {
                h3 { (t(l, Key::Duplicates)) }
                ul.documents {
                    @for d in &v.duplicates {
                        li {
                            (d.issued_on)
                            @if let Some(files) = f.files.as_ref().filter(|_| d.signed) {
                                " · " (file_links(l, (files.document)(&d.id), &format!("{} {}", t(l, Key::Duplicates), d.issued_on)))
                            }
                        }
                    }
                }
            }
            @if !v.history.is_empty() {
                h3 { (t(l, Key::LicenceHistory)) }
                ol.timeline {
                    @for e in &v.history {
                        li {
                            p { strong { (e.change.label().get(l)) } " · " ((f.time)(&e.at)) }
                            p.grounds { (t(l, Key::Grounds)) ": " (e.grounds) }
                            @if let Some(s) = &e.signed_by { p.ok { (t(l, Key::SignedWithEds)) ": " (s) } }
                            @if let Some(files) = &f.files {
                                (file_links(l, (files.document)(&e.document_id), e.change.label().get(l)))
                            }
                        }
                    }
                }
            }
    }
}

/// The public check of one licence: what goes inside its `section.check-result` (its number,
/// whether the licensor's signature verifies, the facts, the signed PDF's digest).
pub fn check_result(found: &LicenceCheckResponse, f: &Facts) -> Markup {
    let l = f.lang;
    html! {
        h2 id="check-h" { "№ " (found.licence.number) }
        @if !found.licence.from_paper {
            @if found.signature_valid {
                p class="verdict ok" { (t(l, Key::SignatureValid)) }
            } @else {
                p class="verdict bad" { (t(l, Key::SignatureInvalid)) }
            }
        }
        div class=(FACTS_CLASS) { (licence_facts(&found.licence, f)) }
        @if !found.document_sha256.is_empty() {
            p.hint { "SHA-256: " span.mono { (found.document_sha256) } }
        }
    }
}

/// A page of the public register's search: the items of its `ul.register`.
pub fn register_entries(l: Lang, entries: &[RegisterEntry]) -> Markup {
    html! {
        @for e in entries {
            li {
                a href=(page::check(&e.number)) { "№ " (e.number) }
                " · " (status_badge(l, e.status))
                br;
                (e.holder_name)
                @if let Some(b) = &e.holder_bin { " (БСН/БИН " (b) ")" }
                br;
                span.hint { (e.activity.get(l)) " · " (e.issued_on) }
            }
        }
    }
}

/// What a genuine QR code says (its signed statement) and what the register says of the
/// licence now: the items of its `dl.facts`. `now` is `None` while the register is asked,
/// `Some(None)` when it did not answer (no connection), else [`status_now`]'s HTML as the
/// server wrote it.
pub fn statement_facts(l: Lang, s: &Statement, now: Option<Option<PreEscaped<&str>>>) -> Markup {
    html! {
        dt { (t(l, Key::LicenceNumber)) } dd { a href=(page::check(&s.n)) { (s.n) } }
        dt { (t(l, Key::Holder)) } dd { (s.h) }
        dt { (t(l, Key::Activity)) } dd { (s.a) }
        dt { (t(l, Key::IssuedOn)) } dd { (s.d) }
        dt { (t(l, Key::StatusWhenSigned)) } dd { (status_badge(l, s.s)) }
        dt { (t(l, Key::StatusNow)) }
        dd {
            @match now {
                None => { p.loading role="status" { (t(l, Key::Loading)) } }
                Some(Some(html)) => { (html) }
                Some(None) => { span.hint { (t(l, Key::StatusNowUnknown)) } }
            }
        }
    }
}

/// A licence's status as the register holds it now, and the licence that replaced it: what a
/// QR code's check shows beside the status its statement was signed with.
pub fn status_now(l: Lang, v: &LicenceView) -> Markup {
    html! {
        (status_badge(l, v.status))
        @if let Some(n) = &v.replaced_by {
            " · " (t(l, Key::AsNewLicence)) " " a href=(page::check(n)) { (n) }
        }
    }
}

/// The lists attestation sessions' signed protocols published (who passed, failed, did not
/// appear), a section each; `time` writes when each was published.
pub fn published_lists(l: Lang, lists: &[PublishedLists], time: &dyn Fn(&str) -> String) -> Markup {
    let names = |k: Key, names: &[String]| {
        html! {
            h3 { (t(l, k)) " (" (names.len()) ")" }
            ol { @for n in names { li { (n) } } }
        }
    };
    html! {
        @if lists.is_empty() {
            p { (t(l, Key::NoLists)) }
        }
        @for (i, list) in lists.iter().enumerate() {
            section.panel aria-labelledby={ "list-" (i) } {
                h2 id={ "list-" (i) } { (list.held_on) " · " (list.region.get(l)) " · " (list.place) }
                p.hint { (t(l, Key::Published)) " " (time(&list.published_at)) }
                (names(Key::PassedList, &list.passed))
                (names(Key::FailedList, &list.failed))
                (names(Key::AbsentList, &list.absent))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::licence::{AnnexView, StatusChange, StatusEvent};
    use crate::Text;

    fn licence() -> LicenceView {
        LicenceView {
            number: "24000017".into(),
            holder_name: "<script>alert(1)</script> & Co".into(),
            holder_bin: Some("940140000385".into()),
            service_code: "FOR-LIC".into(),
            service_version: 2024,
            service_name: Text::new("қ", "р", "Forensic"),
            activity: Text::new("қ", "р", "Forensic expert activity"),
            licensor: Text::new("қ", "р", "Ministry of Justice"),
            subtypes: None,
            category: None,
            issued_on: "2026-11-30".into(),
            status: LicenceStatus::Reissued,
            previous_number: Some("23000001".into()),
            replaced_by: Some("24000018".into()),
            replaced_on: Some("2026-12-01".into()),
            annexes: vec![AnnexView {
                document_id: "doc-a".into(),
                number: "24000017-1".into(),
                subtypes: Some("ballistics".into()),
                issued_on: "2026-11-30".into(),
                signed: true,
            }],
            duplicates: Vec::new(),
            history: vec![StatusEvent {
                document_id: "doc-h".into(),
                change: StatusChange::Suspend,
                at: "2026-12-01T04:00:00Z".into(),
                grounds: "Court order".into(),
                signed_by: None,
            }],
            from_paper: false,
            signer_name: Some("Head".into()),
        }
    }

    fn urls(what: &str) -> [String; 2] {
        [format!("/pdf/{what}"), format!("/p7s/{what}")]
    }

    fn facts<'a>(files: Option<Files<'a>>, check_is_elsewhere: bool) -> Facts<'a> {
        Facts {
            lang: Lang::En,
            files,
            check_is_elsewhere,
            time: &|at| format!("at {at}"),
        }
    }

    #[test]
    fn the_public_sees_the_facts_escaped_and_no_files() {
        let html = licence_facts(&licence(), &facts(None, false)).into_string();
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co (БСН/БИН 940140000385)"),
            "{html}"
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.contains(r#"<span class="status licence-reissued">Re-issued</span>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="/check/23000001">23000001</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="/check/24000018">24000018</a>"#),
            "{html}"
        );
        assert!(
            html.contains("№ 24000017-1 · 2026-11-30 · ballistics</li>"),
            "{html}"
        );
        assert!(html.contains("at 2026-12-01T04:00:00Z"), "{html}");
        assert!(!html.contains("download"), "{html}");
    }

    #[test]
    fn the_holder_gets_the_files_and_the_check_as_a_page_load() {
        let files = Files {
            licence: &urls,
            document: &urls,
        };
        let html = licence_facts(&licence(), &facts(Some(files), true)).into_string();
        assert!(
            html.contains(
                r#"<a href="/pdf/24000017" download="" aria-label="Download PDF: № 24000017">"#
            ),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="/p7s/doc-a" download="""#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="/pdf/doc-h" download="""#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="/check/23000001" rel="external">"#),
            "{html}"
        );
        // A licence from paper has no signed file.
        let paper = LicenceView {
            from_paper: true,
            ..licence()
        };
        let files = Files {
            licence: &urls,
            document: &urls,
        };
        let html = licence_facts(&paper, &facts(Some(files), true)).into_string();
        assert!(!html.contains("/pdf/24000017"), "{html}");
    }

    #[test]
    fn a_qr_statement_says_what_the_register_says_now() {
        let s = Statement {
            n: "24000017".into(),
            h: "Holder".into(),
            a: "Activity".into(),
            d: "2026-11-30".into(),
            s: LicenceStatus::Valid,
            k: "k1".into(),
        };
        let asking = statement_facts(Lang::En, &s, None).into_string();
        assert!(
            asking.contains(r#"<p class="loading" role="status">"#),
            "{asking}"
        );
        let offline = statement_facts(Lang::En, &s, Some(None)).into_string();
        assert!(offline.contains(r#"<span class="hint">"#), "{offline}");
        let written = status_now(Lang::En, &licence()).into_string();
        let now = statement_facts(Lang::En, &s, Some(Some(PreEscaped(&written)))).into_string();
        assert!(now.contains("Re-issued</span> · "), "{now}");
        assert!(
            now.contains(r#"<a href="/check/24000018">24000018</a>"#),
            "{now}"
        );
    }
}
