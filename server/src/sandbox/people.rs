//! The sandbox's fictional people: applicants and officials, with valid IINs.

use domain::duty::Duty;
use domain::identity::Sex;
use domain::{Bin, Iin};
use eds::Role;
use time::{Date, Month};

/// What a key is for. Like the national authority, the sandbox gives each person two keys: one
/// to sign in (extended key usage clientAuth, files `AUTH_…`) and one to sign documents
/// (emailProtection, files `RSA256_…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPurpose {
    SignIn,
    Signing,
}

impl KeyPurpose {
    pub fn file_prefix(self) -> &'static str {
        match self {
            KeyPurpose::SignIn => "AUTH_",
            KeyPurpose::Signing => "RSA256_",
        }
    }
}

/// The password of every demo staff account (sandbox only; printed at start).
pub const DEMO_PASSWORD: &str = "demo-2026";

/// The password of every demo key file (sandbox only; shown on the practice page).
pub const KEY_PASSWORD: &str = "Qwerty12";

/// A fictional company (or state body) whose people hold company keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCompany {
    pub bin: Bin,
    pub name: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoRole {
    Applicant,
    /// An official of the Ministry of Justice who reviews and signs forensic licences.
    Officer,
    /// Support staff (password only; no EDS).
    Support,
}

impl DemoRole {
    pub fn label(self) -> &'static str {
        match self {
            DemoRole::Applicant => "applicant",
            DemoRole::Officer => "officer",
            DemoRole::Support => "support",
        }
    }
}

#[derive(Debug, Clone)]
pub struct DemoPerson {
    pub iin: Iin,
    pub surname: &'static str,
    pub given_name: &'static str,
    pub patronymic: &'static str,
    pub role: DemoRole,
    /// Staff login, when the person is staff.
    pub login: Option<&'static str>,
    /// Provider code, for officers.
    pub provider: Option<&'static str>,
    /// The company the person's keys act for, and their role in it; `None` for a person's own
    /// keys (role "individual").
    pub company: Option<(DemoCompany, Role)>,
    /// Staff: the process roles they act in (`domain/processes/*.json`).
    pub duties: &'static [Duty],
    /// Staff of a regional body: the region they serve.
    pub region: Option<&'static str>,
    /// What the special records (criminal records) hold on the person.
    pub convictions: &'static [&'static str],
    /// Open cases in the pre-trial investigations register.
    pub investigations: &'static [&'static str],
}

/// Every role of the Ministry of Justice's central processes (bailiff and forensic licences).
pub const MOJ_DUTIES: &[Duty] = &[
    Duty::Chancellery,
    Duty::DirectorateHead,
    Duty::Expert,
    Duty::DepartmentDirector,
    Duty::DeputyHead,
    Duty::Head,
];
/// The roles of a territorial justice body (bailiff attestation).
pub const MOJ_TER_DUTIES: &[Duty] = &[
    Duty::Chancellery,
    Duty::SectionHead,
    Duty::Specialist,
    Duty::Head,
    Duty::Commission,
    Duty::CommissionSecretary,
];
/// Every role of the construction licences' two tiers.
pub const CCHS_DUTIES: &[Duty] = &[
    Duty::UnitRegistrar,
    Duty::LicensingControl,
    Duty::UnitHead,
    Duty::CommitteeRegistrar,
    Duty::ResponsibleExecutor,
    Duty::LicensingCommission,
    Duty::ProviderHead,
];

impl DemoPerson {
    pub fn full_name(&self) -> String {
        format!("{} {} {}", self.surname, self.given_name, self.patronymic)
    }

    /// Named like the national authority's files: `AUTH_…` to sign in, `RSA256_…` to sign;
    /// a company key also names the BIN.
    pub fn key_file_name(&self, purpose: KeyPurpose) -> String {
        match &self.company {
            Some((c, _)) => format!("{}{}_{}.p12", purpose.file_prefix(), self.iin, c.bin),
            None => format!("{}{}.p12", purpose.file_prefix(), self.iin),
        }
    }

    /// The role the person's certificates carry.
    pub fn key_role(&self) -> Role {
        self.company
            .as_ref()
            .map(|(_, r)| *r)
            .unwrap_or(Role::Individual)
    }
}

/// A BIN registered in the given year and month, with a valid check digit.
fn bin(year: u8, month: u8, serial: u32) -> Bin {
    (serial..serial + 100)
        .find_map(|s| {
            let text = format!("{year:02}{month:02}40{:06}", s % 1_000_000);
            let digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
            let first: [u8; 11] = digits[..11].try_into().ok()?;
            let check = domain::identity::check_digit(&first)?;
            Bin::parse(&format!("{}{check}", &text[..11])).ok()
        })
        .expect("a serial with a check digit exists")
}

/// The ministry whose officials sign forensic licences.
pub fn ministry_of_justice() -> DemoCompany {
    DemoCompany {
        bin: bin(97, 4, 11_230),
        name: "Қазақстан Республикасының Әділет министрлігі",
    }
}

/// The construction committee whose officials sign construction-sector licences.
pub fn construction_committee() -> DemoCompany {
    DemoCompany {
        bin: bin(4, 3, 31_870),
        name: "ҚР Өнеркәсіп және құрылыс министрлігінің Құрылыс және тұрғын үй-коммуналдық шаруашылық істері комитеті",
    }
}

/// A survey company applying for construction-sector licences.
pub fn survey_company() -> DemoCompany {
    DemoCompany {
        bin: bin(15, 6, 23_450),
        name: "«Дала Іздестіру» ЖШС",
    }
}

fn iin(y: i32, m: Month, d: u8, sex: Sex, serial: u16) -> Iin {
    let born = Date::from_calendar_date(y, m, d).expect("valid demo date");
    (serial..serial + 100)
        .find_map(|s| Iin::compose(born, sex, s))
        .expect("a serial with a check digit exists")
}

/// Everyone in the sandbox, in a fixed order.
pub fn people() -> Vec<DemoPerson> {
    vec![
        DemoPerson {
            iin: iin(1990, Month::May, 14, Sex::Female, 1201),
            surname: "Нұрланова",
            given_name: "Айгерім",
            patronymic: "Серікқызы",
            role: DemoRole::Applicant,
            login: None,
            provider: None,
            company: None,
            duties: &[],
            region: None,
            convictions: &[],
            investigations: &[],
        },
        DemoPerson {
            iin: iin(1985, Month::March, 2, Sex::Male, 2210),
            surname: "Жақсыбеков",
            given_name: "Ерлан",
            patronymic: "Маратұлы",
            role: DemoRole::Applicant,
            login: None,
            provider: None,
            company: None,
            duties: &[],
            region: None,
            convictions: &[],
            investigations: &[],
        },
        DemoPerson {
            iin: iin(1978, Month::November, 23, Sex::Female, 3120),
            surname: "Ким",
            given_name: "Ольга",
            patronymic: "Викторовна",
            role: DemoRole::Applicant,
            login: None,
            provider: None,
            company: None,
            duties: &[],
            region: None,
            convictions: &[],
            investigations: &[],
        },
        DemoPerson {
            iin: iin(1982, Month::July, 9, Sex::Female, 4410),
            surname: "Смағұлова",
            given_name: "Дана",
            patronymic: "Болатқызы",
            role: DemoRole::Officer,
            login: Some("officer"),
            provider: Some("MOJ"),
            company: Some((ministry_of_justice(), Role::Signatory)),
            duties: MOJ_DUTIES,
            region: None,
            convictions: &[],
            investigations: &[],
        },
        DemoPerson {
            iin: iin(1980, Month::October, 12, Sex::Male, 8120),
            surname: "Төлеуов",
            given_name: "Марат",
            patronymic: "Сәкенұлы",
            role: DemoRole::Officer,
            login: Some("officer-con"),
            provider: Some("CCHS"),
            company: Some((construction_committee(), Role::Signatory)),
            duties: CCHS_DUTIES,
            region: None,
            convictions: &[],
            investigations: &[],
        },
        DemoPerson {
            iin: iin(1987, Month::April, 3, Sex::Female, 9130),
            surname: "Есенова",
            given_name: "Гүлнар",
            patronymic: "Бақытжанқызы",
            role: DemoRole::Officer,
            login: Some("officer-ter"),
            provider: Some("MOJ-TER"),
            company: Some((ministry_of_justice(), Role::Employee)),
            duties: MOJ_TER_DUTIES,
            region: Some("karaganda"),
            convictions: &[],
            investigations: &[],
        },
        DemoPerson {
            iin: iin(1995, Month::January, 30, Sex::Male, 5120),
            surname: "Оспанов",
            given_name: "Әлихан",
            patronymic: "Қайратұлы",
            role: DemoRole::Support,
            login: Some("support"),
            provider: None,
            company: None,
            duties: &[],
            region: None,
            convictions: &[],
            investigations: &[],
        },
        DemoPerson {
            iin: iin(1970, Month::February, 17, Sex::Male, 6210),
            surname: "Бекмұхамедов",
            given_name: "Талғат",
            patronymic: "Ержанұлы",
            role: DemoRole::Applicant,
            login: None,
            provider: None,
            company: Some((survey_company(), Role::FirstHead)),
            duties: &[],
            region: None,
            convictions: &[],
            investigations: &[],
        },
        DemoPerson {
            iin: iin(1998, Month::August, 5, Sex::Female, 7310),
            surname: "Әбенова",
            given_name: "Мадина",
            patronymic: "Асқарқызы",
            role: DemoRole::Applicant,
            login: None,
            provider: None,
            company: Some((survey_company(), Role::Employee)),
            duties: &[],
            region: None,
            convictions: &[],
            investigations: &[],
        },
        // A second territorial body: its officer never sees Karaganda's cases.
        DemoPerson {
            iin: iin(1989, Month::September, 19, Sex::Male, 8410),
            surname: "Сейітов",
            given_name: "Нұрлан",
            patronymic: "Әділұлы",
            role: DemoRole::Officer,
            login: Some("officer-ter-ast"),
            provider: Some("MOJ-TER"),
            company: Some((ministry_of_justice(), Role::Employee)),
            duties: MOJ_TER_DUTIES,
            region: Some("astana"),
            convictions: &[],
            investigations: &[],
        },
        // A licensing-control specialist of the Karaganda department: registers, checks and
        // writes the conclusion, but signs nothing.
        DemoPerson {
            iin: iin(1992, Month::December, 1, Sex::Female, 9410),
            surname: "Жұмабаева",
            given_name: "Әсел",
            patronymic: "Талғатқызы",
            role: DemoRole::Officer,
            login: Some("specialist-con"),
            provider: Some("CCHS"),
            company: Some((construction_committee(), Role::Employee)),
            duties: &[Duty::UnitRegistrar, Duty::LicensingControl],
            region: Some("karaganda"),
            convictions: &[],
            investigations: &[],
        },
        // An operator of the Astana public service centre: files requests for applicants.
        DemoPerson {
            iin: iin(1994, Month::March, 15, Sex::Female, 9710),
            surname: "Әлімова",
            given_name: "Жанар",
            patronymic: "Серікқызы",
            role: DemoRole::Officer,
            login: Some("psc-operator"),
            provider: Some("PSC"),
            company: None,
            duties: &[Duty::PscOperator],
            region: Some("astana"),
            convictions: &[],
            investigations: &[],
        },
        // A candidate the registries have records on: special records and pre-trial register.
        DemoPerson {
            iin: iin(1991, Month::June, 11, Sex::Male, 9610),
            surname: "Сапаров",
            given_name: "Дәулет",
            patronymic: "Нұрланұлы",
            role: DemoRole::Applicant,
            login: None,
            provider: None,
            company: None,
            duties: &[],
            region: None,
            convictions: &["ҚР ҚК 190-бабы 2-бөлігі (алаяқтық), 2019 ж. үкім / ч. 2 ст. 190 УК РК (мошенничество), приговор 2019 г."],
            investigations: &["ЕРДР № 241500031000112"],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_person_has_a_distinct_valid_iin() {
        let all = people();
        for p in &all {
            assert!(Iin::parse(p.iin.as_str()).is_ok());
        }
        let mut iins: Vec<_> = all.iter().map(|p| p.iin.as_str().to_owned()).collect();
        iins.sort();
        iins.dedup();
        assert_eq!(iins.len(), all.len());
    }
}
