//! The officer's workspace: the queue of the cases within reach (own provider, own region),
//! and a case at its step: the step's outcomes, its form, the licence signature at the step
//! that grants it, and the steps passed with who decided what.

use crate::client::{self, Signing};
use crate::components::forms::{field_view, focus, today, FormState};
use crate::components::{
    local_time, sign_payload, Answers, CaseSummary, ErrorBox, ErrorText, History, KeyPickerState,
    Loading, SignForm, SignStep, TimelineView,
};
use crate::context::use_lang;
use crate::i18n::{t, tx, Key};
use domain::api::{
    DecideRequest, QueueCount, QueueItem, QueuePage, QueueSection, SigningPayloadResponse,
    StepView, Timing,
};
use domain::duty::Registry;
use domain::form::FormValues;
use domain::paths::page;
use domain::{ApiError, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn timing_label(timing: Option<Timing>, lang: Lang) -> &'static str {
    match timing {
        Some(Timing::OnTime) => t(lang, Key::OnTime),
        Some(Timing::DueSoon) => t(lang, Key::DueSoon),
        Some(Timing::Overdue) => t(lang, Key::Overdue),
        None => "",
    }
}

fn timing_class(timing: Option<Timing>) -> &'static str {
    match timing {
        Some(Timing::Overdue) => "timing overdue",
        Some(Timing::DueSoon) => "timing due-soon",
        Some(Timing::OnTime) | None => "timing",
    }
}

/// A registry's name on the officer's screen.
fn registry_key(r: Registry) -> Key {
    match r {
        Registry::Person => Key::RegistryPerson,
        Registry::Company => Key::RegistryCompany,
        Registry::SpecialRecords => Key::RegistrySpecial,
        Registry::PreTrial => Key::RegistryPreTrial,
    }
}

/// What the officer does to the case's open step.
enum Act {
    /// Takes the step as their own.
    Claim,
    /// Takes an outcome (with its signature, for a signed one).
    Decide(DecideRequest),
}

/// One line about a step: its name, when it is due and how that stands.
fn step_line(s: &StepView, lang: Lang) -> String {
    let mut out = s.name.get(lang).to_owned();
    if let Some(due) = &s.due_at {
        out.push_str(&format!(
            " · {} {}",
            t(lang, Key::Due),
            local_time(due, lang)
        ));
    }
    out
}

/// The queue: every section's count, and each section a page at a time.
#[component]
pub fn OfficerQueuePage() -> impl IntoView {
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::Queue).to_owned());
    let first = LocalResource::new(|| client::queue(QueueSection::Mine, None));
    view! {
        <h1>{tx(Key::Queue)}</h1>
        {move || match first.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(p)) if [p.mine, p.others, p.decided].iter().all(|c| c.count == 0) => {
                view! { <p>{tx(Key::NoCases)}</p> }.into_any()
            }
            Some(Ok(p)) => {
                let (mine, others, decided) = (p.mine, p.others, p.decided);
                view! {
                    <QueueList section=QueueSection::Mine count=mine first=Some(p)/>
                    <QueueList section=QueueSection::Others count=others first=None/>
                    <QueueList section=QueueSection::Decided count=decided first=None/>
                }
                .into_any()
            }
        }}
    }
}

fn section_key(section: QueueSection) -> Key {
    match section {
        QueueSection::Mine => Key::WaitingForYou,
        QueueSection::Others => Key::QueueOthers,
        QueueSection::Decided => Key::QueueDecided,
    }
}

/// One section of the queue: its heading with its count, its first page, and the next pages
/// on demand.
#[component]
fn QueueList(section: QueueSection, count: QueueCount, first: Option<QueuePage>) -> impl IntoView {
    let lang = use_lang();
    let items = RwSignal::new(Vec::<QueueItem>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let load = move |after: Option<String>| {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match client::queue(section, after.as_deref()).await {
                Ok(p) => {
                    items.try_update(|i| i.extend(p.items));
                    next.try_set(p.next);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
            loading.try_set(false);
        });
    };
    match first {
        Some(p) => {
            items.set(p.items);
            next.set(p.next);
        }
        None if count.count > 0 => load(None),
        None => {}
    }
    let heading = format!("queue-{}", section.code());
    let labelled = heading.clone();
    let counted = if count.more {
        format!("{}+", count.count)
    } else {
        count.count.to_string()
    };
    view! {
        <section class="queue-section" aria-labelledby=labelled>
            <h2 id=heading>{move || t(lang.get(), section_key(section))}" ("{counted}")"</h2>
            {move || (count.count == 0).then(|| view! { <p class="hint">{tx(Key::NothingHere)}</p> })}
            <For each=move || items.get() key=|i| i.case.id.clone() let:i>
                {queue_item(i, lang)}
            </For>
            {move || loading.get().then(|| view! { <Loading/> })}
            {move || error.get().map(|e| view! { <ErrorText error=e/> })}
            {move || next.get().map(|after| view! {
                <button type="button" disabled=move || loading.get()
                    aria-busy=move || loading.get().to_string()
                    on:click=move |_| load(Some(after.clone()))>
                    {tx(Key::ShowMore)}
                </button>
            })}
        </section>
    }
}

fn queue_item(i: QueueItem, lang: RwSignal<Lang>) -> impl IntoView {
    let link = page::officer_case(&i.case.id);
    let step = i.step.map(|s| {
        let s = StoredValue::new(s);
        view! {
            <p class="step-line">
                {move || s.get_value().mine.then(|| view! { <strong>{t(lang.get(), Key::WaitingForYou)}": "</strong> })}
                {move || step_line(&s.get_value(), lang.get())}
                " "
                <span class=move || timing_class(s.get_value().timing)>{move || timing_label(s.get_value().timing, lang.get())}</span>
            </p>
        }
    });
    view! { <div class="queue-item"><CaseSummary case=i.case link=link/>{step}</div> }
}

#[component]
pub fn OfficerCasePage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::Decision).to_owned());
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let reload = RwSignal::new(0u32);
    let case = LocalResource::new(move || {
        let id = id();
        reload.track();
        async move { client::officer_case(&id).await }
    });
    let service = crate::pages::service_of(move || {
        case.get().and_then(|r| r.ok()).map(|r| r.case.service_code)
    });
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let grounds = RwSignal::new(String::new());
    // The outcome's form (the licensing-control conclusion), typed here.
    let form = FormState::new(FormValues::new());
    let (form_values, form_errors) = (form.values, form.errors);
    // A signed outcome: the decision and the document shown for signing, until signed.
    let to_sign = RwSignal::new(None::<(DecideRequest, SigningPayloadResponse)>);
    let picker = KeyPickerState::new();

    // Shows the document of a signed decision (the server checks the decision first).
    let prepare_signed = move |case_id: String, request: DecideRequest| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        to_sign.set(None);
        leptos::task::spawn_local(async move {
            let r = client::decision_draft(&case_id, &request).await;
            // The page may have been left meanwhile.
            if busy.try_set(false).is_some() {
                return;
            }
            match r {
                Ok(p) => {
                    to_sign.set(Some((request, p)));
                    focus("sign-decision-h");
                }
                Err(e) => {
                    form_errors.set(e.field_errors());
                    error.set(Some(e));
                }
            }
        });
    };

    let post = move |case_id: String, act: Act| {
        // Also called after a signature is made: the page may be gone by then.
        if busy.try_get_untracked().unwrap_or(true) {
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let r = match act {
                Act::Decide(b) => client::decide(&case_id, &b).await,
                Act::Claim => client::claim_step(&case_id).await,
            };
            if busy.try_set(false).is_some() {
                return;
            }
            match r {
                Ok(_) => {
                    // The grounds stay: the head who signs a prepared refusal signs them.
                    form_values.set(FormValues::new());
                    to_sign.set(None);
                    reload.update(|r| *r += 1);
                }
                Err(e) => {
                    form_errors.set(e.field_errors());
                    error.set(Some(e));
                }
            }
        });
    };
    let tr = move |k| t(lang.get(), k);
    view! {
        {move || match case.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(c)) => {
                let c = StoredValue::new(c);
                let case_id = c.get_value().case.id.clone();
                view! {
                    <h1>{move || format!("{} {}", tr(Key::Decision), c.get_value().case.number.unwrap_or_default())}</h1>
                    <ErrorBox error=error/>
                    <CaseSummary case=c.get_value().case/>
                    {c.get_value().step.map(|s| {
                        let s = StoredValue::new(s);
                        let step_id = s.get_value().id.clone();
                        let case_id = case_id.clone();
                        view! {
                            <section class="step current-step" aria-labelledby="step-h">
                                <h2 id="step-h">{move || format!("{}: {}", tr(Key::CurrentStep), s.get_value().name.get(lang.get()))}</h2>
                                <dl class="facts">
                                    <dt>{tx(Key::Due)}</dt>
                                    <dd>
                                        {move || s.get_value().due_at.map(|d| local_time(&d, lang.get())).unwrap_or_else(|| "—".into())}
                                        " "
                                        <span class=move || timing_class(s.get_value().timing)>{move || timing_label(s.get_value().timing, lang.get())}</span>
                                    </dd>
                                    <dt>{tx(Key::TakenBy)}</dt>
                                    <dd>{move || s.get_value().assignee.unwrap_or_else(|| tr(Key::NobodyYet).to_owned())}</dd>
                                </dl>
                                {move || (!s.get_value().checks.is_empty()).then(|| view! {
                                    <h3>{tx(Key::RegistryChecks)}</h3>
                                    <ul class="checks">
                                        {s.get_value().checks.into_iter().map(|c| {
                                            let name = registry_key(c.registry);
                                            let (state, class) = if c.pending {
                                                (Key::CheckWaiting, "timing due-soon")
                                            } else if c.adverse {
                                                (Key::CheckAdverse, "timing overdue")
                                            } else {
                                                (Key::CheckClear, "timing")
                                            };
                                            view! { <li>{move || tr(name)}": "<span class=class>{move || tr(state)}</span>
                                                {c.detail.clone().filter(|d| !d.is_empty()).map(|d| view! { " — " {d} })}</li> }
                                        }).collect_view()}
                                    </ul>
                                })}
                                {move || if !s.get_value().mine {
                                    view! { <p>{tx(Key::NotYourStep)}</p> }.into_any()
                                } else {
                                    let case_id = case_id.clone();
                                    let step_id = step_id.clone();
                                    let outcomes = s.get_value().outcomes;
                                    let needs_grounds = outcomes.iter().any(|o| o.grounds_required && o.ends.as_deref() != Some("granted"));
                                    let form_code = outcomes.iter().find_map(|o| o.form.clone());
                                    let grants = outcomes.iter().any(|o| o.ends.as_deref() == Some("granted"));
                                    let take = { let case_id = case_id.clone(); move |_| post(case_id.clone(), Act::Claim) };
                                    view! {
                                        <button type="button" on:click=take disabled=move || busy.get()>{tx(Key::TakeStep)}</button>
                                        {form_code.map(|code| view! { <OutcomeForm code=code form=form/> })}
                                        {needs_grounds.then(|| view! {
                                            <label for="grounds">{tx(Key::StepGrounds)}</label>
                                            <textarea id="grounds" rows="4" prop:value=move || grounds.get()
                                                on:input=move |ev| grounds.set(event_target_value(&ev))></textarea>
                                        })}
                                        <div class="outcomes">
                                            {outcomes.into_iter().filter(|o| o.ends.as_deref() != Some("granted")).map(|o| {
                                                let label = o.label.clone();
                                                let (case_id, step_id) = (case_id.clone(), step_id.clone());
                                                let class = if o.grounds_required { "secondary" } else { "primary" };
                                                let decide = move |_| {
                                                    let form = if o.form.is_some() {
                                                        form_values.get_untracked()
                                                    } else {
                                                        FormValues::new()
                                                    };
                                                    let g = grounds.get_untracked();
                                                    let request = DecideRequest {
                                                        step_id: step_id.clone(),
                                                        outcome: o.code.clone(),
                                                        grounds: (!g.trim().is_empty()).then_some(g),
                                                        form,
                                                        cms_b64: None,
                                                    };
                                                    // A signed outcome is shown as a document and signed first.
                                                    if o.signed {
                                                        prepare_signed(case_id.clone(), request);
                                                    } else {
                                                        post(case_id.clone(), Act::Decide(request));
                                                    }
                                                };
                                                view! { <button type="button" class=class on:click=decide disabled=move || busy.get()>{move || label.get(lang.get()).to_owned()}</button> }
                                            }).collect_view()}
                                        </div>
                                        {let case_id = case_id.clone(); move || to_sign.get().map(|(request, p)| {
                                            let case_id = case_id.clone();
                                            let request = StoredValue::new(request);
                                            let payload_b64 = StoredValue::new(p.payload_b64.clone());
                                            let sign = move |_: ()| {
                                                if busy.get_untracked() {
                                                    return;
                                                }
                                                busy.set(true);
                                                error.set(None);
                                                let (case_id, mut request, payload_b64) = (case_id.clone(), request.get_value(), payload_b64.get_value());
                                                leptos::task::spawn_local(async move {
                                                    match sign_payload(&picker, &payload_b64, lang).await {
                                                        Ok(signature) => {
                                                            let _ = busy.try_set(false);
                                                            request.cms_b64 = Some(signature.cms_b64);
                                                            post(case_id, Act::Decide(request));
                                                        }
                                                        Err(e) => {
                                                            let _ = busy.try_set(false);
                                                            let _ = error.try_set(Some(e));
                                                        }
                                                    }
                                                });
                                            };
                                            view! {
                                                <section class="step sign-decision" aria-labelledby="sign-decision-h">
                                                    <h3 id="sign-decision-h" tabindex="-1">{tx(Key::SignDecisionTitle)}</h3>
                                                    <p class="hint">{tx(Key::SignDecisionHint)}</p>
                                                    <SignForm readable=p.readable label=Key::SignDecisionTitle picker=picker input_id="decision-key"
                                                        sign_label=Key::SignDecision busy=busy on_sign=Callback::new(sign)
                                                        on_cancel=Callback::new(move |_| to_sign.set(None))/>
                                                </section>
                                            }
                                        })}
                                        {grants.then(|| view! {
                                            <section class="step" aria-labelledby="approve-h">
                                                <h3 id="approve-h">{tx(Key::SignAndApprove)}</h3>
                                                <SignStep
                                                    target=Signing::Licence(case_id.clone())
                                                    prepare_label=Key::PrepareLicence
                                                    sign_label=Key::SignAndApprove
                                                    input_id="official-key"
                                                    error=error
                                                    on_done=Callback::new(move |_| reload.update(|r| *r += 1))
                                                />
                                            </section>
                                        })}
                                    }.into_any()
                                }}
                            </section>
                        }
                    })}
                    <dl class="facts">
                        <dt>{tx(Key::Applicant)}</dt><dd>{move || c.get_value().applicant_name}</dd>
                        <dt>{tx(Key::Iin)}</dt><dd>{move || c.get_value().applicant_iin}</dd>
                        {move || c.get_value().applicant_signature.map(|s| view! {
                            <dt>{tx(Key::RequestSignature)}</dt>
                            <dd>{format!("{} · {} {} · {}", s.signer_name, tr(Key::CertificateSerial), s.certificate_serial, s.verified_at)}</dd>
                        })}
                    </dl>
                    <h2>{tx(Key::RequestData)}</h2>
                    {move || {
                        let variant = service.get().flatten().and_then(|s| s.definition.variant(&c.get_value().case.variant).cloned());
                        view! { <Answers variant=variant values=c.get_value().values attachments=c.get_value().attachments/> }
                    }}
                    <h2>{tx(Key::Attachments)}</h2>
                    <ul>
                        {move || c.get_value().attachments.into_iter().map(|a| view! {
                            <li><a href=client::attachment_url(&a.id)>{a.filename.clone()}</a>" · SHA-256 "<span class="mono">{a.sha256.clone()}</span></li>
                        }).collect_view()}
                    </ul>
                    <h2>{tx(Key::StepsPassed)}</h2>
                    <table class="steps">
                        <thead><tr>
                            <th scope="col">{tx(Key::Step)}</th>
                            <th scope="col">{tx(Key::Outcome)}</th>
                            <th scope="col">{tx(Key::DecidedBy)}</th>
                            <th scope="col">{tx(Key::Due)}</th>
                            <th scope="col">{tx(Key::Finished)}</th>
                        </tr></thead>
                        <tbody>
                            {move || c.get_value().steps.into_iter().map(|r| {
                                let r = StoredValue::new(r);
                                view! { <tr>
                                    <td>{move || r.get_value().name.get(lang.get()).to_owned()}</td>
                                    <td>
                                        {move || r.get_value().outcome.map(|o| o.get(lang.get()).to_owned()).unwrap_or_default()}
                                        {move || r.get_value().grounds.map(|g| view! { <br/><small>{g}</small> })}
                                        {move || r.get_value().signature.map(|sig| view! { <br/><small class="ok">{format!("{}: {} · {} {}", tr(Key::SignedWithEds), sig.signer_name, tr(Key::CertificateSerial), sig.certificate_serial)}</small> })}
                                    </td>
                                    <td>{move || if r.get_value().automatic { tr(Key::Automatic).to_owned() } else { r.get_value().actor.unwrap_or_default() }}</td>
                                    <td>{move || r.get_value().due_at.map(|d| local_time(&d, lang.get())).unwrap_or_default()}</td>
                                    <td>
                                        {move || r.get_value().finished_at.map(|d| local_time(&d, lang.get())).unwrap_or_default()}
                                        {move || (r.get_value().on_time == Some(false)).then(|| view! { " " <span class="timing overdue">{tr(Key::Late)}</span> })}
                                    </td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                    {c.get_value().case.timeline.map(|tl| view! { <TimelineView timeline=tl/> })}
                    <History case=c.get_value().case/>
                }.into_any()
            }
        }}
    }
}

/// The form an outcome needs (the licensing-control conclusion), rendered from its schema
/// and checked in the browser as on the server.
#[component]
fn OutcomeForm(code: String, form: FormState) -> impl IntoView {
    let lang = use_lang();
    let FormState { values, errors, .. } = form;
    let schema = LocalResource::new(move || {
        let code = code.clone();
        async move { client::form(&code).await }
    });
    view! {
        {move || match schema.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(f)) => {
                let variant = f.as_variant();
                let check = {
                    let variant = variant.clone();
                    move |_| errors.set(domain::form::validate(&variant, &values.get_untracked(), today()))
                };
                view! {
                    <fieldset class="outcome-form">
                        <legend>{f.name.get(lang.get()).to_owned()}</legend>
                        <p class="hint">{f.source.get(lang.get()).to_owned()}</p>
                        {variant.fields.into_iter().map(|field| field_view(field, form, None)).collect_view()}
                        <button type="button" on:click=check>{tx(Key::CheckAnswersButton)}</button>
                    </fieldset>
                }.into_any()
            }
        }}
    }
}
