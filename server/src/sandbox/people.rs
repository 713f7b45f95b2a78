//! The sandbox's fictional people: applicants and officials, with valid IINs.

use domain::identity::Sex;
use domain::Iin;
use time::{Date, Month};

/// The password of every demo staff account (sandbox only; printed at start).
pub const DEMO_PASSWORD: &str = "demo-2026";

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
            DemoRole::Officer => "officer, Ministry of Justice",
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
}

impl DemoPerson {
    pub fn full_name(&self) -> String {
        format!("{} {} {}", self.surname, self.given_name, self.patronymic)
    }

    /// Named like the national authority's files: `AUTH_…` to sign in, `RSA256_…` to sign.
    pub fn key_file_name(&self, purpose: super::ca::KeyPurpose) -> String {
        format!("{}{}.pem", purpose.file_prefix(), self.iin)
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
        },
        DemoPerson {
            iin: iin(1985, Month::March, 2, Sex::Male, 2210),
            surname: "Жақсыбеков",
            given_name: "Ерлан",
            patronymic: "Маратұлы",
            role: DemoRole::Applicant,
            login: None,
            provider: None,
        },
        DemoPerson {
            iin: iin(1978, Month::November, 23, Sex::Female, 3120),
            surname: "Ким",
            given_name: "Ольга",
            patronymic: "Викторовна",
            role: DemoRole::Applicant,
            login: None,
            provider: None,
        },
        DemoPerson {
            iin: iin(1982, Month::July, 9, Sex::Female, 4410),
            surname: "Смағұлова",
            given_name: "Дана",
            patronymic: "Болатқызы",
            role: DemoRole::Officer,
            login: Some("officer"),
            provider: Some("MOJ"),
        },
        DemoPerson {
            iin: iin(1995, Month::January, 30, Sex::Male, 5120),
            surname: "Оспанов",
            given_name: "Әлихан",
            patronymic: "Қайратұлы",
            role: DemoRole::Support,
            login: Some("support"),
            provider: None,
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
