//! The key-file signer, run as a Web Worker (Trunk `data-type="worker"`).
//!
//! The page posts a JSON request; the worker answers with JSON. Requests:
//! - `{"op":"open","file":<base64 PKCS#12>,"password":…}` → the certificate's facts, so the
//!   page can check before signing that the key fits (preflight);
//! - `{"op":"sign","file":…,"password":…,"data":<base64>,"time":<unix seconds>}` → the detached
//!   CMS signature (base64) and the facts.
//!
//! Nothing is kept between requests; the key is wiped when the request ends. The worker makes
//! no network request: the page alone sends the signature.

use base64::Engine;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum Request {
    Open {
        file: String,
        password: String,
    },
    Sign {
        file: String,
        password: String,
        data: String,
        time: Option<u64>,
    },
}

#[derive(Debug, Serialize)]
struct Reply {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    facts: Option<eds::CertificateFacts>,
    /// The holder's certificate and the file's other certificates, base64 DER.
    #[serde(skip_serializing_if = "Option::is_none")]
    certificate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chain: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cms: Option<String>,
    /// `not_pkcs12`, `wrong_password`, `unsupported`, `incomplete`, `bad_request`.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'static str>,
}

fn failure(code: &'static str) -> Reply {
    Reply {
        ok: false,
        facts: None,
        certificate: None,
        chain: None,
        cms: None,
        error: Some(code),
    }
}

fn key_error(e: eds::KeyFileError) -> Reply {
    failure(match e {
        eds::KeyFileError::NotPkcs12 => "not_pkcs12",
        eds::KeyFileError::WrongPassword => "wrong_password",
        eds::KeyFileError::Unsupported => "unsupported",
        eds::KeyFileError::Incomplete => "incomplete",
    })
}

/// Answers one request (pure: testable natively).
pub fn handle(request: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let reply = match serde_json::from_str::<Request>(request) {
        Err(_) => failure("bad_request"),
        Ok(Request::Open { file, password }) => match b64.decode(file) {
            Err(_) => failure("not_pkcs12"),
            Ok(bytes) => match eds::keyfile::open(&bytes, &password) {
                Err(e) => key_error(e),
                Ok(key) => Reply {
                    ok: true,
                    facts: eds::certificate_facts(&key.certificate).ok(),
                    certificate: Some(b64.encode(&key.certificate)),
                    chain: Some(key.chain.iter().map(|c| b64.encode(c)).collect()),
                    cms: None,
                    error: None,
                },
            },
        },
        Ok(Request::Sign {
            file,
            password,
            data,
            time,
        }) => match (b64.decode(file), b64.decode(data)) {
            (Err(_), _) => failure("not_pkcs12"),
            (_, Err(_)) => failure("bad_request"),
            (Ok(bytes), Ok(data)) => match eds::keyfile::open(&bytes, &password) {
                Err(e) => key_error(e),
                Ok(key) => match eds::cms::sign_detached(&key, &data, time) {
                    Err(_) => failure("unsupported"),
                    Ok(cms) => Reply {
                        ok: true,
                        facts: eds::certificate_facts(&key.certificate).ok(),
                        certificate: None,
                        chain: None,
                        cms: Some(b64.encode(cms)),
                        error: None,
                    },
                },
            },
        },
    };
    serde_json::to_string(&reply).unwrap_or_default()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let request = event.data().as_string().unwrap_or_default();
            let _ = reply_to.post_message(&JsValue::from_str(&handle(&request)));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Tell the page the worker is ready to take requests.
    let _ = scope.post_message(&JsValue::from_str("{\"ready\":true}"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // The signer runs only in the browser; natively it is a library for its tests.
    let mut line = String::new();
    if std::io::stdin().read_line(&mut line).is_ok() && !line.trim().is_empty() {
        println!("{}", handle(line.trim()));
    }
}

#[cfg(test)]
mod tests {
    use super::handle;
    use base64::Engine;

    fn key_file(password: &str) -> String {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(
            rcgen::DnType::CustomDnType(vec![2, 5, 4, 5]),
            "IIN900514450123",
        );
        params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::EmailProtection];
        let cert = params.self_signed(&key).unwrap();
        let salts = eds::keyfile::SealSalts {
            key_salt: [7; 16],
            key_iv: [8; 16],
            mac_salt: [9; 16],
        };
        let file = eds::keyfile::seal(
            &key.serialize_der(),
            &[cert.der().to_vec()],
            password,
            salts,
            1000,
        )
        .unwrap();
        base64::engine::general_purpose::STANDARD.encode(file)
    }

    #[test]
    fn the_worker_opens_signs_and_tells_a_wrong_password() {
        let file = key_file("Qwerty12");
        let opened: serde_json::Value = serde_json::from_str(&handle(
            &serde_json::json!({"op": "open", "file": file, "password": "Qwerty12"}).to_string(),
        ))
        .unwrap();
        assert_eq!(opened["ok"], true);
        assert_eq!(opened["facts"]["iin"], "900514450123");
        assert!(opened["certificate"].is_string());

        let wrong: serde_json::Value = serde_json::from_str(&handle(
            &serde_json::json!({"op": "sign", "file": file, "password": "qwerty12", "data": "AA=="})
                .to_string(),
        ))
        .unwrap();
        assert_eq!(wrong["error"], "wrong_password");

        let data = b"canonical request bytes";
        let signed: serde_json::Value = serde_json::from_str(&handle(
            &serde_json::json!({
                "op": "sign", "file": file, "password": "Qwerty12",
                "data": base64::engine::general_purpose::STANDARD.encode(data), "time": 1_795_000_000u64,
            })
            .to_string(),
        ))
        .unwrap();
        let cms = base64::engine::general_purpose::STANDARD
            .decode(signed["cms"].as_str().unwrap())
            .unwrap();
        assert!(eds::cms::parse_detached(&cms).unwrap().covers(data));

        let garbage: serde_json::Value =
            serde_json::from_str(&handle(r#"{"op":"open","file":"aGVsbG8=","password":"x"}"#))
                .unwrap();
        assert_eq!(garbage["error"], "not_pkcs12");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&handle("nonsense")).unwrap()["error"],
            "bad_request"
        );
    }
}
