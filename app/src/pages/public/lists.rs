//! The lists a session's signed protocol publishes: who passed, failed, or did not appear
//! (for anyone).

use crate::client;
use crate::components::{local_time, ErrorText, Loading};
use crate::context::use_lang;
use crate::i18n::{tx, Key};
use domain::markup;
use leptos::prelude::*;

#[component]
pub fn ListsPage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::AttestationLists).to_owned());
    let lists = crate::components::layout::fetched(|| (), |()| client::attestation_lists());
    view! {
        <h1>{tx(Key::AttestationLists)}</h1>
        {move || match lists.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            // The lists as `domain::markup` writes them, again when the language changes.
            Some(Ok(ls)) => {
                let html = move || {
                    let lang = lang.get();
                    markup::published_lists(lang, &ls, &|at| local_time(at, lang)).into_string()
                };
                view! { <div class="lists" inner_html=html></div> }.into_any()
            }
        }}
    }
}
