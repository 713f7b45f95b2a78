//! The lists a session's signed protocol published: who passed, failed, or did not appear
//! (for anyone), as the server writes them (`domain::markup`), again when the language changes.

use crate::client;
use crate::components::{ErrorText, Loading};
use crate::context::use_lang;
use crate::i18n::{tx, Key};
use leptos::prelude::*;

#[component]
pub fn ListsPage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::AttestationLists).to_owned());
    let lists = crate::components::layout::fetched(move || lang.get(), client::written_lists);
    view! {
        <h1>{tx(Key::AttestationLists)}</h1>
        {move || match lists.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(w)) => view! { <div class="lists" inner_html=w.html></div> }.into_any(),
        }}
    }
}
