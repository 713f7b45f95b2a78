//! Support staff: find a case by registration number or IIN; see what the applicant sees.

use crate::client;
use crate::components::{local_time, CaseSummary, ErrorBox, History};
use crate::context::use_lang;
use crate::i18n::{t, Key};
use domain::api::{DeliveryState, MailDelivery, SupportSearchResponse};
use domain::ApiError;
use leptos::prelude::*;

#[component]
pub fn SupportPage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::SupportSearch).to_owned());
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
            let mail = StoredValue::new(r.mail.clone());
            r.results.into_iter().map(|c| {
                let of_case: Vec<_> = mail.get_value().into_iter().filter(|m| m.application_id == c.id).collect();
                view! { <CaseSummary case=c.clone()/><History case=c/><MailTable mail=of_case/> }
            }).collect_view().into_any()
        })}
    }
}

/// How the e-mails about a case went: sent, waiting for another try, or given up.
#[component]
fn MailTable(mail: Vec<MailDelivery>) -> impl IntoView {
    let lang = use_lang();
    let tr = move |k| t(lang.get(), k);
    (!mail.is_empty()).then(|| view! {
        <table class="steps">
            <caption>{move || tr(Key::MailDeliveries)}</caption>
            <thead><tr>
                <th scope="col">{move || tr(Key::Written)}</th>
                <th scope="col">{move || tr(Key::Status)}</th>
                <th scope="col">{move || tr(Key::Attempts)}</th>
            </tr></thead>
            <tbody>
                {mail.into_iter().map(|m| {
                    let (state, class) = match m.state {
                        DeliveryState::Sent => (Key::MailSent, "timing"),
                        DeliveryState::Waiting => (Key::MailWaiting, "timing due-soon"),
                        DeliveryState::Failed => (Key::MailFailed, "timing overdue"),
                    };
                    let written = m.written_at.clone();
                    view! { <tr>
                        <td>{move || local_time(&written, lang.get())}</td>
                        <td><span class=class>{move || tr(state)}</span>{m.last_error.clone().map(|e| view! { <br/><small>{e}</small> })}</td>
                        <td>{m.attempts}</td>
                    </tr> }
                }).collect_view()}
            </tbody>
        </table>
    })
}
