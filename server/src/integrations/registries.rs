//! The state registries' adapter: the person registry (GBD FL), the special records
//! (criminal records) and the pre-trial investigations register (ERDR), each asked about an
//! IIN over HTTP at the configured base URL (the sandbox's stand-in by default).

use domain::duty::Registry;
use serde::Deserialize;

/// What a registry said: clear, or a finding against the applicant, with its detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub adverse: bool,
    pub detail: String,
}

#[derive(Debug)]
pub struct Unavailable(pub String);

#[derive(Clone)]
pub struct Registries {
    base_url: String,
    http: reqwest::Client,
}

#[derive(Deserialize)]
struct CompanyRecord {
    name: String,
}

#[derive(Deserialize)]
struct Records {
    records: Vec<String>,
}

impl Registries {
    pub fn new(base_url: String, http: reqwest::Client) -> Self {
        Registries { base_url, http }
    }

    /// Asks `registry` about a person (by IIN) or, for the legal-entity registry, a company
    /// (by BIN). Someone absent from the person or legal-entity registry is a finding (the
    /// regulation's "data cannot be obtained"); any other failure is `Unavailable`.
    pub async fn check(&self, registry: Registry, subject: &str) -> Result<Finding, Unavailable> {
        let clear = |detail: String| Finding {
            adverse: false,
            detail,
        };
        let absent = |detail: &str| Finding {
            adverse: true,
            detail: detail.to_owned(),
        };
        match registry {
            Registry::Person => Ok(match self.person(subject).await? {
                Some(p) => clear(p.full_name),
                None => absent("ЖТ МДҚ-да деректер жоқ / Данные отсутствуют в ГБД ФЛ"),
            }),
            Registry::Company => Ok(
                match self
                    .get_json::<CompanyRecord>(&format!("companies/{subject}"))
                    .await?
                {
                    Some(c) => clear(c.name),
                    None => absent("ЗТ МДҚ-да деректер жоқ / Данные отсутствуют в ГБД ЮЛ"),
                },
            ),
            Registry::SpecialRecords | Registry::PreTrial => {
                let path = if registry == Registry::PreTrial {
                    "pre-trial"
                } else {
                    "special-records"
                };
                let r: Records = self
                    .get_json(&format!("{path}/{subject}"))
                    .await?
                    .ok_or_else(|| Unavailable(format!("{path}: not found")))?;
                Ok(Finding {
                    adverse: !r.records.is_empty(),
                    detail: r.records.join("; "),
                })
            }
        }
    }
}

/// A power of attorney as the notary registry holds it.
#[derive(Debug, Clone, Deserialize)]
pub struct PowerOfAttorney {
    pub principal_iin: String,
    pub agent_iin: String,
    pub valid_until: String,
}

/// The person registry's record of a person.
#[derive(Debug, Clone, Deserialize)]
pub struct Person {
    pub full_name: String,
}

impl Registries {
    /// The person registry's record; `None` when the person is not in it.
    pub async fn person(&self, iin: &str) -> Result<Option<Person>, Unavailable> {
        self.get_json(&format!("persons/{iin}")).await
    }

    /// The notary registry's power of attorney by its number; `None` when there is none.
    pub async fn power_of_attorney(
        &self,
        number: &str,
    ) -> Result<Option<PowerOfAttorney>, Unavailable> {
        self.get_json(&format!(
            "powers-of-attorney/{}",
            urlencoding::encode(number)
        ))
        .await
    }

    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
    ) -> Result<Option<T>, Unavailable> {
        let url = format!("{}/{path}", self.base_url);
        let r = self
            .http
            .get(&url)
            .timeout(std::time::Duration::from_secs(10))
            .send()
            .await
            .map_err(|e| Unavailable(e.to_string()))?;
        if r.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !r.status().is_success() {
            return Err(Unavailable(format!("{url}: {}", r.status())));
        }
        r.json()
            .await
            .map(Some)
            .map_err(|e| Unavailable(e.to_string()))
    }
}
