//! Attestation sessions: the territorial commission's sessions with their candidates and
//! results, and the lists the signed protocol publishes (for anyone).

use crate::client::{self, Signing};
use crate::components::{local_time, ErrorBox, ErrorText, Loading, SignStep};
use crate::context::use_lang;
use crate::i18n::{t, tx, Key};
use domain::api::{AddCandidateRequest, CreateSessionRequest, RecordResultRequest, SessionView};
use domain::ApiError;
use leptos::prelude::*;

/// What the commission does on this page.
enum Act {
    Create(CreateSessionRequest),
    Add(String, AddCandidateRequest),
    Record(String, RecordResultRequest),
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::Sessions).to_owned());
    let reload = RwSignal::new(0u32);
    let sessions = LocalResource::new(move || {
        reload.track();
        client::sessions()
    });
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let held_on = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    // Sends a request and reloads the sessions (or shows what is wrong).
    let send = move |act: Act| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let r = match act {
                Act::Create(body) => client::create_session(&body).await,
                Act::Add(id, body) => client::add_candidate(&id, &body).await,
                Act::Record(id, body) => client::record_result(&id, &body).await,
            };
            if busy.try_set(false).is_some() {
                return;
            }
            match r {
                Ok(_) => reload.update(|r| *r += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CreateSessionRequest {
            held_on: held_on.get_untracked(),
            place: place.get_untracked(),
        };
        send(Act::Create(body));
    };
    view! {
        <h1>{tx(Key::Sessions)}</h1>
        <ErrorBox error=error/>
        <form class="step" on:submit=create>
            <h2>{tx(Key::NewSession)}</h2>
            <label for="held_on">{tx(Key::SessionDate)}</label>
            <input type="date" id="held_on" prop:value=move || held_on.get() on:input=move |ev| held_on.set(event_target_value(&ev))/>
            <label for="place">{tx(Key::SessionPlace)}</label>
            <input type="text" id="place" prop:value=move || place.get() on:input=move |ev| place.set(event_target_value(&ev))/>
            <button type="submit" class="primary" disabled=move || busy.get()>{tx(Key::CreateSession)}</button>
        </form>
        {move || match sessions.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(list)) => list.into_iter().map(|s| session_view(s, lang, busy, send, error, reload)).collect_view().into_any(),
        }}
    }
}

fn session_view(
    s: SessionView,
    lang: RwSignal<domain::Lang>,
    busy: RwSignal<bool>,
    send: impl Fn(Act) + Copy + Send + Sync + 'static,
    error: RwSignal<Option<ApiError>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session_id = s.id.clone();
    let heading_id = format!("s-{}", s.id);
    let key_id = format!("protocol-key-{}", s.id);
    let signed = s.protocol_signed_at.is_some();
    let number = RwSignal::new(String::new());
    let add = {
        let session_id = session_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = AddCandidateRequest {
                number: number.get_untracked(),
            };
            send(Act::Add(session_id.clone(), body));
        }
    };
    let title = format!(
        "{} · {} · {}",
        s.held_on,
        s.region.get(lang.get_untracked()),
        s.place
    );
    view! {
        <section class="session panel" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{title}</h2>
            {s.published_at.clone().map(|p| view! { <p class="notice ok">{tx(Key::Published)}" "{local_time(&p, lang.get())}</p> })}
            {s.protocol_signed_by.clone().map(|who| view! { <p class="ok">{tx(Key::SignedWithEds)}": "{who.clone()}</p> })}
            <h3>{tx(Key::Candidates)}</h3>
            <table class="steps">
                <thead><tr>
                    <th scope="col">"№"</th>
                    <th scope="col">{tx(Key::Applicant)}</th>
                    <th scope="col">{tx(Key::TestScore)}</th>
                    <th scope="col">{tx(Key::Interview)}</th>
                    <th scope="col">{tx(Key::ResultLabel)}</th>
                    <th scope="col"></th>
                </tr></thead>
                <tbody>
                    {s.candidates.into_iter().map(|c| {
                        let score = RwSignal::new(c.test_score.map(|x| x.to_string()).unwrap_or_default());
                        let interview = RwSignal::new(c.interview.clone().unwrap_or_default());
                        let result = RwSignal::new(c.result.map(|r| r.code().to_owned()).unwrap_or_default());
                        let (id, session_id) = (c.application_id.clone(), session_id.clone());
                        let who = c.name.clone();
                        let save = move |_| {
                            let body = RecordResultRequest {
                                application_id: id.clone(),
                                result: result.get_untracked(),
                                test_score: score.get_untracked().trim().parse().ok(),
                                interview: Some(interview.get_untracked()).filter(|i| !i.is_empty()),
                            };
                            send(Act::Record(session_id.clone(), body));
                        };
                        let label = move |k: Key| format!("{}: {}", t(lang.get(), k), who);
                        let (l1, l2, l3) = (label.clone(), label.clone(), label.clone());
                        view! {
                            <tr>
                                <td>{c.number.clone()}</td>
                                <td>{c.name.clone()}{(!c.ready && !signed).then(|| view! { <br/><small>{tx(Key::NotReady)}</small> })}</td>
                                <td><input type="text" inputmode="numeric" size="4" aria-label=move || l1(Key::TestScore) disabled=signed
                                    prop:value=move || score.get() on:input=move |ev| score.set(event_target_value(&ev))/></td>
                                <td><select aria-label=move || l2(Key::Interview) disabled=signed prop:value=move || interview.get()
                                    on:change=move |ev| interview.set(event_target_value(&ev))>
                                    <option value="">"—"</option>
                                    <option value="passed">{tx(Key::Passed)}</option>
                                    <option value="failed">{tx(Key::Failed)}</option>
                                </select></td>
                                <td><select aria-label=move || l3(Key::ResultLabel) disabled=signed prop:value=move || result.get()
                                    on:change=move |ev| result.set(event_target_value(&ev))>
                                    <option value="">"—"</option>
                                    <option value="passed">{tx(Key::Passed)}</option>
                                    <option value="failed">{tx(Key::Failed)}</option>
                                    <option value="absent">{tx(Key::Absent)}</option>
                                </select></td>
                                <td>{(!signed).then(|| view! { <button type="button" on:click=save disabled=move || busy.get()>{tx(Key::SaveResult)}</button> })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {(!signed).then(|| view! {
                <form on:submit=add class="inline">
                    <label for=format!("n-{session_id}")>{tx(Key::AddCandidate)}</label>
                    <input type="text" id=format!("n-{session_id}") prop:value=move || number.get() on:input=move |ev| number.set(event_target_value(&ev))/>
                    <button type="submit" disabled=move || busy.get()>{tx(Key::Add)}</button>
                </form>
                <SignStep
                    target=Signing::Protocol(session_id.clone())
                    prepare_label=Key::ShowProtocol
                    sign_label=Key::SignProtocol
                    input_id=key_id.clone()
                    error=error
                    on_done=Callback::new(move |_| reload.update(|r| *r += 1))
                />
            })}
        </section>
    }
}
