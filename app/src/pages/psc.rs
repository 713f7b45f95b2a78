//! The public service centre's desk: the operator accepts a request for an applicant (or
//! their representative under a power of attorney), marks the documents presented on paper,
//! and prints the receipt with the planned result date.

use crate::components::{local_time, ErrorBox, ErrorText, Loading};
use crate::i18n::{t, Key};
use crate::pages::apply::{field_view, Upload};
use crate::{api, use_lang};
use domain::api::{PscApplicationRequest, PscReceipt, Representative, ServiceResponse};
use domain::catalogue::{Channel, FieldKind, ServiceSummary};
use domain::form::{FieldError, FormValues};
use domain::ApiError;
use leptos::prelude::*;

#[component]
pub fn PscPage() -> impl IntoView {
    let lang = use_lang();
    let tr = move |k| t(lang.get(), k);
    let services = LocalResource::new(|| api::get::<Vec<ServiceSummary>>("/api/services"));
    let code = RwSignal::new(String::new());
    let variant = RwSignal::new(String::new());
    let definition = LocalResource::new(move || {
        let code = code.get();
        async move {
            if code.is_empty() {
                None
            } else {
                api::get::<ServiceResponse>(&format!("/api/services/{code}"))
                    .await
                    .ok()
            }
        }
    });
    let iin = RwSignal::new(String::new());
    let by_agent = RwSignal::new(false);
    let agent_iin = RwSignal::new(String::new());
    let poa = RwSignal::new(String::new());
    let values = RwSignal::new(FormValues::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let uploads = RwSignal::new(std::collections::BTreeMap::<String, Upload>::new());
    let paper = RwSignal::new(Vec::<usize>::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let receipt = RwSignal::new(None::<PscReceipt>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let request = PscApplicationRequest {
            service_code: code.get_untracked(),
            variant: variant.get_untracked(),
            applicant_iin: iin.get_untracked(),
            representative: by_agent.get_untracked().then(|| Representative {
                iin: agent_iin.get_untracked(),
                power_of_attorney: poa.get_untracked(),
            }),
            values: values.get_untracked(),
            paper_documents: paper.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::post::<_, PscReceipt>("/api/psc/applications", &request).await {
                Ok(r) => receipt.set(Some(r)),
                Err(e) => {
                    errors.set(
                        e.fields
                            .iter()
                            .map(|f| FieldError::new(f.field.clone(), f.code))
                            .collect(),
                    );
                    error.set(Some(e));
                }
            }
            busy.set(false);
        });
    };

    view! {
        {move || match receipt.get() {
            Some(r) => view! {
                <section class="receipt" aria-labelledby="receipt-h">
                    <h1 id="receipt-h">{move || tr(Key::Receipt)}</h1>
                    <dl class="facts">
                        <dt>{move || tr(Key::Number)}</dt><dd>{r.number.clone()}</dd>
                        <dt>{move || tr(Key::Service)}</dt><dd>{ let r = r.clone(); move || format!("{} — {}", r.service_name.get(lang.get()), r.variant_name.get(lang.get())) }</dd>
                        <dt>{move || tr(Key::Applicant)}</dt><dd>{format!("{} ({})", r.applicant_name, r.applicant_iin)}</dd>
                        {r.representative_iin.clone().map(|i| view! { <dt>{move || tr(Key::RepresentativeIin)}</dt><dd>{i}</dd> })}
                        <dt>{move || tr(Key::AcceptedAt)}</dt><dd>{ let at = r.accepted_at.clone(); move || local_time(&at, lang.get()) }</dd>
                        <dt>{move || tr(Key::PlannedResult)}</dt><dd><strong>{r.planned_result_date.clone()}</strong></dd>
                        <dt>{move || tr(Key::AcceptedBy)}</dt><dd>{r.operator_name.clone()}</dd>
                    </dl>
                    <h2>{move || tr(Key::PaperDocuments)}</h2>
                    <ol>{r.documents.clone().into_iter().map(|d| view! { <li>{move || d.get(lang.get()).to_owned()}</li> }).collect_view()}</ol>
                    <button type="button" class="primary" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{move || tr(Key::Print)}</button>
                </section>
            }.into_any(),
            None => view! {
                <h1>{move || tr(Key::PscTitle)}</h1>
                <ErrorBox error=error/>
                <form class="request-form" on:submit=submit novalidate>
                    <label for="psc-service">{move || tr(Key::Service)}</label>
                    <select id="psc-service" on:change=move |ev| { code.set(event_target_value(&ev)); variant.set(String::new()); values.set(FormValues::new()); paper.set(Vec::new()); }>
                        <option value="">{move || tr(Key::Choose)}</option>
                        {move || services.get().and_then(|r| r.ok()).unwrap_or_default().into_iter()
                            .filter(|s| s.channels.contains(&Channel::PublicServiceCentre))
                            .map(|s| view! { <option value=s.code.clone()>{move || s.name.get(lang.get()).to_owned()}</option> })
                            .collect_view()}
                    </select>
                    {move || match definition.get() {
                        None => view! { <Loading/> }.into_any(),
                        Some(None) => ().into_any(),
                        Some(Some(d)) => {
                            let d = StoredValue::new(d.definition);
                            view! {
                                <label for="psc-variant">{move || tr(Key::Variant)}</label>
                                <select id="psc-variant" on:change=move |ev| { variant.set(event_target_value(&ev)); values.set(FormValues::new()); paper.set(Vec::new()); }>
                                    <option value="">{move || tr(Key::Choose)}</option>
                                    {d.get_value().variants.into_iter().map(|v| view! { <option value=v.code.clone()>{move || v.name.get(lang.get()).to_owned()}</option> }).collect_view()}
                                </select>
                                {move || d.get_value().variant(&variant.get()).cloned().map(|v| {
                                    let docs = v.psc_documents.clone();
                                    view! {
                                        <label for="psc-iin">{move || tr(Key::ApplicantIin)}</label>
                                        <input type="text" id="psc-iin" inputmode="numeric" prop:value=move || iin.get() on:input=move |ev| iin.set(event_target_value(&ev))/>
                                        <label class="choice"><input type="checkbox" prop:checked=move || by_agent.get() on:change=move |ev| by_agent.set(event_target_checked(&ev))/>{move || tr(Key::ByRepresentative)}</label>
                                        <Show when=move || by_agent.get()>
                                            <label for="psc-agent">{move || tr(Key::RepresentativeIin)}</label>
                                            <input type="text" id="psc-agent" inputmode="numeric" prop:value=move || agent_iin.get() on:input=move |ev| agent_iin.set(event_target_value(&ev))/>
                                            <label for="psc-poa">{move || tr(Key::PowerOfAttorney)}</label>
                                            <input type="text" id="psc-poa" prop:value=move || poa.get() on:input=move |ev| poa.set(event_target_value(&ev))/>
                                        </Show>
                                        {v.fields.into_iter().filter(|f| !matches!(f.kind, FieldKind::File { .. })).map(|f| field_view(f, values, errors, uploads, lang, String::new())).collect_view()}
                                        <fieldset>
                                            <legend>{move || tr(Key::PaperDocuments)}</legend>
                                            {docs.into_iter().enumerate().map(|(i, doc)| view! {
                                                <label class="choice"><input type="checkbox"
                                                    on:change=move |ev| paper.update(|p| if event_target_checked(&ev) { p.push(i) } else { p.retain(|x| *x != i) })/>
                                                    {move || doc.text.get(lang.get()).to_owned()}</label>
                                            }).collect_view()}
                                        </fieldset>
                                        <button type="submit" class="primary" disabled=move || busy.get()>{move || tr(Key::AcceptRequest)}</button>
                                    }
                                })}
                            }.into_any()
                        }
                    }}
                </form>
                {move || services.get().and_then(|r| r.err()).map(|e| view! { <ErrorText error=e/> })}
            }.into_any(),
        }}
    }
}
