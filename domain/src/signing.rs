//! Whose key may sign what: the holder's role an NCA certificate names, and the one rule of
//! whether a key fits a request (the IIN, the BIN and the role). The browser's key check and
//! the server's acceptance of a signature both apply [`key_fits`], so they cannot disagree.

use crate::text::Lang;
use serde::{Deserialize, Serialize};

/// The holder's role, from the role OIDs under 1.2.398.3.3.4.1 (the OIDs themselves are the
/// `eds` crate's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolderRole {
    /// A person for themselves (also a sole proprietor).
    Individual,
    /// A company's first head.
    FirstHead,
    /// A person with the right to sign for the company.
    Signatory,
    /// A person with the right to sign the company's financial documents.
    FinanceSignatory,
    /// The company's HR officer.
    Hr,
    /// An employee of the company.
    Employee,
    /// A company key with no more specific role.
    LegalEntity,
}

impl HolderRole {
    /// Every role, the most specific first: a company sub-role before the plain legal-entity
    /// arc, so the first one a certificate names is its holder's role.
    pub const ALL: [HolderRole; 7] = [
        HolderRole::FirstHead,
        HolderRole::Signatory,
        HolderRole::FinanceSignatory,
        HolderRole::Hr,
        HolderRole::Employee,
        HolderRole::LegalEntity,
        HolderRole::Individual,
    ];

    /// The snake_case name used in service definitions and on the wire.
    pub fn code(self) -> &'static str {
        match self {
            HolderRole::Individual => "individual",
            HolderRole::FirstHead => "first_head",
            HolderRole::Signatory => "signatory",
            HolderRole::FinanceSignatory => "finance_signatory",
            HolderRole::Hr => "hr",
            HolderRole::Employee => "employee",
            HolderRole::LegalEntity => "legal_entity",
        }
    }

    pub fn from_code(code: &str) -> Option<HolderRole> {
        HolderRole::ALL.into_iter().find(|r| r.code() == code)
    }

    /// True for a key held on behalf of a company.
    pub fn is_company(self) -> bool {
        self != HolderRole::Individual
    }
}

/// What a key's certificate says of its holder, as far as fitting a request goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyHolder<'a> {
    /// The IIN the certificate names (12 digits).
    pub iin: &'a str,
    /// The BIN, for a company key.
    pub bin: Option<&'a str>,
    pub role: Option<HolderRole>,
}

/// Who the request is made for: the signed-in person, and the company they act for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applicant<'a> {
    pub iin: &'a str,
    pub bin: Option<&'a str>,
}

/// Why a key cannot sign (or cannot sign this request).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyProblem {
    Untrusted,
    OutsideValidity,
    Revoked,
    RevocationUnknown,
    NotForSigning,
    IinMismatch,
    BinMismatch,
    RoleNotAllowed,
}

/// What stops a key from signing a request for `applicant`: the request's IIN and BIN must be
/// the certificate's (R26); a company's request needs one of the roles the service lets sign
/// (its `signer_roles`); a person's own request needs a person's own key.
pub fn key_fits(
    key: KeyHolder<'_>,
    applicant: Applicant<'_>,
    signer_roles: &[HolderRole],
) -> Vec<KeyProblem> {
    let mut problems = Vec::new();
    if key.iin != applicant.iin {
        problems.push(KeyProblem::IinMismatch);
    }
    if key.bin != applicant.bin {
        problems.push(KeyProblem::BinMismatch);
    }
    let allowed = match applicant.bin {
        Some(_) => key.role.is_some_and(|r| signer_roles.contains(&r)),
        None => key.role.is_none_or(|r| !r.is_company()),
    };
    if !allowed {
        problems.push(KeyProblem::RoleNotAllowed);
    }
    problems
}

impl KeyProblem {
    pub fn message(self, lang: Lang) -> &'static str {
        let (kk, ru, en) = match self {
            KeyProblem::Untrusted => (
                "Сертификатты сенімді куәландырушы орталық бермеген.",
                "Сертификат выдан не доверенным удостоверяющим центром.",
                "The certificate was not issued by a trusted certification authority.",
            ),
            KeyProblem::OutsideValidity => (
                "Сертификаттың қолданылу мерзімі өтіп кеткен немесе әлі басталмаған.",
                "Срок действия сертификата истёк или ещё не начался.",
                "The certificate has expired or is not valid yet.",
            ),
            KeyProblem::Revoked => (
                "Сертификат кері қайтарылған: жаңа кілт алыңыз.",
                "Сертификат отозван: получите новый ключ.",
                "The certificate has been revoked: get a new key.",
            ),
            KeyProblem::RevocationUnknown => (
                "Сертификаттың кері қайтарылмағанын қазір тексеру мүмкін емес. Кейінірек қайталаңыз.",
                "Сейчас нельзя проверить, не отозван ли сертификат. Повторите позже.",
                "Whether the certificate is revoked cannot be checked now. Try again later.",
            ),
            KeyProblem::NotForSigning => (
                "Бұл кіру кілті (AUTH_). Қол қою үшін RSA256_ кілтін таңдаңыз.",
                "Это ключ для входа (AUTH_). Для подписи выберите ключ RSA256_.",
                "This is a sign-in key (AUTH_). To sign, choose the RSA256_ key.",
            ),
            KeyProblem::IinMismatch => (
                "Сертификаттағы ЖСН жүйеге кірген адамның ЖСН-іне сәйкес келмейді.",
                "ИИН в сертификате не совпадает с ИИН вошедшего в систему.",
                "The IIN in the certificate is not the IIN of the person signed in.",
            ),
            KeyProblem::BinMismatch => (
                "Сертификаттағы БСН өтініш берілетін ұйымның БСН-іне сәйкес келмейді.",
                "БИН в сертификате не совпадает с БИН организации-заявителя.",
                "The BIN in the certificate is not the BIN of the applying company.",
            ),
            KeyProblem::RoleNotAllowed => (
                "Бұл кілттің иесі ұйым атынан осы өтінішке қол қоя алмайды (бірінші басшының немесе қол қою құқығы бар адамның кілті қажет).",
                "Владелец этого ключа не может подписать это заявление от имени организации (нужен ключ первого руководителя или лица с правом подписи).",
                "The holder of this key may not sign this request for the company (the key of the first head or of a person with signing rights is needed).",
            ),
        };
        match lang {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(code: &str) -> Vec<HolderRole> {
        crate::catalogue::builtin()
            .into_iter()
            .find(|s| s.code == code)
            .unwrap()
            .signer_roles
    }

    const PERSON: &str = "880101300012";
    const OTHER: &str = "900505400016";
    const BIN: &str = "120440000015";

    #[test]
    fn a_persons_own_key_fits_their_own_request_and_no_one_elses() {
        let s = roles("FOR-LIC");
        let me = Applicant {
            iin: PERSON,
            bin: None,
        };
        let key = |iin, role| KeyHolder {
            iin,
            bin: None,
            role,
        };
        assert!(key_fits(key(PERSON, Some(HolderRole::Individual)), me, &s).is_empty());
        assert!(key_fits(key(PERSON, None), me, &s).is_empty());
        assert_eq!(
            key_fits(key(OTHER, None), me, &s),
            vec![KeyProblem::IinMismatch]
        );
        // A company key cannot sign a person's own request.
        let company_key = KeyHolder {
            iin: PERSON,
            bin: Some(BIN),
            role: Some(HolderRole::FirstHead),
        };
        assert_eq!(
            key_fits(company_key, me, &s),
            vec![KeyProblem::BinMismatch, KeyProblem::RoleNotAllowed]
        );
    }

    #[test]
    fn a_companys_request_needs_its_bin_and_a_role_that_may_sign() {
        let s = roles("CON-DESIGN");
        let company = Applicant {
            iin: PERSON,
            bin: Some(BIN),
        };
        let key = |role| KeyHolder {
            iin: PERSON,
            bin: Some(BIN),
            role: Some(role),
        };
        assert!(key_fits(key(HolderRole::FirstHead), company, &s).is_empty());
        assert!(key_fits(key(HolderRole::Signatory), company, &s).is_empty());
        assert_eq!(
            key_fits(key(HolderRole::Employee), company, &s),
            vec![KeyProblem::RoleNotAllowed]
        );
        let own = KeyHolder {
            iin: PERSON,
            bin: None,
            role: Some(HolderRole::Individual),
        };
        assert_eq!(
            key_fits(own, company, &s),
            vec![KeyProblem::BinMismatch, KeyProblem::RoleNotAllowed]
        );
    }

    #[test]
    fn roles_round_trip_through_their_codes() {
        for r in HolderRole::ALL {
            assert_eq!(HolderRole::from_code(r.code()), Some(r));
        }
    }
}
