//! A case as people see it: its summary (exactly what support sees too), its history, the
//! answers of its form, and times in Kazakhstan's time.

use super::layout::{AppLink, Loading};
use crate::context::use_lang;
use crate::i18n::{t, tx, Key};
use domain::api::AttachmentResponse;
use domain::api::Timing;
use domain::case::{AccessEntry, Accessor, CaseStatus, CaseView, StepState, Timeline};
use domain::catalogue::{FieldKind, Variant};
use domain::form::FormValues;
use domain::process::Deadline;
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
                <dt>{tx(Key::Status)}</dt>
                <dd class=move || format!("status status-{}", c.get_value().status.as_str())>
                    {move || status_label(c.get_value().status, lang.get())}
                </dd>
                <dt>{tx(Key::Number)}</dt>
                <dd>{move || c.get_value().number.unwrap_or_else(|| "—".into())}</dd>
                <dt>{tx(Key::ExpectedResult)}</dt>
                <dd>{move || c.get_value().expected_result_date.unwrap_or_else(|| "—".into())}</dd>
                {move || c.get_value().stage.map(|stage| view! {
                    <dt>{tx(Key::Stage)}</dt>
                    <dd>{stage.get(lang.get()).to_owned()}</dd>
                })}
                <dt>{tx(Key::NextAction)}</dt>
                <dd>{move || c.get_value().status.next_action().get(lang.get()).to_owned()}</dd>
                <dt>{tx(Key::Provider)}</dt>
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
            <h2 id="history-h">{tx(Key::History)}</h2>
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
                            {tx(Key::Change)}
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

/// A step's term as the regulation sets it, in words.
fn term_text(deadline: Deadline, lang: Lang) -> String {
    match deadline {
        Deadline::WorkingDays(n) => crate::plural::working_days(lang, n),
        Deadline::Minutes(m) => crate::plural::minutes(lang, m),
        Deadline::Seconds(s) => crate::plural::minutes(lang, s.div_ceil(60)),
        Deadline::SameDay => t(lang, Key::SameWorkingDay).to_owned(),
    }
}

/// The case's process at a glance: a stepper of the steps passed, the one it is at and the
/// ones to come, each with who does it, when it began and ended, its term and how it stands;
/// a screen reader reads it as an ordered list with the current step marked.
#[component]
pub fn TimelineView(timeline: Timeline) -> impl IntoView {
    let lang = use_lang();
    let tr = move |k: Key| t(lang.get(), k);
    let expected = timeline.expected_at.clone();
    let term = timeline.term_working_days;
    let steps = timeline.steps;
    view! {
        <section class="stepper" aria-labelledby="timeline-h">
            <h2 id="timeline-h">{tx(Key::TimelineTitle)}</h2>
            {expected.map(|at| view! {
                <p class="expected-at">
                    <strong>{tx(Key::ResultExpectedBy)}": "</strong>
                    <time datetime=at.clone()>{let at = at.clone(); move || local_time(&at, lang.get())}</time>
                    {term.map(|n| view! { <span class="hint">{move || format!(" ({}: {})", tr(Key::StepTerm), crate::plural::working_days(lang.get(), n))}</span> })}
                </p>
            })}
            <ol class="steps">
                {steps.into_iter().map(|s| {
                    let state_class = match s.state {
                        StepState::Done => "done",
                        StepState::Current => "current",
                        StepState::Upcoming => "upcoming",
                    };
                    let timing_class = match s.timing {
                        Some(Timing::Overdue) => " overdue",
                        Some(Timing::DueSoon) => " due-soon",
                        Some(Timing::OnTime) => " on-time",
                        None => "",
                    };
                    let (state, timing) = (s.state, s.timing);
                    let status = move || {
                        let l = lang.get();
                        match (state, timing) {
                            (StepState::Done, Some(Timing::Overdue)) => t(l, Key::StepDoneLate),
                            (StepState::Done, _) => t(l, Key::StepDone),
                            (StepState::Current, Some(Timing::Overdue)) => t(l, Key::StepOverdue),
                            (StepState::Current, Some(Timing::DueSoon)) => t(l, Key::StepDueSoon),
                            (StepState::Current, _) => t(l, Key::StepOnTime),
                            (StepState::Upcoming, _) => t(l, Key::StepUpcoming),
                        }
                    };
                    let s = StoredValue::new(s);
                    let date = move |at: Option<String>| at.map(|at| {
                        let shown = at.clone();
                        view! { <time datetime=at>{move || local_time(&shown, lang.get())}</time> }
                    });
                    let due_key = if state == StepState::Upcoming { Key::ExpectedBy } else { Key::DueBy };
                    view! {
                        <li class=format!("step-item {state_class}{timing_class}") aria-current=(state == StepState::Current).then_some("step")>
                            <span class="marker" aria-hidden="true"></span>
                            <div class="step-body">
                                <p class="step-name">{move || s.get_value().name.get(lang.get()).to_owned()}</p>
                                <p class="step-role">{move || s.get_value().role.label().get(lang.get()).to_owned()}</p>
                                <p class="step-status"><span class="badge">{status}</span>
                                    {move || s.get_value().outcome.map(|o| view! { " · " {o.get(lang.get()).to_owned()} })}
                                </p>
                                <dl class="step-dates">
                                    {s.get_value().started_at.map(|at| view! { <div><dt>{tx(Key::Began)}</dt><dd>{date(Some(at))}</dd></div> })}
                                    {s.get_value().finished_at.map(|at| view! { <div><dt>{tx(Key::Finished)}</dt><dd>{date(Some(at))}</dd></div> })}
                                    {s.get_value().due_at.filter(|_| state != StepState::Done || timing == Some(Timing::Overdue)).map(|at| view! { <div><dt>{move || tr(due_key)}</dt><dd>{date(Some(at))}</dd></div> })}
                                    {s.get_value().deadline.map(|d| view! { <div><dt>{tx(Key::StepTerm)}</dt><dd>{move || term_text(d, lang.get())}</dd></div> })}
                                </dl>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Who opened, found or acted on the case, by role and body, and when.
#[component]
pub fn AccessLog(entries: Vec<AccessEntry>) -> impl IntoView {
    let lang = use_lang();
    let empty = entries.is_empty();
    view! {
        <section aria-labelledby="access-h">
            <h2 id="access-h">{tx(Key::AccessLogTitle)}</h2>
            <p class="hint">{tx(Key::AccessLogHint)}</p>
            {if empty {
                view! { <p>{tx(Key::AccessLogEmpty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="access-log">
                        {entries.into_iter().map(|e| {
                            let e = StoredValue::new(e);
                            view! {
                                <li>
                                    <time datetime=e.get_value().at>{move || local_time(&e.get_value().at, lang.get())}</time>
                                    " — "
                                    <strong>{move || {
                                        let e = e.get_value();
                                        let l = lang.get();
                                        let mut who = e.who.label().get(l).to_owned();
                                        if let Some(d) = e.duty.filter(|_| e.who == Accessor::Officer) {
                                            who = format!("{who} ({})", d.label().get(l));
                                        }
                                        if let Some(b) = e.body {
                                            who = format!("{who}, {}", b.get(l));
                                        }
                                        who
                                    }}</strong>
                                    " "
                                    {move || e.get_value().action.label().get(lang.get()).to_owned()}
                                    {move || e.get_value().step.map(|s| format!(": {}", s.get(lang.get())))}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// How the e-mails and SMS about the case went: the channel, sent or not, and when.
#[component]
pub fn Deliveries(deliveries: Vec<domain::api::MailDelivery>) -> impl IntoView {
    use domain::api::{DeliveryChannel, DeliveryState};
    let lang = use_lang();
    let tr = move |k: Key| t(lang.get(), k);
    let empty = deliveries.is_empty();
    view! {
        <section aria-labelledby="deliveries-h">
            <h2 id="deliveries-h">{tx(Key::Notifications)}</h2>
            {if empty {
                view! { <p>{tx(Key::NoNotificationsYet)}</p> }.into_any()
            } else {
                view! {
                    <ul class="access-log">
                        {deliveries.into_iter().map(|d| {
                            let channel = match d.channel { DeliveryChannel::Email => Key::ChannelEmail, DeliveryChannel::Sms => Key::ChannelSms };
                            let (state, class) = match d.state {
                                DeliveryState::Sent => (Key::MailSent, "timing"),
                                DeliveryState::Waiting => (Key::MailWaiting, "timing due-soon"),
                                DeliveryState::Failed => (Key::MailFailed, "timing overdue"),
                            };
                            let at = d.sent_at.clone().unwrap_or(d.written_at.clone());
                            view! {
                                <li>
                                    <strong>{move || tr(channel)}</strong>" — "
                                    <span class=class>{move || tr(state)}</span>", "
                                    <time datetime=at.clone()>{let at = at.clone(); move || local_time(&at, lang.get())}</time>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
