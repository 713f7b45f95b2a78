//! A service's passport: provider, channels, fee, term, documents, legal basis, result and
//! refusal grounds, in the chosen language.

use crate::client;
use crate::components::{ErrorText, Loading};
use crate::context::{use_lang, use_session};
use crate::i18n::{t, Key};
use crate::pages::fee_text;
use domain::catalogue::ApplicantType;
use domain::paths::page;
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
    let service = LocalResource::new(move || {
        let code = code();
        let version = version();
        async move { client::service(&code, version).await }
    });
    crate::components::layout::page_title(move |l| match service.get() {
        Some(Ok(r)) => r.definition.name.get(l).to_owned(),
        _ => t(l, Key::ServicesTitle).to_owned(),
    });
    let tr = move |k| t(lang.get(), k);
    // Whose documents to list: every applicant's, or one type's.
    let applicant = RwSignal::new(None::<ApplicantType>);
    view! {
        {move || match service.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(r)) => {
                let r = StoredValue::new(r);
                let d = move || r.get_value().definition;
                let superseded = move || {
                    r.get_value().versions.first().is_some_and(|v| v.version != d().version)
                };
                // Applying to a historic version names it; the current one needs no name.
                let apply_version = move || superseded().then(|| d().version);
                view! {
                    <h1>{move || d().name.get(lang.get()).to_owned()}</h1>
                    {move || superseded().then(|| view! {
                        <div class="notice" role="note">
                            <p>{move || t(lang.get(), Key::SupersededNotice)}</p>
                            <A href=page::service(&d().code, None)>{move || tr(Key::GoToCurrent)}</A>
                        </div>
                    })}
                    <dl class="passport">
                        <dt>{move || tr(Key::Provider)}</dt>
                        <dd>{move || d().provider.name.get(lang.get()).to_owned()}</dd>
                        <dt>{move || tr(Key::Channels)}</dt>
                        <dd>{move || d().channels.iter().map(|c| c.label().get(lang.get()).to_owned()).collect::<Vec<_>>().join("; ")}</dd>
                        <dt>{move || tr(Key::Delivery)}</dt>
                        <dd>{move || d().delivery.get(lang.get()).to_owned()}</dd>
                        <dt>{move || tr(Key::Result)}</dt>
                        <dd>{move || d().result.get(lang.get()).to_owned()}</dd>
                        <dt>{move || tr(Key::Version)}</dt>
                        <dd>
                            <ul class="versions">
                                {move || r.get_value().versions.into_iter().enumerate().map(|(i, v)| {
                                    let href = page::service(&d().code, (i != 0).then_some(v.version));
                                    let this = v.version == d().version;
                                    let label = {
                                        let v = v.clone();
                                        move || {
                                            let mut s = format!("{} · {} {}", v.version, tr(Key::InForceFrom), v.in_force.from);
                                            if let Some(u) = &v.in_force.until {
                                                s.push_str(&format!(" {} {u}", tr(Key::InForceUntil)));
                                            }
                                            if i == 0 {
                                                s.push_str(&format!(" ({})", tr(Key::CurrentVersion)));
                                            }
                                            s
                                        }
                                    };
                                    if this {
                                        view! { <li aria-current="page"><strong>{label}</strong></li> }.into_any()
                                    } else {
                                        // A plain link: the router's <A> marks every link to this
                                        // path as the current page, whatever its version.
                                        view! { <li><a href=href>{label}</a></li> }.into_any()
                                    }
                                }).collect_view()}
                            </ul>
                        </dd>
                    </dl>
                    <label for="applicant-type">{move || tr(Key::ApplicantType)}</label>
                    <select id="applicant-type" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        applicant.set(ApplicantType::ALL.into_iter().find(|a| format!("{a:?}") == v));
                    }>
                        <option value="">{move || tr(Key::AnyApplicant)}</option>
                        {move || d().applicant_types.into_iter().map(|a| view! {
                            <option value=format!("{a:?}")>{move || a.label().get(lang.get()).to_owned()}</option>
                        }).collect_view()}
                    </select>
                    {move || d().variants.into_iter().map(|v| {
                        let v = StoredValue::new(v);
                        let apply_href = page::apply(&d().code, &v.get_value().code, apply_version());
                        let sign_in_href = page::sign_in_then(&String::from(js_sys::encode_uri_component(&apply_href)));
                        view! {
                            <section class="variant" aria-labelledby=format!("v-{}", v.get_value().code)>
                                <h2 id=format!("v-{}", v.get_value().code)>{move || v.get_value().name.get(lang.get()).to_owned()}</h2>
                                <dl class="passport">
                                    <dt>{move || tr(Key::Fee)}</dt>
                                    <dd>{move || fee_text(v.get_value().fee_mci, r.get_value().year, lang.get())}</dd>
                                    <dt>{move || tr(Key::Term)}</dt>
                                    <dd>{move || crate::plural::working_days(lang.get(), v.get_value().term_working_days)}
                                        <br/><small>{move || v.get_value().term_basis.get(lang.get()).to_owned()}</small></dd>
                                </dl>
                                <h3>{move || tr(Key::Documents)}</h3>
                                <ul>{move || v.get_value().documents.into_iter().filter(|doc| doc.applies_to(applicant.get())).map(|doc| view! { <li>{doc.text.get(lang.get()).to_owned()}</li> }).collect_view()}</ul>
                                {move || (!v.get_value().psc_documents.is_empty()).then(|| view! {
                                    <h3>{move || tr(Key::PscDocuments)}</h3>
                                    <ul>{move || v.get_value().psc_documents.into_iter().filter(|doc| doc.applies_to(applicant.get())).map(|doc| view! { <li>{doc.text.get(lang.get()).to_owned()}</li> }).collect_view()}</ul>
                                })}
                                {move || if session.me.get().is_some() {
                                    view! { <A href=apply_href.clone() attr:class="button primary">{move || tr(Key::SubmitApplication)}</A> }.into_any()
                                } else {
                                    view! { <A href=sign_in_href.clone() attr:class="button primary">{move || tr(Key::SubmitApplication)}</A> }.into_any()
                                }}
                            </section>
                        }
                    }).collect_view()}
                    <h2>{move || tr(Key::LegalBasis)}</h2>
                    <ul>{move || d().legal_basis.into_iter().map(|b| view! { <li>{b.get(lang.get()).to_owned()}</li> }).collect_view()}</ul>
                    <h2>{move || tr(Key::RefusalGrounds)}</h2>
                    <ul>{move || d().refusal_grounds.into_iter().map(|b| view! { <li>{b.get(lang.get()).to_owned()}</li> }).collect_view()}</ul>
                }.into_any()
            }
        }}
    }
}
