//! A case as people see it: its summary (exactly what support sees too), its history, the
//! answers of its form, and times in Kazakhstan's time.

use super::layout::{AppLink, Loading};
use crate::context::use_lang;
use crate::i18n::{t, Key};
use domain::api::AttachmentResponse;
use domain::case::{CaseStatus, CaseView};
use domain::catalogue::{FieldKind, Variant};
use domain::form::FormValues;
use domain::Lang;
use leptos::prelude::*;

pub fn status_label(status: CaseStatus, lang: Lang) -> String {
    status.label().get(lang).to_owned()
}

/// The applicant-visible facts of a case: exactly what support staff see too.
#[component]
pub fn CaseSummary(case: CaseView, #[prop(optional)] link: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let c = StoredValue::new(case);
    let title = move || {
        let c = c.get_value();
        format!(
            "{} — {}",
            c.service_name.get(lang.get()),
            c.variant_name.get(lang.get())
        )
    };
    view! {
        <article class="case">
            <h3>
                {match link {
                    Some(href) => view! { <AppLink href=href>{title}</AppLink> }.into_any(),
                    None => view! { <span>{title}</span> }.into_any(),
                }}
            </h3>
            <dl class="facts">
                <dt>{move || t(lang.get(), Key::Status)}</dt>
                <dd class=move || format!("status status-{}", c.get_value().status.as_str())>
                    {move || status_label(c.get_value().status, lang.get())}
                </dd>
                <dt>{move || t(lang.get(), Key::Number)}</dt>
                <dd>{move || c.get_value().number.unwrap_or_else(|| "—".into())}</dd>
                <dt>{move || t(lang.get(), Key::ExpectedResult)}</dt>
                <dd>{move || c.get_value().expected_result_date.unwrap_or_else(|| "—".into())}</dd>
                {move || c.get_value().stage.map(|stage| view! {
                    <dt>{move || t(lang.get(), Key::Stage)}</dt>
                    <dd>{stage.get(lang.get()).to_owned()}</dd>
                })}
                <dt>{move || t(lang.get(), Key::NextAction)}</dt>
                <dd>{move || c.get_value().status.next_action().get(lang.get()).to_owned()}</dd>
                <dt>{move || t(lang.get(), Key::Provider)}</dt>
                <dd>{move || c.get_value().provider_name.get(lang.get()).to_owned()}</dd>
            </dl>
            {move || c.get_value().refusal_reason.map(|r| view! {
                <p class="grounds"><strong>{t(lang.get(), Key::RefusalReasonLabel)}": "</strong>{r.label().get(lang.get()).to_owned()}</p>
            })}
            {move || c.get_value().refusal_grounds.map(|g| view! {
                <p class="grounds"><strong>{t(lang.get(), Key::Grounds)}": "</strong>{g}</p>
            })}
            {move || c.get_value().refusal_signed_by.map(|who| view! {
                <p class="ok">{t(lang.get(), Key::SignedWithEds)}": "{who}</p>
            })}
        </article>
    }
}

/// The case's history, oldest first.
#[component]
pub fn History(case: CaseView) -> impl IntoView {
    let lang = use_lang();
    let events = case.history;
    view! {
        <section aria-labelledby="history-h">
            <h2 id="history-h">{move || t(lang.get(), Key::History)}</h2>
            <ol class="timeline">
                {events
                    .into_iter()
                    .map(|e| {
                        view! {
                            <li>
                                <time datetime=e.at.clone()>{let at = e.at.clone(); move || local_time(&at, lang.get())}</time>" — "
                                {move || status_label(e.status, lang.get())}
                                {e.note.clone().map(|n| view! { <span class="note">" · "{n}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// The filled-in form, labelled from the service definition: the applicant's check-answers
/// view (before saving, with "Change" back to each field, and after) and the officer's view of
/// the request. Fields hidden by their condition are left out.
#[component]
pub fn Answers(
    variant: Option<Variant>,
    values: FormValues,
    attachments: Vec<AttachmentResponse>,
    /// Files not yet part of an application, by slot: what the form shows for them.
    #[prop(optional)]
    files: std::collections::BTreeMap<String, String>,
    /// Offered as "Change" next to each answer: called with the field's key.
    #[prop(optional)]
    change: Option<Callback<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let Some(variant) = variant else {
        return view! { <Loading/> }.into_any();
    };
    let shown_fields: Vec<_> = variant
        .fields
        .iter()
        .filter(|f| domain::form::is_shown(f, &values))
        .cloned()
        .collect();
    view! {
        <dl class="answers">
            {shown_fields.into_iter().map(|f| {
                let raw = values.get(&f.key).cloned().unwrap_or_default();
                let attachments = attachments.clone();
                let file = files.get(&f.key).cloned();
                let shown = move || {
                    if raw.is_empty() {
                        return t(lang.get(), Key::NotAnswered).to_owned();
                    }
                    match &f.kind {
                        FieldKind::Select { options } => options.iter().find(|o| o.value == raw).map(|o| o.label.get(lang.get()).to_owned()).unwrap_or(raw.clone()),
                        FieldKind::Checkbox => t(lang.get(), if raw == "true" { Key::Yes } else { Key::No }).to_owned(),
                        FieldKind::Address => domain::form::address_value(Some(&raw)).display(lang.get()),
                        FieldKind::File { .. } => attachments
                            .iter()
                            .find(|x| x.id == raw)
                            .map(|x| format!("{} (SHA-256 {})", x.filename, x.sha256))
                            .or(file.clone())
                            .unwrap_or(raw.clone()),
                        // A repeating group: one line per row, its values in the fields' order.
                        FieldKind::Group { fields, .. } => domain::form::group_rows(Some(&raw))
                            .unwrap_or_default()
                            .iter()
                            .enumerate()
                            .map(|(i, row)| format!("{}. {}", i + 1, fields.iter().filter_map(|f| row.get(&f.key).cloned()).collect::<Vec<_>>().join(" · ")))
                            .collect::<Vec<_>>()
                            .join("\n"),
                        FieldKind::Text { .. }
                        | FieldKind::Date
                        | FieldKind::Iin
                        | FieldKind::Bin
                        | FieldKind::Email
                        | FieldKind::Phone
                        | FieldKind::Number { .. }
                        | FieldKind::Money => raw.clone(),
                    }
                };
                let label = f.label.clone();
                let label2 = f.label.clone();
                let key = f.key.clone();
                let change_button = change.map(|cb| view! {
                    <dd class="change">
                        <button type="button" class="link" on:click=move |_| cb.run(key.clone())>
                            {move || t(lang.get(), Key::Change)}
                            <span class="visually-hidden">{move || format!(" — {}", label2.get(lang.get()))}</span>
                        </button>
                    </dd>
                });
                view! { <dt>{move || label.get(lang.get()).to_owned()}</dt><dd>{shown}</dd>{change_button} }
            }).collect_view()}
        </dl>
    }.into_any()
}

/// A stored UTC timestamp shown in Kazakhstan's time (Asia/Almaty), in the user's language.
pub fn local_time(rfc3339: &str, lang: Lang) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    let options = js_sys::Object::new();
    for (k, v) in [
        ("timeZone", "Asia/Almaty"),
        ("dateStyle", "medium"),
        ("timeStyle", "short"),
    ] {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    }
    let locale = match lang {
        Lang::Kk => "kk-KZ",
        Lang::Ru => "ru-KZ",
        Lang::En => "en-GB",
    };
    date.to_locale_string(locale, &options)
        .as_string()
        .filter(|s| !s.is_empty() && s != "Invalid Date")
        .unwrap_or_else(|| rfc3339.to_owned())
}
