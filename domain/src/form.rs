//! Form validation that runs identically in the browser and on the server.
//!
//! The browser calls [`validate`] for instant feedback; the server calls it again on every
//! submission and never trusts the browser's verdict. File slots are checked here for presence;
//! the server additionally checks that the attachment exists, belongs to the applicant and has
//! an allowed type (by content, see [`sniff_content_type`]).

use crate::catalogue::{FieldKind, Variant};
use crate::identity::{Bin, Iin};
use crate::text::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// Form values by field key. Checkboxes hold `"true"`/`"false"`; file slots hold an
/// attachment id; dates are `YYYY-MM-DD`.
pub type FormValues = BTreeMap<String, String>;

/// Why one field is not acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    Required,
    TooLong,
    InvalidDate,
    DateInFuture,
    NotAnOption,
    IdWrongLength,
    IdNotDigits,
    IdWrongCheckDigit,
    IdBadDate,
    IdBadKind,
    InvalidEmail,
    InvalidPhone,
    MustBeChecked,
    UnknownField,
    AttachmentNotFound,
    AttachmentWrongType,
    AttachmentTooLarge,
}

impl FieldErrorCode {
    /// The message shown next to the field, in the user's language.
    pub fn message(self, lang: Lang) -> &'static str {
        let (kk, ru, en) = match self {
            FieldErrorCode::Required => (
                "Толтыру міндетті.",
                "Обязательное поле.",
                "This field is required.",
            ),
            FieldErrorCode::TooLong => (
                "Мәтін тым ұзын.",
                "Слишком длинный текст.",
                "The text is too long.",
            ),
            FieldErrorCode::InvalidDate => (
                "Күнді КККК-АА-КК түрінде енгізіңіз.",
                "Введите дату в формате ГГГГ-ММ-ДД.",
                "Enter a date as YYYY-MM-DD.",
            ),
            FieldErrorCode::DateInFuture => (
                "Күн болашақта болмауы керек.",
                "Дата не может быть в будущем.",
                "The date cannot be in the future.",
            ),
            FieldErrorCode::NotAnOption => (
                "Тізімнен таңдаңыз.",
                "Выберите значение из списка.",
                "Choose one of the options.",
            ),
            FieldErrorCode::IdWrongLength => (
                "Нөмір 12 цифрдан тұруы керек.",
                "Номер должен состоять из 12 цифр.",
                "The number must have 12 digits.",
            ),
            FieldErrorCode::IdNotDigits => (
                "Тек цифрлар енгізіңіз.",
                "Введите только цифры.",
                "Enter digits only.",
            ),
            FieldErrorCode::IdWrongCheckDigit => (
                "Бақылау цифры сәйкес келмейді: нөмірді тексеріңіз.",
                "Контрольная цифра не совпадает: проверьте номер.",
                "The check digit does not match: check the number.",
            ),
            FieldErrorCode::IdBadDate => (
                "Нөмірдің басындағы күн дұрыс емес.",
                "Дата в начале номера неверна.",
                "The date at the start of the number is not valid.",
            ),
            FieldErrorCode::IdBadKind => (
                "Нөмірдің түр цифры дұрыс емес.",
                "Неверная цифра типа в номере.",
                "The kind digit of the number is not valid.",
            ),
            FieldErrorCode::InvalidEmail => (
                "Электрондық поштаны name@example.kz түрінде енгізіңіз.",
                "Введите адрес в виде name@example.kz.",
                "Enter an address like name@example.kz.",
            ),
            FieldErrorCode::InvalidPhone => (
                "Телефонды +7 XXX XXX XX XX түрінде енгізіңіз.",
                "Введите телефон в виде +7 XXX XXX XX XX.",
                "Enter a phone number like +7 XXX XXX XX XX.",
            ),
            FieldErrorCode::MustBeChecked => (
                "Жалғастыру үшін белгілеңіз.",
                "Отметьте, чтобы продолжить.",
                "Tick this box to continue.",
            ),
            FieldErrorCode::UnknownField => {
                ("Белгісіз өріс.", "Неизвестное поле.", "Unknown field.")
            }
            FieldErrorCode::AttachmentNotFound => (
                "Файлды қайта жүктеңіз.",
                "Загрузите файл ещё раз.",
                "Upload the file again.",
            ),
            FieldErrorCode::AttachmentWrongType => (
                "Бұл файл түріне рұқсат жоқ.",
                "Этот тип файла не допускается.",
                "This type of file is not allowed.",
            ),
            FieldErrorCode::AttachmentTooLarge => (
                "Файл тым үлкен.",
                "Файл слишком большой.",
                "The file is too large.",
            ),
        };
        match lang {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

impl From<crate::identity::IdError> for FieldErrorCode {
    fn from(e: crate::identity::IdError) -> Self {
        use crate::identity::IdError::*;
        match e {
            WrongLength => FieldErrorCode::IdWrongLength,
            NotDigits => FieldErrorCode::IdNotDigits,
            WrongCheckDigit => FieldErrorCode::IdWrongCheckDigit,
            BadDate => FieldErrorCode::IdBadDate,
            BadKind => FieldErrorCode::IdBadKind,
        }
    }
}

/// A field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: FieldErrorCode,
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

/// Kazakhstan phone numbers: 11 digits starting with 7 (or a leading 8 for a domestic call),
/// with spaces, dashes, brackets and a leading `+` allowed.
fn is_phone(s: &str) -> bool {
    if s.chars()
        .any(|c| !(c.is_ascii_digit() || " +-()".contains(c)))
    {
        return false;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    digits.len() == 11 && (digits.starts_with('7') || digits.starts_with('8'))
}

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<Date> {
    let mut parts = s.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4
        || m.len() != 2
        || d.len() != 2
        || !(y.to_owned() + m + d).bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

/// Checks one field's value. `None` when the value is acceptable.
pub fn check_field(
    kind: &FieldKind,
    required: bool,
    value: Option<&str>,
    today: Date,
) -> Option<FieldErrorCode> {
    let value = value.map(str::trim).filter(|v| !v.is_empty());
    let Some(v) = value else {
        return required.then_some(FieldErrorCode::Required);
    };
    match kind {
        FieldKind::Text { max_len } => {
            (v.chars().count() > *max_len).then_some(FieldErrorCode::TooLong)
        }
        FieldKind::Date => match parse_date(v) {
            None => Some(FieldErrorCode::InvalidDate),
            Some(d) if d > today => Some(FieldErrorCode::DateInFuture),
            Some(_) => None,
        },
        FieldKind::Select { options } => {
            (!options.iter().any(|o| o.value == v)).then_some(FieldErrorCode::NotAnOption)
        }
        FieldKind::Checkbox => match v {
            "true" => None,
            "false" => required.then_some(FieldErrorCode::MustBeChecked),
            _ => Some(FieldErrorCode::MustBeChecked),
        },
        FieldKind::Iin => Iin::parse(v).err().map(Into::into),
        FieldKind::Bin => Bin::parse(v).err().map(Into::into),
        FieldKind::Email => (!is_email(v)).then_some(FieldErrorCode::InvalidEmail),
        FieldKind::Phone => (!is_phone(v)).then_some(FieldErrorCode::InvalidPhone),
        FieldKind::File { .. } => None,
    }
}

/// Validates a whole form against a variant. An empty result means the form is acceptable.
pub fn validate(variant: &Variant, values: &FormValues, today: Date) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = variant
        .fields
        .iter()
        .filter_map(|f| {
            check_field(
                &f.kind,
                f.required,
                values.get(&f.key).map(String::as_str),
                today,
            )
            .map(|code| FieldError {
                field: f.key.clone(),
                code,
            })
        })
        .collect();
    for key in values.keys() {
        if !variant.fields.iter().any(|f| &f.key == key) {
            errors.push(FieldError {
                field: key.clone(),
                code: FieldErrorCode::UnknownField,
            });
        }
    }
    errors
}

/// The content type of a file judged by its first bytes, for the types the portal accepts.
pub fn sniff_content_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::builtin;
    use time::macros::date;

    fn forensic_issue() -> Variant {
        builtin()
            .into_iter()
            .find(|s| s.code == "FOR-LIC-2018")
            .unwrap()
            .variant("issue")
            .unwrap()
            .clone()
    }

    fn valid_values() -> FormValues {
        [
            ("examination_type", "forensic_medical"),
            ("qualification_certificate_number", "СЭ-0042"),
            ("qualification_certificate_date", "2019-04-01"),
            ("education", "KazNMU, diploma 123"),
            ("phone", "+7 701 123 45 67"),
            ("email", "expert@example.kz"),
            ("no_criminal_record", "true"),
            ("qualification_certificate_scan", "att-1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    #[test]
    fn a_complete_form_is_accepted() {
        assert_eq!(
            validate(&forensic_issue(), &valid_values(), date!(2026 - 11 - 22)),
            vec![]
        );
    }

    #[test]
    fn each_required_field_left_out_gives_its_own_error() {
        let v = forensic_issue();
        for f in v.fields.iter().filter(|f| f.required) {
            let mut values = valid_values();
            values.remove(&f.key);
            let errors = validate(&v, &values, date!(2026 - 11 - 22));
            assert_eq!(errors.len(), 1, "{}", f.key);
            assert_eq!(errors[0].field, f.key);
        }
    }

    #[test]
    fn bad_values_are_named() {
        let v = forensic_issue();
        let mut values = valid_values();
        values.insert("email".into(), "not-an-address".into());
        values.insert("phone".into(), "12345".into());
        values.insert("qualification_certificate_date".into(), "2030-01-01".into());
        values.insert("no_criminal_record".into(), "false".into());
        values.insert("hacker".into(), "x".into());
        let codes: Vec<_> = validate(&v, &values, date!(2026 - 11 - 22))
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(
            codes,
            vec![
                FieldErrorCode::DateInFuture,
                FieldErrorCode::InvalidPhone,
                FieldErrorCode::InvalidEmail,
                FieldErrorCode::MustBeChecked,
                FieldErrorCode::UnknownField
            ]
        );
    }

    #[test]
    fn dates_are_read_only_in_the_iso_form() {
        assert_eq!(parse_date("2019-04-01"), Some(date!(2019 - 04 - 01)));
        assert_eq!(parse_date("2019-02-30"), None);
        assert_eq!(parse_date("01.04.2019"), None);
        assert_eq!(parse_date("2019-4-1"), None);
    }

    #[test]
    fn file_types_are_judged_by_content() {
        assert_eq!(sniff_content_type(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(sniff_content_type(b"MZ\x90\x00"), None);
    }
}
