//! The closed vocabularies of the providers' work: the duties staff act in (the roles a
//! process step names) and the state registries a step can ask.
//!
//! Both are enums so that a process definition naming an unknown role or registry fails to
//! parse, and code that handles them must handle every one (no string compares, no catch-all).

use crate::text::Text;
use serde::{Deserialize, Serialize};

/// A duty a staff member acts in: the role a process step names. A person may hold several;
/// a step is taken by someone holding its duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Duty {
    /// Registers incoming requests (the chancellery of a ministry or body).
    Chancellery,
    /// The attestation commission of a territorial body.
    Commission,
    /// The attestation commission's secretary.
    CommissionSecretary,
    /// Registers requests in the licensing committee.
    CommitteeRegistrar,
    /// A department's director (resolutions, approvals).
    DepartmentDirector,
    /// A deputy head of the provider who signs.
    DeputyHead,
    /// The head of a directorate who passes a case to an expert.
    DirectorateHead,
    /// The expert who reviews a request.
    Expert,
    /// The head of a territorial body who signs.
    Head,
    /// The licensing commission (construction).
    LicensingCommission,
    /// The licensing-control specialist of a local executive body (construction).
    LicensingControl,
    /// The operator of a public service centre.
    PscOperator,
    /// The head of the provider who signs the licence (construction).
    ProviderHead,
    /// The responsible executor of the licensing committee (construction).
    ResponsibleExecutor,
    /// The head of a section who assigns a specialist.
    SectionHead,
    /// A specialist of a territorial body.
    Specialist,
    /// The head of a licensing-control unit who signs its conclusion.
    UnitHead,
    /// Registers requests in a licensing-control unit.
    UnitRegistrar,
    /// Steps the information system takes by itself (sending to another system).
    System,
}

impl Duty {
    pub const ALL: [Duty; 19] = [
        Duty::Chancellery,
        Duty::Commission,
        Duty::CommissionSecretary,
        Duty::CommitteeRegistrar,
        Duty::DepartmentDirector,
        Duty::DeputyHead,
        Duty::DirectorateHead,
        Duty::Expert,
        Duty::Head,
        Duty::LicensingCommission,
        Duty::LicensingControl,
        Duty::PscOperator,
        Duty::ProviderHead,
        Duty::ResponsibleExecutor,
        Duty::SectionHead,
        Duty::Specialist,
        Duty::UnitHead,
        Duty::UnitRegistrar,
        Duty::System,
    ];

    /// The code stored with staff accounts and steps (`chancellery`, `expert`, …).
    pub fn code(self) -> &'static str {
        match self {
            Duty::Chancellery => "chancellery",
            Duty::Commission => "commission",
            Duty::CommissionSecretary => "commission_secretary",
            Duty::CommitteeRegistrar => "committee_registrar",
            Duty::DepartmentDirector => "department_director",
            Duty::DeputyHead => "deputy_head",
            Duty::DirectorateHead => "directorate_head",
            Duty::Expert => "expert",
            Duty::Head => "head",
            Duty::LicensingCommission => "licensing_commission",
            Duty::LicensingControl => "licensing_control",
            Duty::PscOperator => "psc_operator",
            Duty::ProviderHead => "provider_head",
            Duty::ResponsibleExecutor => "responsible_executor",
            Duty::SectionHead => "section_head",
            Duty::Specialist => "specialist",
            Duty::UnitHead => "unit_head",
            Duty::UnitRegistrar => "unit_registrar",
            Duty::System => "system",
        }
    }

    pub fn parse(code: &str) -> Option<Duty> {
        Duty::ALL.into_iter().find(|d| d.code() == code.trim())
    }

    /// Who acts, in plain words (for the applicant's timeline and the officer's screens).
    pub fn label(self) -> Text {
        let (kk, ru, en) = match self {
            Duty::Chancellery => ("Кеңсе", "Канцелярия", "The chancellery"),
            Duty::Commission => (
                "Аттестаттау комиссиясы",
                "Аттестационная комиссия",
                "The attestation commission",
            ),
            Duty::CommissionSecretary => (
                "Комиссия хатшысы",
                "Секретарь комиссии",
                "The commission's secretary",
            ),
            Duty::CommitteeRegistrar => (
                "Комитеттің тіркеушісі",
                "Регистратор Комитета",
                "The committee's registrar",
            ),
            Duty::DepartmentDirector => (
                "Департамент директоры",
                "Директор департамента",
                "The department's director",
            ),
            Duty::DeputyHead => (
                "Басшының орынбасары",
                "Заместитель руководителя",
                "The deputy head",
            ),
            Duty::DirectorateHead => (
                "Басқарма басшысы",
                "Руководитель управления",
                "The head of the directorate",
            ),
            Duty::Expert => ("Сарапшы", "Эксперт", "The expert"),
            Duty::Head => ("Басшы", "Руководитель", "The head"),
            Duty::LicensingCommission => (
                "Лицензиялау комиссиясы",
                "Лицензионная комиссия",
                "The licensing commission",
            ),
            Duty::LicensingControl => (
                "Лицензиялық бақылау маманы",
                "Специалист лицензионного контроля",
                "The licensing-control specialist",
            ),
            Duty::PscOperator => (
                "ХҚКО операторы",
                "Оператор ЦОН",
                "The public service centre's operator",
            ),
            Duty::ProviderHead => (
                "Көрсетілетін қызметті берушінің басшысы",
                "Руководитель услугодателя",
                "The head of the provider",
            ),
            Duty::ResponsibleExecutor => (
                "Жауапты орындаушы",
                "Ответственный исполнитель",
                "The responsible executor",
            ),
            Duty::SectionHead => ("Бөлім басшысы", "Руководитель отдела", "The section head"),
            Duty::Specialist => ("Маман", "Специалист", "The specialist"),
            Duty::UnitHead => (
                "Бөлімше басшысы",
                "Руководитель подразделения",
                "The unit head",
            ),
            Duty::UnitRegistrar => (
                "Бөлімшенің тіркеушісі",
                "Регистратор подразделения",
                "The unit's registrar",
            ),
            Duty::System => (
                "Ақпараттық жүйе (автоматты түрде)",
                "Информационная система (автоматически)",
                "The information system (automatically)",
            ),
        };
        Text::new(kk, ru, en)
    }
}

/// Duties as staff accounts store them: comma-separated codes. An unknown code is an error,
/// never silently dropped.
pub fn parse_duties(list: &str) -> Result<Vec<Duty>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| Duty::parse(d).ok_or_else(|| format!("unknown duty {d}")))
        .collect()
}

/// Duties as staff accounts store them.
pub fn duties_text(duties: &[Duty]) -> String {
    duties
        .iter()
        .map(|d| d.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// A state registry a step asks about the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Registry {
    /// The person registry (ГБД ФЛ), by IIN.
    Person,
    /// The legal-entity registry (ГБД ЮЛ), by the applying company's BIN.
    Company,
    /// The special records of the Prosecutor General's committee (criminal records), by IIN.
    SpecialRecords,
    /// The unified register of pre-trial investigations (ЕРДР), by IIN.
    PreTrial,
}

impl Registry {
    pub const ALL: [Registry; 4] = [
        Registry::Person,
        Registry::Company,
        Registry::SpecialRecords,
        Registry::PreTrial,
    ];

    /// The code stored with a check and used in the registries' API paths.
    pub fn code(self) -> &'static str {
        match self {
            Registry::Person => "person",
            Registry::Company => "company",
            Registry::SpecialRecords => "special_records",
            Registry::PreTrial => "pre_trial",
        }
    }

    pub fn parse(code: &str) -> Option<Registry> {
        Registry::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The registry's name, as officers know it.
    pub fn label(self) -> Text {
        let (kk, ru, en) = match self {
            Registry::Person => (
                "Жеке тұлғалардың мемлекеттік деректер базасы",
                "Государственная база данных физических лиц",
                "Person registry",
            ),
            Registry::Company => (
                "Заңды тұлғалардың мемлекеттік деректер базасы",
                "Государственная база данных юридических лиц",
                "Legal-entity registry",
            ),
            Registry::SpecialRecords => (
                "Арнайы есепке алу (ҚСжАЕК)",
                "Специальные учёты (КПСиСУ)",
                "Special records",
            ),
            Registry::PreTrial => (
                "Сотқа дейінгі тергеп-тексерулердің бірыңғай тізілімі",
                "Единый реестр досудебных расследований",
                "Pre-trial investigations register",
            ),
        };
        Text::new(kk, ru, en)
    }

    /// Whether the registry is asked by the applying company's BIN (else by the person's IIN).
    pub fn by_bin(self) -> bool {
        match self {
            Registry::Company => true,
            Registry::Person | Registry::SpecialRecords | Registry::PreTrial => false,
        }
    }
}

/// Where a registry check stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// Asked, no answer yet (or the registry did not answer): asked again later.
    Pending,
    /// The registry answered.
    Done,
}

impl CheckStatus {
    pub fn code(self) -> &'static str {
        match self {
            CheckStatus::Pending => "pending",
            CheckStatus::Done => "done",
        }
    }

    pub fn parse(code: &str) -> Option<CheckStatus> {
        [CheckStatus::Pending, CheckStatus::Done]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_duty_and_registry_round_trips_through_its_code_and_has_three_languages() {
        for d in Duty::ALL {
            assert_eq!(Duty::parse(d.code()), Some(d));
            assert!(d.label().is_complete());
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{}\"", d.code()));
        }
        for r in Registry::ALL {
            assert_eq!(Registry::parse(r.code()), Some(r));
            assert!(r.label().is_complete());
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.code())
            );
        }
    }

    #[test]
    fn an_unknown_duty_is_an_error_not_a_silent_drop() {
        assert_eq!(
            parse_duties("expert, head").unwrap(),
            vec![Duty::Expert, Duty::Head]
        );
        assert!(parse_duties("expert,janitor").is_err());
        assert_eq!(parse_duties("").unwrap(), vec![]);
        assert_eq!(duties_text(&[Duty::Expert, Duty::Head]), "expert,head");
    }
}
