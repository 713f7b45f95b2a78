//! The catalogue: every service, grouped as the definitions say.

use crate::client;
use crate::components::{ErrorText, Loading};
use crate::context::use_lang;
use crate::i18n::{t, tx, Key};
use domain::catalogue::ServiceSummary;
use domain::paths::page;
use domain::Lang;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn CataloguePage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::ServicesTitle).to_owned());
    let services = crate::components::layout::fetched(|| (), |()| client::services());
    // The server wrote the catalogue into the page (`server::prerender`); it stands until this
    // one is drawn (or has failed to load), then goes.
    Effect::new(move |_| {
        if services.get().is_some() {
            crate::components::layout::drop_prerender();
        }
    });
    // The list is drawn whole in one language and drawn again when the language changes, as
    // the passport is: plain texts, not a reactive closure each (each is its own copy of the
    // view code in the module).
    view! {
        <h1>{tx(Key::ServicesTitle)}</h1>
        <p class="lead">{tx(Key::ServicesIntro)}</p>
        {move || match services.get() {
            None => EitherOf3::A(view! { <Loading/> }),
            Some(Err(e)) => EitherOf3::B(view! { <ErrorText error=e/> }),
            Some(Ok(list)) => EitherOf3::C(services_list(list, lang.get())),
        }}
    }
}

fn services_list(list: Vec<ServiceSummary>, l: Lang) -> impl IntoView {
    let tr = move |k| t(l, k);
    view! {
        <ul class="services">
            {list
                .into_iter()
                .map(|s| {
                    let href = page::service(&s.code, None);
                    let variants = s
                        .variants
                        .iter()
                        .map(|v| format!("{} · {}", v.name.get(l), crate::plural::working_days(l, v.term_working_days)))
                        .collect::<Vec<_>>()
                        .join("; ");
                    let links = s
                        .earlier
                        .iter()
                        .map(|v| {
                            let href = page::service(&s.code, Some(v.version));
                            let until = v.in_force.until.clone().unwrap_or_default();
                            let title = format!("{} {} {} {}", tr(Key::InForceFrom), v.in_force.from, tr(Key::InForceUntil), until);
                            let number = v.version.to_string();
                            view! { <A href=href attr:title=title>{number}</A>" " }
                        })
                        .collect_view();
                    let earlier = (!s.earlier.is_empty()).then(|| view! {
                        <p class="earlier hint">{tr(Key::EarlierVersions)}": "{links}</p>
                    });
                    view! {
                        <li class="service-card">
                            <h2><A href=href>{s.name.get(l).to_owned()}</A></h2>
                            <p class="provider">{s.provider.get(l).to_owned()}</p>
                            <p class="variants">{variants}</p>
                            {earlier}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
