//! One routed page per module.

pub mod application;
pub mod apply;
pub mod cabinet;
pub mod catalogue;
pub mod check;
pub mod officer;
pub mod psc;
pub mod service;
pub mod sessions;
pub mod sign_in;
pub mod support;

use crate::i18n::{t, Key};
use crate::use_lang;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = use_lang();
    view! { <h1>{move || t(lang.get(), Key::NotFoundPage)}</h1> }
}

/// The definition of the service a loaded case uses, fetched once its code is known (labels
/// for the answers).
pub fn service_of(
    code: impl Fn() -> Option<String> + 'static,
) -> LocalResource<Option<domain::api::ServiceResponse>> {
    LocalResource::new(move || {
        let code = code();
        async move {
            match code {
                Some(code) => crate::api::get(&format!("/api/services/{code}")).await.ok(),
                None => None,
            }
        }
    })
}

/// The fee in tenge, formatted, or "free".
pub fn fee_text(fee_mci: Option<u32>, year: i32, lang: domain::Lang) -> String {
    match fee_mci {
        Some(m) => format!(
            "{} ({} MCI / АЕК)",
            domain::money::format_tenge(domain::money::fee_tenge(m, year)),
            m
        ),
        None => t(lang, Key::Free).to_owned(),
    }
}
