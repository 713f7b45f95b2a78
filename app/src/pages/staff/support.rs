//! Support staff: find a case by registration number or IIN; see what the applicant sees.

use crate::client;
use crate::components::{CaseSummary, ErrorBox, History};
use crate::context::use_lang;
use crate::i18n::{t, Key};
use domain::api::SupportSearchResponse;
use domain::ApiError;
use leptos::prelude::*;

#[component]
pub fn SupportPage() -> impl IntoView {
    let lang = use_lang();
    let q = RwSignal::new(String::new());
    let results = RwSignal::new(None::<SupportSearchResponse>);
    let error = RwSignal::new(None::<ApiError>);
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let query = q.get_untracked();
        error.set(None);
        leptos::task::spawn_local(async move {
            match client::support_search(query.trim()).await {
                Ok(r) => results.set(Some(r)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{move || t(lang.get(), Key::SupportSearch)}</h1>
        <form class="search" on:submit=search role="search">
            <label for="q">{move || t(lang.get(), Key::SupportSearchHint)}</label>
            <input id="q" type="search" prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))/>
            <button type="submit" class="primary">{move || t(lang.get(), Key::Search)}</button>
        </form>
        <ErrorBox error=error/>
        {move || results.get().map(|r| if r.results.is_empty() {
            view! { <p role="status">{move || t(lang.get(), Key::NoResults)}</p> }.into_any()
        } else {
            r.results.into_iter().map(|c| view! { <CaseSummary case=c.clone()/><History case=c/> }).collect_view().into_any()
        })}
    }
}
