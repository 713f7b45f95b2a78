//! A case explained for the 1414 contact centre: the step it is at, who holds it, its
//! deadline, whose move it is, the last e-mail and a suggested answer to read to the caller,
//! all from what the applicant may see (the case's projection and the mail about it).

use super::timing::{kz_offset, parse_time};
use domain::api::{DeliveryChannel, DeliveryState, Explainer, MailDelivery, Timing, Turn};
use domain::case::{CaseStatus, CaseView};
use domain::{Lang, Text};

/// A stored time as the caller hears it: "02.12.2026 18:30", Astana time.
fn spoken(rfc3339: &str) -> String {
    match parse_time(rfc3339) {
        Some(t) => {
            let t = t.to_offset(kz_offset());
            format!(
                "{:02}.{:02}.{} {:02}:{:02}",
                t.day(),
                u8::from(t.month()),
                t.year(),
                t.hour(),
                t.minute()
            )
        }
        None => rfc3339.to_owned(),
    }
}

/// The same sentence in each language.
fn each(f: impl Fn(Lang) -> String) -> Text {
    Text {
        kk: f(Lang::Kk),
        ru: f(Lang::Ru),
        en: f(Lang::En),
    }
}

fn pick<'a>(lang: Lang, kk: &'a str, ru: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

pub fn explain(case: &CaseView, mail: &[MailDelivery]) -> Explainer {
    let turn = match case.status {
        CaseStatus::AwaitingPayment | CaseStatus::Paid => Turn::Applicant,
        CaseStatus::Submitted => Turn::Provider,
        CaseStatus::Approved | CaseStatus::Refused => Turn::Nobody,
    };
    let step = case.timeline.as_ref().and_then(|t| t.current()).cloned();
    let last_mail = mail
        .iter()
        .filter(|m| m.application_id == case.id)
        .max_by(|a, b| a.written_at.cmp(&b.written_at))
        .cloned();
    let next = match (&step, turn) {
        (Some(s), Turn::Provider) => {
            each(|l| format!("{}: {}", s.role.label().get(l), s.name.get(l)))
        }
        _ => case.status.next_action(),
    };
    let number = case.number.clone();
    let service = &case.service_name;
    let answer = each(|l| {
        let mut out = Vec::new();
        let subject = match &number {
            Some(n) => format!(
                "{} № {n} «{}»",
                pick(l, "Сіздің өтінішіңіз", "Ваше заявление", "Your application"),
                service.get(l)
            ),
            None => format!(
                "{} «{}»",
                pick(l, "Сіздің өтінішіңіз", "Ваше заявление", "Your application"),
                service.get(l)
            ),
        };
        match case.status {
            CaseStatus::AwaitingPayment => out.push(format!(
                "{subject} {}",
                pick(
                    l,
                    "сақталған, бірақ лицензиялық алым төленбеген. Жеке кабинетте алымды төлеп, сұрау салуға ЭЦҚ-мен қол қойыңыз: содан кейін өтініш лицензиарға жіберіледі.",
                    "сохранено, но лицензионный сбор не оплачен. Оплатите сбор в личном кабинете и подпишите запрос ЭЦП: после этого заявление поступит лицензиару.",
                    "is saved, but the licence fee is not paid. Pay the fee in your cabinet and sign the request with your EDS: then it goes to the licensing body.",
                )
            )),
            CaseStatus::Paid => out.push(format!(
                "{subject} {}",
                pick(
                    l,
                    "төленген, бірақ әлі қол қойылмаған. Жеке кабинетте сұрау салуға ЭЦҚ-мен қол қойыңыз: содан кейін өтініш лицензиарға жіберіледі.",
                    "оплачено, но ещё не подписано. Подпишите запрос ЭЦП в личном кабинете: после этого заявление поступит лицензиару.",
                    "is paid but not signed yet. Sign the request with your EDS in your cabinet: then it goes to the licensing body.",
                )
            )),
            CaseStatus::Submitted => {
                out.push(format!(
                    "{subject} {}{}.",
                    pick(l, "қабылданды", "принято", "was accepted"),
                    case.submitted_at
                        .as_deref()
                        .map(|t| format!(" {}", spoken(t)))
                        .unwrap_or_default()
                ));
                if let Some(s) = &step {
                    out.push(format!(
                        "{} «{}» — {}, {}.",
                        pick(l, "Қазір қадамда:", "Сейчас на шаге", "It is now at the step"),
                        s.name.get(l),
                        s.role.label().get(l),
                        case.provider_name.get(l)
                    ));
                    if let Some(due) = &s.due_at {
                        out.push(match s.timing {
                            Some(Timing::Overdue) => format!(
                                "{} {}. {}",
                                pick(l, "Бұл қадамның мерзімі", "Срок этого шага истёк", "This step was due by"),
                                spoken(due),
                                pick(
                                    l,
                                    "өтіп кетті. Біз лицензиарға хабарлаймыз.",
                                    "— срок нарушен. Мы сообщим лицензиару.",
                                    "— it is overdue. We will tell the licensing body.",
                                )
                            ),
                            _ => format!(
                                "{} {}.",
                                pick(l, "Қадамның мерзімі:", "Срок шага — до", "The step is due by"),
                                spoken(due)
                            ),
                        });
                    }
                }
                if let Some(at) = case.timeline.as_ref().and_then(|t| t.expected_at.as_deref()) {
                    out.push(format!(
                        "{} {}.",
                        pick(l, "Нәтиже дайын болатын мерзім:", "Результат будет готов до", "The result is expected by"),
                        spoken(at)
                    ));
                }
            }
            CaseStatus::Approved => out.push(format!(
                "{subject}: {}{}",
                pick(l, "лицензия берілді", "лицензия выдана", "the licence was issued"),
                match &case.licence_number {
                    Some(n) => format!(
                        " № {n}. {}",
                        pick(
                            l,
                            "Оны жеке кабинеттен жүктеп алуға және порталда тексеруге болады.",
                            "Её можно скачать в личном кабинете и проверить на портале.",
                            "You can download it in your cabinet and check it on the portal.",
                        )
                    ),
                    None => ".".to_owned(),
                }
            )),
            CaseStatus::Refused => out.push(format!(
                "{subject}: {}{}. {}",
                pick(l, "дәлелді бас тарту берілді", "выдан мотивированный отказ", "a motivated refusal was issued"),
                case.refusal_reason
                    .map(|r| format!(" ({})", r.label().get(l)))
                    .unwrap_or_default(),
                pick(
                    l,
                    "Негіздемесі жеке кабинетте. Кемшіліктерді жойып, өтінішті қайта беруге болады.",
                    "Основания — в личном кабинете. Устранив замечания, можно подать заявление снова.",
                    "The grounds are in your cabinet. Once they are dealt with, you can apply again.",
                )
            )),
        }
        if let Some(m) = &last_mail {
            out.push(match (m.state, &m.sent_at) {
                (DeliveryState::Sent, Some(at)) if m.channel == DeliveryChannel::Sms => format!(
                    "{} {}.",
                    pick(l, "SMS нөміріңізге жіберілді", "SMS отправлено на ваш номер", "An SMS was sent to your number on"),
                    spoken(at)
                ),
                (DeliveryState::Sent, Some(at)) => format!(
                    "{} «{}» {} {}.",
                    pick(l, "Хабарлама", "Уведомление", "The notification"),
                    m.subject,
                    pick(l, "электрондық поштаңызға жіберілді", "отправлено на вашу почту", "was sent to your e-mail on"),
                    spoken(at)
                ),
                (DeliveryState::Failed, _) if m.channel == DeliveryChannel::Sms => pick(
                    l,
                    "SMS жеткізілмеді: өтініштегі телефон нөмірін тексеріңіз.",
                    "SMS не удалось доставить: проверьте номер телефона в заявлении.",
                    "The SMS could not be delivered: check the phone number in the application.",
                )
                .to_owned(),
                (DeliveryState::Failed, _) => format!(
                    "{} «{}» {}",
                    pick(l, "Хабарлама", "Уведомление", "The notification"),
                    m.subject,
                    pick(
                        l,
                        "поштаңызға жеткізілмеді: өтініштегі электрондық пошта мекенжайын тексеріңіз.",
                        "не удалось доставить: проверьте адрес почты в заявлении.",
                        "could not be delivered: check the e-mail address in the application.",
                    )
                ),
                _ => format!(
                    "{} «{}» {}",
                    pick(l, "Хабарлама", "Уведомление", "The notification"),
                    m.subject,
                    pick(l, "әлі жіберілуде.", "ещё отправляется.", "is still being sent."),
                ),
            });
        }
        out.join(" ")
    });
    Explainer {
        application_id: case.id.clone(),
        turn,
        body: case.provider_name.clone(),
        step,
        next,
        last_mail,
        answer,
    }
}
