//! The personal cabinet: drafts being filled in, and "My applications".

use crate::client;
use crate::components::{local_time, CaseSummary, ErrorText, Loading};
use crate::context::use_lang;
use crate::i18n::{t, Key};
use domain::paths::page;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn CabinetPage() -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(client::applications);
    let drafts = LocalResource::new(client::drafts);
    let inbox = LocalResource::new(client::inbox);
    let mark_read = move |id: String| {
        leptos::task::spawn_local(async move {
            let _ = client::mark_read(&id).await;
            inbox.refetch();
        });
    };
    let delete = move |(service, variant): (String, String)| {
        leptos::task::spawn_local(async move {
            let _ = client::delete_draft(&service, &variant).await;
            drafts.refetch();
        });
    };
    view! {
        {move || match drafts.get() {
            Some(Ok(ds)) if !ds.is_empty() => view! {
                <h2>{move || t(lang.get(), Key::MyDrafts)}</h2>
                <ul class="drafts">
                    {ds.into_iter().map(|d| {
                        let resume = page::apply(&d.service_code, &d.variant, Some(d.service_version));
                        let path = (d.service_code.clone(), d.variant.clone());
                        let service = d.service_name.clone();
                        let variant = d.variant_name.clone();
                        let service_label = service.clone();
                        view! {
                            <li class="panel">
                                <p><strong>{move || service.get(lang.get()).to_owned()}</strong>" · "{move || variant.get(lang.get()).to_owned()}</p>
                                <p class="hint">{move || t(lang.get(), Key::LastSaved)}" "{move || local_time(&d.updated_at, lang.get())}</p>
                                <A href=resume>{move || t(lang.get(), Key::ContinueDraft)}</A>
                                <button type="button" class="link"
                                    aria-label=move || format!("{}: {}", t(lang.get(), Key::DeleteDraft), service_label.get(lang.get()))
                                    on:click=move |_| delete(path.clone())>
                                    {move || t(lang.get(), Key::DeleteDraft)}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
            _ => ().into_any(),
        }}
        <h1>{move || t(lang.get(), Key::MyApplications)}</h1>
        {move || match list.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(cases)) if cases.is_empty() => view! {
                <p>{move || t(lang.get(), Key::NoApplications)}</p>
                <p><A href=page::CATALOGUE>{move || t(lang.get(), Key::Catalogue)}</A></p>
            }.into_any(),
            Some(Ok(cases)) => cases
                .into_iter()
                .map(|c| {
                    let link = page::application(&c.id);
                    view! { <CaseSummary case=c link=link/> }
                })
                .collect_view()
                .into_any(),
        }}
        {move || match inbox.get() {
            Some(Ok(ms)) if !ms.is_empty() => view! {
                <h2 id="messages">{move || t(lang.get(), Key::Messages)}</h2>
                <ul class="messages">
                    {ms.into_iter().map(|m| {
                        let text = m.text.clone();
                        let id = m.id.clone();
                        view! {
                            <li class:unread=!m.read>
                                <p class="hint">{move || local_time(&m.created_at, lang.get())}
                                    {(!m.read).then(|| view! { " · " <strong>{move || t(lang.get(), Key::New)}</strong> })}
                                </p>
                                <p>{move || text.get(lang.get()).to_owned()}</p>
                                {(!m.read).then(|| view! {
                                    <button type="button" class="link" on:click=move |_| mark_read(id.clone())>{move || t(lang.get(), Key::MarkRead)}</button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
            _ => ().into_any(),
        }}
    }
}
