//! A licence as people see it — in My licences, on the public check, in the licensor's
//! workspace — and a result document with its files.

use crate::client;
use crate::components::layout::AppLink;
use crate::context::use_lang;
use crate::i18n::{t, tx, Key};
use domain::licence::{LicenceStatus, LicenceView, ResultDocView};
use domain::paths::page;
use leptos::prelude::*;

/// The status as a badge (its class names the status for the eye; the text says it).
#[component]
pub fn LicenceStatusBadge(status: LicenceStatus) -> impl IntoView {
    let lang = use_lang();
    view! {
        <span class=format!("status licence-{}", status.code())>
            {move || status.label().get(lang.get()).to_owned()}
        </span>
    }
}

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
/// download links (its holder, support, the licensor; never the public).
#[component]
pub fn LicenceFacts(licence: LicenceView, #[prop(optional)] files: bool) -> impl IntoView {
    let lang = use_lang();
    let l = StoredValue::new(licence);
    let tr = move |k| t(lang.get(), k);
    view! {
        <dl class="facts">
            <dt>{tx(Key::LicenceNumber)}</dt><dd>{move || l.get_value().number}</dd>
            <dt>{tx(Key::Status)}</dt><dd><LicenceStatusBadge status=l.get_value().status/></dd>
            <dt>{tx(Key::Holder)}</dt>
            <dd>{move || match l.get_value().holder_bin {
                Some(bin) => format!("{} (БСН/БИН {bin})", l.get_value().holder_name),
                None => l.get_value().holder_name,
            }}</dd>
            <dt>{tx(Key::Activity)}</dt><dd>{move || l.get_value().activity.get(lang.get()).to_owned()}</dd>
            {move || l.get_value().subtypes.map(|s| view! { <dt>{tx(Key::Subtypes)}</dt><dd>{s}</dd> })}
            {move || l.get_value().category.map(|c| view! { <dt>{tx(Key::CategoryLabel)}</dt><dd>{c}</dd> })}
            <dt>{tx(Key::Provider)}</dt><dd>{move || l.get_value().licensor.get(lang.get()).to_owned()}</dd>
            <dt>{tx(Key::IssuedOn)}</dt>
            <dd>{move || l.get_value().issued_on}{move || l.get_value().from_paper.then(|| format!(" · {}", tr(Key::FromPaper)))}</dd>
            {move || l.get_value().signer_name.map(|s| view! { <dt>{tx(Key::SignedBy)}</dt><dd>{s}</dd> })}
            {move || l.get_value().previous_number.map(|p| view! {
                <dt>{tx(Key::PreviousLicence)}</dt>
                <dd><AppLink href=page::check(&p)>{p.clone()}</AppLink></dd>
            })}
            {move || l.get_value().replaced_by.map(|n| view! {
                <dt>{tx(Key::ReissuedOn)}</dt>
                <dd>
                    {l.get_value().replaced_on.unwrap_or_default()}" · "{tx(Key::AsNewLicence)}" "
                    <AppLink href=page::check(&n)>{n.clone()}</AppLink>
                </dd>
            })}
        </dl>
        {move || (files && !l.get_value().from_paper).then(|| {
            let n = l.get_value().number;
            view! {
                <p>
                    <FileLinks pdf=client::licence_pdf_url(&n) p7s=client::licence_signature_url(&n) what=format!("№ {n}")/>
                </p>
            }
        })}
        {move || (!l.get_value().annexes.is_empty()).then(|| view! {
            <h3>{tx(Key::Annexes)}</h3>
            <ul class="documents">
                {l.get_value().annexes.into_iter().map(|a| {
                    let what = format!("№ {}", a.number);
                    view! {
                        <li>
                            {format!("№ {} · {}", a.number, a.issued_on)}
                            {a.subtypes.clone().map(|s| format!(" · {s}"))}
                            {(files && a.signed).then(|| view! {
                                " · "
                                <FileLinks pdf=client::document_pdf_url(&a.document_id) p7s=client::document_signature_url(&a.document_id) what=what.clone()/>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
        {move || (!l.get_value().duplicates.is_empty()).then(|| view! {
            <h3>{tx(Key::Duplicates)}</h3>
            <ul class="documents">
                {l.get_value().duplicates.into_iter().map(|d| {
                    let what = format!("{} {}", tr(Key::Duplicates), d.issued_on);
                    view! {
                        <li>
                            {d.issued_on.clone()}
                            {(files && d.signed).then(|| view! {
                                " · "
                                <FileLinks pdf=client::document_pdf_url(&d.id) p7s=client::document_signature_url(&d.id) what=what.clone()/>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
        {move || (!l.get_value().history.is_empty()).then(|| view! {
            <h3>{tx(Key::LicenceHistory)}</h3>
            <ol class="timeline">
                {l.get_value().history.into_iter().map(|e| {
                    let what = e.change.label().get(lang.get_untracked()).to_owned();
                    view! {
                        <li>
                            <p><strong>{move || e.change.label().get(lang.get()).to_owned()}</strong>" · "{super::case::local_time(&e.at, lang.get_untracked())}</p>
                            <p class="grounds">{tx(Key::Grounds)}": "{e.grounds.clone()}</p>
                            {e.signed_by.clone().map(|s| view! { <p class="ok">{tx(Key::SignedWithEds)}": "{s}</p> })}
                            {files.then(|| view! {
                                <FileLinks pdf=client::document_pdf_url(&e.document_id) p7s=client::document_signature_url(&e.document_id) what=what.clone()/>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        })}
    }
}
