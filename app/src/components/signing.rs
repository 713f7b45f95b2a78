//! Signing with an EDS on every screen that signs: the key choice (a key file and its
//! password, or NCALayer), the one signing form, and the whole step from the bytes to sign to
//! the signature sent.

use crate::client::Signing;
use crate::context::use_lang;
use crate::i18n::{t, tx, Key};
use crate::signer::{KeyUse, SignError, SignWith};
use domain::api::SigningPayloadResponse;
use domain::{ApiError, ErrorCode, Lang};
use leptos::prelude::*;

/// A signer's failure as an error in the user's language.
pub fn sign_error(e: SignError, lang: Lang) -> ApiError {
    let key = match e {
        SignError::NoFile => Key::ChooseKeyFile,
        SignError::NoPassword => Key::EnterKeyPassword,
        SignError::NotAKeyFile => Key::NotAKeyFile,
        SignError::WrongPassword => Key::WrongKeyPassword,
        SignError::Unsupported => Key::UnsupportedKeyFile,
        SignError::NcaLayerUnavailable => Key::NcaLayerUnavailable,
        SignError::NcaLayerRefused(_) => Key::NcaLayerRefused,
        SignError::Failed => Key::SigningFailed,
    };
    ApiError {
        request_id: None,
        code: ErrorCode::BadRequest,
        message: t(lang, key).to_owned(),
        fields: vec![],
    }
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
            let config = crate::client::config().await?;
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
            <legend>{tx(Key::SignMethod)}</legend>
            <label class="choice">
                <input type="radio" name=method_name.clone() checked=move || !state.nca_layer.get()
                    on:change=move |_| state.nca_layer.set(false)/>
                {tx(Key::MethodKeyFile)}
            </label>
            <label class="choice">
                <input type="radio" name=method_name.clone() checked=move || state.nca_layer.get()
                    on:change=move |_| state.nca_layer.set(true)/>
                {tx(Key::MethodNcaLayer)}
            </label>
        </fieldset>
        <Show when=move || !state.nca_layer.get() fallback=move || view! { <p class="hint">{tx(Key::NcaLayerHint)}</p> }>
            <label for=id.clone()>{tx(Key::KeyFile)}</label>
            <p class="hint" id=hint_id.clone()>{move || tr(hint)}</p>
            <input id=id.clone() type="file" accept=".p12,.pfx" aria-describedby=hint_id.clone() on:change=on_file/>
            <label for=password_id.clone()>{tx(Key::KeyPassword)}</label>
            <p class="hint" id=password_hint_id.clone()>{tx(Key::KeyPasswordHint)}</p>
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
        .map_err(|e| sign_error(e, lang.get_untracked()))
}

/// Shows the bytes to sign, then signs them with the chosen key and sends the signature.
#[component]
pub fn SignStep(
    /// What is signed: where its bytes come from and where the signature goes.
    target: Signing,
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
    let target = StoredValue::new(target);
    let input_id = StoredValue::new(input_id);

    let prepare = move |_| {
        error.set(None);
        let target = target.get_value();
        leptos::task::spawn_local(async move {
            match target.prepare().await {
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
        let target = target.get_value();
        leptos::task::spawn_local(async move {
            let result = async {
                let signature = sign_payload(&picker, &payload.payload_b64, lang).await?;
                target.submit(&signature).await
            }
            .await;
            // The page may have been left meanwhile: then there is nobody to tell.
            let _ = busy.try_set(false);
            match result {
                Ok(_) => {
                    let _ = to_sign.try_set(None);
                    on_done.try_run(());
                }
                Err(e) => {
                    let _ = error.try_set(Some(e));
                }
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
                <button type="button" on:click=move |_| cancel.run(())>{tx(Key::Cancel)}</button>
            })}
        </form>
    }
}
