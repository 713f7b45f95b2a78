//! The request form, rendered from the service definition and validated with the same
//! `domain` code the server runs. The values are kept in the browser as they are typed, so a
//! reload loses nothing.

use crate::components::{ErrorBox, ErrorText, KeyPicker, KeyPickerState, Loading};
use crate::i18n::{t, Key};
use crate::{api, use_lang};
use domain::api::{
    ApplicationResponse, CheckKeyRequest, CheckKeyResponse, CreateApplicationRequest, DraftView,
    SaveDraftRequest, ServiceResponse,
};
use domain::catalogue::{Field, FieldKind};
use domain::form::{FieldError, FormValues};
use domain::{ApiError, ErrorCode, Lang};
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

#[derive(Clone, PartialEq)]
pub(crate) enum Upload {
    /// Sending: the percentage sent so far.
    Busy(u32),
    Done(String),
}

/// Today's date in the browser.
pub fn today() -> time::Date {
    let d = js_sys::Date::new_0();
    let month = time::Month::try_from(d.get_month() as u8 + 1).unwrap_or(time::Month::January);
    time::Date::from_calendar_date(d.get_full_year() as i32, month, d.get_date() as u8)
        .unwrap_or(time::Date::MIN)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
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
    let version_query = version.map(|v| format!("?version={v}")).unwrap_or_default();
    let draft_key = format!(
        "draft:{code}:{variant_code}{}",
        version.map(|v| format!(":{v}")).unwrap_or_default()
    );
    let restored: FormValues = storage()
        .and_then(|s| s.get_item(&draft_key).ok().flatten())
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default();
    let values = RwSignal::new(restored);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let uploads = RwSignal::new(std::collections::BTreeMap::<String, Upload>::new());
    let server_error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();

    // The draft: kept on this device at once, and on the server 0.8 s after the last change
    // (so it follows the applicant to another device and survives a restart). The server's
    // copy, the latest from any device, wins when the page opens.
    let draft_status = RwSignal::new(DraftStatus::Idle);
    let generation = StoredValue::new(0u64);
    let draft_path = format!("/api/drafts/{code}/{variant_code}");
    let loaded = RwSignal::new(false);
    // Before saving: the answers shown for checking; "Change" goes back to the field.
    let checking = RwSignal::new(false);
    {
        let get_path = format!("{draft_path}{version_query}");
        leptos::task::spawn_local(async move {
            if let Ok(d) = api::get::<DraftView>(&get_path).await {
                values.set(d.values);
                // The files the draft already holds are shown as attached.
                uploads.update(|u| {
                    for a in &d.attachments {
                        if let Some((slot, _)) =
                            values.get_untracked().iter().find(|(_, v)| **v == a.id)
                        {
                            u.insert(slot.clone(), Upload::Done(uploaded_text(a)));
                        }
                    }
                });
                draft_status.set(DraftStatus::Saved(d.updated_at));
            }
            loaded.set(true);
        });
    }
    {
        let draft_key = draft_key.clone();
        let draft_path = draft_path.clone();
        Effect::new(move |_| {
            let v = values.get();
            if !loaded.get() {
                return;
            }
            if let (Some(s), Ok(j)) = (storage(), serde_json::to_string(&v)) {
                let _ = s.set_item(&draft_key, &j);
            }
            if v.is_empty() {
                return;
            }
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            let draft_path = draft_path.clone();
            leptos::task::spawn_local(async move {
                api::sleep(800).await;
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
                match api::put::<_, DraftView>(&draft_path, &request).await {
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
            let version_query = version_query.clone();
            async move {
                api::get::<ServiceResponse>(&format!("/api/services/{code}{version_query}")).await
            }
        }
    });

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
                let upload_base = format!(
                    "/api/attachments?service={service_code}&version={service_version}&variant={}",
                    variant.get_value().code
                );
                let sections = StoredValue::new(domain::form::sections(&variant.get_value()));
                // The answers are checked before they are saved; then the application is made.
                let create = {
                    let navigate = navigate.clone();
                    let draft_key = draft_key.clone();
                    let service_code = service_code.clone();
                    move || {
                        if busy.get_untracked() {
                            return;
                        }
                        busy.set(true);
                        let navigate = navigate.clone();
                        let draft_key = draft_key.clone();
                        let v = values.get_untracked();
                        let request = CreateApplicationRequest {
                            service_code: service_code.clone(),
                            service_version: Some(service_version),
                            variant: variant.get_value().code,
                            values: domain::form::effective_values(&variant.get_value(), &v),
                        };
                        leptos::task::spawn_local(async move {
                            match api::post::<_, ApplicationResponse>("/api/applications", &request).await {
                                Ok(app) => {
                                    if let Some(s) = storage() {
                                        let _ = s.remove_item(&draft_key);
                                    }
                                    navigate(&format!("/applications/{}", app.case.id), Default::default());
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
                    if busy.get_untracked() || uploads.get_untracked().values().any(|u| matches!(u, Upload::Busy(_))) {
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
                    <h1>{move || variant.get_value().name.get(lang.get()).to_owned()}</h1>
                    <ErrorBox error=server_error/>
                    <Show when=move || !errors.get().is_empty()>
                        <div class="error-summary" id="error-summary" role="alert" tabindex="-1">
                            <h2>{move || t(lang.get(), Key::ErrorSummary)}</h2>
                            <ul>
                                {move || errors.get().into_iter().map(|e| {
                                    let label = error_label(&variant.get_value(), &e.field, lang.get());
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
                        let current_href = format!("/services/{}", def.get_value().code);
                        view! {
                            <div class="notice" role="note">
                                <p>{move || format!("{} {}. {}", t(lang.get(), Key::Version), service_version, t(lang.get(), Key::SupersededNotice))}</p>
                                <a href=current_href>{move || t(lang.get(), Key::GoToCurrent)}</a>
                            </div>
                        }
                    })}
                    <Show when=move || checking.get()>
                        <section class="check-answers" aria-labelledby="check-answers">
                            <h2 id="check-answers" tabindex="-1">{move || t(lang.get(), Key::CheckAnswers)}</h2>
                            <p>{move || t(lang.get(), Key::CheckAnswersIntro)}</p>
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
                                        {move || t(lang.get(), if variant.get_value().fee_mci.is_some() { Key::ContinueToPayment } else { Key::SaveAndContinue })}
                                    </button>
                                }
                            }
                        </section>
                    </Show>
                    <div hidden=move || checking.get()>
                        <KeyCheck service_code=service_code.clone()/>
                        <nav class="task-list" aria-labelledby="task-list-title">
                            <h2 id="task-list-title">{move || t(lang.get(), Key::FormSections)}</h2>
                            <ol>
                                {move || {
                                    let v = values.get();
                                    let variant = variant.get_value();
                                    let live = domain::form::validate(&variant, &v, today());
                                    let shown_errors = errors.get();
                                    sections.get_value().into_iter().enumerate().map(|(i, sec)| {
                                        let title = section_title(&sec.title, lang.get());
                                        let has_shown_error = shown_errors.iter().any(|e| sec.fields.iter().any(|k| domain::form::error_is_of(e, k)));
                                        let state = if has_shown_error {
                                            t(lang.get(), Key::StateHasErrors)
                                        } else {
                                            t(lang.get(), match domain::form::section_state(&sec, &variant, &v, &live) {
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
                                }}
                            </ol>
                        </nav>
                        <form class="request-form" on:submit=submit novalidate>
                            {sections.get_value().into_iter().enumerate().map(|(i, sec)| {
                                let fields: Vec<Field> = sec.fields.iter().filter_map(|k| variant.get_value().fields.into_iter().find(|f| &f.key == k)).collect();
                                let heading = (!matches!(sec.title, domain::form::SectionTitle::Group(_))).then(|| {
                                    let title = sec.title.clone();
                                    view! { <h2 class="section-title">{move || section_title(&title, lang.get())}</h2> }
                                });
                                let upload_base = upload_base.clone();
                                view! {
                                    <section class="form-section" id=format!("section-{i}")>
                                        {heading}
                                        {fields.into_iter().map(|f| field_view(f, values, errors, uploads, lang, upload_base.clone())).collect_view()}
                                    </section>
                                }
                            }).collect_view()}
                            <button type="submit" class="primary" disabled=move || busy.get()>{move || t(lang.get(), Key::CheckAnswersButton)}</button>
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
                        .map_err(|e| crate::pages::sign_in::sign_error(e, lang.get_untracked()))?;
                api::post::<_, CheckKeyResponse>(
                    "/api/eds/check",
                    &CheckKeyRequest {
                        certificate_b64: certificate,
                        chain_b64: chain,
                        service_code,
                    },
                )
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
            <summary>{move || tr(Key::CheckKeyTitle)}</summary>
            <p class="hint">{move || tr(Key::CheckKeyHint)}</p>
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
                            <p>{who}" · "{move || tr(Key::ValidUntil)}" "{r.valid_until.clone()}</p>
                            <ul>{r.messages.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                        </div>
                    }
                })}
            </div>
        </details>
    }
}

/// What the error summary calls a field: its label, or for a row of a group "Specialist 2:
/// Full name".
fn error_label(variant: &domain::catalogue::Variant, field: &str, lang: Lang) -> String {
    let mut parts = field.splitn(3, '.');
    let (group, row, sub) = (parts.next(), parts.next(), parts.next());
    let top = variant
        .fields
        .iter()
        .find(|f| Some(f.key.as_str()) == group);
    match (top, row.and_then(|r| r.parse::<usize>().ok()), sub) {
        (Some(f), Some(i), Some(sub)) => match &f.kind {
            FieldKind::Group {
                fields, row_label, ..
            } => {
                let sub_label = fields
                    .iter()
                    .find(|x| x.key == sub)
                    .map(|x| x.label.get(lang).to_owned())
                    .unwrap_or_else(|| sub.to_owned());
                format!("{} {}: {sub_label}", row_label.get(lang), i + 1)
            }
            _ => f.label.get(lang).to_owned(),
        },
        (Some(f), _, _) => f.label.get(lang).to_owned(),
        _ => field.to_owned(),
    }
}

/// Moves the keyboard focus to an element once it has rendered.
pub fn focus(id: &str) {
    let id = id.to_owned();
    leptos::task::spawn_local(async move {
        // Let the summary render first.
        next_microtask().await;
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
        {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

async fn next_microtask() {
    let promise = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// An attached file as the form shows it.
fn uploaded_text(a: &domain::api::AttachmentResponse) -> String {
    format!(
        "{} · {} KB · SHA-256 {}…",
        a.filename,
        a.size.div_ceil(1024),
        &a.sha256[..12.min(a.sha256.len())]
    )
}

fn section_title(title: &domain::form::SectionTitle, lang: Lang) -> String {
    use domain::form::SectionTitle;
    match title {
        SectionTitle::Details => t(lang, Key::SectionDetails).to_owned(),
        SectionTitle::Group(label) => label.get(lang).to_owned(),
        SectionTitle::Documents => t(lang, Key::SectionDocuments).to_owned(),
        SectionTitle::Contacts => t(lang, Key::SectionContacts).to_owned(),
    }
}

fn scroll_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

fn set_value(values: RwSignal<FormValues>, key: &str, value: String) {
    values.update(|v| {
        if value.is_empty() {
            v.remove(key);
        } else {
            v.insert(key.to_owned(), value);
        }
    });
}

pub(crate) fn field_view(
    f: Field,
    values: RwSignal<FormValues>,
    errors: RwSignal<Vec<FieldError>>,
    uploads: RwSignal<std::collections::BTreeMap<String, Upload>>,
    lang: RwSignal<Lang>,
    upload_base: String,
) -> impl IntoView {
    let key = f.key.clone();
    let id = format!("f-{key}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let label = StoredValue::new(f.label.clone());
    let hint = StoredValue::new(f.hint.clone());
    let error = {
        let key = key.clone();
        move || errors.get().into_iter().find(|e| e.field == key)
    };
    let described = {
        let (hint_id, error_id, error) = (hint_id.clone(), error_id.clone(), error.clone());
        move || {
            let mut ids = Vec::new();
            if hint.get_value().is_some() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = {
        let error = error.clone();
        move || if error().is_some() { "true" } else { "false" }
    };
    let current = {
        let key = key.clone();
        move || values.get().get(&key).cloned().unwrap_or_default()
    };
    let on_input = {
        let key = key.clone();
        move |ev: leptos::ev::Event| set_value(values, &key, event_target_value(&ev))
    };
    let required_mark = if f.required { " *" } else { "" };

    let control = match f.kind.clone() {
        FieldKind::Checkbox => {
            let key2 = key.clone();
            view! {
                <input type="checkbox" id=id.clone() aria-describedby=described.clone() aria-invalid=invalid.clone()
                    prop:checked=move || current() == "true"
                    on:change=move |ev| set_value(values, &key2, if event_target_checked(&ev) { "true".into() } else { String::new() })/>
            }.into_any()
        }
        FieldKind::Select { options } => {
            let options = StoredValue::new(options);
            let current_for_options = current.clone();
            view! {
                <select id=id.clone() aria-describedby=described.clone() aria-invalid=invalid.clone() on:change=on_input prop:value=current.clone()>
                    <option value="">{move || t(lang.get(), Key::Choose)}</option>
                    {move || options.get_value().into_iter().map(|o| {
                        let v = o.value.clone();
                        let selected = { let current = current_for_options.clone(); move || current() == v };
                        view! { <option value=o.value.clone() selected=selected>{o.label.get(lang.get()).to_owned()}</option> }
                    }).collect_view()}
                </select>
            }.into_any()
        }
        FieldKind::Address => {
            // The region from the list (the field's label points here), then the rest.
            let (key_r, key_l) = (key.clone(), key.clone());
            let line_id = format!("{id}-line");
            let address = {
                let key = key.clone();
                move || domain::form::address_value(values.get().get(&key).map(String::as_str))
            };
            let write = move |key: &str, a: domain::form::Address| {
                let empty = a.region.is_empty() && a.line.trim().is_empty();
                set_value(
                    values,
                    key,
                    if empty { String::new() } else { a.to_value() },
                );
            };
            let (address_r, address_l, address_sel) =
                (address.clone(), address.clone(), address.clone());
            view! {
                <select id=id.clone() aria-describedby=described.clone() aria-invalid=invalid.clone()
                    prop:value=move || address_sel().region
                    on:change=move |ev| { let mut a = address_r(); a.region = event_target_value(&ev); write(&key_r, a); }>
                    <option value="">{move || t(lang.get(), Key::ChooseRegion)}</option>
                    {domain::regions::all().into_iter().map(|(code, name)| {
                        let selected = { let address = address.clone(); move || address().region == code };
                        view! { <option value=code selected=selected>{move || name.get(lang.get()).to_owned()}</option> }
                    }).collect_view()}
                </select>
                <label for=line_id.clone() class="sub-label">{move || t(lang.get(), Key::AddressLine)}</label>
                <input type="text" id=line_id autocomplete="street-address" aria-invalid=invalid.clone()
                    prop:value={ let address = address_l.clone(); move || address().line }
                    on:input=move |ev| { let mut a = address_l(); a.line = event_target_value(&ev); write(&key_l, a); }/>
            }.into_any()
        }
        FieldKind::File { accept, .. } => {
            let key2 = key.clone();
            let key3 = key.clone();
            let key_for_actions = key.clone();
            let on_change = move |ev: leptos::ev::Event| {
                let input: web_sys::HtmlInputElement = event_target(&ev);
                let Some(file) = input.files().and_then(|l| l.get(0)) else {
                    return;
                };
                let key = key2.clone();
                let url = format!("{upload_base}&slot={key}");
                uploads.update(|u| {
                    u.insert(key.clone(), Upload::Busy(0));
                });
                errors.update(|e| e.retain(|x| x.field != key));
                leptos::task::spawn_local(async move {
                    let progress_key = key.clone();
                    let on_progress = move |percent: u32| {
                        uploads.update(|u| {
                            u.insert(progress_key.clone(), Upload::Busy(percent));
                        });
                    };
                    match api::upload(&url, &file, on_progress).await {
                        Ok(a) => {
                            set_value(values, &key, a.id.clone());
                            uploads.update(|u| {
                                u.insert(key.clone(), Upload::Done(uploaded_text(&a)));
                            });
                        }
                        Err(e) => {
                            set_value(values, &key, String::new());
                            uploads.update(|u| {
                                u.remove(&key);
                            });
                            let code = match e.code {
                                ErrorCode::UnsupportedFileType => {
                                    domain::form::FieldErrorCode::AttachmentWrongType
                                }
                                ErrorCode::PayloadTooLarge => {
                                    domain::form::FieldErrorCode::AttachmentTooLarge
                                }
                                _ => domain::form::FieldErrorCode::AttachmentNotFound,
                            };
                            errors.update(|x| x.push(FieldError::new(key.clone(), code)));
                        }
                    }
                });
            };
            view! {
                <input type="file" id=id.clone() accept=accept.join(",") aria-describedby=described.clone() aria-invalid=invalid.clone() on:change=on_change/>
                <p class="upload-state" role="status">
                    {move || match uploads.get().get(&key3).cloned() {
                        Some(Upload::Busy(p)) => format!("{} {p} %", t(lang.get(), Key::Uploading)),
                        Some(Upload::Done(s)) => format!("{}: {}", t(lang.get(), Key::Uploaded), s),
                        None => String::new(),
                    }}
                </p>
                {
                    let (key4, input_id) = (key_for_actions.clone(), id.clone());
                    move || match uploads.get().get(&key4).cloned() {
                        Some(Upload::Busy(p)) => view! {
                            <progress max="100" value=p.to_string() aria-label=move || t(lang.get(), Key::Uploading)></progress>
                        }.into_any(),
                        Some(Upload::Done(_)) => {
                            let (key5, input_id) = (key4.clone(), input_id.clone());
                            let remove = move |_| {
                                set_value(values, &key5, String::new());
                                uploads.update(|u| { u.remove(&key5); });
                                // Clear the chooser too, so the same file can be chosen again.
                                if let Some(input) = web_sys::window()
                                    .and_then(|w| w.document())
                                    .and_then(|d| d.get_element_by_id(&input_id))
                                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
                                {
                                    input.set_value("");
                                }
                            };
                            view! { <button type="button" class="link" on:click=remove>{move || t(lang.get(), Key::RemoveFile)}</button> }.into_any()
                        }
                        None => ().into_any(),
                    }
                }
            }.into_any()
        }
        FieldKind::Group {
            fields,
            row_label,
            max_rows,
            ..
        } => group_view(
            key.clone(),
            id.clone(),
            described.clone(),
            fields,
            row_label,
            max_rows,
            values,
            errors,
            lang,
        ),
        kind => {
            let (input_type, mode, autocomplete) = match kind {
                FieldKind::Date => ("date", "text", "off"),
                FieldKind::Email => ("email", "email", "email"),
                FieldKind::Phone => ("tel", "tel", "tel"),
                FieldKind::Iin | FieldKind::Bin | FieldKind::Number { .. } | FieldKind::Money => {
                    ("text", "numeric", "off")
                }
                _ => ("text", "text", "off"),
            };
            // An IIN tells its holder's birth date and sex: shown once it parses, so a typo in
            // the date part is noticed even when the check digit happens to fit.
            let decoded = {
                let current = current.clone();
                move || match kind {
                    FieldKind::Iin => domain::Iin::parse(current().trim()).ok().map(|iin| {
                        let born = iin.birth_date();
                        let sex = match iin.sex() {
                            domain::identity::Sex::Male => t(lang.get(), Key::Male),
                            domain::identity::Sex::Female => t(lang.get(), Key::Female),
                        };
                        format!(
                            "{} {:02}.{:02}.{} · {sex}",
                            t(lang.get(), Key::Born),
                            born.day(),
                            u8::from(born.month()),
                            born.year()
                        )
                    }),
                    _ => None,
                }
            };
            view! {
                <input type=input_type inputmode=mode autocomplete=autocomplete id=id.clone() aria-describedby=described.clone()
                    aria-invalid=invalid.clone() prop:value=current.clone() on:input=on_input/>
                <p class="hint decoded" aria-live="polite">{decoded}</p>
            }.into_any()
        }
    };

    // A conditional field is shown only while its condition holds.
    let shown = {
        let f = f.clone();
        move || domain::form::is_shown(&f, &values.get())
    };
    view! {
        <div class="field" class:has-error=move || error().is_some() hidden=move || !shown()>
            <label for=id.clone()>{move || label.get_value().get(lang.get()).to_owned()}{required_mark}</label>
            {move || hint.get_value().map(|h| view! { <p class="hint" id=hint_id.clone()>{h.get(lang.get()).to_owned()}</p> })}
            {
                let error = error.clone();
                move || error().map(|e| view! { <p class="field-error" id=error_id.clone()>{e.message(lang.get())}</p> })
            }
            {control}
        </div>
    }
}

/// A repeating group: its rows, each a fieldset of the group's fields, with Add and Remove.
#[allow(clippy::too_many_arguments)]
fn group_view(
    key: String,
    id: String,
    described: impl Fn() -> String + Send + Sync + 'static,
    fields: Vec<Field>,
    row_label: domain::Text,
    max_rows: usize,
    values: RwSignal<FormValues>,
    errors: RwSignal<Vec<FieldError>>,
    lang: RwSignal<Lang>,
) -> AnyView {
    let group_key = key.clone();
    let sub_fields = StoredValue::new(fields);
    let row_label = StoredValue::new(row_label);
    let rows = {
        let group_key = group_key.clone();
        move || {
            domain::form::group_rows(values.get().get(&group_key).map(String::as_str))
                .unwrap_or_default()
        }
    };
    // Rows are re-rendered only when their number changes, so typing keeps focus.
    let count = Memo::new({
        let rows = rows.clone();
        move |_| rows().len()
    });
    let write = {
        let group_key = group_key.clone();
        move |rows: Vec<domain::form::GroupRow>| {
            let text = if rows.is_empty() {
                String::new()
            } else {
                serde_json::to_string(&rows).unwrap_or_default()
            };
            set_value(values, &group_key, text);
        }
    };
    let add = {
        let (rows, write) = (rows.clone(), write.clone());
        move |_| {
            let mut r = rows();
            r.push(Default::default());
            write(r);
        }
    };
    view! {
        <div class="group" id=id.clone() aria-describedby=described>
            {move || (0..count.get()).map(|i| {
                let (rows, write) = (rows.clone(), write.clone());
                let group_key = group_key.clone();
                view! {
                    <fieldset class="group-row">
                        <legend>{move || format!("{} {}", row_label.get_value().get(lang.get()), i + 1)}</legend>
                        {sub_fields.get_value().into_iter().map(|sf| {
                            let input_id = domain::form::row_field_key(&group_key, i, &sf.key);
                            let dom_id = format!("f-{input_id}");
                            let err_id = format!("{dom_id}-error");
                            let sub_label = sf.label.clone();
                            let sub_key = sf.key.clone();
                            let error = {
                                let input_id = input_id.clone();
                                move || errors.get().into_iter().find(|e| e.field == input_id)
                            };
                            let value = {
                                let (rows, sub_key) = (rows.clone(), sub_key.clone());
                                move || rows().get(i).and_then(|r| r.get(&sub_key).cloned()).unwrap_or_default()
                            };
                            let on_input = {
                                let (rows, write, sub_key) = (rows.clone(), write.clone(), sub_key.clone());
                                move |ev: leptos::ev::Event| {
                                    let v = event_target_value(&ev);
                                    let mut r = rows();
                                    if let Some(row) = r.get_mut(i) {
                                        if v.is_empty() { row.remove(&sub_key); } else { row.insert(sub_key.clone(), v); }
                                    }
                                    write(r);
                                }
                            };
                            let input_type = match sf.kind { FieldKind::Date => "date", FieldKind::Email => "email", FieldKind::Phone => "tel", _ => "text" };
                            let mode = match sf.kind { FieldKind::Number { .. } | FieldKind::Money => "numeric", _ => "text" };
                            let required_mark = if sf.required { " *" } else { "" };
                            let control = match sf.kind.clone() {
                                FieldKind::Select { options } => view! {
                                    <select id=dom_id.clone() on:change=on_input prop:value=value.clone()
                                        aria-invalid={ let error = error.clone(); move || if error().is_some() { "true" } else { "false" } }>
                                        <option value="">{move || t(lang.get(), Key::Choose)}</option>
                                        {options.into_iter().map(|o| view! { <option value=o.value.clone()>{o.label.get(lang.get()).to_owned()}</option> }).collect_view()}
                                    </select>
                                }.into_any(),
                                _ => view! {
                                    <input type=input_type inputmode=mode id=dom_id.clone() prop:value=value.clone() on:input=on_input
                                        aria-invalid={ let error = error.clone(); move || if error().is_some() { "true" } else { "false" } }
                                        aria-describedby={ let (error, err_id) = (error.clone(), err_id.clone()); move || if error().is_some() { err_id.clone() } else { String::new() } }/>
                                }.into_any(),
                            };
                            view! {
                                <label for=dom_id.clone()>{move || sub_label.get(lang.get()).to_owned()}{required_mark}</label>
                                {let error = error.clone(); move || error().map(|e| view! { <p class="field-error" id=err_id.clone()>{e.message(lang.get())}</p> })}
                                {control}
                            }
                        }).collect_view()}
                        <button type="button" class="link"
                            on:click={ let (rows, write) = (rows.clone(), write.clone()); move |_| { let mut r = rows(); if i < r.len() { r.remove(i); } write(r); } }>
                            {move || format!("{} {} {}", t(lang.get(), Key::RemoveRow), row_label.get_value().get(lang.get()).to_lowercase(), i + 1)}
                        </button>
                    </fieldset>
                }
            }).collect_view()}
            <button type="button" on:click=add disabled={move || count.get() >= max_rows}>
                {move || format!("{} {}", t(lang.get(), Key::AddRow), row_label.get_value().get(lang.get()).to_lowercase())}
            </button>
        </div>
    }.into_any()
}
