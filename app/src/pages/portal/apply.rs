//! The request form, rendered from the service definition and validated with the same
//! `domain` code the server runs. The values are kept in the browser as they are typed, so a
//! reload loses nothing.

use crate::client::{self, UploadTarget};
use crate::components::forms::{
    error_label, field_view, focus, scroll_top, section_title, today, uploaded_text, FormState,
    Upload,
};
use crate::components::{
    sign_error, AppLink, ErrorBox, ErrorText, KeyPicker, KeyPickerState, Loading,
};
use crate::context::{use_lang, use_session};
use crate::drafts::DraftSlot;
use crate::i18n::{t, tx, Key};
use domain::api::{CheckKeyRequest, CheckKeyResponse, CreateApplicationRequest, SaveDraftRequest};
use domain::catalogue::{Field, Variant};
use domain::form::FormValues;
use domain::licence::{DecisionOutcome, DocumentKind, LicenceRef, LicenceStatus};
use domain::paths::page;
use domain::{ApiError, ErrorCode};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

/// Where the typed form is kept.
#[derive(Clone, PartialEq)]
enum DraftStatus {
    Idle,
    Saving,
    /// Saved on the server at this time (RFC 3339).
    Saved(String),
    /// The server could not take it (signed out, offline): kept on this device only.
    OnlyHere,
}

#[component]
pub fn ApplyPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = params.read_untracked().get("code").unwrap_or_default();
    let variant_code = params.read_untracked().get("variant").unwrap_or_default();
    // A historic version is filled in only when named (`?version=2016`); otherwise the current.
    let version: Option<u32> = use_query_map()
        .read_untracked()
        .get("version")
        .and_then(|v| v.parse().ok());
    let session = use_session();
    let form = FormState::new(FormValues::default());
    let FormState {
        values,
        errors,
        uploads,
    } = form;
    let server_error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    // The licence (`?licence=N`, from My licences) the request acts on, and the numbers of the
    // applicant's licences and results the register holds: for those no copy is asked for.
    let chosen_licence = use_query_map().read_untracked().get("licence");
    let in_register = RwSignal::new(Vec::<String>::new());
    // SMS about the application, to the form's phone, only when the applicant asks for them.
    let sms_consent = RwSignal::new(false);
    // Repair after a refusal (`?repair=ID`): the refused case, its grounds shown at the top and
    // beside the fields they concern.
    let refused = RwSignal::new(None::<domain::case::CaseView>);
    if let Some(id) = use_query_map().read_untracked().get("repair") {
        leptos::task::spawn_local(async move {
            if let Ok(a) = client::application(&id).await {
                if a.case.status == domain::case::CaseStatus::Refused {
                    refused.try_set(Some(a.case));
                }
            }
        });
    }

    // The draft: kept on this device at once, and on the server 0.8 s after the last change
    // (so it follows the applicant to another device and survives a restart). The server's
    // copy, the latest from any device, wins when the page opens.
    let draft_status = RwSignal::new(DraftStatus::Idle);
    let generation = StoredValue::new(0u64);
    let loaded = RwSignal::new(false);
    // Before saving: the answers shown for checking; "Change" goes back to the field.
    let checking = RwSignal::new(false);
    // Whose draft this is is known once the session is: then this browser's copy is shown at
    // once, and the server's copy, when there is one, replaces it.
    let slot = StoredValue::new(None::<DraftSlot>);
    {
        let (code, variant_code) = (code.clone(), variant_code.clone());
        Effect::new(move |_| {
            if !session.known.get() || slot.with_value(Option::is_some) {
                return;
            }
            let here = DraftSlot::new(
                session.me.get_untracked().as_ref(),
                &code,
                &variant_code,
                version,
            );
            here.adopt_anonymous(&code, &variant_code, version);
            if let Some(v) = here.read() {
                values.set(v);
            }
            slot.set_value(Some(here));
            if session.me.get_untracked().is_none() {
                // Not signed in: the draft is kept in this browser only; the server has none
                // to give (and asking would be refused).
                loaded.set(true);
                return;
            }
            let shown = values.get_untracked();
            let (code, variant_code) = (code.clone(), variant_code.clone());
            leptos::task::spawn_local(async move {
                // The page may be gone by the answer: only `try_` reads and writes after the wait.
                if let Ok(d) = client::draft(&code, &variant_code, version).await {
                    // What the applicant typed while the server's copy was on its way wins:
                    // it is newer, and is saved as soon as the page is loaded.
                    if values.try_get_untracked().is_none_or(|now| now != shown) {
                        loaded.try_set(true);
                        return;
                    }
                    let held = d.values.clone();
                    if values.try_set(d.values).is_some() {
                        return;
                    }
                    // The files the draft already holds are shown as attached.
                    uploads.try_update(|u| {
                        for a in &d.attachments {
                            if let Some((slot, _)) = held.iter().find(|(_, v)| **v == a.id) {
                                u.insert(slot.clone(), Upload::Done(uploaded_text(a)));
                            }
                        }
                    });
                    draft_status.try_set(DraftStatus::Saved(d.updated_at));
                }
                loaded.try_set(true);
            });
        });
    }
    {
        let (code, variant_code) = (code.clone(), variant_code.clone());
        Effect::new(move |_| {
            let v = values.get();
            if !loaded.get() {
                return;
            }
            slot.with_value(|s| {
                if let Some(s) = s {
                    s.write(&v);
                }
            });
            if v.is_empty() {
                return;
            }
            if session.me.get_untracked().is_none() {
                draft_status.set(DraftStatus::OnlyHere);
                return;
            }
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            let (code, variant_code) = (code.clone(), variant_code.clone());
            leptos::task::spawn_local(async move {
                crate::api::sleep(800).await;
                // The page may have gone meanwhile (the applicant moved on to pay): then the
                // stored value is disposed and reading it would trap the whole WASM module.
                if generation.try_get_value() != Some(mine) {
                    return;
                }
                draft_status.set(DraftStatus::Saving);
                let request = SaveDraftRequest {
                    service_version: version,
                    values: v,
                };
                match client::save_draft(&code, &variant_code, &request).await {
                    Ok(d) => draft_status.set(DraftStatus::Saved(d.updated_at)),
                    Err(_) => draft_status.set(DraftStatus::OnlyHere),
                }
            });
        });
    }

    let service = LocalResource::new({
        let code = code.clone();
        move || {
            let code = code.clone();
            async move { client::service(&code, version).await }
        }
    });
    // The server wrote the form's heading into the page (`server::prerender`); it stands
    // until this page is drawn (or has failed to load), then goes.
    Effect::new(move |_| {
        if service.get().is_some() {
            crate::components::layout::drop_prerender();
        }
    });
    {
        let variant_code = variant_code.clone();
        crate::components::layout::page_title(move |l| match service.get() {
            Some(Ok(r)) => r
                .definition
                .variant(&variant_code)
                .map(|v| format!("{} · {}", v.name.get(l), r.definition.name.get(l)))
                .unwrap_or_else(|| r.definition.name.get(l).to_owned()),
            _ => t(l, Key::ServicesTitle).to_owned(),
        });
    }

    view! {
        {move || match service.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(r)) => {
                let Some(variant) = r.definition.variant(&variant_code).cloned() else {
                    return view! { <p role="alert">{move || ErrorCode::NotFound.message(lang.get())}</p> }.into_any();
                };
                let variant = StoredValue::new(variant);
                let def = StoredValue::new(r.definition.clone());
                let service_code = r.definition.code.clone();
                let service_version = r.definition.version;
                let superseded = r.versions.first().is_some_and(|v| v.version != service_version);
                let upload = UploadTarget {
                    service: service_code.clone(),
                    version: service_version,
                    variant: variant.with_value(|v| v.code.clone()),
                };
                let sections = StoredValue::new(variant.with_value(domain::form::sections));
                // The answers are checked before they are saved; then the application is made.
                let create = {
                    let navigate = navigate.clone();
                    let service_code = service_code.clone();
                    move || {
                        if busy.get_untracked() {
                            return;
                        }
                        busy.set(true);
                        let navigate = navigate.clone();
                        let v = values.get_untracked();
                        let request = CreateApplicationRequest {
                            service_code: service_code.clone(),
                            service_version: Some(service_version),
                            variant: variant.get_value().code,
                            values: domain::form::effective_values(&variant.get_value(), &v),
                            // The documents of the result are made in the language applied in.
                            lang: Some(lang.get_untracked()),
                            sms_consent: sms_consent.get_untracked(),
                        };
                        leptos::task::spawn_local(async move {
                            match client::create_application(&request).await {
                                Ok(app) => {
                                    if let Some(Some(s)) = slot.try_get_value() {
                                        s.remove();
                                    }
                                    navigate(&page::application(&app.case.id), Default::default());
                                }
                                Err(e) => {
                                    checking.set(false);
                                    errors.set(e.field_errors());
                                    server_error.set(Some(e));
                                    focus("error-summary");
                                }
                            }
                            busy.set(false);
                        });
                    }
                };
                let submit = move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    if busy.get_untracked() || form.uploading() {
                        return;
                    }
                    let v = values.get_untracked();
                    let found = domain::form::validate(&variant.get_value(), &v, today());
                    errors.set(found.clone());
                    server_error.set(None);
                    if !found.is_empty() {
                        focus("error-summary");
                        return;
                    }
                    checking.set(true);
                    scroll_top();
                    focus("check-answers");
                };
                view! {
                    <p class="caption">{move || def.get_value().name.get(lang.get()).to_owned()}</p>
                    <h1>{move || variant.with_value(|v| v.name.get(lang.get()).to_owned())}</h1>
                    <ErrorBox error=server_error/>
                    {move || refused.get().map(|c| view! {
                        <div class="notice repair" role="note" aria-labelledby="repair-h">
                            <h2 id="repair-h">{tx(Key::RepairTitle)}{c.number.clone().map(|n| format!(" № {n}"))}</h2>
                            {c.refusal_reason.map(|r| view! { <p><strong>{tx(Key::RefusalReasonLabel)}": "</strong>{move || r.label().get(lang.get()).to_owned()}</p> })}
                            {c.refusal_grounds.clone().map(|g| view! { <p><strong>{tx(Key::Grounds)}": "</strong>{g}</p> })}
                            <p class="hint">{tx(Key::ApplyAgainHint)}</p>
                        </div>
                    })}
                    <Show when=move || !errors.get().is_empty()>
                        <div class="error-summary" id="error-summary" role="alert" tabindex="-1">
                            <h2>{tx(Key::ErrorSummary)}</h2>
                            <ul>
                                {move || errors.get().into_iter().map(|e| {
                                    let label = variant.with_value(|v| error_label(v, &e.field, lang.get()));
                                    // Like GOV.UK's error summary: the link moves focus to the field itself.
                                    let target = format!("f-{}", e.field);
                                    let go = { let target = target.clone(); move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); focus(&target); } };
                                    view! { <li><a href=format!("#{target}") on:click=go>{label}": "{e.message(lang.get())}</a></li> }
                                }).collect_view()}
                            </ul>
                        </div>
                    </Show>
                    <p class="draft-status hint" role="status" aria-live="polite">
                        {move || match draft_status.get() {
                            DraftStatus::Idle => String::new(),
                            DraftStatus::Saving => t(lang.get(), Key::DraftSaving).to_owned(),
                            DraftStatus::Saved(at) => format!("{} {}", t(lang.get(), Key::DraftSaved), crate::components::local_time(&at, lang.get())),
                            DraftStatus::OnlyHere => t(lang.get(), Key::DraftOnlyHere).to_owned(),
                        }}
                    </p>
                    {superseded.then(|| {
                        let current_href = page::service(&def.get_value().code, None);
                        view! {
                            <div class="notice" role="note">
                                <p>{move || format!("{} {}. {}", t(lang.get(), Key::Version), service_version, t(lang.get(), Key::SupersededNotice))}</p>
                                <AppLink href=current_href>{tx(Key::GoToCurrent)}</AppLink>
                            </div>
                        }
                    })}
                    <Show when=move || checking.get()>
                        <section class="check-answers" aria-labelledby="check-answers">
                            <h2 id="check-answers" tabindex="-1">{tx(Key::CheckAnswers)}</h2>
                            <p>{tx(Key::CheckAnswersIntro)}</p>
                            {move || {
                                let go_back = Callback::new(move |key: String| {
                                    checking.set(false);
                                    focus(&format!("f-{key}"));
                                });
                                view! {
                                    <crate::components::Answers
                                        variant=Some(variant.get_value())
                                        values=domain::form::effective_values(&variant.get_value(), &values.get())
                                        attachments=Vec::new()
                                        files=uploads.get().into_iter().filter_map(|(k, u)| match u { Upload::Done(text) => Some((k, text)), Upload::Busy(_) => None }).collect()
                                        change=go_back
                                    />
                                }
                            }}
                            {
                                let create = create.clone();
                                view! {
                                    <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| create()>
                                        {move || t(lang.get(), if variant.with_value(|v| v.fee_mci.is_some()) { Key::ContinueToPayment } else { Key::SaveAndContinue })}
                                    </button>
                                }
                            }
                        </section>
                    </Show>
                    <div hidden=move || checking.get()>
                        <KeyCheck service_code=service_code.clone()/>
                        <ReferenceChooser variant=variant service_code=service_code.clone() form=form
                            loaded=loaded preset=chosen_licence.clone() in_register=in_register/>
                        <nav class="task-list" aria-labelledby="task-list-title">
                            <h2 id="task-list-title">{tx(Key::FormSections)}</h2>
                            <ol>
                                {move || {
                                    let v = values.get();
                                    let shown_errors = errors.get();
                                    variant.with_value(|variant| sections.with_value(|sections| {
                                    let live = domain::form::validate(variant, &v, today());
                                    sections.iter().enumerate().map(|(i, sec)| {
                                        let title = section_title(&sec.title, lang.get());
                                        let has_shown_error = shown_errors.iter().any(|e| sec.fields.iter().any(|k| domain::form::error_is_of(e, k)));
                                        let state = if has_shown_error {
                                            t(lang.get(), Key::StateHasErrors)
                                        } else {
                                            t(lang.get(), match domain::form::section_state(sec, variant, &v, &live) {
                                                domain::form::SectionState::NotStarted => Key::StateNotStarted,
                                                domain::form::SectionState::InProgress => Key::StateInProgress,
                                                domain::form::SectionState::Done => Key::StateDone,
                                            })
                                        };
                                        let class = if has_shown_error { "task-state error" } else { "task-state" };
                                        view! {
                                            <li>
                                                <a href=format!("#section-{i}")>{title}</a>
                                                " "
                                                <span class=class>{state}</span>
                                            </li>
                                        }
                                    }).collect_view()
                                    }))
                                }}
                            </ol>
                        </nav>
                        <form class="request-form" on:submit=submit novalidate>
                            {sections.get_value().into_iter().enumerate().map(|(i, sec)| {
                                let fields: Vec<Field> = variant.with_value(|v| sec.fields.iter().filter_map(|k| v.fields.iter().find(|f| &f.key == k).cloned()).collect());
                                let heading = (!matches!(sec.title, domain::form::SectionTitle::Group(_))).then(|| {
                                    let title = sec.title.clone();
                                    view! { <h2 class="section-title">{move || section_title(&title, lang.get())}</h2> }
                                });
                                let upload = upload.clone();
                                view! {
                                    <section class="form-section" id=format!("section-{i}")>
                                        {heading}
                                        {fields.into_iter().map(|f| {
                                            let key = f.key.clone();
                                            let hidden = move || variant.with_value(|var| values.with(|v| in_register.with(|r| copy_not_needed(var, v, r, &key))));
                                            let concerned = {
                                                let f = f.clone();
                                                move || refused.get().and_then(|c| c.refusal_reason).filter(|r| r.concerns(&f)).map(|_| refused.get().and_then(|c| c.refusal_grounds))
                                            };
                                            view! { <div class="field-slot" hidden=hidden>
                                                {move || concerned().map(|grounds| view! {
                                                    <p class="refusal-note"><strong>{tx(Key::RepairConcerns)}</strong>{grounds.map(|g| format!(": {g}"))}</p>
                                                })}
                                                {field_view(f, form, Some(upload.clone()))}
                                            </div> }
                                        }).collect_view()}
                                    </section>
                                }
                            }).collect_view()}
                            <div class="field consent">
                                <input type="checkbox" id="sms-consent" prop:checked=move || sms_consent.get()
                                    on:change=move |ev| sms_consent.set(event_target_checked(&ev)) aria-describedby="sms-consent-hint"/>
                                <label for="sms-consent">{tx(Key::SmsConsent)}</label>
                                <p class="hint" id="sms-consent-hint">{tx(Key::SmsConsentHint)}</p>
                            </div>
                            <button type="submit" class="primary" disabled=move || busy.get()>{tx(Key::CheckAnswersButton)}</button>
                        </form>
                    </div>
                }.into_any()
            }
        }}
    }
}

/// The signing preflight: opens the signing key in this page (the worker) and asks the server
/// whether its certificate is valid, not revoked and fits this service for this applicant.
/// Only the public certificate is sent.
#[component]
fn KeyCheck(service_code: String) -> impl IntoView {
    let lang = use_lang();
    let picker = KeyPickerState::new();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let result = RwSignal::new(None::<CheckKeyResponse>);
    let service_code = StoredValue::new(service_code);
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        // Read before the first await: the page may be gone when the key has been opened.
        let service_code = service_code.get_value();
        busy.set(true);
        error.set(None);
        result.set(None);
        leptos::task::spawn_local(async move {
            let outcome = async {
                let (certificate, chain) =
                    crate::signer::open_key_file(&picker.file(), &picker.password())
                        .await
                        .map_err(|e| sign_error(e, lang.get_untracked()))?;
                client::check_key(&CheckKeyRequest {
                    certificate_b64: certificate,
                    chain_b64: chain,
                    service_code,
                })
                .await
            }
            .await;
            busy.set(false);
            match outcome {
                Ok(r) => result.set(Some(r)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let tr = move |k| t(lang.get(), k);
    view! {
        <details class="panel key-check">
            <summary>{tx(Key::CheckKeyTitle)}</summary>
            <p class="hint">{tx(Key::CheckKeyHint)}</p>
            <form on:submit=check>
                <KeyPicker state=picker id="check-key" hint=Key::SignKeyHint/>
                <button type="submit" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { tr(Key::PreparingSigner) } else { tr(Key::CheckKey) }}
                </button>
            </form>
            <ErrorBox error=error/>
            <div aria-live="polite">
                {move || result.get().map(|r| {
                    let who = match (&r.organisation, &r.bin) {
                        (Some(o), Some(b)) => format!("{} · {} · {o} ({b})", r.holder, r.iin.clone().unwrap_or_default()),
                        _ => format!("{} · {}", r.holder, r.iin.clone().unwrap_or_default()),
                    };
                    view! {
                        <div class=if r.fits { "notice ok" } else { "notice error" } role="status">
                            <p><strong>{move || tr(if r.fits { Key::KeyFits } else { Key::KeyDoesNotFit })}</strong></p>
                            <p>{who}" · "{tx(Key::ValidUntil)}" "{r.valid_until.clone()}</p>
                            <ul>{r.messages.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                        </div>
                    }
                })}
            </div>
        </details>
    }
}

/// Whether `key` is the copy slot of a reference whose number the register holds (R13: the
/// copy is asked for only when the register has no data on it).
fn copy_not_needed(
    variant: &Variant,
    values: &FormValues,
    in_register: &[String],
    key: &str,
) -> bool {
    let named = |number_field: &str| {
        values
            .get(number_field)
            .is_some_and(|n| in_register.iter().any(|r| r == n.trim()))
    };
    let licence = licence_ref(variant, values)
        .is_some_and(|r| r.copy_field.as_deref() == Some(key) && named(&r.number_field));
    let result = variant
        .attestation
        .as_ref()
        .is_some_and(|r| r.copy_field.as_deref() == Some(key) && named(&r.number_field));
    licence || result
}

/// The licence reference in effect (an annex is asked for with the issue form only when its
/// kind says so).
fn licence_ref<'a>(variant: &'a Variant, values: &FormValues) -> Option<&'a LicenceRef> {
    let r = variant.licence.as_ref()?;
    match &r.when {
        Some(c) => c.holds(values).then_some(r),
        None => Some(r),
    }
}

/// "Choose your licence" (and "choose your attestation"): the applicant's own licences in force
/// of this service and passed attestations, from the register; choosing fills the number in.
/// "Not in the register" leaves the number to type and the copy to attach.
#[component]
fn ReferenceChooser(
    variant: StoredValue<Variant>,
    service_code: String,
    form: FormState,
    loaded: RwSignal<bool>,
    preset: Option<String>,
    in_register: RwSignal<Vec<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let values = form.values;
    let asks = {
        let v = variant.get_value();
        v.licence.is_some() || v.attestation.is_some()
    };
    let mine = LocalResource::new(move || async move {
        if asks {
            client::my_licences().await.ok()
        } else {
            None
        }
    });
    let service_code = StoredValue::new(service_code);
    // The options: (number, label, date).
    let licences = Memo::new(move |_| {
        mine.get()
            .flatten()
            .map(|m| {
                m.licences
                    .into_iter()
                    .filter(|l| {
                        l.licence.service_code == service_code.get_value()
                            && l.licence.status == LicenceStatus::Valid
                    })
                    .map(|l| {
                        let label = format!("№ {} · {}", l.licence.number, l.licence.issued_on);
                        (l.licence.number, label, l.licence.issued_on)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let results = Memo::new(move |_| {
        mine.get()
            .flatten()
            .map(|m| {
                m.results
                    .into_iter()
                    .filter(|d| {
                        d.kind == DocumentKind::Attestation
                            && d.outcome == Some(DecisionOutcome::Passed)
                    })
                    .filter_map(|d| {
                        let n = d.number?;
                        Some((n.clone(), format!("№ {n} · {}", d.issued_on), d.issued_on))
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    Effect::new(move |_| {
        let mut numbers: Vec<String> = licences.get().into_iter().map(|(n, _, _)| n).collect();
        numbers.extend(results.get().into_iter().map(|(n, _, _)| n));
        in_register.set(numbers);
    });
    // The licence chosen in My licences fills the request in once the draft is loaded.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || !loaded.get() {
            return done.unwrap_or(false);
        }
        if let (Some(n), Some(r)) = (&preset, variant.get_value().licence) {
            values.update(|v| {
                if let Some(c) = &r.when {
                    if let Some(first) = c.one_of.first() {
                        v.insert(c.field.clone(), first.clone());
                    }
                }
                v.insert(r.number_field.clone(), n.clone());
                if let Some(copy) = &r.copy_field {
                    v.remove(copy);
                }
            });
        }
        true
    });
    let choose = move |number_field: String,
                       copy: Option<String>,
                       date: Option<(String, String)>,
                       number: Option<String>| {
        values.update(|v| match &number {
            Some(n) => {
                v.insert(number_field.clone(), n.clone());
                if let Some(c) = &copy {
                    v.remove(c);
                }
                if let Some((field, d)) = &date {
                    v.insert(field.clone(), d.clone());
                }
            }
            None => {
                v.insert(number_field.clone(), String::new());
            }
        });
        if number.is_none() {
            crate::components::focus(&format!("f-{number_field}"));
        }
    };
    let tr = move |k| t(lang.get(), k);
    let group = move |title: Key,
                      hint: Key,
                      other: Key,
                      id: &'static str,
                      number_field: String,
                      copy: Option<String>,
                      date_field: Option<String>,
                      options: Vec<(String, String, String)>| {
        let current = {
            let number_field = number_field.clone();
            move || values.get().get(&number_field).cloned().unwrap_or_default()
        };
        let current = Signal::derive(current);
        let in_list = {
            let options = options.clone();
            move || options.iter().any(|(n, _, _)| *n == current.get().trim())
        };
        view! {
            <fieldset class="panel chooser" aria-describedby=format!("{id}-hint")>
                <legend>{move || tr(title)}</legend>
                <p class="hint" id=format!("{id}-hint")>{move || tr(hint)}</p>
                {options.into_iter().enumerate().map(|(i, (n, label, d))| {
                    let input_id = format!("{id}-{i}");
                    let (nf, copy, df) = (number_field.clone(), copy.clone(), date_field.clone());
                    let number = n.clone();
                    view! {
                        <div class="choice">
                            <input type="radio" name=id id=input_id.clone()
                                prop:checked=move || current.get().trim() == number
                                on:change=move |_| choose(nf.clone(), copy.clone(), df.clone().map(|f| (f, d.clone())), Some(n.clone()))/>
                            <label for=input_id>{label}</label>
                        </div>
                    }
                }).collect_view()}
                <div class="choice">
                    <input type="radio" name=id id=format!("{id}-other")
                        prop:checked=move || !in_list()
                        on:change={
                            let nf = number_field.clone();
                            move |_| choose(nf.clone(), None, None, None)
                        }/>
                    <label for=format!("{id}-other")>{move || tr(other)}</label>
                </div>
            </fieldset>
        }
    };
    view! {
        {move || {
            let v = variant.get_value();
            let vals = values.get();
            licence_ref(&v, &vals).cloned().map(|r| {
                group(Key::ChooseLicence, Key::ChooseLicenceHint, Key::NotInRegister, "choose-licence",
                    r.number_field, r.copy_field, None, licences.get())
            })
        }}
        {move || variant.get_value().attestation.map(|r| {
            group(Key::ChooseResult, Key::ChooseResultHint, Key::NotOnPortal, "choose-result",
                r.number_field, r.copy_field, r.date_field, results.get())
        })}
    }
}
