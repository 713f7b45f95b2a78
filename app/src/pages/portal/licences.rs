//! My licences: the applicant's (or their company's) licences from the register, with annexes,
//! duplicates, status and history, the files, and the requests that apply to each now; then
//! their commissions' decisions (attestation, exam).

use crate::client;
use crate::components::licence::document_title;
use crate::components::{AppLink, ErrorText, FileLinks, LicenceFacts, Loading};
use crate::context::use_lang;
use crate::i18n::{tx, Key};
use domain::paths::page;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn MyLicencesPage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::MyLicences).to_owned());
    let list = LocalResource::new(client::my_licences);
    view! {
        <h1>{tx(Key::MyLicences)}</h1>
        {move || match list.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(mine)) => {
                let empty = mine.licences.is_empty();
                let results = mine.results;
                view! {
                    {empty.then(|| view! {
                        <p>{tx(Key::NoLicences)}</p>
                        <p><AppLink href=page::CATALOGUE>{tx(Key::Catalogue)}</AppLink></p>
                    })}
                    {mine.licences.into_iter().map(|m| {
                        let number = m.licence.number.clone();
                        let heading = format!("licence-{number}");
                        let labelled_by = heading.clone();
                        let service = m.licence.service_name.clone();
                        let actions = m.actions.clone();
                        let title = number.clone();
                        view! {
                            <article class="case licence" aria-labelledby=labelled_by>
                                <h2 id=heading>{move || format!("№ {} — {}", title, service.get(lang.get()))}</h2>
                                <LicenceFacts licence=m.licence files=true/>
                                {m.application_id.map(|id| view! {
                                    <p><A href=page::application(&id)>{tx(Key::MyApplications)}</A></p>
                                })}
                                {(!actions.is_empty()).then(|| view! {
                                    <h3>{tx(Key::LicenceActions)}</h3>
                                    <ul class="actions">
                                        {actions.into_iter().map(|a| {
                                            let href = page::apply_on(&a.service_code, &a.variant, a.version, &number);
                                            view! { <li><A href=href>{move || a.name.get(lang.get()).to_owned()}</A></li> }
                                        }).collect_view()}
                                    </ul>
                                })}
                            </article>
                        }
                    }).collect_view()}
                    {(!results.is_empty()).then(|| view! {
                        <h2>{tx(Key::MyResults)}</h2>
                        <ul class="documents">
                            {results.into_iter().map(|d| {
                                let d = StoredValue::new(d);
                                let title = move || document_title(&d.get_value(), lang.get());
                                view! {
                                    <li>
                                        <p><strong>{title}</strong></p>
                                        <FileLinks pdf=client::document_pdf_url(&d.get_value().id) p7s=client::document_signature_url(&d.get_value().id) what=title()/>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })}
                }.into_any()
            }
        }}
    }
}
