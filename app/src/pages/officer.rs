//! The officer's workspace: the provider's queue and a case with its decision.

use crate::components::{Answers, CaseSummary, ErrorBox, ErrorText, History, Loading};
use crate::i18n::{t, Key};
use crate::pages::sign_in::sign_error;
use crate::signer;
use crate::{api, use_lang};
use domain::api::{
    OfficerCaseResponse, RefuseApplicationRequest, ServiceResponse, SigningPayloadResponse,
};
use domain::case::{CaseStatus, CaseView};
use domain::ApiError;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OfficerQueuePage() -> impl IntoView {
    let lang = use_lang();
    let queue = LocalResource::new(|| api::get::<Vec<CaseView>>("/api/officer/cases"));
    view! {
        <h1>{move || t(lang.get(), Key::Queue)}</h1>
        {move || match queue.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(cases)) if cases.is_empty() => view! { <p>{move || t(lang.get(), Key::NoCases)}</p> }.into_any(),
            Some(Ok(cases)) => cases
                .into_iter()
                .map(|c| {
                    let link = format!("/officer/cases/{}", c.id);
                    view! { <CaseSummary case=c link=link/> }
                })
                .collect_view()
                .into_any(),
        }}
    }
}

#[component]
pub fn OfficerCasePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let reload = RwSignal::new(0u32);
    let case = LocalResource::new(move || {
        let id = id();
        reload.track();
        async move { api::get::<OfficerCaseResponse>(&format!("/api/officer/cases/{id}")).await }
    });
    let service = LocalResource::new(move || {
        let code = case.get().and_then(|c| c.ok()).map(|c| c.case.service_code);
        async move {
            match code {
                Some(code) => api::get::<ServiceResponse>(&format!("/api/services/{code}"))
                    .await
                    .ok(),
                None => None,
            }
        }
    });
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let grounds = RwSignal::new(String::new());
    let to_sign = RwSignal::new(None::<SigningPayloadResponse>);
    let key_input = NodeRef::<leptos::html::Input>::new();

    let refuse = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let id = id();
        let request = RefuseApplicationRequest {
            grounds: grounds.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = api::post::<_, CaseView>(&format!("/api/officer/cases/{id}/refuse"), &request)
                .await;
            busy.set(false);
            match r {
                Ok(_) => reload.update(|r| *r += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let prepare = move |_| {
        error.set(None);
        let id = id();
        leptos::task::spawn_local(async move {
            match api::post::<_, SigningPayloadResponse>(
                &format!("/api/officer/cases/{id}/licence-draft"),
                &(),
            )
            .await
            {
                Ok(p) => to_sign.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let approve = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (Some(input), Some(payload)) = (key_input.get(), to_sign.get_untracked()) else {
            return;
        };
        busy.set(true);
        error.set(None);
        let id = id();
        leptos::task::spawn_local(async move {
            let result = async {
                let signature = signer::sign(&input, &payload.payload_b64)
                    .await
                    .map_err(|e| sign_error(e, lang.get_untracked()))?;
                api::post::<_, CaseView>(&format!("/api/officer/cases/{id}/approve"), &signature)
                    .await
            }
            .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    to_sign.set(None);
                    reload.update(|r| *r += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let tr = move |k| t(lang.get(), k);
    view! {
        {move || match case.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(c)) => {
                let open = c.case.status == CaseStatus::Submitted;
                let c = StoredValue::new(c);
                view! {
                    <h1>{move || format!("{} {}", tr(Key::Decision), c.get_value().case.number.unwrap_or_default())}</h1>
                    <ErrorBox error=error/>
                    <CaseSummary case=c.get_value().case/>
                    <dl class="facts">
                        <dt>{move || tr(Key::Applicant)}</dt><dd>{move || c.get_value().applicant_name}</dd>
                        <dt>{move || tr(Key::Iin)}</dt><dd>{move || c.get_value().applicant_iin}</dd>
                    </dl>
                    <h2>{move || tr(Key::RequestData)}</h2>
                    {move || {
                        let variant = service.get().flatten().and_then(|s| s.definition.variant(&c.get_value().case.variant).cloned());
                        view! { <Answers variant=variant values=c.get_value().values attachments=c.get_value().attachments/> }
                    }}
                    <h2>{move || tr(Key::Attachments)}</h2>
                    <ul>
                        {move || c.get_value().attachments.into_iter().map(|a| view! {
                            <li><a href=format!("/api/attachments/{}", a.id)>{a.filename.clone()}</a>" · SHA-256 "<span class="mono">{a.sha256.clone()}</span></li>
                        }).collect_view()}
                    </ul>
                    {open.then(|| view! {
                        <section class="step" aria-labelledby="approve-h">
                            <h2 id="approve-h">{move || tr(Key::SignAndApprove)}</h2>
                            <button type="button" on:click=prepare>{move || tr(Key::PrepareLicence)}</button>
                            {move || to_sign.get().map(|p| view! {
                                <pre class="to-sign" tabindex="0">{p.readable}</pre>
                                <form on:submit=approve>
                                    <label for="official-key">{move || tr(Key::KeyFile)}</label>
                                    <p class="hint" id="official-key-hint">{move || tr(Key::SignKeyHint)}</p>
                                    <input id="official-key" type="file" accept=".pem,.p12,.pfx" node_ref=key_input aria-describedby="official-key-hint"/>
                                    <button type="submit" class="primary" disabled=move || busy.get()>{move || tr(Key::SignAndApprove)}</button>
                                </form>
                            })}
                        </section>
                        <form class="step" on:submit=refuse>
                            <h2>{move || tr(Key::Refuse)}</h2>
                            <label for="grounds">{move || tr(Key::Grounds)}</label>
                            <p class="hint" id="grounds-hint">{move || tr(Key::RefuseHint)}</p>
                            <textarea id="grounds" rows="4" aria-describedby="grounds-hint" prop:value=move || grounds.get()
                                on:input=move |ev| grounds.set(event_target_value(&ev))></textarea>
                            <button type="submit" disabled=move || busy.get()>{move || tr(Key::Refuse)}</button>
                        </form>
                    })}
                    <History case=c.get_value().case/>
                }.into_any()
            }
        }}
    }
}
