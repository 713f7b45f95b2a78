//! The public register and check: search by licence number, company BIN or company name
//! (a page at a time), a licence with its status, annexes, lineage and signature, and the QR
//! code's signed statement verified on this device — with the network cut too. What the
//! register holds comes written by the server in the page's language (`domain::api::Written`,
//! `server::routes::written`) and is put in place as it is.

use crate::client;
use crate::components::{ErrorText, Loading};
use crate::context::use_lang;
use crate::i18n::{tx, Key};
use crate::statement::{self, Verdict};
use domain::api::Written;
use domain::form::FieldErrorCode;
use domain::markup::{self, PreEscaped};
use domain::paths::page;
use domain::Lang;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map, use_query_map};

#[component]
pub fn CheckPage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::CheckTitle).to_owned());
    let params = use_params_map();
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let number = move || params.read().get("number").unwrap_or_default();
    let q = move || query.read().get("q").unwrap_or_default();
    // The search field shows what was asked: the number, else the search (on every move
    // between them, the page staying the same).
    let asked_for = move || if number().is_empty() { q() } else { number() };
    let input = RwSignal::new(asked_for());
    Effect::new(move |_| input.set(asked_for()));

    // The portal's statement keys, kept on this device for checking QR codes offline.
    leptos::task::spawn_local(statement::refresh_keys());

    let result = crate::components::layout::fetched(
        move || (number(), lang.get()),
        |(n, l)| async move {
            if n.is_empty() {
                None
            } else if let Some(written) = written_answer(&n, l) {
                Some(Ok(written))
            } else {
                Some(client::written_check(&n, l).await)
            }
        },
    );
    // The server wrote the search and the licence asked for into the page
    // (`server::prerender`); it stands until this one is drawn with the licence, then goes.
    Effect::new(move |_| {
        if number().is_empty() || result.get().is_some() {
            crate::components::layout::drop_prerender();
        }
    });

    // The register's pages for the search, as the server writes their items: each "more"
    // appends the next page. Only the answer to the latest load is kept.
    let entries = RwSignal::new(String::new());
    let next = RwSignal::new(None::<String>);
    let searching = RwSignal::new(false);
    let search_error = RwSignal::new(None::<domain::ApiError>);
    let asked = StoredValue::new(0u32);
    let load = move |after: Option<String>| {
        let q = q();
        if q.trim().is_empty() {
            return;
        }
        asked.update_value(|n| *n += 1);
        let this = asked.get_value();
        let l = lang.get_untracked();
        // A name is searched from three characters on: said here, without asking the server.
        if q.trim().chars().count() < 3 {
            entries.set(String::new());
            next.set(None);
            searching.set(false);
            search_error.set(Some(domain::ApiError {
                message: FieldErrorCode::SearchTooShort
                    .message(lang.get_untracked())
                    .to_owned(),
                ..domain::ApiError::new(domain::ErrorCode::ValidationFailed, lang.get_untracked())
            }));
            return;
        }
        searching.set(true);
        leptos::task::spawn_local(async move {
            let answer = client::written_search(&q, after.as_deref(), l).await;
            // The page may be gone, or a later search asked: only `try_` reads after the wait.
            if asked.try_get_value() != Some(this) {
                return;
            }
            let _ = searching.try_set(false);
            match answer {
                Ok(w) => {
                    entries.try_update(|e| {
                        if after.is_none() {
                            e.clear();
                        }
                        e.push_str(&w.html);
                    });
                    let _ = next.try_set(w.next);
                    let _ = search_error.try_set(None);
                }
                Err(mut e) => {
                    // The search field's own message says what to change.
                    if !e.fields.is_empty() {
                        e.message = e
                            .fields
                            .iter()
                            .map(|f| f.message.as_str())
                            .collect::<Vec<_>>()
                            .join(" ");
                    }
                    let _ = search_error.try_set(Some(e));
                }
            }
        });
    };
    // Asked again from its first page when the language changes.
    Effect::new(move |_| {
        lang.track();
        if number().is_empty() && !q().trim().is_empty() {
            load(None);
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = input.get_untracked().trim().to_owned();
        if !text.is_empty() {
            let encoded = String::from(js_sys::encode_uri_component(&text));
            navigate(&format!("{}?q={encoded}", page::CHECK), Default::default());
        }
    };

    // A QR code's content: from the address it opened (`#s=…`), or pasted.
    let qr_text = RwSignal::new(String::new());
    let verdict = RwSignal::new(None::<Verdict>);
    // With a connection: what the register says of a genuine code's licence now (its number
    // and the status the server wrote, `None` when it did not answer).
    let checked = RwSignal::new(None::<String>);
    let now = crate::components::layout::fetched(
        move || (checked.get(), lang.get()),
        |(n, l): (Option<String>, Lang)| async move {
            let n = n?;
            let answer = client::written_check(&n, l).await;
            Some((n, answer.ok().and_then(|w| w.now)))
        },
    );
    let verify = move |content: String| {
        leptos::task::spawn_local(async move {
            let v = statement::verify(&content).await;
            let n = match &v {
                Verdict::Genuine(s) => Some(s.n.clone()),
                _ => None,
            };
            let _ = verdict.try_set(Some(v));
            let _ = checked.try_set(n);
        });
    };
    Effect::new(move |_| {
        let hash = location.hash.get();
        if hash.contains("s=") {
            let content = hash.trim_start_matches('#').to_owned();
            qr_text.set(format!("#{content}"));
            verify(format!("#{content}"));
        }
    });
    let verify_pasted = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        verify(qr_text.get_untracked());
    };

    view! {
        <h1>{tx(Key::CheckTitle)}</h1>
        <form class="search" on:submit=submit role="search">
            <label for="register-q">{tx(Key::RegisterSearch)}</label>
            <input id="register-q" type="search" aria-describedby="register-hint" prop:value=move || input.get()
                on:input=move |ev| input.set(event_target_value(&ev))/>
            <button type="submit" class="primary">{tx(Key::Search)}</button>
            <p class="hint" id="register-hint">{tx(Key::RegisterSearchHint)}</p>
        </form>

        // The search's results.
        {move || (number().is_empty() && !q().trim().is_empty()).then(|| view! {
            <section aria-live="polite" aria-busy=move || searching.get().to_string()>
                {move || search_error.get().map(|e| view! { <ErrorText error=e/> })}
                {move || (!searching.get() && entries.get().is_empty() && search_error.get().is_none()).then(|| view! {
                    <p>{tx(Key::NothingFound)}</p>
                })}
                <ul class="register" inner_html=move || entries.get()></ul>
                {move || searching.get().then(|| view! { <Loading/> })}
                {move || next.get().map(|after| view! {
                    <button type="button" on:click=move |_| load(Some(after.clone()))>{tx(Key::MoreResults)}</button>
                })}
            </section>
        })}

        // One licence, as the register holds it now.
        {move || match result.get().flatten() {
            None if number().is_empty() => ().into_any(),
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            // The licence as the server wrote it (`domain::markup::check_result`).
            Some(Ok(found)) => view! {
                <section class="check-result" aria-live="polite" aria-labelledby="check-h" inner_html=found.html></section>
            }.into_any(),
        }}

        // The QR code, checked on this device.
        <section class="panel qr-check" aria-labelledby="qr-h">
            <h2 id="qr-h">{tx(Key::QrTitle)}</h2>
            <p class="hint" id="qr-hint">{tx(Key::QrHint)}</p>
            <form on:submit=verify_pasted>
                <label for="qr-content">{tx(Key::QrContent)}</label>
                <textarea id="qr-content" rows="3" aria-describedby="qr-hint" prop:value=move || qr_text.get()
                    on:input=move |ev| qr_text.set(event_target_value(&ev))></textarea>
                <button type="submit">{tx(Key::QrVerify)}</button>
            </form>
            <div aria-live="polite">
                {move || verdict.get().map(|v| {
                    let (class, role, key) = match &v {
                        Verdict::Genuine(_) => ("verdict ok", "status", Key::QrGenuine),
                        Verdict::Forged => ("verdict bad", "alert", Key::QrForged),
                        Verdict::NotAStatement => ("verdict bad", "alert", Key::QrNotStatement),
                        Verdict::NoKey => ("verdict bad", "alert", Key::QrNoKey),
                        Verdict::Unsupported => ("hint", "status", Key::QrUnsupported),
                    };
                    // What a genuine code says, and what the register says now.
                    let facts = match v {
                        Verdict::Genuine(s) => Some(move || {
                            let now = now.read();
                            let now = match now.as_ref().and_then(Option::as_ref) {
                                Some((n, html)) if *n == s.n => {
                                    Some(html.as_deref().map(PreEscaped))
                                }
                                _ => None,
                            };
                            markup::statement_facts(lang.get(), &s, now).into_string()
                        }),
                        _ => None,
                    };
                    view! {
                        <p class=class role=role>{tx(key)}</p>
                        {facts.map(|html| view! { <dl class="facts" inner_html=html></dl> })}
                    }
                })}
            </div>
        </section>
    }
}

/// The register's answer the server wrote into the page with the licence
/// (`server::prerender`), taken once and only for the number and language it was written
/// for: a first visit asks the register once. Later pages of this visit ask the server.
fn written_answer(number: &str, lang: Lang) -> Option<Written> {
    let element = web_sys::window()?
        .document()?
        .get_element_by_id("check-data")?;
    element.remove();
    let written_for = |name: &str| element.get_attribute(name).unwrap_or_default();
    if written_for("data-number").trim() != number.trim() || written_for("data-lang") != lang.code()
    {
        return None;
    }
    serde_json::from_str(&element.text_content()?).ok()
}
