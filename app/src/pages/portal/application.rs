//! One application in the cabinet: check answers, pay, sign, then follow the status and
//! download the result.

use crate::client::{self, Signing};
use crate::components::{
    AccessLog, Answers, AppLink, CaseSummary, Deliveries, ErrorBox, ErrorText, History, Loading,
    ResultDocuments, SignStep, TimelineView,
};
use crate::context::use_lang;
use crate::i18n::{t, tx, Key};
use domain::api::PaymentStatus;
use domain::case::CaseStatus;
use domain::paths::page;
use domain::ApiError;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let lang = use_lang();
    crate::components::layout::page_title(|l| crate::i18n::t(l, Key::MyApplications).to_owned());
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let reload = RwSignal::new(0u32);
    let application = LocalResource::new(move || {
        let id = id();
        reload.track();
        async move { client::application(&id).await }
    });
    let service = crate::pages::service_of(move || {
        application
            .get()
            .and_then(|r| r.ok())
            .map(|r| r.case.service_code)
    });
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    // Back from the gateway: the callback normally arrives first; if not, look again shortly.
    let polls = RwSignal::new(0u32);
    Effect::new(move |_| {
        let returned = query.read().get("payment").as_deref() == Some("return");
        let waiting = application
            .get()
            .and_then(|a| a.ok())
            .is_some_and(|a| a.case.status == CaseStatus::AwaitingPayment);
        if returned && waiting && polls.get_untracked() < 30 {
            polls.update(|p| *p += 1);
            leptos::task::spawn_local(async move {
                sleep_ms(1000).await;
                reload.update(|r| *r += 1);
            });
        }
    });

    let pay = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let id = id();
        leptos::task::spawn_local(async move {
            match client::start_payment(&id).await {
                Ok(r) => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_href(&r.redirect_url);
                    }
                }
                Err(e) => {
                    error.set(Some(e));
                    busy.set(false);
                }
            }
        });
    };

    // Repair after a refusal: the answers and the files still acceptable become a new draft.
    let navigate = leptos_router::hooks::use_navigate();
    let apply_again = move |navigate: std::rc::Rc<dyn Fn(&str)>| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let id = id();
        leptos::task::spawn_local(async move {
            match client::repair(&id).await {
                Ok(d) => navigate(&page::repair(&d.service_code, &d.variant, &id)),
                Err(e) => {
                    error.try_set(Some(e));
                    busy.try_set(false);
                }
            }
        });
    };

    let tr = move |k| t(lang.get(), k);
    view! {
        {move || match application.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorText error=e/> }.into_any(),
            Some(Ok(a)) => {
                let status = a.case.status;
                let a = StoredValue::new(a);
                view! {
                    <h1>{move || a.get_value().case.service_name.get(lang.get()).to_owned()}</h1>
                    <ErrorBox error=error/>
                    {(status == CaseStatus::Submitted).then(|| view! {
                        <div class="accepted" role="status">
                            <h2>{tx(Key::Accepted)}</h2>
                            <p>{tx(Key::AcceptedDetail)}</p>
                            <p>{move || format!("{}: {}", tr(Key::Number), a.get_value().case.number.unwrap_or_default())}</p>
                            <p>{move || format!("{}: {}", tr(Key::ExpectedResult), a.get_value().case.expected_result_date.unwrap_or_default())}</p>
                        </div>
                    })}
                    <CaseSummary case=a.get_value().case/>
                    {a.get_value().case.licence_number.filter(|_| status == CaseStatus::Approved).map(|number| view! {
                        <section class="result" aria-labelledby="licence-h">
                            <h2 id="licence-h">{let n = number.clone(); move || format!("{} № {n}", tr(Key::LicenceNumber))}</h2>
                            <p><a class="button primary" href=client::licence_pdf_url(&number) download="">{tx(Key::DownloadLicence)}</a></p>
                            <p><a href=client::licence_signature_url(&number) download="">{tx(Key::DownloadSignature)}</a></p>
                            <p><AppLink href=page::check(&number)>{tx(Key::CheckLicence)}</AppLink>" · "<a href=page::MY_LICENCES>{tx(Key::MyLicences)}</a></p>
                        </section>
                    })}
                    <ResultDocuments documents=a.get_value().case.documents/>
                    {(status == CaseStatus::Refused).then(|| view! {
                        <section class="step" aria-labelledby="again-h">
                            <h2 id="again-h">{tx(Key::ApplyAgainTitle)}</h2>
                            <p>{tx(Key::ApplyAgainHint)}</p>
                            <button type="button" class="primary" on:click={
                                let navigate = navigate.clone();
                                move |_| {
                                    let navigate = navigate.clone();
                                    apply_again(std::rc::Rc::new(move |to: &str| navigate(to, Default::default())))
                                }
                            } disabled=move || busy.get()>{tx(Key::ApplyAgain)}</button>
                        </section>
                    })}
                    {(status == CaseStatus::AwaitingPayment).then(|| view! {
                        <section class="step" aria-labelledby="pay-h">
                            <h2 id="pay-h">{tx(Key::PayFee)}</h2>
                            <p>{move || format!("{}: {}", tr(Key::AmountToPay), domain::money::format_tenge(a.get_value().fee_tenge))}</p>
                            {move || (query.read().get("payment").as_deref() == Some("return")).then(|| view! {
                                <p role="status">{tx(Key::PaymentWaiting)}</p>
                            })}
                            <button type="button" class="primary" on:click=pay disabled=move || busy.get()>{tx(Key::PayFee)}</button>
                        </section>
                    })}
                    {matches!(status, CaseStatus::AwaitingPayment | CaseStatus::Paid).then(|| view! {
                        <section class="step" aria-labelledby="sign-h">
                            <h2 id="sign-h">{tx(Key::SignStep)}</h2>
                            {move || a.get_value().payment.filter(|p| p.status == PaymentStatus::Paid).map(|p| view! {
                                <p class="ok">{tx(Key::PaymentPaid)}" · "{p.reference.clone()}</p>
                            })}
                            <SignStep
                                target=Signing::Request(a.get_value().case.id)
                                prepare_label=Key::ShowWhatISign
                                sign_label=Key::SignAndSubmit
                                input_id="sign-key"
                                error=error
                                on_done=Callback::new(move |_| reload.update(|r| *r += 1))
                            />
                        </section>
                    })}
                    {a.get_value().case.timeline.map(|tl| view! { <TimelineView timeline=tl/> })}
                    <section aria-labelledby="answers-h">
                        <h2 id="answers-h">{tx(Key::YourAnswers)}</h2>
                        {move || {
                            let variant = service.get().flatten().and_then(|s| s.definition.variant(&a.get_value().case.variant).cloned());
                            view! { <Answers variant=variant values=a.get_value().values attachments=a.get_value().attachments/> }
                        }}
                    </section>
                    <History case=a.get_value().case/>
                    <Deliveries deliveries=a.get_value().deliveries/>
                    <AccessLog entries=a.get_value().access/>
                }.into_any()
            }
        }}
    }
}

/// Waits without blocking the page.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
