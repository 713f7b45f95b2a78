//! The catalogue: every service, grouped as the definitions say.

use crate::client;
use crate::components::{ErrorText, Loading};
use crate::context::use_lang;
use crate::i18n::{t, tx, Key};
use domain::paths::page;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn CataloguePage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::ServicesTitle).to_owned());
    let services = LocalResource::new(client::services);
    // The server wrote the catalogue into the page (`server::prerender`); it stands until this
    // one is drawn (or has failed to load), then goes.
    Effect::new(move |_| {
        if services.get().is_some() {
            crate::components::layout::drop_prerender();
        }
    });
    view! {
        <h1>{tx(Key::ServicesTitle)}</h1>
        <p class="lead">{tx(Key::ServicesIntro)}</p>
        {move || match services.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="services">
                    {list
                        .into_iter()
                        .map(|s| {
                            let href = page::service(&s.code, None);
                            let s = StoredValue::new(s);
                            view! {
                                <li class="service-card">
                                    <h2><A href=href>{move || s.get_value().name.get(lang.get()).to_owned()}</A></h2>
                                    <p class="provider">{move || s.get_value().provider.get(lang.get()).to_owned()}</p>
                                    <p class="variants">
                                        {move || s
                                            .get_value()
                                            .variants
                                            .iter()
                                            .map(|v| format!("{} · {}", v.name.get(lang.get()), crate::plural::working_days(lang.get(), v.term_working_days)))
                                            .collect::<Vec<_>>()
                                            .join("; ")}
                                    </p>
                                    {(!s.get_value().earlier.is_empty()).then(|| view! {
                                        <p class="earlier hint">
                                            {tx(Key::EarlierVersions)}": "
                                            {s.get_value().earlier.into_iter().map(|v| {
                                                let href = page::service(&s.get_value().code, Some(v.version));
                                                let until = v.in_force.until.clone().unwrap_or_default();
                                                view! { <A href=href attr:title=move || format!("{} {} {} {}", t(lang.get(), Key::InForceFrom), v.in_force.from, t(lang.get(), Key::InForceUntil), until)>{v.version.to_string()}</A>" " }
                                            }).collect_view()}
                                        </p>
                                    })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
