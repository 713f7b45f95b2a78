//! The licensing portal in the browser: a Leptos client-side rendered app.
//!
//! State lives in the URL first, then in the contexts of [`context`]: the interface language
//! and the signed-in user. Pages are in [`pages`] (`public/` — two modules, the public pages
//! and the licence check —, `portal/` and `staff/`, one WebAssembly module each),
//! the API in [`client`] (one function per endpoint) over the transport in [`api`], the form
//! controls and other shared pieces in [`components`], the signer in [`signer`].

pub mod api;
pub mod client;
pub mod components;
pub mod context;
pub mod drafts;
pub mod i18n;
pub mod pages;
pub mod plural;
pub mod signer;
pub mod statement;

use context::{stored_lang, Session, ThisPart, UiLang};
use domain::paths::Part;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// A panic's message and place in the browser's console (the module stops after it: the
/// release build aborts). The message is what tells; a JavaScript stack of a stripped module
/// tells little, so this is the standard hook's text, not `console_error_panic_hook` (0.8 KB
/// brotli in each module).
pub fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}

/// What the apps share: the language, the session, the part.
fn shell(part: Part) {
    provide_context(ThisPart(part));
    let lang = RwSignal::new(stored_lang());
    provide_context(UiLang(lang));
    let session = Session {
        me: RwSignal::new(None),
        known: RwSignal::new(false),
    };
    provide_context(session);

    Effect::new(move |_| {
        let l = lang.get();
        if let Some(w) = web_sys::window() {
            if let Ok(Some(s)) = w.local_storage() {
                let _ = s.set_item("lang", l.code());
            }
            if let Some(d) = w.document() {
                if let Some(el) = d.document_element() {
                    let _ = el.set_attribute("lang", l.code());
                }
                // The server writes pages and errors in this language too (`request_lang`).
                let _ = js_sys::Reflect::set(
                    &d,
                    &"cookie".into(),
                    &format!("lang={}; path=/; max-age=31536000; samesite=lax", l.code()).into(),
                );
            }
        }
    });

    leptos::task::spawn_local(async move {
        let me = crate::client::session().await.ok().and_then(|s| s.me);
        session.me.set(me);
        session.known.set(true);
    });
}

/// The public pages, the first module a visitor loads: the catalogue, a passport.
#[component]
pub fn PublicApp() -> impl IntoView {
    shell(Part::Public);
    view! {
        <Router>
            <components::Layout>
                <Routes fallback=|| view! { <pages::NotFoundPage/> }>
                    <Route path=path!("/") view=pages::public::catalogue::CataloguePage/>
                    <Route path=path!("/services/:code") view=pages::public::service::ServicePage/>
                </Routes>
            </components::Layout>
        </Router>
    }
}

/// The licence check, its own module: the public register's search, a licence, its QR code
/// verified on this device (where a scanned printout lands); and the other public register,
/// the lists the attestation sessions publish (7 KB brotli the first load of `/` need not
/// carry).
#[component]
pub fn CheckApp() -> impl IntoView {
    shell(Part::Check);
    view! {
        <Router>
            <components::Layout>
                <Routes fallback=|| view! { <pages::NotFoundPage/> }>
                    // One route for the search and a licence: the page is built once.
                    <Route path=path!("/check/:number?") view=pages::public::check::CheckPage/>
                    <Route path=path!("/attestation-lists") view=pages::public::lists::ListsPage/>
                </Routes>
            </components::Layout>
        </Router>
    }
}

/// The portal: applying, the cabinet, sign-in, the applicant's licences.
#[component]
pub fn App() -> impl IntoView {
    shell(Part::Portal);
    view! {
        <Router>
            <components::Layout>
                <Routes fallback=|| view! { <pages::NotFoundPage/> }>
                    <Route path=path!("/apply/:code/:variant") view=pages::portal::apply::ApplyPage/>
                    <Route path=path!("/sign-in") view=pages::portal::sign_in::SignInPage/>
                    <Route path=path!("/cabinet") view=pages::portal::cabinet::CabinetPage/>
                    <Route path=path!("/applications/:id") view=pages::portal::application::ApplicationPage/>
                    <Route path=path!("/licences") view=pages::portal::licences::MyLicencesPage/>
                </Routes>
            </components::Layout>
        </Router>
    }
}

/// The staff's workspace: the officer's queue and cases, attestation sessions, the public
/// service centre's desk, support's search.
#[component]
pub fn StaffApp() -> impl IntoView {
    shell(Part::Staff);
    view! {
        <Router>
            <components::Layout>
                <Routes fallback=|| view! { <pages::NotFoundPage/> }>
                    <Route path=path!("/officer") view=pages::staff::officer::OfficerQueuePage/>
                    <Route path=path!("/officer/cases/:id") view=pages::staff::officer::OfficerCasePage/>
                    <Route path=path!("/officer/sessions") view=pages::staff::sessions::SessionsPage/>
                    <Route path=path!("/officer/licences") view=pages::staff::licences::OfficerLicencePage/>
                    <Route path=path!("/officer/licences/:number") view=pages::staff::licences::OfficerLicencePage/>
                    <Route path=path!("/psc") view=pages::staff::psc::PscPage/>
                    <Route path=path!("/support") view=pages::staff::support::SupportPage/>
                </Routes>
            </components::Layout>
        </Router>
    }
}
