//! The public service centre's desk: the operator accepts a request for an applicant (or
//! their representative under a power of attorney), marks the documents presented on paper,
//! certifies the request with their EDS and prints the receipt with the planned result date;
//! later, the result is handed over against the receipt.

use crate::client;
use crate::components::forms::{field_view, focus, FormState};
use crate::components::{
    local_time, sign_payload, ErrorBox, ErrorText, KeyPickerState, Loading, SignForm,
};
use crate::context::use_lang;
use crate::i18n::{tx, Key};
use domain::api::{
    PscApplicationRequest, PscReceipt, PscResult, Representative, SigningPayloadResponse,
};
use domain::catalogue::{Channel, FieldKind};
use domain::form::FormValues;
use domain::ApiError;
use leptos::prelude::*;

#[component]
pub fn PscPage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::PscTitle).to_owned());
    let services = LocalResource::new(client::services);
    let code = RwSignal::new(String::new());
    let variant = RwSignal::new(String::new());
    let definition = LocalResource::new(move || {
        let code = code.get();
        async move {
            if code.is_empty() {
                None
            } else {
                client::service(&code, None).await.ok()
            }
        }
    });
    let iin = RwSignal::new(String::new());
    let by_agent = RwSignal::new(false);
    let agent_iin = RwSignal::new(String::new());
    let poa = RwSignal::new(String::new());
    let form = FormState::new(FormValues::new());
    let (values, errors) = (form.values, form.errors);
    let paper = RwSignal::new(Vec::<usize>::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let receipt = RwSignal::new(None::<PscReceipt>);
    // The checked request and the document the operator certifies, until certified.
    let to_sign = RwSignal::new(None::<(PscApplicationRequest, SigningPayloadResponse)>);
    let picker = KeyPickerState::new();
    let show_errors = move |e: ApiError| {
        errors.set(e.field_errors());
        error.set(Some(e));
    };

    let certify = move |_: ()| {
        if busy.get_untracked() {
            return;
        }
        let Some((mut request, payload)) = to_sign.get_untracked() else {
            return;
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let filed = async {
                let signature = sign_payload(&picker, &payload.payload_b64, lang).await?;
                request.cms_b64 = Some(signature.cms_b64);
                client::psc_file(&request).await
            }
            .await;
            match filed {
                Ok(r) => {
                    to_sign.set(None);
                    receipt.set(Some(r));
                }
                Err(e) => show_errors(e),
            }
            let _ = busy.try_set(false);
        });
    };

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
            cms_b64: None,
        };
        // The desk checks everything (the form, the registries) and shows what is certified.
        leptos::task::spawn_local(async move {
            match client::psc_draft(&request).await {
                Ok(p) => {
                    errors.set(Vec::new());
                    to_sign.set(Some((request, p)));
                    focus("certify-h");
                }
                Err(e) => show_errors(e),
            }
            let _ = busy.try_set(false);
        });
    };

    view! {
        {move || match receipt.get() {
            Some(r) => view! {
                <section class="receipt" aria-labelledby="receipt-h">
                    <h1 id="receipt-h">{tx(Key::Receipt)}</h1>
                    <dl class="facts">
                        <dt>{tx(Key::Number)}</dt><dd>{r.number.clone()}</dd>
                        <dt>{tx(Key::Service)}</dt><dd>{ let r = r.clone(); move || format!("{} — {}", r.service_name.get(lang.get()), r.variant_name.get(lang.get())) }</dd>
                        <dt>{tx(Key::Applicant)}</dt><dd>{format!("{} ({})", r.applicant_name, r.applicant_iin)}</dd>
                        {r.representative_iin.clone().map(|i| view! { <dt>{tx(Key::RepresentativeIin)}</dt><dd>{i}</dd> })}
                        <dt>{tx(Key::AcceptedAt)}</dt><dd>{ let at = r.accepted_at.clone(); move || local_time(&at, lang.get()) }</dd>
                        <dt>{tx(Key::PlannedResult)}</dt><dd><strong>{r.planned_result_date.clone()}</strong></dd>
                        <dt>{tx(Key::AcceptedBy)}</dt><dd>{r.operator_name.clone()}</dd>
                    </dl>
                    <h2>{tx(Key::PaperDocuments)}</h2>
                    <ol>{r.documents.clone().into_iter().map(|d| view! { <li>{move || d.get(lang.get()).to_owned()}</li> }).collect_view()}</ol>
                    <figure class="receipt-qr">
                        {qr_svg(&r.qr_rows, &r.number)}
                        <figcaption>{tx(Key::ReceiptQrCaption)}</figcaption>
                    </figure>
                    <button type="button" class="primary" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{tx(Key::Print)}</button>
                </section>
            }.into_any(),
            None => view! {
                <h1>{tx(Key::PscTitle)}</h1>
                <ErrorBox error=error/>
                <form class="request-form" on:submit=submit novalidate>
                    // Locked while the certified document is shown: what is signed is what is sent.
                    <fieldset class="lock" disabled=move || to_sign.get().is_some()>
                    <label for="psc-service">{tx(Key::Service)}</label>
                    <select id="psc-service" on:change=move |ev| { code.set(event_target_value(&ev)); variant.set(String::new()); values.set(FormValues::new()); paper.set(Vec::new()); }>
                        <option value="">{tx(Key::Choose)}</option>
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
                                <label for="psc-variant">{tx(Key::Variant)}</label>
                                <select id="psc-variant" on:change=move |ev| { variant.set(event_target_value(&ev)); values.set(FormValues::new()); paper.set(Vec::new()); }>
                                    <option value="">{tx(Key::Choose)}</option>
                                    {d.get_value().variants.into_iter().map(|v| view! { <option value=v.code.clone()>{move || v.name.get(lang.get()).to_owned()}</option> }).collect_view()}
                                </select>
                                {move || d.get_value().variant(&variant.get()).cloned().map(|v| {
                                    let docs = v.psc_documents.clone();
                                    view! {
                                        <label for="psc-iin">{tx(Key::ApplicantIin)}</label>
                                        <input type="text" id="psc-iin" inputmode="numeric" prop:value=move || iin.get() on:input=move |ev| iin.set(event_target_value(&ev))/>
                                        <label class="choice"><input type="checkbox" prop:checked=move || by_agent.get() on:change=move |ev| by_agent.set(event_target_checked(&ev))/>{tx(Key::ByRepresentative)}</label>
                                        <Show when=move || by_agent.get()>
                                            <label for="psc-agent">{tx(Key::RepresentativeIin)}</label>
                                            <input type="text" id="psc-agent" inputmode="numeric" prop:value=move || agent_iin.get() on:input=move |ev| agent_iin.set(event_target_value(&ev))/>
                                            <label for="psc-poa">{tx(Key::PowerOfAttorney)}</label>
                                            <input type="text" id="psc-poa" prop:value=move || poa.get() on:input=move |ev| poa.set(event_target_value(&ev))/>
                                        </Show>
                                        {v.fields.into_iter().filter(|f| !matches!(f.kind, FieldKind::File { .. })).map(|f| field_view(f, form, None)).collect_view()}
                                        <fieldset>
                                            <legend>{tx(Key::PaperDocuments)}</legend>
                                            {docs.into_iter().enumerate().map(|(i, doc)| view! {
                                                <label class="choice"><input type="checkbox"
                                                    on:change=move |ev| paper.update(|p| if event_target_checked(&ev) { p.push(i) } else { p.retain(|x| *x != i) })/>
                                                    {move || doc.text.get(lang.get()).to_owned()}</label>
                                            }).collect_view()}
                                        </fieldset>
                                        <button type="submit" class="primary" disabled=move || busy.get()>{tx(Key::AcceptRequest)}</button>
                                    }
                                })}
                            }.into_any()
                        }
                    }}
                    </fieldset>
                </form>
                {move || to_sign.get().map(|(_, p)| view! {
                    <section class="step" aria-labelledby="certify-h">
                        <h2 id="certify-h" tabindex="-1">{tx(Key::CertifyTitle)}</h2>
                        <p class="hint">{tx(Key::CertifyHint)}</p>
                        <SignForm readable=p.readable label=Key::CertifyTitle picker=picker input_id="operator-key"
                            sign_label=Key::CertifyAndSend busy=busy on_sign=Callback::new(certify)
                            on_cancel=Callback::new(move |_| to_sign.set(None))/>
                    </section>
                })}
                {move || services.get().and_then(|r| r.err()).map(|e| view! { <ErrorText error=e/> })}
                <Handover/>
            }.into_any(),
        }}
    }
}

/// The hand-over of a result (004 para. 11): the applicant brings the receipt; the operator
/// finds the case by its number, prints the licence (or reads out the refusal) and records
/// that it was handed over.
#[component]
fn Handover() -> impl IntoView {
    let lang = use_lang();
    let number = RwSignal::new(String::new());
    let found = RwSignal::new(None::<PscResult>);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    // The results waiting at this centre, refreshed after each hand-over.
    let handed = RwSignal::new(0u32);
    let ready = LocalResource::new(move || {
        handed.track();
        client::psc_ready()
    });
    let run = move |request: Option<String>| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let query = number.get_untracked();
        leptos::task::spawn_local(async move {
            let r = match request {
                Some(id) => client::psc_hand_over(&id).await,
                None => client::psc_find(query.trim()).await,
            };
            match r {
                Ok(r) => {
                    if r.handed_over_at.is_some() {
                        handed.update(|n| *n += 1);
                    }
                    found.set(Some(r));
                }
                Err(e) => {
                    found.set(None);
                    error.set(Some(e));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(None);
    };
    view! {
        <section class="step handover" aria-labelledby="handover-h">
            <h2 id="handover-h">{tx(Key::HandoverTitle)}</h2>
            <ErrorBox error=error/>
            {move || ready.get().and_then(|r| r.ok()).filter(|l| !l.is_empty()).map(|list| view! {
                <h3>{tx(Key::ReadyAtCentre)}</h3>
                <ul class="ready">
                    {list.into_iter().map(|r| {
                        let label = format!("{} — {}", r.number, r.applicant_name);
                        let r = StoredValue::new(r);
                        view! { <li><button type="button" class="link" on:click=move |_| {
                            number.set(r.get_value().number);
                            found.set(Some(r.get_value()));
                        }>{label}</button></li> }
                    }).collect_view()}
                </ul>
            })}
            <form class="inline" on:submit=find>
                <label for="handover-number">{tx(Key::ReceiptNumber)}</label>
                <input type="text" id="handover-number" prop:value=move || number.get() on:input=move |ev| number.set(event_target_value(&ev))/>
                <button type="submit" disabled=move || busy.get()>{tx(Key::Search)}</button>
            </form>
            <div aria-live="polite">
                {move || found.get().map(|r| {
                    let id = r.application_id.clone();
                    let r = StoredValue::new(r);
                    view! {
                        <dl class="facts">
                            <dt>{tx(Key::Number)}</dt><dd>{move || r.get_value().number}</dd>
                            <dt>{tx(Key::Service)}</dt><dd>{move || format!("{} — {}", r.get_value().service_name.get(lang.get()), r.get_value().variant_name.get(lang.get()))}</dd>
                            <dt>{tx(Key::Applicant)}</dt><dd>{move || format!("{} ({})", r.get_value().applicant_name, r.get_value().applicant_iin)}</dd>
                            <dt>{tx(Key::Status)}</dt><dd>{move || r.get_value().status.label().get(lang.get()).to_owned()}</dd>
                            {move || r.get_value().licence_number.map(|n| view! { <dt>{tx(Key::LicenceNumber)}</dt><dd>{n}</dd> })}
                            {move || r.get_value().refusal_grounds.map(|g| view! { <dt>{tx(Key::Grounds)}</dt><dd>{g}</dd> })}
                            {move || r.get_value().handed_over_at.map(|at| view! { <dt>{tx(Key::HandedOver)}</dt><dd>{local_time(&at, lang.get())}</dd> })}
                        </dl>
                        {move || (r.get_value().licence_number.is_some()).then(|| {
                            let id = r.get_value().application_id;
                            view! { <p><a href=client::psc_licence_url(&id) target="_blank">{tx(Key::PrintLicence)}</a></p> }
                        })}
                        {move || {
                            let v = r.get_value();
                            if v.awaiting_handover {
                                let id = id.clone();
                                view! { <button type="button" class="primary" on:click=move |_| run(Some(id.clone())) disabled=move || busy.get()>{tx(Key::HandOver)}</button> }.into_any()
                            } else if v.handed_over_at.is_none() {
                                view! { <p>{tx(Key::ResultNotReady)}</p> }.into_any()
                            } else {
                                ().into_any()
                            }
                        }}
                    }
                })}
            </div>
        </section>
    }
}

/// A QR code drawn as one SVG path from its rows of modules (with the quiet zone of four
/// modules the standard asks for), named for screen readers by what it holds.
fn qr_svg(rows: &[String], holds: &str) -> impl IntoView {
    let size = rows.len() + 8;
    let mut d = String::new();
    for (y, row) in rows.iter().enumerate() {
        for (x, c) in row.chars().enumerate() {
            if c == '1' {
                d.push_str(&format!("M{} {}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    view! {
        <svg class="qr" role="img" aria-label=format!("QR: {holds}") viewBox=format!("0 0 {size} {size}") shape-rendering="crispEdges">
            <rect width=size.to_string() height=size.to_string() fill="#fff"/>
            <path d=d fill="#000"/>
        </svg>
    }
}
