//! The page frame and what every page shows the same way: the layout with navigation, the
//! language switch and the skip link; links across the apps; errors; loading.

use crate::context::{this_part, use_lang, use_session};
use crate::i18n::{t, tx, Key};
use domain::api::Role;
use domain::duty::Duty;
use domain::paths::page;
use domain::{ApiError, Lang};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let _ = crate::client::sign_out().await;
            // The next person at this computer finds no one's answers (the server keeps them).
            crate::drafts::forget_all();
            session.me.set(None);
            if !crate::context::leave_for(page::CATALOGUE) {
                navigate(page::CATALOGUE, Default::default());
            }
        });
    };
    let tr = move |k| t(lang.get(), k);
    view! {
        <a class="skip" href="#main">{tx(Key::SkipToContent)}</a>
        <header class="top">
            <div class="brand"><AppLink href=page::CATALOGUE>{tx(Key::PortalName)}</AppLink></div>
            <nav aria-label=tx(Key::PortalName)>
                <ul>
                    {move || {
                        let me = session.me.get();
                        let role = me.as_ref().map(|m| m.role);
                        let commission = me.as_ref().is_some_and(|m| m.duties.contains(&Duty::Commission));
                        let operator = me.as_ref().is_some_and(|m| m.duties.contains(&Duty::PscOperator));
                        let mut links: Vec<(&'static str, Key)> = Vec::new();
                        match role {
                            Some(Role::Officer) => {
                                links.push((page::OFFICER, Key::Officer));
                                links.push((page::OFFICER_LICENCES, Key::LicenceRegister));
                                if commission {
                                    links.push((page::SESSIONS, Key::Sessions));
                                }
                                if operator {
                                    links.push((page::PSC, Key::PscDesk));
                                }
                            }
                            Some(Role::Support) => links.push((page::SUPPORT, Key::Support)),
                            Some(Role::Applicant) => {
                                links.push((page::CATALOGUE, Key::Catalogue));
                                links.push((page::CABINET, Key::Cabinet));
                                links.push((page::MY_LICENCES, Key::MyLicences));
                            }
                            None => links.push((page::CATALOGUE, Key::Catalogue)),
                        }
                        links.push((page::CHECK, Key::CheckLicence));
                        links.push((page::ATTESTATION_LISTS, Key::AttestationLists));
                        links
                            .into_iter()
                            .map(|(href, key)| view! { <li><AppLink href=href>{move || tr(key)}</AppLink></li> })
                            .collect_view()
                    }}
                </ul>
            </nav>
            <div class="user">
                {move || match session.me.get() {
                    Some(me) => Either::Left(view! {
                        <span class="who">
                            {me.full_name.clone()}
                            {me.company.clone().map(|c| view! {
                                <span class="acting">" · "{tx(Key::ActingFor)}": "{c.name.clone()}" ("{c.bin.clone()}")"</span>
                            })}
                        </span>
                        <button type="button" class="link" on:click=sign_out.clone()>{tx(Key::SignOut)}</button>
                    }),
                    None => Either::Right(view! { <AppLink href=page::SIGN_IN>{tx(Key::SignIn)}</AppLink> }),
                }}
            </div>
            <div class="langs" role="group" aria-label=tx(Key::Language)>
                {Lang::ALL
                    .into_iter()
                    .map(|l| view! {
                        <button
                            type="button"
                            lang=l.code()
                            aria-pressed=move || if lang.get() == l { "true" } else { "false" }
                            on:click=move |_| lang.set(l)
                        >
                            {l.native_name()}
                        </button>
                    })
                    .collect_view()}
            </div>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="bottom"><p>{tx(Key::ContactCentre)}</p></footer>
    }
}

/// A link to a path of any app: this app's router opens its own paths; a path of another app
/// (the public pages, the portal, the staff's workspace) is a page load.
#[component]
pub fn AppLink(
    #[prop(into)] href: String,
    /// The link's class (a link drawn as a button).
    #[prop(optional)]
    class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    if domain::paths::Part::of(&href) == this_part() {
        Either::Left(view! { <A href=href attr:class=class>{children()}</A> })
    } else {
        Either::Right(view! { <a href=href class=class rel="external">{children()}</a> })
    }
}

/// An error from the server, announced to screen readers. When the session has ended it
/// offers to sign in again and come back here.
#[component]
pub fn ErrorBox(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    view! {
        <Show when=move || error.get().is_some()>
            <div class="error-box">
                {move || error.get().map(|e| view! { <ErrorText error=e/> })}
            </div>
        </Show>
    }
}

/// The message of an error; for "please sign in", with a link that returns here afterwards.
#[component]
pub fn ErrorText(error: ApiError) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let sign_in = (error.code == domain::ErrorCode::Unauthenticated).then(|| {
        let here = location.pathname.get_untracked();
        let href = page::sign_in_then(&String::from(js_sys::encode_uri_component(&here)));
        view! { " " <AppLink href=href>{tx(Key::SignIn)}</AppLink> }
    });
    view! { <p role="alert">{error.message}{sign_in}</p> }
}

/// An answer from the server for a page: `None` until the first comes; loaded again when what
/// `key` reads changes (a passport's code or version), the last answer standing until the new
/// one comes and an answer to an earlier key never replacing a later one. A plain signal and
/// one task per load, where Leptos's `LocalResource` compiles an async-derived graph node per
/// answer type (7 KB brotli of the public module for its three answers).
pub fn fetched<K, T, F>(
    key: impl Fn() -> K + 'static,
    load: impl Fn(K) -> F + 'static,
) -> ReadSignal<Option<T>>
where
    K: 'static,
    T: Send + Sync + 'static,
    F: std::future::Future<Output = T> + 'static,
{
    let answer = RwSignal::new(None::<T>);
    let asked = StoredValue::new(0u32);
    Effect::new(move |_| {
        let future = load(key());
        asked.update_value(|n| *n += 1);
        let this = asked.get_value();
        leptos::task::spawn_local(async move {
            let value = future.await;
            // The page may be gone by the answer: only `try_` reads and writes after the wait.
            if asked.try_get_value() == Some(this) {
                answer.try_set(Some(value));
            }
        });
    });
    answer.read_only()
}

/// Shows a loading line until `ready`.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{tx(Key::Loading)}</p> }
}

/// Sets the browser tab's title to "{what} — Licensing portal" in the interface language, and
/// keeps it so when the language changes (screen readers announce it on each page).
pub fn page_title(what: impl Fn(Lang) -> String + 'static) {
    let lang = use_lang();
    Effect::new(move |_| {
        let l = lang.get();
        let head = what(l);
        let title = if head.is_empty() {
            t(l, Key::PortalName).to_owned()
        } else {
            format!("{head} — {}", t(l, Key::PortalName))
        };
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(&title);
        }
    });
}

/// Removes the page the server wrote ahead of the app (`server::prerender`), once the app has
/// drawn its own: the stylesheet hides what the app draws while it stands. The two are the
/// same markup, so what the visitor did on the written page carries over, element for
/// element in document order: a choice made in a list (sent to the app as a `change`), and
/// where the keyboard focus was.
pub fn drop_prerender() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(written) = document.get_element_by_id("prerender") else {
        return;
    };
    const FOCUSABLE: &str = "a[href], button, select, input, textarea";
    let all = |root: &web_sys::Element, selector: &str| -> Vec<web_sys::Element> {
        let Ok(list) = root.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            .collect()
    };
    let value = |el: &web_sys::Element| {
        js_sys::Reflect::get(el, &"value".into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let chosen: Vec<Option<String>> = all(&written, "select").iter().map(value).collect();
    let focused = document
        .active_element()
        .and_then(|active| all(&written, FOCUSABLE).iter().position(|el| el == &active));
    written.remove();
    let Some(body) = document.body() else {
        return;
    };
    for (el, was) in all(&body, "select").iter().zip(chosen) {
        if let Some(was) = was.filter(|w| Some(w) != value(el).as_ref()) {
            let _ = js_sys::Reflect::set(el, &"value".into(), &was.into());
            if let Ok(change) = web_sys::Event::new("change") {
                let _ = el.dispatch_event(&change);
            }
        }
    }
    if let Some(i) = focused {
        if let Some(el) = all(&body, FOCUSABLE).get(i) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el.clone()) {
                let _ = el.focus();
            }
        }
    }
}
