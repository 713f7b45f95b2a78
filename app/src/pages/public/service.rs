//! A service's passport: provider, channels, fee, term, documents, legal basis, result and
//! refusal grounds, in the chosen language.

use crate::client;
use crate::components::{AppLink, ErrorText, Loading};
use crate::context::{use_lang, use_session, Session};
use crate::i18n::{t, Key};
use crate::pages::fee_text;
use domain::api::PassportResponse;
use domain::catalogue::{ApplicantType, Document};
use domain::paths::page;
use domain::Lang;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ServicePage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let params = use_params_map();
    let query = use_query_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let version = move || {
        query
            .read()
            .get("version")
            .and_then(|v| v.parse::<u32>().ok())
    };
    let service = crate::components::layout::fetched(
        move || (code(), version()),
        |(code, version)| async move { client::passport(&code, version).await },
    );
    // The server wrote the passport into the page (`server::prerender`); it stands until this
    // one is drawn (or has failed to load), then goes.
    Effect::new(move |_| {
        if service.get().is_some() {
            crate::components::layout::drop_prerender();
        }
    });
    crate::components::layout::page_title(move |l| match service.get() {
        Some(Ok(r)) => r.definition.name.get(l).to_owned(),
        _ => t(l, Key::ServicesTitle).to_owned(),
    });
    // Whose documents to list: every applicant's, or one type's.
    let applicant = RwSignal::new(None::<ApplicantType>);
    // The passport is drawn whole in one language and drawn again when the language changes:
    // its texts are plain text, not a reactive closure each (each closure is its own copy of
    // the view code in the module). Only the documents follow the applicant type, and the
    // button whether someone is signed in.
    view! {
        {move || match service.get() {
            None => EitherOf3::A(view! { <Loading/> }),
            Some(Err(e)) => EitherOf3::B(view! { <ErrorText error=e/> }),
            Some(Ok(r)) => EitherOf3::C(passport(r, lang.get(), applicant, session)),
        }}
    }
}

fn passport(
    r: PassportResponse,
    l: Lang,
    applicant: RwSignal<Option<ApplicantType>>,
    session: Session,
) -> impl IntoView {
    let tr = move |k| t(l, k);
    let d = r.definition;
    let superseded = r.versions.first().is_some_and(|v| v.version != d.version);
    // Applying to a historic version names it; the current one needs no name.
    let apply_version = superseded.then_some(d.version);
    let versions = r
        .versions
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let href = page::service(&d.code, (i != 0).then_some(v.version));
            let mut label = format!(
                "{} · {} {}",
                v.version,
                tr(Key::InForceFrom),
                v.in_force.from
            );
            if let Some(u) = &v.in_force.until {
                label.push_str(&format!(" {} {u}", tr(Key::InForceUntil)));
            }
            if i == 0 {
                label.push_str(&format!(" ({})", tr(Key::CurrentVersion)));
            }
            if v.version == d.version {
                Either::Left(view! { <li aria-current="page"><strong>{label}</strong></li> })
            } else {
                // A plain link: the router's <A> marks every link to this path as the current
                // page, whatever its version.
                Either::Right(view! { <li><a href=href>{label}</a></li> })
            }
        })
        .collect_view();
    let chosen = applicant.get_untracked();
    let types = d
        .applicant_types
        .iter()
        .map(|a| {
            let value = format!("{a:?}");
            view! { <option value=value selected=chosen == Some(*a)>{a.label().get(l).to_owned()}</option> }
        })
        .collect_view();
    let variants = d
        .variants
        .iter()
        .map(|v| {
            let apply_href = page::apply(&d.code, &v.code, apply_version);
            let sign_in_href =
                page::sign_in_then(&String::from(js_sys::encode_uri_component(&apply_href)));
            let psc = (!v.psc_documents.is_empty()).then(|| {
                view! {
                    <h3>{tr(Key::PscDocuments)}</h3>
                    {documents(v.psc_documents.clone(), l, applicant)}
                }
            });
            view! {
                <section class="variant" aria-labelledby=format!("v-{}", v.code)>
                    <h2 id=format!("v-{}", v.code)>{v.name.get(l).to_owned()}</h2>
                    <dl class="passport">
                        <dt>{tr(Key::Fee)}</dt>
                        <dd>{fee_text(v.fee_mci, r.year, l)}</dd>
                        <dt>{tr(Key::Term)}</dt>
                        <dd>{crate::plural::working_days(l, v.term_working_days)}
                            <br/><small>{v.term_basis.get(l).to_owned()}</small></dd>
                    </dl>
                    <h3>{tr(Key::Documents)}</h3>
                    {documents(v.documents.clone(), l, applicant)}
                    {psc}
                    {move || {
                        let href = if session.me.get().is_some() { apply_href.clone() } else { sign_in_href.clone() };
                        view! { <AppLink href=href class="button primary">{tr(Key::SubmitApplication)}</AppLink> }
                    }}
                </section>
            }
        })
        .collect_view();
    let texts = |list: &[domain::Text]| {
        list.iter()
            .map(|b| view! { <li>{b.get(l).to_owned()}</li> })
            .collect_view()
    };
    view! {
        <h1>{d.name.get(l).to_owned()}</h1>
        {superseded.then(|| view! {
            <div class="notice" role="note">
                <p>{tr(Key::SupersededNotice)}</p>
                <A href=page::service(&d.code, None)>{tr(Key::GoToCurrent)}</A>
            </div>
        })}
        <dl class="passport">
            <dt>{tr(Key::Provider)}</dt>
            <dd>{d.provider.name.get(l).to_owned()}</dd>
            <dt>{tr(Key::Channels)}</dt>
            <dd>{d.channels.iter().map(|c| c.label().get(l).to_owned()).collect::<Vec<_>>().join("; ")}</dd>
            <dt>{tr(Key::Delivery)}</dt>
            <dd>{d.delivery.get(l).to_owned()}</dd>
            <dt>{tr(Key::Result)}</dt>
            <dd>{d.result.get(l).to_owned()}</dd>
            <dt>{tr(Key::Version)}</dt>
            <dd><ul class="versions">{versions}</ul></dd>
        </dl>
        <label for="applicant-type">{tr(Key::ApplicantType)}</label>
        <select id="applicant-type" on:change=move |ev| {
            let v = event_target_value(&ev);
            applicant.set(ApplicantType::ALL.into_iter().find(|a| format!("{a:?}") == v));
        }>
            <option value="" selected=chosen.is_none()>{tr(Key::AnyApplicant)}</option>
            {types}
        </select>
        {variants}
        <h2>{tr(Key::LegalBasis)}</h2>
        <ul>{texts(&d.legal_basis)}</ul>
        <h2>{tr(Key::RefusalGrounds)}</h2>
        <ul>{texts(&d.refusal_grounds)}</ul>
    }
}

/// A variant's documents, those of the chosen applicant type (all when none is chosen).
fn documents(
    docs: Vec<Document>,
    l: Lang,
    applicant: RwSignal<Option<ApplicantType>>,
) -> impl IntoView {
    view! {
        <ul>
            {move || {
                let chosen = applicant.get();
                docs.iter()
                    .filter(|doc| doc.applies_to(chosen))
                    .map(|doc| view! { <li>{doc.text.get(l).to_owned()}</li> })
                    .collect_view()
            }}
        </ul>
    }
}
