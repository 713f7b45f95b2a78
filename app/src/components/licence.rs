//! A licence as people see it — in My licences, on the public check, in the licensor's
//! workspace — and a result document with its files.

use crate::client;
use crate::context::this_part;
use crate::context::use_lang;
use crate::i18n::{t, tx, Key};
use domain::licence::{LicenceView, ResultDocView};
use domain::markup::{self, Facts, Files};
use domain::paths::{page, Part};
use leptos::prelude::*;

/// A result document's title: its kind, number, date and, for a decision, its outcome.
pub fn document_title(d: &ResultDocView, lang: domain::Lang) -> String {
    let mut out = d.kind.label().get(lang).to_owned();
    if let Some(n) = d.number.as_ref().or(d.licence_number.as_ref()) {
        out.push_str(&format!(" № {n}"));
    }
    out.push_str(&format!(" · {}", d.issued_on));
    if let Some(o) = d.outcome {
        out.push_str(&format!(" · {}", o.label().get(lang)));
    }
    out
}

/// The two files of a signed document: the PDF and the official's detached CMS.
#[component]
pub fn FileLinks(pdf: String, p7s: String, #[prop(into)] what: String) -> impl IntoView {
    let lang = use_lang();
    let what = StoredValue::new(what);
    view! {
        <span class="files">
            <a href=pdf download="" aria-label=move || format!("{}: {}", t(lang.get(), Key::DownloadPdf), what.get_value())>
                {tx(Key::DownloadPdf)}
            </a>
            " · "
            <a href=p7s download="" aria-label=move || format!("{}: {}", t(lang.get(), Key::DownloadP7s), what.get_value())>
                {tx(Key::DownloadP7s)}
            </a>
        </span>
    }
}

/// The signed result documents of a case (a licence's annex or duplicate, a commission's
/// decision, a motivated refusal), each with its files, the refusal with its category and
/// grounds.
#[component]
pub fn ResultDocuments(documents: Vec<ResultDocView>) -> impl IntoView {
    let lang = use_lang();
    (!documents.is_empty()).then(|| {
        view! {
            <section class="result" aria-labelledby="documents-h">
                <h2 id="documents-h">{tx(Key::ResultDocuments)}</h2>
                <ul class="documents">
                    {documents.into_iter().map(|d| {
                        let d = StoredValue::new(d);
                        let title = move || document_title(&d.get_value(), lang.get());
                        view! {
                            <li>
                                <p><strong>{title}</strong></p>
                                {move || d.get_value().reason.map(|r| view! {
                                    <p>{tx(Key::RefusalReasonLabel)}": "{r.label().get(lang.get()).to_owned()}</p>
                                })}
                                {move || d.get_value().grounds.map(|g| view! {
                                    <p class="grounds">{tx(Key::Grounds)}": "{g}</p>
                                })}
                                {move || d.get_value().signed_by.map(|who| view! {
                                    <p class="ok">{tx(Key::SignedWithEds)}": "{who}</p>
                                })}
                                <FileLinks
                                    pdf=client::document_pdf_url(&d.get_value().id)
                                    p7s=client::document_signature_url(&d.get_value().id)
                                    what=title()
                                />
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// A licence's facts, lineage, annexes, duplicates and status history. `files` shows the
/// download links (its holder, support, the licensor; never the public). The markup is
/// `domain::markup`'s, which the server writes into the check's page too; it is drawn again
/// when the language changes.
#[component]
pub fn LicenceFacts(licence: LicenceView, #[prop(optional)] files: bool) -> impl IntoView {
    let lang = use_lang();
    let check_is_elsewhere = Part::of(page::CHECK) != this_part();
    let html = move || {
        let lang = lang.get();
        let licence_files =
            |n: &str| [client::licence_pdf_url(n), client::licence_signature_url(n)];
        let document_files = |id: &str| {
            [
                client::document_pdf_url(id),
                client::document_signature_url(id),
            ]
        };
        let facts = Facts {
            lang,
            files: files.then_some(Files {
                licence: &licence_files,
                document: &document_files,
            }),
            check_is_elsewhere,
            time: &|at| super::case::local_time(at, lang),
        };
        markup::licence_facts(&licence, &facts).into_string()
    };
    view! { <div class=markup::FACTS_CLASS inner_html=html></div> }
}
