//! The personal cabinet: "My applications".

use crate::components::{CaseSummary, ErrorText, Loading};
use crate::i18n::{t, Key};
use crate::{api, use_lang};
use domain::case::CaseView;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn CabinetPage() -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(|| api::get::<Vec<CaseView>>("/api/applications"));
    view! {
        <h1>{move || t(lang.get(), Key::MyApplications)}</h1>
        {move || match list.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(cases)) if cases.is_empty() => view! {
                <p>{move || t(lang.get(), Key::NoApplications)}</p>
                <p><A href="/">{move || t(lang.get(), Key::Catalogue)}</A></p>
            }.into_any(),
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
