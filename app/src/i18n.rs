//! The app's texts: the words are `domain::words` (the server writes some of them into the
//! pages it renders ahead); here, the reactive text a view draws.

pub use domain::words::{t, Key};
use leptos::prelude::Get;

/// The text of `key` in the interface language, following the language switch, for a view:
/// `{tx(Key::Fee)}`. Every text of every screen is this one closure type, so the view code that
/// draws a reactive text is compiled once, not once per text as a `move ||` closure of its own
/// would be (those copies were a fifth of the module).
pub fn tx(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = crate::context::use_lang();
    move || t(lang.get(), key)
}
