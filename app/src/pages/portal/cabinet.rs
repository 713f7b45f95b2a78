//! The personal cabinet: drafts being filled in, and "My applications".

use crate::client;
use crate::components::{local_time, status_label, AppLink, CaseSummary, ErrorText, Loading};
use crate::context::{use_lang, use_session};
use crate::i18n::{t, tx, Key};
use domain::api::CasePage;
use domain::case::{CaseStatus, CaseView};
use domain::paths::page;
use domain::ApiError;
use domain::Lang;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn CabinetPage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::MyApplications).to_owned());
    let session = use_session();
    let list = LocalResource::new(|| client::applications(None));
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
            if client::delete_draft(&service, &variant).await.is_ok() {
                crate::drafts::forget(
                    session.me.try_get_untracked().flatten().as_ref(),
                    &service,
                    &variant,
                );
            }
            drafts.refetch();
        });
    };
    view! {
        {move || match drafts.get() {
            Some(Ok(ds)) if !ds.is_empty() => view! {
                <h2>{tx(Key::MyDrafts)}</h2>
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
                                <p class="hint">{tx(Key::LastSaved)}" "{move || local_time(&d.updated_at, lang.get())}</p>
                                <A href=resume>{tx(Key::ContinueDraft)}</A>
                                <button type="button" class="link"
                                    aria-label=move || format!("{}: {}", t(lang.get(), Key::DeleteDraft), service_label.get(lang.get()))
                                    on:click=move |_| delete(path.clone())>
                                    {tx(Key::DeleteDraft)}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
            _ => ().into_any(),
        }}
        <h1>{tx(Key::MyApplications)}</h1>
        {move || match list.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(page)) if page.items.is_empty() => view! {
                <p>{tx(Key::NoApplications)}</p>
                <p><AppLink href=page::CATALOGUE>{tx(Key::Catalogue)}</AppLink></p>
            }.into_any(),
            Some(Ok(page)) => view! { <CaseSearch page/> }.into_any(),
        }}
        {move || match inbox.get() {
            Some(Ok(ms)) if !ms.is_empty() => view! {
                <h2 id="messages">{tx(Key::Messages)}</h2>
                <ul class="messages">
                    {ms.into_iter().map(|m| {
                        let text = m.text.clone();
                        let id = m.id.clone();
                        view! {
                            <li class:unread=!m.read>
                                <p class="hint">{move || local_time(&m.created_at, lang.get())}
                                    {(!m.read).then(|| view! { " · " <strong>{tx(Key::New)}</strong> })}
                                </p>
                                <p>{move || text.get(lang.get()).to_owned()}</p>
                                {(!m.read).then(|| view! {
                                    <button type="button" class="link" on:click=move |_| mark_read(id.clone())>{tx(Key::MarkRead)}</button>
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

/// Whether a case answers a search of "My applications" (R33): the words typed are found in
/// its number or its service's or variant's name in any language, and its status is the one
/// chosen (or any).
pub fn matches(case: &CaseView, words: &str, status: Option<CaseStatus>) -> bool {
    if status.is_some_and(|s| s != case.status) {
        return false;
    }
    let mut hay = case.number.clone().unwrap_or_default().to_lowercase();
    if let Some(n) = &case.licence_number {
        hay.push(' ');
        hay.push_str(&n.to_lowercase());
    }
    for l in Lang::ALL {
        hay.push(' ');
        hay.push_str(&case.service_name.get(l).to_lowercase());
        hay.push(' ');
        hay.push_str(&case.variant_name.get(l).to_lowercase());
    }
    hay.push(' ');
    hay.push_str(&case.service_code.to_lowercase());
    words
        .to_lowercase()
        .split_whitespace()
        .all(|w| hay.contains(w))
}

/// "My applications" with a search by number, service and status; the count shown is
/// announced as it changes. The cases come a page at a time, newest first; a search reads the
/// older pages too, so it finds every case.
#[component]
fn CaseSearch(page: CasePage) -> impl IntoView {
    let lang = use_lang();
    let cases = RwSignal::new(page.items);
    let next = RwSignal::new(page.next);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let load_more = move || {
        let Some(after) = next.get_untracked() else {
            return;
        };
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match client::applications(Some(after)).await {
                Ok(p) => {
                    cases.try_update(|c| c.extend(p.items));
                    next.try_set(p.next);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
            loading.try_set(false);
        });
    };
    let words = RwSignal::new(String::new());
    let status = RwSignal::new(None::<CaseStatus>);
    // A search reads on until every case is here (a person's cases are tens, not thousands).
    Effect::new(move |_| {
        let searching = !words.read().trim().is_empty() || status.read().is_some();
        if searching && next.read().is_some() && !loading.get() && error.read().is_none() {
            load_more();
        }
    });
    let shown = Memo::new(move |_| {
        let (w, s) = (words.get(), status.get());
        cases.with(|cs| {
            cs.iter()
                .filter(|c| matches(c, &w, s))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let all = move || {
        let n = cases.with(Vec::len);
        if next.read().is_some() {
            format!("{n}+")
        } else {
            n.to_string()
        }
    };
    view! {
        <div class="case-search" role="search" aria-label=tx(Key::SearchMyApplications)>
            <div class="field">
                <label for="case-words">{tx(Key::SearchMyApplications)}</label>
                <p class="hint" id="case-words-hint">{tx(Key::SearchMyApplicationsHint)}</p>
                <input id="case-words" type="search" aria-describedby="case-words-hint"
                    prop:value=move || words.get()
                    on:input=move |ev| words.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="case-status">{tx(Key::Status)}</label>
                <select id="case-status" on:change=move |ev| status.set(CaseStatus::parse(&event_target_value(&ev)))>
                    <option value="" selected=move || status.get().is_none()>{tx(Key::AnyStatus)}</option>
                    {CaseStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=move || status.get() == Some(s)>{move || status_label(s, lang.get())}</option>
                    }).collect_view()}
                </select>
            </div>
        </div>
        <p class="hint" role="status" aria-live="polite">
            {move || format!("{}: {} / {}", t(lang.get(), Key::ShownOf), shown.get().len(), all())}
        </p>
        {move || {
            let list = shown.get();
            if list.is_empty() {
                return view! { <p>{tx(Key::NoApplicationMatches)}</p> }.into_any();
            }
            list.into_iter()
                .map(|c| {
                    let link = page::application(&c.id);
                    view! { <CaseSummary case=c link=link/> }
                })
                .collect_view()
                .into_any()
        }}
        {move || loading.get().then(|| view! { <Loading/> })}
        {move || error.get().map(|e| view! { <ErrorText error=e/> })}
        {move || next.get().is_some().then(|| view! {
            <button type="button" disabled=move || loading.get()
                aria-busy=move || loading.get().to_string()
                on:click=move |_| load_more()>
                {tx(Key::OlderApplications)}
            </button>
        })}
    }
}
