//! The public licence check, by number or from the QR code on the licence.

use crate::client;
use crate::components::ErrorText;
use crate::context::use_lang;
use crate::i18n::{t, Key};
use domain::api::LicenceStatus;
use domain::paths::page;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn CheckPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let navigate = use_navigate();
    let number = move || params.read().get("number").unwrap_or_default();
    let input = RwSignal::new(number());
    let result = LocalResource::new(move || {
        let n = number();
        async move {
            if n.is_empty() {
                None
            } else {
                Some(client::check_licence(&n).await)
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = input.get_untracked().trim().to_owned();
        if !n.is_empty() {
            navigate(&page::check(&n), Default::default());
        }
    };
    let tr = move |k| t(lang.get(), k);
    view! {
        <h1>{move || tr(Key::CheckTitle)}</h1>
        <form class="search" on:submit=submit role="search">
            <label for="licence-number">{move || tr(Key::LicenceNumber)}</label>
            <input id="licence-number" type="search" inputmode="numeric" prop:value=move || input.get()
                on:input=move |ev| input.set(event_target_value(&ev))/>
            <button type="submit" class="primary">{move || tr(Key::Search)}</button>
        </form>
        {move || match result.get().flatten() {
            None => ().into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(l)) => {
                let l = StoredValue::new(l);
                view! {
                    <section class="check-result" aria-live="polite">
                        <p class=move || if l.get_value().signature_valid { "verdict ok" } else { "verdict bad" }>
                            {move || if l.get_value().signature_valid { tr(Key::SignatureValid) } else { tr(Key::SignatureInvalid) }}
                        </p>
                        <dl class="facts">
                            <dt>{move || tr(Key::LicenceNumber)}</dt><dd>{move || l.get_value().number}</dd>
                            <dt>{move || tr(Key::Holder)}</dt><dd>{move || l.get_value().holder_name}</dd>
                            <dt>{move || tr(Key::Activity)}</dt><dd>{move || l.get_value().activity.get(lang.get()).to_owned()}</dd>
                            <dt>{move || tr(Key::Provider)}</dt><dd>{move || l.get_value().provider_name.get(lang.get()).to_owned()}</dd>
                            <dt>{move || tr(Key::IssuedOn)}</dt><dd>{move || l.get_value().issued_on}</dd>
                            <dt>{move || tr(Key::Status)}</dt>
                            <dd>{move || match l.get_value().status {
                                LicenceStatus::Valid => tr(Key::LicenceValid).to_owned(),
                                LicenceStatus::Suspended => tr(Key::LicenceSuspended).to_owned(),
                                LicenceStatus::Terminated => tr(Key::LicenceTerminated).to_owned(),
                                LicenceStatus::PendingSignature => tr(Key::LicencePendingSignature).to_owned(),
                            }}</dd>
                            <dt>{move || tr(Key::SignedBy)}</dt><dd>{move || l.get_value().signer_name.unwrap_or_default()}</dd>
                            <dt>"SHA-256"</dt><dd class="mono">{move || l.get_value().document_sha256}</dd>
                        </dl>
                    </section>
                }.into_any()
            }
        }}
    }
}
