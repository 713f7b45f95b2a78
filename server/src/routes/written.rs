//! The public register's answers written as HTML (`domain::markup`) in the language asked
//! (`?lang=`, else the request's), for the licence check's module: a licence's check, a page
//! of the register's search, the attestation lists. The same checks and limits as the JSON
//! answers they are written from (`public`, `sessions`), which stay the API's; the module
//! only puts the pieces in place, so it carries neither their decoders nor the markup and its
//! words (the check's first load, `tools/bench.py size`).

use super::public::{licence_check, register_page};
use super::{Path, Query};
use crate::client_address::ClientAddress;
use crate::error::{request_lang, AppResult};
use crate::prerender::{local_time, written_check};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::get;
use axum::{Json, Router};
use domain::api::Written;
use domain::markup;
use domain::Lang;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/public/written/licences", get(search))
        .route("/api/public/written/licences/{number}", get(check))
        .route("/api/public/written/attestation-lists", get(lists))
}

#[derive(Debug, Deserialize)]
struct LangQuery {
    #[serde(default)]
    lang: Option<String>,
}

/// The language asked: `?lang=` when it names one of the portal's, else the request's.
fn lang(asked: Option<&str>, headers: &HeaderMap) -> Lang {
    asked
        .and_then(Lang::parse)
        .unwrap_or_else(|| request_lang(headers))
}

/// A licence's check as the check page shows it: what goes in its `section.check-result`, and
/// its status now for a QR code's check.
async fn check(
    State(state): State<AppState>,
    client: ClientAddress,
    headers: HeaderMap,
    Path(number): Path<String>,
    Query(asked): Query<LangQuery>,
) -> AppResult<Json<Written>> {
    let found = licence_check(&state, &client, &number).await?;
    Ok(Json(written_check(
        lang(asked.lang.as_deref(), &headers),
        &found,
    )))
}

#[derive(Debug, Deserialize)]
struct SearchLangQuery {
    q: String,
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

/// A page of the register's search: the items of its `ul.register` (none when nothing is
/// found) and where the next page starts.
async fn search(
    State(state): State<AppState>,
    client: ClientAddress,
    headers: HeaderMap,
    Query(asked): Query<SearchLangQuery>,
) -> AppResult<Json<Written>> {
    let l = lang(asked.lang.as_deref(), &headers);
    let page = register_page(&state, &client, &asked.q, asked.after.as_deref()).await?;
    Ok(Json(Written {
        html: markup::register_entries(l, &page.entries).into_string(),
        next: page.next,
        now: None,
    }))
}

/// The attestation lists, a section each.
async fn lists(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(asked): Query<LangQuery>,
) -> AppResult<Json<Written>> {
    let l = lang(asked.lang.as_deref(), &headers);
    let lists = super::sessions::published(&state).await?;
    Ok(Json(Written {
        html: markup::published_lists(l, &lists, &|at| local_time(at, l)).into_string(),
        next: None,
        now: None,
    }))
}
