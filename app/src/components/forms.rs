//! The form controls of every form: the applicant's request, the officer's step forms (the
//! licensing-control conclusion) and the centre's desk. One control per field kind, chosen by
//! an exhaustive match, so a new kind fails to compile until it is drawn here; the same
//! `domain::form` rules check the values on both sides.

use crate::client::{self, UploadTarget};
use crate::context::use_lang;
use crate::i18n::{t, tx, Key};
use domain::catalogue::{Field, FieldKind};
use domain::form::{FieldError, FormValues};
use domain::{ErrorCode, Lang};
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
pub enum Upload {
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

/// What the error summary calls a field: its label, or for a row of a group "Specialist 2:
/// Full name".
pub fn error_label(variant: &domain::catalogue::Variant, field: &str, lang: Lang) -> String {
    let mut parts = field.splitn(3, '.');
    let (group, row, sub) = (parts.next(), parts.next(), parts.next());
    let top = variant
        .fields
        .iter()
        .find(|f| Some(f.key.as_str()) == group);
    match (top, row.and_then(|r| r.parse::<usize>().ok()), sub) {
        (Some(f), Some(i), Some(sub)) => {
            // Only a group has rows: a row's field is named with its row.
            if let FieldKind::Group {
                fields, row_label, ..
            } = &f.kind
            {
                let sub_label = fields
                    .iter()
                    .find(|x| x.key == sub)
                    .map(|x| x.label.get(lang).to_owned())
                    .unwrap_or_else(|| sub.to_owned());
                format!("{} {}: {sub_label}", row_label.get(lang), i + 1)
            } else {
                f.label.get(lang).to_owned()
            }
        }
        (Some(f), _, _) => f.label.get(lang).to_owned(),
        (None, _, _) => field.to_owned(),
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
pub fn uploaded_text(a: &domain::api::AttachmentResponse) -> String {
    format!(
        "{} · {} KB · SHA-256 {}…",
        a.filename,
        a.size.div_ceil(1024),
        &a.sha256[..12.min(a.sha256.len())]
    )
}

pub fn section_title(title: &domain::form::SectionTitle, lang: Lang) -> String {
    use domain::form::SectionTitle;
    match title {
        SectionTitle::Details => t(lang, Key::SectionDetails).to_owned(),
        SectionTitle::Group(label) => label.get(lang).to_owned(),
        SectionTitle::Documents => t(lang, Key::SectionDocuments).to_owned(),
        SectionTitle::Contacts => t(lang, Key::SectionContacts).to_owned(),
    }
}

pub fn scroll_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

pub fn set_value(values: RwSignal<FormValues>, key: &str, value: String) {
    values.update(|v| {
        if value.is_empty() {
            v.remove(key);
        } else {
            v.insert(key.to_owned(), value);
        }
    });
}

/// A form's state: the values as typed, the errors shown, the files being sent or sent.
#[derive(Clone, Copy)]
pub struct FormState {
    pub values: RwSignal<FormValues>,
    pub errors: RwSignal<Vec<FieldError>>,
    pub uploads: RwSignal<std::collections::BTreeMap<String, Upload>>,
}

impl FormState {
    pub fn new(values: FormValues) -> Self {
        FormState {
            values: RwSignal::new(values),
            errors: RwSignal::new(Vec::new()),
            uploads: RwSignal::new(Default::default()),
        }
    }

    /// Whether a file is still being sent.
    pub fn uploading(&self) -> bool {
        self.uploads
            .get_untracked()
            .values()
            .any(|u| matches!(u, Upload::Busy(_)))
    }
}

/// How a text-like field is typed: the input's type, the keyboard it asks for, and what the
/// browser may fill in. None for the kinds drawn with their own control.
fn text_input(kind: &FieldKind) -> Option<(&'static str, &'static str, &'static str)> {
    match kind {
        FieldKind::Text { .. } => Some(("text", "text", "off")),
        FieldKind::Date => Some(("date", "text", "off")),
        FieldKind::Email => Some(("email", "email", "email")),
        FieldKind::Phone => Some(("tel", "tel", "tel")),
        FieldKind::Iin | FieldKind::Bin | FieldKind::Number { .. } | FieldKind::Money => {
            Some(("text", "numeric", "off"))
        }
        FieldKind::Select { .. }
        | FieldKind::Checkbox
        | FieldKind::Address
        | FieldKind::Group { .. }
        | FieldKind::File { .. } => None,
    }
}

/// One field with its label, hint, error and control. `upload` is where its file slots send
/// files (none on a form that takes no files: a slot then says so).
pub fn field_view(f: Field, form: FormState, upload: Option<UploadTarget>) -> impl IntoView {
    let FormState {
        values,
        errors,
        uploads,
    } = form;
    let lang = use_lang();
    let key = f.key.clone();
    let id = format!("f-{key}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let label = StoredValue::new(f.label.clone());
    let hint = StoredValue::new(f.hint.clone());
    let error = {
        let key = key.clone();
        move || errors.with(|es| es.iter().find(|e| e.field == key).cloned())
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
        move || values.with(|v| v.get(&key).cloned().unwrap_or_default())
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
                    <option value="">{tx(Key::Choose)}</option>
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
                move || {
                    values.with(|v| domain::form::address_value(v.get(&key).map(String::as_str)))
                }
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
                    <option value="">{tx(Key::ChooseRegion)}</option>
                    {domain::regions::all().into_iter().map(|(code, name)| {
                        let selected = { let address = address.clone(); move || address().region == code };
                        view! { <option value=code selected=selected>{move || name.get(lang.get()).to_owned()}</option> }
                    }).collect_view()}
                </select>
                <label for=line_id.clone() class="sub-label">{tx(Key::AddressLine)}</label>
                <input type="text" id=line_id autocomplete="street-address" aria-invalid=invalid.clone()
                    prop:value={ let address = address_l.clone(); move || address().line }
                    on:input=move |ev| { let mut a = address_l(); a.line = event_target_value(&ev); write(&key_l, a); }/>
            }.into_any()
        }
        FieldKind::File { .. } if upload.is_none() => view! {
            // A form that takes no files (documents come on paper here): said, not hidden.
            <p class="hint" id=id.clone()>{tx(Key::NoUploadHere)}</p>
        }
        .into_any(),
        FieldKind::File { accept, .. } => {
            let upload = StoredValue::new(upload);
            let key2 = key.clone();
            let key3 = key.clone();
            let key_for_actions = key.clone();
            let on_change = move |ev: leptos::ev::Event| {
                let input: web_sys::HtmlInputElement = event_target(&ev);
                let Some(file) = input.files().and_then(|l| l.get(0)) else {
                    return;
                };
                let key = key2.clone();
                let Some(target) = upload.get_value() else {
                    return;
                };
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
                    match client::upload(&target, &key, &file, on_progress).await {
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
                                ErrorCode::UploadQuotaExceeded => {
                                    domain::form::FieldErrorCode::UploadQuotaExceeded
                                }
                                // Any other failure leaves the slot empty: the file is to be
                                // sent again.
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
                    {move || match uploads.with(|u| u.get(&key3).cloned()) {
                        Some(Upload::Busy(p)) => format!("{} {p} %", t(lang.get(), Key::Uploading)),
                        Some(Upload::Done(s)) => format!("{}: {}", t(lang.get(), Key::Uploaded), s),
                        None => String::new(),
                    }}
                </p>
                {
                    let (key4, input_id) = (key_for_actions.clone(), id.clone());
                    move || match uploads.with(|u| u.get(&key4).cloned()) {
                        Some(Upload::Busy(p)) => view! {
                            <progress max="100" value=p.to_string() aria-label=tx(Key::Uploading)></progress>
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
                            view! { <button type="button" class="link" on:click=remove>{tx(Key::RemoveFile)}</button> }.into_any()
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
        kind @ (FieldKind::Text { .. }
        | FieldKind::Date
        | FieldKind::Email
        | FieldKind::Phone
        | FieldKind::Iin
        | FieldKind::Bin
        | FieldKind::Number { .. }
        | FieldKind::Money) => {
            let (input_type, mode, autocomplete) =
                text_input(&kind).unwrap_or(("text", "text", "off"));
            // An IIN tells its holder's birth date and sex: shown once it parses, so a typo in
            // the date part is noticed even when the check digit happens to fit.
            let decoded = {
                let current = current.clone();
                let is_iin = matches!(kind, FieldKind::Iin);
                move || {
                    if !is_iin {
                        return None;
                    }
                    domain::Iin::parse(current().trim()).ok().map(|iin| {
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
                    })
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
        move || values.with(|v| domain::form::is_shown(&f, v))
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
            values
                .with(|v| domain::form::group_rows(v.get(&group_key).map(String::as_str)))
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
                                move || errors.with(|es| es.iter().find(|e| e.field == input_id).cloned())
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
                            let required_mark = if sf.required { " *" } else { "" };
                            let invalid = { let error = error.clone(); move || if error().is_some() { "true" } else { "false" } };
                            let control = match sf.kind.clone() {
                                FieldKind::Select { options } => view! {
                                    <select id=dom_id.clone() on:change=on_input prop:value=value.clone() aria-invalid=invalid>
                                        <option value="">{tx(Key::Choose)}</option>
                                        {options.into_iter().map(|o| view! { <option value=o.value.clone()>{o.label.get(lang.get()).to_owned()}</option> }).collect_view()}
                                    </select>
                                }.into_any(),
                                FieldKind::Checkbox => {
                                    let (rows, write, sub_key) = (rows.clone(), write.clone(), sub_key.clone());
                                    let checked = { let value = value.clone(); move || value() == "true" };
                                    view! {
                                        <input type="checkbox" id=dom_id.clone() prop:checked=checked aria-invalid=invalid
                                            on:change=move |ev| {
                                                let mut r = rows();
                                                if let Some(row) = r.get_mut(i) {
                                                    if event_target_checked(&ev) { row.insert(sub_key.clone(), "true".into()); } else { row.remove(&sub_key); }
                                                }
                                                write(r);
                                            }/>
                                    }.into_any()
                                }
                                kind @ (FieldKind::Text { .. } | FieldKind::Date | FieldKind::Email | FieldKind::Phone
                                    | FieldKind::Iin | FieldKind::Bin | FieldKind::Number { .. } | FieldKind::Money) => {
                                    let (input_type, mode, autocomplete) = text_input(&kind).unwrap_or(("text", "text", "off"));
                                    view! {
                                        <input type=input_type inputmode=mode autocomplete=autocomplete id=dom_id.clone() prop:value=value.clone() on:input=on_input
                                            aria-invalid=invalid
                                            aria-describedby={ let (error, err_id) = (error.clone(), err_id.clone()); move || if error().is_some() { err_id.clone() } else { String::new() } }/>
                                    }.into_any()
                                }
                                // A definition may not put these in a group (`FieldKind::fits_in_group`,
                                // checked for every service): should one ever, it says so.
                                FieldKind::Address | FieldKind::File { .. } | FieldKind::Group { .. } => view! {
                                    <p class="field-error" id=dom_id.clone()>{tx(Key::NotInGroup)}</p>
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
