//! The state registries' stand-in, over HTTP with the protocol the adapter speaks: the person
//! registry (GBD FL) by IIN, the special records (criminal records) and the pre-trial
//! investigations register (ERDR) by IIN. Its records are the sandbox's fictional people; one
//! of them has a conviction and one an open investigation. An outage switch makes every
//! registry answer 503, to see a case wait and be retried.

use super::people;
use super::state::Shared;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::sync::atomic::Ordering;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PersonRecord {
    pub iin: String,
    pub full_name: String,
    pub birth_date: String,
}

/// A registry's answer about a person's records: empty when clean.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Findings {
    pub iin: String,
    pub records: Vec<String>,
}

/// A notarised power of attorney as the notary registry holds it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PowerOfAttorney {
    pub number: String,
    pub principal_iin: String,
    pub agent_iin: String,
    /// `YYYY-MM-DD`.
    pub valid_until: String,
}

/// The notary registry's powers of attorney: the first demo applicant authorises the second.
pub fn powers_of_attorney() -> Vec<PowerOfAttorney> {
    let applicants: Vec<_> = people::people()
        .into_iter()
        .filter(|p| p.role == people::DemoRole::Applicant && p.company.is_none())
        .collect();
    vec![PowerOfAttorney {
        number: "2026-0001-НТ".into(),
        principal_iin: applicants[0].iin.to_string(),
        agent_iin: applicants[1].iin.to_string(),
        valid_until: "2027-12-31".into(),
    }]
}

async fn power_of_attorney(State(state): State<Shared>, Path(number): Path<String>) -> Response {
    if let Some(r) = down(&state) {
        return r;
    }
    match powers_of_attorney()
        .into_iter()
        .find(|p| p.number == number)
    {
        Some(p) => Json(p).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutageRequest {
    pub on: bool,
}

pub fn router() -> Router<Shared> {
    Router::new()
        .route("/sandbox/registries/companies/{bin}", get(company))
        .route("/sandbox/registries/persons/{iin}", get(person))
        .route(
            "/sandbox/registries/special-records/{iin}",
            get(special_records),
        )
        .route("/sandbox/registries/pre-trial/{iin}", get(pre_trial))
        .route(
            "/sandbox/registries/powers-of-attorney/{number}",
            get(power_of_attorney),
        )
        .route("/sandbox/registries/outage", post(outage))
}

/// 503 while the practice switch says the registries are down.
fn down(state: &Shared) -> Option<Response> {
    state
        .registries_down
        .load(Ordering::SeqCst)
        .then(|| StatusCode::SERVICE_UNAVAILABLE.into_response())
}

async fn person(State(state): State<Shared>, Path(iin): Path<String>) -> Response {
    if let Some(r) = down(&state) {
        return r;
    }
    match people::people().into_iter().find(|p| p.iin.as_str() == iin) {
        Some(p) => Json(PersonRecord {
            iin,
            full_name: p.full_name(),
            birth_date: p.iin.birth_date().to_string(),
        })
        .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The legal-entity registry's record of a company.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CompanyRecord {
    pub bin: String,
    pub name: String,
}

async fn company(State(state): State<Shared>, Path(bin): Path<String>) -> Response {
    if let Some(r) = down(&state) {
        return r;
    }
    let known = [
        people::survey_company(),
        people::ministry_of_justice(),
        people::construction_committee(),
    ];
    match known.into_iter().find(|c| c.bin.as_str() == bin) {
        Some(c) => Json(CompanyRecord {
            bin,
            name: c.name.to_owned(),
        })
        .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn special_records(State(state): State<Shared>, Path(iin): Path<String>) -> Response {
    findings(&state, iin, |p| p.convictions)
}

async fn pre_trial(State(state): State<Shared>, Path(iin): Path<String>) -> Response {
    findings(&state, iin, |p| p.investigations)
}

fn findings(
    state: &Shared,
    iin: String,
    of: impl Fn(&people::DemoPerson) -> &'static [&'static str],
) -> Response {
    if let Some(r) = down(state) {
        return r;
    }
    let records = people::people()
        .iter()
        .find(|p| p.iin.as_str() == iin)
        .map(|p| of(p).iter().map(|s| (*s).to_owned()).collect())
        .unwrap_or_default();
    Json(Findings { iin, records }).into_response()
}

async fn outage(State(state): State<Shared>, Json(req): Json<OutageRequest>) -> StatusCode {
    state.registries_down.store(req.on, Ordering::SeqCst);
    StatusCode::NO_CONTENT
}
