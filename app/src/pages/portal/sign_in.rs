//! Sign-in: applicants with their EDS key file (a signed single-use challenge), staff with a
//! login and password.

use crate::client;
use crate::components::{sign_error, ErrorBox, KeyPicker, KeyPickerState};
use crate::context::{use_lang, use_session};
use crate::i18n::{t, tx, Key};
use crate::signer::{self, KeyUse};
use domain::api::{MeResponse, Role, SignInWithEdsRequest, SignInWithPasswordRequest};
use domain::paths::page;
use domain::ApiError;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::SignInTitle).to_owned());
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let picker = KeyPickerState::new();
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());

    let after_sign_in = {
        let navigate = navigate.clone();
        move |me: MeResponse| {
            let default = match me.role {
                Role::Applicant => page::CABINET,
                Role::Officer => page::OFFICER,
                Role::Support => page::SUPPORT,
            };
            let next = query
                .get_untracked()
                .get("next")
                .filter(|n| n.starts_with('/') && !n.starts_with("//"))
                .unwrap_or_else(|| default.to_owned());
            session.me.set(Some(me));
            // Staff continue in their own workspace (the other app): a page load.
            if !crate::context::leave_for(&next) {
                navigate(&next, Default::default());
            }
        }
    };

    let eds = {
        let after = after_sign_in.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let after = after.clone();
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let result = async {
                    // The key choice first: after an await the page may be gone.
                    let with = picker.choice().await?;
                    let challenge = client::challenge().await?;
                    let signature = signer::sign(&with, KeyUse::SignIn, &challenge.payload_b64)
                        .await
                        .map_err(|e| sign_error(e, lang.get_untracked()))?;
                    client::sign_in_with_eds(&SignInWithEdsRequest {
                        challenge_id: challenge.challenge_id,
                        signature,
                    })
                    .await
                }
                .await;
                busy.set(false);
                match result {
                    Ok(me) => after(me),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };

    let staff = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let after = after_sign_in.clone();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let request = SignInWithPasswordRequest {
                login: login.get_untracked(),
                password: password.get_untracked(),
            };
            let result = client::sign_in_with_password(&request).await;
            busy.set(false);
            match result {
                Ok(me) => after(me),
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let tr = move |k| t(lang.get(), k);
    view! {
        <h1>{tx(Key::SignInTitle)}</h1>
        <ErrorBox error=error/>
        <div class="columns">
            <form class="panel" on:submit=eds>
                <h2>{tx(Key::SignInEds)}</h2>
                <KeyPicker state=picker id="key-file" hint=Key::SignInEdsHint/>
                <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { tr(Key::PreparingSigner) } else { tr(Key::SignIn) }}
                </button>
                <p><a href="/sandbox" target="_blank" rel="noopener">{tx(Key::PracticeMode)}</a></p>
            </form>
            <form class="panel" on:submit=staff>
                <h2>{tx(Key::StaffSignIn)}</h2>
                <label for="login">{tx(Key::Login)}</label>
                <input id="login" type="text" autocomplete="username" prop:value=move || login.get()
                    on:input=move |ev| login.set(event_target_value(&ev))/>
                <label for="password">{tx(Key::Password)}</label>
                <input id="password" type="password" autocomplete="current-password" prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
                <button type="submit" disabled=move || busy.get()>{tx(Key::SignIn)}</button>
            </form>
        </div>
    }
}
