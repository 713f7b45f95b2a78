//! The personal cabinet: "My applications".

use crate::components::{CaseSummary, Loading};
use crate::i18n::{t, Key};
use crate::{api, use_lang};
use domain::case::CaseView;
use leptos::prelude::*;

#[component]
pub fn CabinetPage() -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(|| api::get::<Vec<CaseView>>("/api/applications"));
    view! {
        <h1>{move || t(lang.get(), Key::MyApplications)}</h1>
        {move || match list.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <p role="alert">{e.message}</p> }.into_any(),
            Some(Ok(cases)) if cases.is_empty() => view! { <p>{move || t(lang.get(), Key::NoApplications)}</p> }.into_any(),
            Some(Ok(cases)) => cases
                .into_iter()
                .map(|c| {
                    let link = format!("/applications/{}", c.id);
                    view! { <CaseSummary case=c link=link/> }
                })
                .collect_view()
                .into_any(),
        }}
    }
}
