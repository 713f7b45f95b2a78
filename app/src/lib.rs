//! The licensing portal in the browser: a Leptos client-side rendered app.
//!
//! State lives in the URL first, then in two contexts: the interface language and the
//! signed-in user. Pages are in [`pages`], the HTTP client in [`api`], the signer in
//! [`signer`].

pub mod api;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod signer;

use domain::api::MeResponse;
pub use domain::paths::Part;
use domain::Lang;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The interface language, shared by every page.
#[derive(Clone, Copy)]
pub struct UiLang(pub RwSignal<Lang>);

/// The signed-in user (`None` when signed out) and whether that is known yet.
#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<MeResponse>>,
    pub known: RwSignal<bool>,
}

/// The language kept in the browser, else the browser's own, else Russian.
pub fn stored_lang() -> Lang {
    let window = web_sys::window();
    window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("lang").ok().flatten())
        .and_then(|l| Lang::parse(&l))
        .or_else(|| {
            window
                .and_then(|w| w.navigator().language())
                .and_then(|l| Lang::parse(&l))
        })
        .unwrap_or_default()
}

pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<UiLang>().0
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// This app's part: the portal, or the staff's workspace (two WebAssembly modules; see
/// `domain::paths`).
#[derive(Clone, Copy)]
pub struct ThisPart(pub Part);

pub fn this_part() -> Part {
    use_context::<ThisPart>().map_or(Part::Portal, |p| p.0)
}

/// Opens a path of the other app by loading its page; false when the path is this app's
/// (then the router opens it).
pub fn leave_for(path: &str) -> bool {
    if Part::of(path) == this_part() {
        return false;
    }
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(path);
    }
    true
}

/// What both apps share: the language, the session, the part.
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
            if let Some(el) = w.document().and_then(|d| d.document_element()) {
                let _ = el.set_attribute("lang", l.code());
            }
        }
    });

    leptos::task::spawn_local(async move {
        let me = api::get::<MeResponse>("/api/me").await.ok();
        session.me.set(me);
        session.known.set(true);
    });
}

/// The portal: the catalogue, applying, the cabinet, sign-in, and the public pages.
#[component]
pub fn App() -> impl IntoView {
    shell(Part::Portal);
    view! {
        <Router>
            <components::Layout>
                <Routes fallback=|| view! { <pages::NotFoundPage/> }>
                    <Route path=path!("/") view=pages::catalogue::CataloguePage/>
                    <Route path=path!("/services/:code") view=pages::service::ServicePage/>
                    <Route path=path!("/apply/:code/:variant") view=pages::apply::ApplyPage/>
                    <Route path=path!("/sign-in") view=pages::sign_in::SignInPage/>
                    <Route path=path!("/cabinet") view=pages::cabinet::CabinetPage/>
                    <Route path=path!("/applications/:id") view=pages::application::ApplicationPage/>
                    <Route path=path!("/attestation-lists") view=pages::sessions::ListsPage/>
                    <Route path=path!("/check") view=pages::check::CheckPage/>
                    <Route path=path!("/check/:number") view=pages::check::CheckPage/>
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
                    <Route path=path!("/officer") view=pages::officer::OfficerQueuePage/>
                    <Route path=path!("/officer/cases/:id") view=pages::officer::OfficerCasePage/>
                    <Route path=path!("/officer/sessions") view=pages::sessions::SessionsPage/>
                    <Route path=path!("/psc") view=pages::psc::PscPage/>
                    <Route path=path!("/support") view=pages::support::SupportPage/>
                </Routes>
            </components::Layout>
        </Router>
    }
}
