//! Reusable pieces: the page layout with navigation and the language switch, error boxes, the
//! case summary and its history.

use crate::i18n::{t, Key};
use crate::signer::{KeyUse, SignWith};
use crate::{api, use_lang, use_session};
use domain::api::{AttachmentResponse, PortalConfigResponse, Role, SigningPayloadResponse};
use domain::case::{CaseStatus, CaseView};
use domain::catalogue::{FieldKind, Variant};
use domain::form::FormValues;
use domain::{ApiError, Lang};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let _ = api::post::<_, serde_json::Value>("/api/auth/sign-out", &()).await;
            session.me.set(None);
            if !crate::leave_for("/") {
                navigate("/", Default::default());
            }
        });
    };
    let tr = move |k| t(lang.get(), k);
    view! {
        <a class="skip" href="#main">{move || tr(Key::SkipToContent)}</a>
        <header class="top">
            <div class="brand"><AppLink href="/">{move || tr(Key::PortalName)}</AppLink></div>
            <nav aria-label=move || tr(Key::PortalName)>
                <ul>
                    {move || {
                        let me = session.me.get();
                        let role = me.as_ref().map(|m| m.role);
                        let commission = me.as_ref().is_some_and(|m| m.duties.iter().any(|d| d == "commission"));
                        let operator = me.as_ref().is_some_and(|m| m.duties.iter().any(|d| d == "psc_operator"));
                        let mut links: Vec<(&'static str, Key)> = Vec::new();
                        match role {
                            Some(Role::Officer) => {
                                links.push(("/officer", Key::Officer));
                                if commission {
                                    links.push(("/officer/sessions", Key::Sessions));
                                }
                                if operator {
                                    links.push(("/psc", Key::PscDesk));
                                }
                            }
                            Some(Role::Support) => links.push(("/support", Key::Support)),
                            Some(Role::Applicant) => {
                                links.push(("/", Key::Catalogue));
                                links.push(("/cabinet", Key::Cabinet));
                            }
                            None => links.push(("/", Key::Catalogue)),
                        }
                        links.push(("/check", Key::CheckLicence));
                        links.push(("/attestation-lists", Key::AttestationLists));
                        links
                            .into_iter()
                            .map(|(href, key)| view! { <li><AppLink href=href>{move || tr(key)}</AppLink></li> })
                            .collect_view()
                    }}
                </ul>
            </nav>
            <div class="user">
                {move || match session.me.get() {
                    Some(me) => view! {
                        <span class="who">
                            {me.full_name.clone()}
                            {me.company.clone().map(|c| view! {
                                <span class="acting">" · "{move || tr(Key::ActingFor)}": "{c.name.clone()}" ("{c.bin.clone()}")"</span>
                            })}
                        </span>
                        <button type="button" class="link" on:click=sign_out.clone()>{move || tr(Key::SignOut)}</button>
                    }.into_any(),
                    None => view! { <AppLink href="/sign-in">{move || tr(Key::SignIn)}</AppLink> }.into_any(),
                }}
            </div>
            <div class="langs" role="group" aria-label=move || tr(Key::Language)>
                {Lang::ALL
                    .into_iter()
                    .map(|l| view! {
                        <button
                            type="button"
                            lang=l.code()
                            aria-pressed=move || if lang.get() == l { "true" } else { "false" }
                            on:click=move |_| lang.set(l)
                        >
                            {l.native_name()}
                        </button>
                    })
                    .collect_view()}
            </div>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="bottom"><p>{move || tr(Key::ContactCentre)}</p></footer>
    }
}

/// A link to a path of either app: this app's router opens its own paths; a path of the
/// other app (portal or staff workspace) is a page load.
#[component]
pub fn AppLink(#[prop(into)] href: String, children: Children) -> impl IntoView {
    if domain::paths::Part::of(&href) == crate::this_part() {
        view! { <A href=href>{children()}</A> }.into_any()
    } else {
        view! { <a href=href rel="external">{children()}</a> }.into_any()
    }
}

/// An error from the server, announced to screen readers. When the session has ended it
/// offers to sign in again and come back here.
#[component]
pub fn ErrorBox(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    view! {
        <Show when=move || error.get().is_some()>
            <div class="error-box">
                {move || error.get().map(|e| view! { <ErrorText error=e/> })}
            </div>
        </Show>
    }
}

/// The message of an error; for "please sign in", with a link that returns here afterwards.
#[component]
pub fn ErrorText(error: ApiError) -> impl IntoView {
    let lang = use_lang();
    let location = leptos_router::hooks::use_location();
    let sign_in = (error.code == domain::ErrorCode::Unauthenticated).then(|| {
        let here = location.pathname.get_untracked();
        let href = format!("/sign-in?next={}", js_sys::encode_uri_component(&here));
        view! { " " <AppLink href=href>{move || t(lang.get(), Key::SignIn)}</AppLink> }
    });
    view! { <p role="alert">{error.message}{sign_in}</p> }
}

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

/// Shows a loading line until `ready`.
#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="loading" role="status">{move || t(lang.get(), Key::Loading)}</p> }
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
                        _ => raw.clone(),
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

/// How the user signs: a key file with its password (signed in this page by the lazily
/// loaded worker) or NCALayer. Keeps the choice while the page lives; the password is never
/// stored anywhere else.
#[derive(Clone, Copy)]
pub struct KeyPickerState {
    nca_layer: RwSignal<bool>,
    /// A browser `File` is not `Send`: it lives in local (single-thread) storage.
    file: RwSignal<Option<web_sys::File>, LocalStorage>,
    password: RwSignal<String>,
}

impl KeyPickerState {
    pub fn new() -> Self {
        KeyPickerState {
            nca_layer: RwSignal::new(false),
            file: RwSignal::new_local(None),
            password: RwSignal::new(String::new()),
        }
    }

    /// The choice, ready for the signer; NCALayer's address comes from the portal's config.
    pub async fn choice(&self) -> Result<SignWith, ApiError> {
        if self.nca_layer.get_untracked() {
            let config = api::get::<PortalConfigResponse>("/api/config").await?;
            Ok(SignWith::NcaLayer {
                url: config.ncalayer_url,
            })
        } else {
            Ok(SignWith::KeyFile {
                file: self.file.get_untracked(),
                password: self.password.get_untracked(),
            })
        }
    }

    pub fn file(&self) -> Option<web_sys::File> {
        self.file.get_untracked()
    }

    pub fn password(&self) -> String {
        self.password.get_untracked()
    }
}

impl Default for KeyPickerState {
    fn default() -> Self {
        Self::new()
    }
}

/// The key choice: method, key file and its password (or NCALayer's note).
#[component]
pub fn KeyPicker(state: KeyPickerState, #[prop(into)] id: String, hint: Key) -> impl IntoView {
    let lang = use_lang();
    let tr = move |k| t(lang.get(), k);
    let password_id = format!("{id}-password");
    let hint_id = format!("{id}-hint");
    let password_hint_id = format!("{id}-password-hint");
    let method_name = format!("{id}-method");
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        state.file.set(input.files().and_then(|f| f.get(0)));
    };
    view! {
        <fieldset class="key-picker">
            <legend>{move || tr(Key::SignMethod)}</legend>
            <label class="choice">
                <input type="radio" name=method_name.clone() checked=move || !state.nca_layer.get()
                    on:change=move |_| state.nca_layer.set(false)/>
                {move || tr(Key::MethodKeyFile)}
            </label>
            <label class="choice">
                <input type="radio" name=method_name.clone() checked=move || state.nca_layer.get()
                    on:change=move |_| state.nca_layer.set(true)/>
                {move || tr(Key::MethodNcaLayer)}
            </label>
        </fieldset>
        <Show when=move || !state.nca_layer.get() fallback=move || view! { <p class="hint">{move || tr(Key::NcaLayerHint)}</p> }>
            <label for=id.clone()>{move || tr(Key::KeyFile)}</label>
            <p class="hint" id=hint_id.clone()>{move || tr(hint)}</p>
            <input id=id.clone() type="file" accept=".p12,.pfx" aria-describedby=hint_id.clone() on:change=on_file/>
            <label for=password_id.clone()>{move || tr(Key::KeyPassword)}</label>
            <p class="hint" id=password_hint_id.clone()>{move || tr(Key::KeyPasswordHint)}</p>
            <input id=password_id.clone() type="password" autocomplete="off"
                aria-describedby=password_hint_id.clone()
                prop:value=move || state.password.get()
                on:input=move |ev| state.password.set(event_target_value(&ev))/>
        </Show>
    }
}

/// Signs the bytes (base64) with the chosen key for signing documents: a key file opened in
/// the browser, or NCALayer. The key's errors come back in the user's language.
pub async fn sign_payload(
    picker: &KeyPickerState,
    payload_b64: &str,
    lang: RwSignal<Lang>,
) -> Result<domain::api::SignatureRequest, ApiError> {
    let with = picker.choice().await?;
    crate::signer::sign(&with, KeyUse::Signing, payload_b64)
        .await
        .map_err(|e| crate::pages::sign_in::sign_error(e, lang.get_untracked()))
}

/// Shows the bytes to sign, then signs them with the chosen key and sends the signature.
#[component]
pub fn SignStep(
    prepare_url: String,
    #[prop(optional)] prepare_with_post: bool,
    submit_url: String,
    prepare_label: Key,
    sign_label: Key,
    #[prop(into)] input_id: String,
    error: RwSignal<Option<ApiError>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let to_sign = RwSignal::new(None::<SigningPayloadResponse>);
    let busy = RwSignal::new(false);
    let picker = KeyPickerState::new();
    let prepare_url = StoredValue::new(prepare_url);
    let submit_url = StoredValue::new(submit_url);
    let input_id = StoredValue::new(input_id);

    let prepare = move |_| {
        error.set(None);
        let url = prepare_url.get_value();
        leptos::task::spawn_local(async move {
            let result = if prepare_with_post {
                api::post::<_, SigningPayloadResponse>(&url, &()).await
            } else {
                api::get::<SigningPayloadResponse>(&url).await
            };
            match result {
                Ok(p) => to_sign.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let sign = move |_: ()| {
        if busy.get_untracked() {
            return;
        }
        let Some(payload) = to_sign.get_untracked() else {
            return;
        };
        busy.set(true);
        error.set(None);
        let url = submit_url.get_value();
        leptos::task::spawn_local(async move {
            let result = async {
                let signature = sign_payload(&picker, &payload.payload_b64, lang).await?;
                api::post::<_, serde_json::Value>(&url, &signature).await
            }
            .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    to_sign.set(None);
                    // The page may have been left meanwhile: then there is nobody to tell.
                    on_done.try_run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let tr = move |k| t(lang.get(), k);
    view! {
        <button type="button" on:click=prepare>{move || tr(prepare_label)}</button>
        {move || to_sign.get().map(|p| view! {
            <SignForm readable=p.readable label=prepare_label picker=picker input_id=input_id.get_value()
                sign_label=sign_label busy=busy on_sign=Callback::new(sign)/>
        })}
    }
}

/// The one signing form of every screen: the document as it will be signed, the key choice,
/// the sign button (busy while the signer works) and, where the document can be set aside,
/// Cancel.
#[component]
pub fn SignForm(
    readable: String,
    /// Names the document for screen readers.
    label: Key,
    picker: KeyPickerState,
    #[prop(into)] input_id: String,
    sign_label: Key,
    busy: RwSignal<bool>,
    on_sign: Callback<()>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let lang = use_lang();
    let tr = move |k| t(lang.get(), k);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_sign.run(());
    };
    view! {
        <pre class="to-sign" tabindex="0" aria-label=move || tr(label)>{readable}</pre>
        <form on:submit=submit>
            <KeyPicker state=picker id=input_id hint=Key::SignKeyHint/>
            <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                {move || if busy.get() { tr(Key::PreparingSigner) } else { tr(sign_label) }}
            </button>
            {on_cancel.map(|cancel| view! {
                " "
                <button type="button" on:click=move |_| cancel.run(())>{move || tr(Key::Cancel)}</button>
            })}
        </form>
    }
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
