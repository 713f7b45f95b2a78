//! What each result document says, in Kazakh and Russian (the language the applicant used
//! first): the licence, its annex and duplicate, a commission's decision, a motivated refusal,
//! a change of a licence's status. Each is a list of blocks for `render`.

use super::render::Block;
use domain::licence::{RefusalReason, StatusChange};
use domain::{Lang, Text};

/// The two languages of official documents, the applicant's first.
pub fn languages(lang: &str) -> [Lang; 2] {
    if lang == "kk" {
        [Lang::Kk, Lang::Ru]
    } else {
        [Lang::Ru, Lang::Kk]
    }
}

fn t(kk: &str, ru: &str) -> Text {
    Text::new(kk, ru, ru)
}

/// "Қазақша / Русский" headings and the like, the first language first.
fn both(text: &Text, order: [Lang; 2]) -> String {
    format!("{} / {}", text.get(order[0]), text.get(order[1]))
}

/// The note every signed document carries, and the address it is checked at.
fn footer(order: [Lang; 2], check_url: Option<&str>) -> Vec<Block> {
    let note = t(
        "Электрондық құжат уәкілетті тұлғаның ЭЦҚ-мен қол қойылған; қол таңбасы жеке файлда (.p7s).",
        "Электронный документ подписан ЭЦП уполномоченного лица; подпись — в отдельном файле (.p7s).",
    );
    let mut out = vec![Block::Space(4.0), Block::Small(both(&note, order))];
    if let Some(url) = check_url {
        let check = t("Тексеру", "Проверка");
        out.push(Block::Qr {
            data: url.to_owned(),
            caption: format!("{}: {url}", both(&check, order)),
        });
    }
    out
}

/// What kind of licence document.
#[derive(Debug, Clone)]
pub enum LicenceForm {
    Licence,
    /// A duplicate of the licence (a copy, marked so).
    Duplicate,
    /// An annex within the licence, with its own number.
    Annex {
        number: String,
    },
}

/// The facts a licence, its duplicate or annex prints.
#[derive(Debug, Clone)]
pub struct LicencePaper {
    pub form: LicenceForm,
    pub number: String,
    pub issued_on: String,
    pub holder_name: String,
    /// IIN of a person, BIN of a company.
    pub holder_id: String,
    pub company: bool,
    pub activity: Text,
    pub service_name: Text,
    pub licensor: Text,
    pub subtypes: Option<String>,
    pub category: Option<String>,
    pub application_number: String,
    /// The licence this one re-issued.
    pub previous_number: Option<String>,
    pub check_url: String,
    pub lang: String,
}

pub fn licence(p: &LicencePaper) -> (String, Vec<Block>) {
    let order = languages(&p.lang);
    let (title, number_line) = match &p.form {
        LicenceForm::Licence => (t("ЛИЦЕНЗИЯ", "ЛИЦЕНЗИЯ"), format!("№ {}", p.number)),
        LicenceForm::Duplicate => (
            t("ЛИЦЕНЗИЯНЫҢ ТЕЛНҰСҚАСЫ", "ДУБЛИКАТ ЛИЦЕНЗИИ"),
            format!("№ {}", p.number),
        ),
        LicenceForm::Annex { number } => (
            t("ЛИЦЕНЗИЯҒА ҚОСЫМША", "ПРИЛОЖЕНИЕ К ЛИЦЕНЗИИ"),
            format!("№ {number} · {}", p.number),
        ),
    };
    let mut blocks = vec![
        Block::Title(both(&title, order)),
        Block::Subtitle(format!("{number_line} · {}", p.issued_on)),
    ];
    let id_label = if p.company {
        t("БСН", "БИН")
    } else {
        t("ЖСН", "ИИН")
    };
    for lang in order {
        blocks.push(Block::Heading(lang.native_name().to_owned()));
        let fact = |label: Text, value: String| Block::Fact(label.get(lang).to_owned(), value);
        blocks.push(fact(t("Лицензиат", "Лицензиат"), p.holder_name.clone()));
        blocks.push(fact(id_label.clone(), p.holder_id.clone()));
        blocks.push(fact(
            t("Қызмет түрі", "Вид деятельности"),
            p.activity.get(lang).to_owned(),
        ));
        if let Some(s) = &p.subtypes {
            blocks.push(fact(t("Кіші түрлері", "Подвиды"), s.clone()));
        }
        if let Some(c) = &p.category {
            blocks.push(fact(t("Санаты", "Категория"), c.clone()));
        }
        blocks.push(fact(
            t("Мемлекеттік қызмет", "Государственная услуга"),
            p.service_name.get(lang).to_owned(),
        ));
        blocks.push(fact(
            t("Лицензиар", "Лицензиар"),
            p.licensor.get(lang).to_owned(),
        ));
        blocks.push(fact(
            t("Өтініш", "Заявление"),
            format!("№ {}", p.application_number),
        ));
        if let Some(prev) = &p.previous_number {
            blocks.push(fact(
                t("Қайта ресімделген лицензия", "Переоформленная лицензия"),
                format!("№ {prev}"),
            ));
        }
        if matches!(p.form, LicenceForm::Duplicate) {
            blocks.push(Block::Paragraph(
                t(
                    "Телнұсқаның түпнұсқамен бірдей заңды күші бар.",
                    "Дубликат имеет ту же юридическую силу, что и подлинник.",
                )
                .get(lang)
                .to_owned(),
            ));
        }
    }
    blocks.extend(footer(order, Some(&p.check_url)));
    (title.get(Lang::Ru).to_owned(), blocks)
}

/// A commission's decision on a person (attestation, or the 2014 exam).
#[derive(Debug, Clone)]
pub struct DecisionPaper {
    pub exam: bool,
    pub number: String,
    pub issued_on: String,
    pub person_name: String,
    pub iin: String,
    /// `passed`, `failed` or `absent`.
    pub outcome: String,
    /// The session (date and place), for an attestation.
    pub session: Option<String>,
    pub body: Text,
    pub application_number: String,
    pub lang: String,
}

pub fn decision(p: &DecisionPaper) -> (String, Vec<Block>) {
    let order = languages(&p.lang);
    let title = if p.exam {
        t(
            "БІЛІКТІЛІК КОМИССИЯСЫНЫҢ ШЕШІМІ (ХАТТАМАДАН ҮЗІНДІ)",
            "РЕШЕНИЕ КВАЛИФИКАЦИОННОЙ КОМИССИИ (ВЫПИСКА ИЗ ПРОТОКОЛА)",
        )
    } else {
        t(
            "АТТЕСТАТТАУ КОМИССИЯСЫНЫҢ ШЕШІМІ (ХАТТАМАДАН ҮЗІНДІ)",
            "РЕШЕНИЕ АТТЕСТАЦИОННОЙ КОМИССИИ (ВЫПИСКА ИЗ ПРОТОКОЛА)",
        )
    };
    let outcome = match p.outcome.as_str() {
        "passed" if p.exam => t(
            "Біліктілік емтиханынан өтті",
            "Квалификационный экзамен сдан",
        ),
        "passed" => t("Аттестаттаудан өтті", "Аттестацию прошёл(-ла)"),
        "absent" => t("Аттестаттауға келмеді", "На аттестацию не явился(-лась)"),
        _ if p.exam => t(
            "Біліктілік емтиханынан өтпеді",
            "Квалификационный экзамен не сдан",
        ),
        _ => t("Аттестаттаудан өтпеді", "Аттестацию не прошёл(-ла)"),
    };
    let mut blocks = vec![
        Block::Title(both(&title, order)),
        Block::Subtitle(format!("№ {} · {}", p.number, p.issued_on)),
    ];
    for lang in order {
        blocks.push(Block::Heading(lang.native_name().to_owned()));
        let fact = |label: Text, value: String| Block::Fact(label.get(lang).to_owned(), value);
        blocks.push(fact(t("Үміткер", "Кандидат"), p.person_name.clone()));
        blocks.push(fact(t("ЖСН", "ИИН"), p.iin.clone()));
        blocks.push(fact(t("Шешім", "Решение"), outcome.get(lang).to_owned()));
        if let Some(s) = &p.session {
            blocks.push(fact(t("Отырыс", "Заседание"), s.clone()));
        }
        blocks.push(fact(t("Орган", "Орган"), p.body.get(lang).to_owned()));
        blocks.push(fact(
            t("Өтініш", "Заявление"),
            format!("№ {}", p.application_number),
        ));
    }
    blocks.extend(footer(order, None));
    (title.get(Lang::Ru).to_owned(), blocks)
}

/// A motivated refusal: its category (R85), the written grounds, and the rule they rest on.
#[derive(Debug, Clone)]
pub struct RefusalPaper {
    pub application_number: String,
    pub date: String,
    pub applicant_name: String,
    pub applicant_id: String,
    pub service_name: Text,
    pub variant_name: Text,
    pub provider: Text,
    pub reason: RefusalReason,
    pub grounds: String,
    /// The regulation's grounds for refusal, as the service definition cites them.
    pub rules: Vec<Text>,
    pub lang: String,
}

pub fn refusal(p: &RefusalPaper) -> (String, Vec<Block>) {
    let order = languages(&p.lang);
    let title = t(
        "МЕМЛЕКЕТТІК ҚЫЗМЕТ КӨРСЕТУДЕН ДӘЛЕЛДІ БАС ТАРТУ",
        "МОТИВИРОВАННЫЙ ОТКАЗ В ОКАЗАНИИ ГОСУДАРСТВЕННОЙ УСЛУГИ",
    );
    let mut blocks = vec![
        Block::Title(both(&title, order)),
        Block::Subtitle(format!("№ {} · {}", p.application_number, p.date)),
    ];
    for lang in order {
        blocks.push(Block::Heading(lang.native_name().to_owned()));
        let fact = |label: Text, value: String| Block::Fact(label.get(lang).to_owned(), value);
        blocks.push(fact(
            t("Өтініш беруші", "Заявитель"),
            p.applicant_name.clone(),
        ));
        blocks.push(fact(t("ЖСН / БСН", "ИИН / БИН"), p.applicant_id.clone()));
        blocks.push(fact(
            t("Мемлекеттік қызмет", "Государственная услуга"),
            format!(
                "{} — {}",
                p.service_name.get(lang),
                p.variant_name.get(lang)
            ),
        ));
        blocks.push(fact(
            t("Көрсетілетін қызметті беруші", "Услугодатель"),
            p.provider.get(lang).to_owned(),
        ));
        blocks.push(fact(
            t("Бас тарту себебі", "Причина отказа"),
            p.reason.label().get(lang).to_owned(),
        ));
        blocks.push(fact(t("Негіздеме", "Основания"), p.grounds.clone()));
        for rule in &p.rules {
            blocks.push(fact(t("Норма", "Норма"), rule.get(lang).to_owned()));
        }
    }
    blocks.extend(footer(order, None));
    (title.get(Lang::Ru).to_owned(), blocks)
}

/// The licensor's decision to suspend, resume or terminate a licence.
#[derive(Debug, Clone)]
pub struct StatusPaper {
    pub change: StatusChange,
    pub licence_number: String,
    pub holder_name: String,
    pub activity: Text,
    pub licensor: Text,
    pub grounds: String,
    pub date: String,
    pub lang: String,
}

pub fn status_change(p: &StatusPaper) -> (String, Vec<Block>) {
    let order = languages(&p.lang);
    let title = p.change.label();
    let mut blocks = vec![
        Block::Title(both(&title, order).to_uppercase()),
        Block::Subtitle(format!("№ {} · {}", p.licence_number, p.date)),
    ];
    for lang in order {
        blocks.push(Block::Heading(lang.native_name().to_owned()));
        let fact = |label: Text, value: String| Block::Fact(label.get(lang).to_owned(), value);
        blocks.push(fact(t("Лицензиат", "Лицензиат"), p.holder_name.clone()));
        blocks.push(fact(
            t("Қызмет түрі", "Вид деятельности"),
            p.activity.get(lang).to_owned(),
        ));
        blocks.push(fact(
            t("Лицензиар", "Лицензиар"),
            p.licensor.get(lang).to_owned(),
        ));
        blocks.push(fact(t("Негіздеме", "Основания"), p.grounds.clone()));
    }
    blocks.extend(footer(order, None));
    (title.get(Lang::Ru).to_owned(), blocks)
}
