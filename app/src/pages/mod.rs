//! The pages, one routed page per module: `public/` (the catalogue, a passport, the check, the
//! attestation lists), `portal/` (applying, the cabinet, sign-in, my licences) and `staff/`
//! (the officer's workspace, attestation sessions, the centre's desk, support). Each app links
//! only its own folder's pages.

pub mod portal;
pub mod public;
pub mod staff;

use crate::i18n::{tx, Key};
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::NotFoundPage).to_owned());
    view! { <h1>{tx(Key::NotFoundPage)}</h1> }
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
                Some(code) => crate::client::service(&code, None).await.ok(),
                None => None,
            }
        }
    })
}

pub use domain::words::fee_text;
