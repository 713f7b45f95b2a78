//! Support staff: find a case by registration number or IIN; see what the applicant sees.

use crate::client;
use crate::components::{local_time, CaseSummary, ErrorBox, History, TimelineView};
use crate::context::use_lang;
use crate::i18n::{t, tx, Key};
use domain::api::{
    DeliveryChannel, DeliveryState, Explainer, MailDelivery, SupportSearchResponse, Timing, Turn,
};
use domain::ApiError;
use domain::Lang;
use leptos::prelude::*;

#[component]
pub fn SupportPage() -> impl IntoView {
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::SupportSearch).to_owned());
    let q = RwSignal::new(String::new());
    let results = RwSignal::new(None::<SupportSearchResponse>);
    let error = RwSignal::new(None::<ApiError>);
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let query = q.get_untracked();
        error.set(None);
        leptos::task::spawn_local(async move {
            match client::support_search(query.trim()).await {
                Ok(r) => results.set(Some(r)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{tx(Key::SupportSearch)}</h1>
        <form class="search" on:submit=search role="search">
            <label for="q">{tx(Key::SupportSearchHint)}</label>
            <input id="q" type="search" prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))/>
            <button type="submit" class="primary">{tx(Key::Search)}</button>
        </form>
        <ErrorBox error=error/>
        {move || results.get().map(|r| if r.results.is_empty() {
            view! { <p role="status">{tx(Key::NoResults)}</p> }.into_any()
        } else {
            let mail = StoredValue::new(r.mail.clone());
            let explainers = StoredValue::new(r.explainers.clone());
            r.results.into_iter().map(|c| {
                let of_case: Vec<_> = mail.get_value().into_iter().filter(|m| m.application_id == c.id).collect();
                let explainer = explainers.get_value().into_iter().find(|e| e.application_id == c.id);
                view! {
                    <CaseSummary case=c.clone()/>
                    {explainer.map(|e| view! { <ExplainerPanel explainer=e/> })}
                    {c.timeline.clone().map(|tl| view! { <TimelineView timeline=tl/> })}
                    <History case=c/>
                    <MailTable mail=of_case/>
                }
            }).collect_view().into_any()
        })}
    }
}

/// How the e-mails about a case went: sent, waiting for another try, or given up.
#[component]
fn MailTable(mail: Vec<MailDelivery>) -> impl IntoView {
    let lang = use_lang();
    let tr = move |k| t(lang.get(), k);
    (!mail.is_empty()).then(|| view! {
        <table class="steps">
            <caption>{tx(Key::MailDeliveries)}</caption>
            <thead><tr>
                <th scope="col">{tx(Key::Written)}</th>
                <th scope="col">{tx(Key::Channel)}</th>
                <th scope="col">{tx(Key::Status)}</th>
                <th scope="col">{tx(Key::Attempts)}</th>
            </tr></thead>
            <tbody>
                {mail.into_iter().map(|m| {
                    let (state, class) = match m.state {
                        DeliveryState::Sent => (Key::MailSent, "timing"),
                        DeliveryState::Waiting => (Key::MailWaiting, "timing due-soon"),
                        DeliveryState::Failed => (Key::MailFailed, "timing overdue"),
                    };
                    let written = m.written_at.clone();
                    view! { <tr>
                        <td>{move || local_time(&written, lang.get())}</td>
                        <td>{move || tr(match m.channel { DeliveryChannel::Email => Key::ChannelEmail, DeliveryChannel::Sms => Key::ChannelSms })}</td>
                        <td><span class=class>{move || tr(state)}</span>{m.last_error.clone().map(|e| view! { <br/><small>{e}</small> })}</td>
                        <td>{m.attempts}</td>
                    </tr> }
                }).collect_view()}
            </tbody>
        </table>
    })
}

/// One case explained: whose move it is, the step and who holds it, its deadline, what comes
/// next, the last e-mail, and an answer to read to the caller in Kazakh or Russian.
#[component]
fn ExplainerPanel(explainer: Explainer) -> impl IntoView {
    let lang = use_lang();
    let tr = move |k| t(lang.get(), k);
    // The caller is answered in Kazakh or Russian: the screen's language when it is one of them.
    let answer_lang = RwSignal::new(match lang.get_untracked() {
        Lang::Kk => Lang::Kk,
        Lang::Ru | Lang::En => Lang::Ru,
    });
    let heading = format!("explain-{}", explainer.application_id);
    let labelled_by = heading.clone();
    let e = StoredValue::new(explainer);
    let turn = move || {
        tr(match e.get_value().turn {
            Turn::Applicant => Key::TurnApplicant,
            Turn::Provider => Key::TurnProvider,
            Turn::Nobody => Key::TurnNobody,
        })
    };
    let choose = move |l: Lang| {
        view! {
            <button type="button" aria-pressed=move || (answer_lang.get() == l).to_string() on:click=move |_| answer_lang.set(l)>
                {l.native_name()}
            </button>
        }
    };
    view! {
        <section class="panel explainer" aria-labelledby=labelled_by>
            <h2 id=heading>{tx(Key::ExplainerTitle)}</h2>
            <dl class="facts">
                <dt>{tx(Key::WhoseMove)}</dt>
                <dd>{turn}</dd>
                {move || e.get_value().step.map(|s| {
                    let s = StoredValue::new(s);
                    view! {
                        <dt>{tx(Key::CurrentStep)}</dt>
                        <dd>{move || s.get_value().name.get(lang.get()).to_owned()}</dd>
                        <dt>{tx(Key::HeldBy)}</dt>
                        <dd>{move || format!("{}, {}", s.get_value().role.label().get(lang.get()), e.get_value().body.get(lang.get()))}</dd>
                        {s.get_value().due_at.map(|due| view! {
                            <dt>{tx(Key::DueBy)}</dt>
                            <dd>
                                {let due = due.clone(); move || local_time(&due, lang.get())}
                                {move || match s.get_value().timing {
                                    Some(Timing::Overdue) => view! { " " <span class="timing overdue">{tr(Key::StepOverdue)}</span> }.into_any(),
                                    Some(Timing::DueSoon) => view! { " " <span class="timing due-soon">{tr(Key::StepDueSoon)}</span> }.into_any(),
                                    _ => view! { " " <span class="timing">{tr(Key::StepOnTime)}</span> }.into_any(),
                                }}
                            </dd>
                        })}
                    }
                })}
                <dt>{tx(Key::NextAction)}</dt>
                <dd>{move || e.get_value().next.get(lang.get()).to_owned()}</dd>
                <dt>{tx(Key::LastEmail)}</dt>
                <dd>{move || match e.get_value().last_mail {
                    None => tr(Key::NoEmailYet).to_owned(),
                    Some(m) => {
                        let state = tr(match m.state {
                            DeliveryState::Sent => Key::MailSent,
                            DeliveryState::Waiting => Key::MailWaiting,
                            DeliveryState::Failed => Key::MailFailed,
                        });
                        let at = m.sent_at.as_deref().unwrap_or(&m.written_at);
                        format!("{} — {state}, {}", m.subject, local_time(at, lang.get()))
                    }
                }}</dd>
            </dl>
            <h3>{tx(Key::SuggestedAnswer)}</h3>
            <div class="langs answer-langs" role="group" aria-label=tx(Key::AnswerLanguage)>
                {choose(Lang::Kk)}
                {choose(Lang::Ru)}
            </div>
            <blockquote class="answer" lang=move || answer_lang.get().code()>
                {move || e.get_value().answer.get(answer_lang.get()).to_owned()}
            </blockquote>
        </section>
    }
}
