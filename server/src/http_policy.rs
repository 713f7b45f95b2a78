//! What every answer says about itself to the browser: the security headers (a strict content
//! security policy the WebAssembly app runs under, nosniff, no framing, the referrer and
//! permissions policies, HSTS over https) and how long it may be kept (a year for the hashed
//! assets, revalidated for the pages, never stored for the API's personal data).

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use tower_http::set_header::SetResponseHeaderLayer;

/// The header requests and answers carry their id in.
pub const REQUEST_ID: &str = "x-request-id";

/// The request's id, as the request-id layer set it.
pub fn request_id(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The content security policy: scripts only from the portal itself (and the app's inline
/// start-up script, by its hash: Trunk writes it into the pages), WebAssembly compiled from
/// them, nothing framed, nothing framing the portal. Styles may be inline (Leptos sets none,
/// but the browser's own form controls may).
pub fn content_security_policy(dist: &Path, ncalayer_url: &str) -> String {
    let mut script = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    for page in [
        dist.join("index.html"),
        dist.join("staff").join("index.html"),
        dist.join("public").join("index.html"),
        dist.join("licence-check").join("index.html"),
    ] {
        if let Ok(html) = std::fs::read_to_string(&page) {
            for body in inline_scripts(&html) {
                let hash = base64::engine::general_purpose::STANDARD
                    .encode(Sha256::digest(body.as_bytes()));
                script.push(format!("'sha256-{hash}'"));
            }
        }
    }
    // NCALayer runs on the user's computer: the browser talks to it over its WebSocket.
    let ncalayer = origin_of(ncalayer_url).unwrap_or_default();
    format!(
        "default-src 'self'; script-src {}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
         font-src 'self'; connect-src 'self' {ncalayer}; worker-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        script.join(" ")
    )
}

/// The bodies of a page's inline `<script>` elements.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_start = &after[open_end + 1..];
        let Some(close) = body_start.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            out.push(&body_start[..close]);
        }
        rest = &body_start[close..];
    }
    out
}

/// `scheme://host:port` of a URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?;
    Some(format!("{scheme}://{host}"))
}

/// The headers every answer carries (an answer that sets its own keeps it: an attachment's
/// stricter policy).
pub fn security_headers(
    csp: &str,
    https: bool,
) -> anyhow::Result<Vec<SetResponseHeaderLayer<HeaderValue>>> {
    let mut headers = vec![
        (header::CONTENT_SECURITY_POLICY, csp.to_owned()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        (header::X_FRAME_OPTIONS, "DENY".to_owned()),
        (
            header::REFERRER_POLICY,
            "strict-origin-when-cross-origin".to_owned(),
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
                .to_owned(),
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin".to_owned(),
        ),
    ];
    if https {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains".to_owned(),
        ));
    }
    headers
        .into_iter()
        .map(|(name, value)| {
            Ok(SetResponseHeaderLayer::if_not_present(
                name,
                HeaderValue::from_str(&value)?,
            ))
        })
        .collect()
}

/// A file whose name carries its content's hash (Trunk's `app-<hash>.js`, `…_bg.wasm`,
/// `main-<hash>.css`, `snippets/app-<hash>/…`): it never changes, so it is kept a year.
/// Trunk writes the 64-bit hash in hex without leading zeros (`{:x}`), so one name in 16
/// has 15 digits, one in 256 has 14: 8 to 16 digits count.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hashed = |s: &str| {
        s.rsplit_once('-').is_some_and(|(_, h)| {
            (8..=16).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit())
        })
    };
    hashed(stem)
        || path
            .split('/')
            .skip_while(|s| *s != "snippets")
            .nth(1)
            .is_some_and(hashed)
}

/// The API answers that hold nothing personal and may be kept (revalidated): the catalogue,
/// the forms, the portal's configuration.
fn public_api(path: &str) -> bool {
    path == "/api/config"
        || path == "/api/services"
        || path.starts_with("/api/services/")
        || path.starts_with("/api/forms/")
}

/// Sets how long an answer may be kept, by what it is.
pub async fn cache_policy(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if response.headers().contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let value = if path.starts_with("/api/") || path == "/api" {
        if public_api(&path) && response.status().is_success() {
            "no-cache"
        } else {
            // Personal data (and errors about it) is never kept by the browser or a proxy.
            "no-store"
        }
    } else if is_hashed_asset(&path) && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        // Pages and unhashed files: kept, but asked again each time (a 304 when unchanged).
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_told_apart_from_pages_and_unhashed_files() {
        for p in [
            "/app-b74d7d58a1a9761e.js",
            "/app-b74d7d58a1a9761e_bg.wasm",
            "/main-13d819941f7a34a1.css",
            "/staff/staff-4c6887043584e49e.js",
            "/public/public-5d1e0b3c2a4f6789_bg.wasm",
            "/public/public-f73c50e29055927.js",
            "/public/public-f73c50e29055927_bg.wasm",
            "/snippets/app-0cd1cead3f0174fd/inline0.js",
        ] {
            assert!(is_hashed_asset(p), "{p}");
        }
        for p in [
            "/",
            "/index.html",
            "/favicon.svg",
            "/signer.js",
            "/signer_bg.wasm",
            "/signer_loader.js",
            "/signer-client.js",
            "/check/26000001",
            "/services/FOR-LIC",
        ] {
            assert!(!is_hashed_asset(p), "{p}");
        }
    }

    #[test]
    fn the_pages_inline_start_up_script_is_allowed_by_its_hash_and_nothing_else_inline() {
        let html = "<html><head><script type=\"module\">\nimport init from '/app.js';\n</script>\
                    <script src=\"/x.js\"></script></head></html>";
        assert_eq!(
            inline_scripts(html),
            vec!["\nimport init from '/app.js';\n"]
        );
        let dir = std::env::temp_dir().join(format!("csp-{}", crate::db::new_id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), html).unwrap();
        let csp = content_security_policy(&dir, "wss://127.0.0.1:13579/");
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        assert!(!csp
            .split(';')
            .any(|d| d.trim().starts_with("script-src") && d.contains("unsafe-inline")));
        assert!(csp.contains("connect-src 'self' wss://127.0.0.1:13579;"));
        assert!(csp.contains("frame-ancestors 'none'"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
