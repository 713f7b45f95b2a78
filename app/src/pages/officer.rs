//! The officer's workspace: the provider's queue and a case with its decision.

use crate::components::{Answers, CaseSummary, ErrorBox, ErrorText, History, Loading, SignStep};
use crate::i18n::{t, Key};
use crate::{api, use_lang};
use domain::api::{OfficerCaseResponse, RefuseApplicationRequest};
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
    let service =
        super::service_of(move || case.get().and_then(|r| r.ok()).map(|r| r.case.service_code));
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let grounds = RwSignal::new(String::new());

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
                        {move || c.get_value().applicant_signature.map(|s| view! {
                            <dt>{move || tr(Key::RequestSignature)}</dt>
                            <dd>{format!("{} · {} {} · {}", s.signer_name, tr(Key::CertificateSerial), s.certificate_serial, s.verified_at)}</dd>
                        })}
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
                            <SignStep
                                prepare_url=format!("/api/officer/cases/{}/licence-draft", c.get_value().case.id)
                                prepare_with_post=true
                                submit_url=format!("/api/officer/cases/{}/approve", c.get_value().case.id)
                                prepare_label=Key::PrepareLicence
                                sign_label=Key::SignAndApprove
                                input_id="official-key"
                                error=error
                                on_done=Callback::new(move |_| reload.update(|r| *r += 1))
                            />
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
