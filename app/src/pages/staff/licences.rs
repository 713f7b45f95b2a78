//! The licensor's register: find a licence by its number, see it as its holder does, and —
//! for an official whose duties include a licence decision of that licensor — suspend, resume
//! or terminate it with written grounds and the official's EDS.

use crate::client::{self, Signing};
use crate::components::{
    sign_payload, ErrorBox, ErrorText, KeyPickerState, LicenceFacts, Loading, SignForm,
};
use crate::context::use_lang;
use crate::i18n::{tx, Key};
use domain::api::SigningPayloadResponse;
use domain::licence::StatusChange;
use domain::paths::page;
use domain::ApiError;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn OfficerLicencePage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::LicenceRegister).to_owned());
    let params = use_params_map();
    let navigate = use_navigate();
    let number = move || params.read().get("number").unwrap_or_default();
    let input = RwSignal::new(number());
    let reload = RwSignal::new(0u32);
    let licence = LocalResource::new(move || {
        let n = number();
        reload.track();
        async move {
            if n.is_empty() {
                None
            } else {
                Some(client::officer_licence(&n).await)
            }
        }
    });
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = input.get_untracked().trim().to_owned();
        if !n.is_empty() {
            navigate(&page::officer_licence(&n), Default::default());
        }
    };
    view! {
        <h1>{tx(Key::LicenceRegister)}</h1>
        <form class="search" on:submit=find role="search">
            <label for="licence-number">{tx(Key::LicenceNumber)}</label>
            <input id="licence-number" type="search" prop:value=move || input.get()
                on:input=move |ev| input.set(event_target_value(&ev))/>
            <button type="submit" class="primary">{tx(Key::FindLicence)}</button>
        </form>
        {move || match licence.get().flatten() {
            None if number().is_empty() => ().into_any(),
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(r)) => {
                let may_change = r.may_change;
                let status = r.licence.status;
                let n = r.licence.number.clone();
                let title = {
                    let (number, name) = (r.licence.number.clone(), r.licence.service_name.clone());
                    move || format!("№ {number} — {}", name.get(lang.get()))
                };
                view! {
                    <section class="case" aria-labelledby="licence-h">
                        <h2 id="licence-h">{title}</h2>
                        <p class="hint">{format!("ЖСН/БСН · ИИН/БИН: {}", r.holder_id)}</p>
                        <LicenceFacts licence=r.licence.clone() files=true/>
                    </section>
                    {match (may_change, available(status).is_empty()) {
                        (false, _) => view! { <p class="hint">{tx(Key::NoStatusRight)}</p> }.into_any(),
                        (true, true) => ().into_any(),
                        (true, false) => view! {
                            <ChangeStatus number=n status=status on_done=Callback::new(move |_| reload.update(|r| *r += 1))/>
                        }.into_any(),
                    }}
                }.into_any()
            }
        }}
    }
}

/// The changes a licence in `status` can take.
fn available(status: domain::licence::LicenceStatus) -> Vec<StatusChange> {
    [
        StatusChange::Suspend,
        StatusChange::Resume,
        StatusChange::Terminate,
    ]
    .into_iter()
    .filter(|c| c.apply(status).is_some())
    .collect()
}

/// The decision with its grounds, then the document to sign, then the official's EDS.
#[component]
fn ChangeStatus(
    number: String,
    status: domain::licence::LicenceStatus,
    on_done: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let choices = available(status);
    let change = RwSignal::new(choices[0]);
    let grounds = RwSignal::new(String::new());
    let grounds_error = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let to_sign = RwSignal::new(None::<SigningPayloadResponse>);
    let busy = RwSignal::new(false);
    let picker = KeyPickerState::new();
    let number = StoredValue::new(number);
    let target = move || Signing::LicenceStatus {
        number: number.get_value(),
        change: change.get_untracked(),
        grounds: grounds.get_untracked().trim().to_owned(),
    };

    let prepare = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        if grounds.get_untracked().trim().is_empty() {
            grounds_error.set(true);
            crate::components::focus("status-grounds");
            return;
        }
        grounds_error.set(false);
        let target = target();
        leptos::task::spawn_local(async move {
            match target.prepare().await {
                Ok(p) => {
                    let _ = to_sign.try_set(Some(p));
                }
                Err(e) => {
                    let _ = error.try_set(Some(e));
                }
            }
        });
    };
    let sign = move |_: ()| {
        if busy.get_untracked() {
            return;
        }
        let Some(payload) = to_sign.get_untracked() else {
            return;
        };
        busy.set(true);
        error.set(None);
        let target = target();
        leptos::task::spawn_local(async move {
            let result = async {
                let signature = sign_payload(&picker, &payload.payload_b64, lang).await?;
                target.submit(&signature).await
            }
            .await;
            let _ = busy.try_set(false);
            match result {
                Ok(_) => {
                    let _ = to_sign.try_set(None);
                    on_done.try_run(());
                }
                Err(e) => {
                    let _ = error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <section class="step" aria-labelledby="status-h">
            <h2 id="status-h">{tx(Key::ChangeStatus)}</h2>
            <ErrorBox error=error/>
            <form on:submit=prepare novalidate>
                <fieldset>
                    <legend>{tx(Key::StatusChangeKind)}</legend>
                    {choices.into_iter().map(|c| {
                        let id = format!("change-{c:?}").to_lowercase();
                        view! {
                            <div class="choice">
                                <input type="radio" name="status-change" id=id.clone()
                                    prop:checked=move || change.get() == c
                                    on:change=move |_| { change.set(c); to_sign.set(None); }/>
                                <label for=id>{move || c.label().get(lang.get()).to_owned()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <label for="status-grounds">{tx(Key::StatusGrounds)}</label>
                {move || grounds_error.get().then(|| view! {
                    <p class="field-error" id="status-grounds-error">{tx(Key::GroundsRequired)}</p>
                })}
                <textarea id="status-grounds" rows="4"
                    aria-invalid=move || grounds_error.get().to_string()
                    aria-describedby=move || grounds_error.get().then_some("status-grounds-error")
                    prop:value=move || grounds.get()
                    on:input=move |ev| { grounds.set(event_target_value(&ev)); to_sign.set(None); }></textarea>
                <button type="submit">{tx(Key::ShowOrder)}</button>
            </form>
            {move || to_sign.get().map(|p| view! {
                <SignForm readable=p.readable label=Key::ShowOrder picker=picker input_id="status-key"
                    sign_label=Key::SignOrder busy=busy on_sign=Callback::new(sign)/>
            })}
        </section>
    }
}
