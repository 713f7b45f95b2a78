//! What every page shares: the interface language, the signed-in user, and which of the three
//! browser apps this is (the public pages, the portal or the staff's workspace).

use domain::api::MeResponse;
use domain::paths::Part;
use domain::Lang;
use leptos::prelude::*;

/// The interface language, shared by every page.
#[derive(Clone, Copy)]
pub struct UiLang(pub RwSignal<Lang>);

/// The signed-in user (`None` when signed out) and whether that is known yet.
#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<MeResponse>>,
    pub known: RwSignal<bool>,
}

/// The language chosen: the `lang` cookie (the app writes it with local storage; the server
/// writes it when a language is chosen on a page it wrote before the app ran), else local
/// storage, else the browser's own, else Russian.
pub fn stored_lang() -> Lang {
    let window = web_sys::window();
    let cookie = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| js_sys::Reflect::get(&d, &"cookie".into()).ok())
        .and_then(|c| c.as_string())
        .unwrap_or_default();
    cookie
        .split(';')
        .find_map(|c| c.trim().strip_prefix("lang=").and_then(Lang::parse))
        .or_else(|| {
            window
                .as_ref()
                .and_then(|w| w.local_storage().ok().flatten())
                .and_then(|s| s.get_item("lang").ok().flatten())
                .and_then(|l| Lang::parse(&l))
        })
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

/// This app's part: the public pages, the portal, or the staff's workspace (three WebAssembly
/// modules; see `domain::paths`).
#[derive(Clone, Copy)]
pub struct ThisPart(pub Part);

pub fn this_part() -> Part {
    use_context::<ThisPart>().map_or(Part::Portal, |p| p.0)
}

/// Opens a path of another app by loading its page; false when the path is this app's
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
