//! The lists a session's signed protocol publishes: who passed, failed, or did not appear
//! (for anyone).

use crate::client;
use crate::components::{local_time, ErrorText, Loading};
use crate::context::use_lang;
use crate::i18n::{t, tx, Key};
use leptos::prelude::*;

#[component]
pub fn ListsPage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::AttestationLists).to_owned());
    let lists = crate::components::layout::fetched(|| (), |()| client::attestation_lists());
    let tr = move |k| t(lang.get(), k);
    view! {
        <h1>{tx(Key::AttestationLists)}</h1>
        {move || match lists.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(ls)) if ls.is_empty() => view! { <p>{tx(Key::NoLists)}</p> }.into_any(),
            Some(Ok(ls)) => ls.into_iter().enumerate().map(|(i, l)| {
                let l = StoredValue::new(l);
                let heading_id = format!("list-{i}");
                let list = move |k: Key, names: Vec<String>| view! {
                    <h3>{move || tr(k)}" ("{names.len()}")"</h3>
                    <ol>{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ol>
                };
                view! {
                    <section class="panel" aria-labelledby=heading_id.clone()>
                        <h2 id=heading_id.clone()>{move || format!("{} · {} · {}", l.get_value().held_on, l.get_value().region.get(lang.get()), l.get_value().place)}</h2>
                        <p class="hint">{tx(Key::Published)}" "{move || local_time(&l.get_value().published_at, lang.get())}</p>
                        {list(Key::PassedList, l.get_value().passed)}
                        {list(Key::FailedList, l.get_value().failed)}
                        {list(Key::AbsentList, l.get_value().absent)}
                    </section>
                }
            }).collect_view().into_any(),
        }}
    }
}
