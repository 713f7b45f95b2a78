//! Form validation that runs identically in the browser and on the server.
//!
//! The browser calls [`validate`] for instant feedback; the server calls it again on every
//! submission and never trusts the browser's verdict. File slots are checked here for presence;
//! the server additionally checks that the attachment exists, belongs to the applicant and has
//! an allowed type (by content, see [`sniff_content_type`]).

use crate::catalogue::{Check, FieldKind, Variant};
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
    /// The person keeps as many uploaded files (or bytes) as they may.
    UploadQuotaExceeded,
    NotANumber,
    OutOfRange,
    /// A cross-field rule of the variant is not met: its message is the rule's own.
    RuleNotMet,
    TooFewRows,
    TooManyRows,
    /// An address without its region or without the locality, street and building.
    AddressIncomplete,
    /// The register has no licence with this number, and no copy of it is attached (R13).
    LicenceUnknown,
    /// The licence is held by someone else.
    LicenceNotYours,
    /// The licence is not in force (terminated, re-issued or suspended).
    LicenceNotInForce,
    /// The licence is for another activity than this service's.
    LicenceOtherActivity,
    /// The portal has no such result of the applicant's, and no copy of it is attached.
    ResultUnknown,
    /// The result named is not a pass (or is someone else's).
    ResultNotPassed,
    /// A search by name needs at least three characters.
    SearchTooShort,
}

impl FieldErrorCode {
    /// The message shown next to the field, in the user's language.
    pub fn message(self, lang: Lang) -> &'static str {
        let (kk, ru, en) = match self {
            FieldErrorCode::SearchTooShort => (
                "Кемінде үш таңба теріңіз: лицензия нөмірін, БСН-ді немесе ұйым атауын.",
                "Введите не меньше трёх символов: номер лицензии, БИН или название организации.",
                "Type at least three characters: a licence number, a BIN or a company's name.",
            ),
            FieldErrorCode::LicenceUnknown => (
                "Мұндай нөмірлі лицензия тізілімде жоқ. Нөмірді тексеріңіз немесе лицензияның көшірмесін тіркеңіз.",
                "Лицензии с таким номером нет в реестре. Проверьте номер или приложите копию лицензии.",
                "The register has no licence with this number. Check the number or attach a copy of the licence.",
            ),
            FieldErrorCode::LicenceNotYours => (
                "Бұл лицензия сізге (сіздің ұйымыңызға) тиесілі емес. Өз лицензияңызды таңдаңыз.",
                "Эта лицензия принадлежит не вам (не вашей организации). Выберите свою лицензию.",
                "This licence is not yours (or your company's). Choose your own licence.",
            ),
            FieldErrorCode::LicenceNotInForce => (
                "Бұл лицензия қолданыста емес (тоқтатылған, тоқтатыла тұрған немесе қайта ресімделген).",
                "Эта лицензия не действует (прекращена, приостановлена или переоформлена).",
                "This licence is not in force (terminated, suspended or re-issued).",
            ),
            FieldErrorCode::LicenceOtherActivity => (
                "Бұл лицензия басқа қызмет түріне берілген. Осы қызметтің лицензиясын таңдаңыз.",
                "Эта лицензия выдана на другой вид деятельности. Выберите лицензию этой услуги.",
                "This licence is for another activity. Choose a licence of this service.",
            ),
            FieldErrorCode::ResultUnknown => (
                "Порталда мұндай нөмірлі шешім жоқ. Нөмірді тексеріңіз немесе хаттаманың көшірмесін тіркеңіз.",
                "На портале нет решения с таким номером. Проверьте номер или приложите копию протокола.",
                "The portal has no decision with this number. Check the number or attach a copy of the protocol.",
            ),
            FieldErrorCode::ResultNotPassed => (
                "Бұл шешім сіздің аттестаттаудан өткеніңізді растамайды.",
                "Это решение не подтверждает прохождение вами аттестации.",
                "This decision does not show that you passed the attestation.",
            ),
            FieldErrorCode::AddressIncomplete => (
                "Өңірді таңдап, елді мекенді, көшені және үйді жазыңыз.",
                "Выберите регион и укажите населённый пункт, улицу и дом.",
                "Choose the region and write the locality, street and building.",
            ),
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
            FieldErrorCode::UploadQuotaExceeded => (
                "Жүктелген файлдарыңыздың шегіне жеттіңіз: қажет емес жобаларды жойыңыз.",
                "Достигнут предел ваших загруженных файлов: удалите ненужные черновики.",
                "You keep as many uploaded files as you may: remove drafts you no longer need.",
            ),
            FieldErrorCode::NotANumber => (
                "Бүтін санды цифрмен енгізіңіз.",
                "Введите целое число цифрами.",
                "Enter a whole number in digits.",
            ),
            FieldErrorCode::OutOfRange => (
                "Мән рұқсат етілген шектен тыс.",
                "Значение вне допустимых пределов.",
                "The value is outside the allowed range.",
            ),
            FieldErrorCode::TooFewRows => (
                "Жолдар жеткіліксіз: тағы қосыңыз.",
                "Недостаточно строк: добавьте ещё.",
                "Not enough rows: add more.",
            ),
            FieldErrorCode::TooManyRows => {
                ("Жолдар тым көп.", "Слишком много строк.", "Too many rows.")
            }
            FieldErrorCode::RuleNotMet => (
                "Талап орындалмаған.",
                "Требование не выполнено.",
                "A requirement is not met.",
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
    /// For `RuleNotMet`: the rule's own message, which says what the threshold is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_message: Option<crate::text::Text>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: FieldErrorCode) -> Self {
        FieldError {
            field: field.into(),
            code,
            rule_message: None,
        }
    }

    /// The message in the user's language: the rule's own for a cross-field rule.
    pub fn message(&self, lang: Lang) -> String {
        match &self.rule_message {
            Some(t) => t.get(lang).to_owned(),
            None => self.code.message(lang).to_owned(),
        }
    }
}

/// Parses a whole number as typed: digits with an optional leading minus, and spaces (also
/// non-breaking) between digit groups.
pub fn parse_number(s: &str) -> Option<i64> {
    let cleaned: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let digits = cleaned.strip_prefix('-').unwrap_or(&cleaned);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    cleaned.parse().ok()
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
        FieldKind::Number { min, max } => match parse_number(v) {
            None => Some(FieldErrorCode::NotANumber),
            Some(n) if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) => {
                Some(FieldErrorCode::OutOfRange)
            }
            Some(_) => None,
        },
        FieldKind::Money => match parse_number(v) {
            None => Some(FieldErrorCode::NotANumber),
            Some(n) if n < 0 => Some(FieldErrorCode::OutOfRange),
            Some(_) => None,
        },
        FieldKind::Address => match parse_address(v) {
            None => Some(FieldErrorCode::AddressIncomplete),
            Some(a) if a.line.chars().count() > 300 => Some(FieldErrorCode::TooLong),
            Some(_) => None,
        },
        FieldKind::File { .. } => None,
        // Rows are checked by `validate`, which names each row's fields.
        FieldKind::Group { .. } => None,
    }
}

/// An address as typed: the region's code and the rest of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Address {
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub line: String,
}

impl Address {
    /// The value stored in the form.
    pub fn to_value(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The address as one line in the user's language.
    pub fn display(&self, lang: Lang) -> String {
        let region = crate::regions::name(&self.region)
            .map(|t| t.get(lang).to_owned())
            .unwrap_or_default();
        [region, self.line.trim().to_owned()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Reads an address value as typed, complete or not.
pub fn address_value(value: Option<&str>) -> Address {
    value
        .and_then(|v| serde_json::from_str(v).ok())
        .unwrap_or_default()
}

/// A complete address: a known region and a line that is not blank.
pub fn parse_address(value: &str) -> Option<Address> {
    let a: Address = serde_json::from_str(value).ok()?;
    (crate::regions::name(&a.region).is_some() && !a.line.trim().is_empty()).then_some(a)
}

/// One row of a repeating group: its fields' values.
pub type GroupRow = BTreeMap<String, String>;

/// Reads a group's value (a JSON array of rows); an empty value is no rows.
pub fn group_rows(value: Option<&str>) -> Option<Vec<GroupRow>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Some(Vec::new()),
        Some(v) => serde_json::from_str(v).ok(),
    }
}

/// The error key of a field in a group's row: `group.row.field`.
pub fn row_field_key(group: &str, row: usize, field: &str) -> String {
    format!("{group}.{row}.{field}")
}

fn check_group(
    key: &str,
    fields: &[crate::catalogue::Field],
    min_rows: usize,
    max_rows: usize,
    required: bool,
    value: Option<&str>,
    today: Date,
) -> Vec<FieldError> {
    let Some(rows) = group_rows(value) else {
        return vec![FieldError::new(key, FieldErrorCode::NotAnOption)];
    };
    let needed = min_rows.max(usize::from(required));
    if rows.len() < needed {
        let code = if rows.is_empty() {
            FieldErrorCode::Required
        } else {
            FieldErrorCode::TooFewRows
        };
        return vec![FieldError::new(key, code)];
    }
    if rows.len() > max_rows {
        return vec![FieldError::new(key, FieldErrorCode::TooManyRows)];
    }
    let mut errors = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for f in fields {
            if let Some(code) = check_field(
                &f.kind,
                f.required,
                row.get(&f.key).map(String::as_str),
                today,
            ) {
                errors.push(FieldError::new(row_field_key(key, i, &f.key), code));
            }
        }
        for k in row.keys() {
            if !fields.iter().any(|f| &f.key == k) {
                errors.push(FieldError::new(
                    row_field_key(key, i, k),
                    FieldErrorCode::UnknownField,
                ));
            }
        }
    }
    errors
}

/// The outcome of a cross-field check: met, not met, or not yet decidable (a field it reads
/// is empty or invalid — that field's own error says so).
fn evaluate(check: &Check, values: &FormValues, year: i32) -> Option<bool> {
    let num = |k: &str| values.get(k).and_then(|v| parse_number(v));
    Some(match check {
        Check::PercentOf { field, of, percent } => {
            i128::from(num(field)?) * 100 >= i128::from(num(of)?) * i128::from(*percent)
        }
        Check::AtLeastField { field, other } => num(field)? >= num(other)?,
        Check::AtLeast { field, value } => num(field)? >= *value,
        Check::MoreThan { field, value } => num(field)? > *value,
        Check::AtLeastMci { field, mci } => {
            i128::from(num(field)?) >= i128::from(*mci) * i128::from(crate::money::mci(year))
        }
        Check::Ticked { field } => values.get(field).map(String::as_str) == Some("true"),
        Check::AnyOf { checks } => {
            let outcomes: Vec<Option<bool>> =
                checks.iter().map(|c| evaluate(c, values, year)).collect();
            if outcomes.contains(&Some(true)) {
                true
            } else if outcomes.contains(&None) {
                return None;
            } else {
                false
            }
        }
        Check::AllOf { checks } => {
            let outcomes: Vec<Option<bool>> =
                checks.iter().map(|c| evaluate(c, values, year)).collect();
            if outcomes.contains(&Some(false)) {
                false
            } else if outcomes.contains(&None) {
                return None;
            } else {
                true
            }
        }
    })
}

/// True when the field is shown: no condition, or its condition holds.
impl crate::catalogue::Condition {
    /// Whether the other field has one of the condition's values.
    pub fn holds(&self, values: &FormValues) -> bool {
        values
            .get(&self.field)
            .is_some_and(|v| self.one_of.iter().any(|o| o == v))
    }
}

/// The region whose body runs a request with these values (regional services only): the
/// first of the definition's `region_fields` that names a known region.
pub fn region_of(
    service: &crate::catalogue::ServiceDefinition,
    values: &FormValues,
) -> Option<String> {
    service.region_fields.iter().find_map(|key| {
        let v = values.get(key)?;
        let code = parse_address(v)
            .map(|a| a.region)
            .unwrap_or_else(|| v.clone());
        crate::regions::name(&code).map(|_| code)
    })
}

pub fn is_shown(field: &crate::catalogue::Field, values: &FormValues) -> bool {
    field.shown_when.as_ref().is_none_or(|c| c.holds(values))
}

/// Validates a whole form against a variant. An empty result means the form is acceptable.
pub fn validate(variant: &Variant, values: &FormValues, today: Date) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = Vec::new();
    for f in variant.fields.iter().filter(|f| is_shown(f, values)) {
        let value = values.get(&f.key).map(String::as_str);
        if let FieldKind::Group {
            fields,
            min_rows,
            max_rows,
            ..
        } = &f.kind
        {
            errors.extend(check_group(
                &f.key, fields, *min_rows, *max_rows, f.required, value, today,
            ));
        } else if let Some(code) = check_field(&f.kind, f.required, value, today) {
            errors.push(FieldError::new(f.key.clone(), code));
        }
    }
    for key in values.keys() {
        if !variant.fields.iter().any(|f| &f.key == key) {
            errors.push(FieldError::new(key.clone(), FieldErrorCode::UnknownField));
        }
    }
    for rule in &variant.rules {
        let already = errors.iter().any(|e| e.field == rule.field);
        if !already && evaluate(&rule.check, values, today.year()) == Some(false) {
            errors.push(FieldError {
                field: rule.field.clone(),
                code: FieldErrorCode::RuleNotMet,
                rule_message: Some(rule.message.clone()),
            });
        }
    }
    errors
}

/// The values that count: those of shown fields (a hidden field's value is ignored).
pub fn effective_values(variant: &Variant, values: &FormValues) -> FormValues {
    values
        .iter()
        .filter(|(k, _)| {
            variant
                .fields
                .iter()
                .find(|f| &f.key == *k)
                .is_none_or(|f| is_shown(f, values))
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// What a section of a form is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionTitle {
    /// The request's own facts (text, numbers, dates, choices, ticks).
    Details,
    /// A repeating group is a section of its own, titled with the group's label.
    Group(crate::text::Text),
    /// The file slots.
    Documents,
    /// Phone and e-mail.
    Contacts,
}

/// A section of a form: its title and the top-level fields in it, in the definition's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: SectionTitle,
    pub fields: Vec<String>,
}

/// How far a section has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionState {
    NotStarted,
    InProgress,
    Done,
}

/// The task list of a form: details first, then each repeating group, the documents and the
/// contacts. Derived from the field kinds, so every definition gets one without extra data.
pub fn sections(variant: &Variant) -> Vec<Section> {
    let mut details = Vec::new();
    let mut groups = Vec::new();
    let mut documents = Vec::new();
    let mut contacts = Vec::new();
    for f in &variant.fields {
        match &f.kind {
            FieldKind::Group { .. } => groups.push(Section {
                title: SectionTitle::Group(f.label.clone()),
                fields: vec![f.key.clone()],
            }),
            FieldKind::File { .. } => documents.push(f.key.clone()),
            FieldKind::Phone | FieldKind::Email => contacts.push(f.key.clone()),
            _ => details.push(f.key.clone()),
        }
    }
    let mut out = Vec::new();
    if !details.is_empty() {
        out.push(Section {
            title: SectionTitle::Details,
            fields: details,
        });
    }
    out.extend(groups);
    for (title, fields) in [
        (SectionTitle::Documents, documents),
        (SectionTitle::Contacts, contacts),
    ] {
        if !fields.is_empty() {
            out.push(Section { title, fields });
        }
    }
    out
}

/// Whether an error (possibly of a group's row, `group.i.field`) belongs to a top-level field.
pub fn error_is_of(error: &FieldError, key: &str) -> bool {
    error.field == key
        || error
            .field
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// A section's state from the values and the validation of the whole form: done when none of
/// its shown fields has an error, not started when none of them has a value.
pub fn section_state(
    section: &Section,
    variant: &Variant,
    values: &FormValues,
    errors: &[FieldError],
) -> SectionState {
    let shown: Vec<&str> = section
        .fields
        .iter()
        .filter(|k| {
            variant
                .fields
                .iter()
                .find(|f| &f.key == *k)
                .is_some_and(|f| is_shown(f, values))
        })
        .map(String::as_str)
        .collect();
    let has_error = errors
        .iter()
        .any(|e| shown.iter().any(|k| error_is_of(e, k)));
    let any_value = shown
        .iter()
        .any(|k| values.get(*k).is_some_and(|v| !v.is_empty()));
    match (has_error, any_value) {
        (false, _) => SectionState::Done,
        (true, false) => SectionState::NotStarted,
        (true, true) => SectionState::InProgress,
    }
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
            .find(|s| s.code == "FOR-LIC")
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
    fn the_task_list_follows_the_fields_and_their_errors() {
        let v = forensic_issue();
        let secs = sections(&v);
        let titles: Vec<_> = secs.iter().map(|s| s.title.clone()).collect();
        assert_eq!(
            titles,
            vec![
                SectionTitle::Details,
                SectionTitle::Documents,
                SectionTitle::Contacts
            ]
        );
        // Every field is in exactly one section.
        let mut all: Vec<_> = secs.iter().flat_map(|s| s.fields.clone()).collect();
        all.sort();
        let mut keys: Vec<_> = v.fields.iter().map(|f| f.key.clone()).collect();
        keys.sort();
        assert_eq!(all, keys);
        let today = date!(2026 - 11 - 22);
        let state = |values: &FormValues, i: usize| {
            section_state(&secs[i], &v, values, &validate(&v, values, today))
        };
        let empty = FormValues::new();
        assert_eq!(state(&empty, 0), SectionState::NotStarted);
        let mut some = FormValues::new();
        some.insert("phone".into(), "+7 701 123 45 67".into());
        assert_eq!(state(&some, 2), SectionState::InProgress);
        assert_eq!(state(&valid_values(), 0), SectionState::Done);
        assert_eq!(state(&valid_values(), 1), SectionState::Done);
        // A repeating group is its own section, and its rows' errors count for it.
        let design = builtin()
            .into_iter()
            .find(|s| s.code == "CON-DESIGN")
            .unwrap();
        let issue = design.variant("issue").unwrap();
        let secs = sections(issue);
        assert!(secs
            .iter()
            .any(|s| matches!(s.title, SectionTitle::Group(_))));
        let e = FieldError::new("staff.0.full_name", FieldErrorCode::Required);
        assert!(error_is_of(&e, "staff"));
        assert!(!error_is_of(&e, "staf"));
    }

    #[test]
    fn an_address_needs_a_known_region_and_the_rest_of_it() {
        let today = date!(2026 - 11 - 22);
        let check = |v: &str| check_field(&FieldKind::Address, true, Some(v), today);
        let full = Address {
            region: "pavlodar".into(),
            line: "Павлодар қ., Сәтбаев к-сі, 1".into(),
        };
        assert_eq!(check(&full.to_value()), None);
        assert_eq!(check(""), Some(FieldErrorCode::Required));
        for half in [
            Address {
                region: "pavlodar".into(),
                line: "  ".into(),
            },
            Address {
                region: "atlantis".into(),
                line: "Main street 1".into(),
            },
        ] {
            assert_eq!(
                check(&half.to_value()),
                Some(FieldErrorCode::AddressIncomplete)
            );
        }
        assert_eq!(check("not json"), Some(FieldErrorCode::AddressIncomplete));
        assert_eq!(
            full.display(Lang::En),
            "Pavlodar region, Павлодар қ., Сәтбаев к-сі, 1"
        );
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

#[cfg(test)]
mod threshold_tests {
    use super::*;
    use crate::catalogue::builtin;
    use time::macros::date;

    fn equity(variant: &str) -> Variant {
        builtin()
            .into_iter()
            .find(|s| s.code == "CON-EQUITY")
            .unwrap()
            .variant(variant)
            .unwrap()
            .clone()
    }

    fn form(pairs: &[(&str, &str)]) -> FormValues {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn rule_errors(v: &Variant, values: &FormValues) -> Vec<String> {
        validate(v, values, date!(2026 - 11 - 22))
            .into_iter()
            .filter(|e| e.code == FieldErrorCode::RuleNotMet)
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(parse_number("1 250 000"), Some(1_250_000));
        assert_eq!(parse_number("1\u{a0}000"), Some(1000));
        assert_eq!(parse_number("-5"), Some(-5));
        assert_eq!(parse_number("12,5"), None);
        assert_eq!(parse_number("1e6"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn stage_one_thresholds_of_the_regulation() {
        let v = equity("issue_stage1");
        let good = form(&[
            ("construction_cost", "10 000 000 000"),
            ("zero_cycle_cost", "2 000 000 000"),
            ("own_funds", "1 500 000 000"),
            ("founder_share_percent", "51"),
            ("founder_experience_years", "3"),
            ("founder_flats_commissioned", "100"),
            // 100,000 MCI at the 2026 MCI of 4,325 tenge.
            ("founder_capital", "432 500 000"),
        ]);
        assert!(rule_errors(&v, &good).is_empty());

        let mut low = good.clone();
        low.insert("own_funds".into(), "1 499 999 999".into());
        assert_eq!(rule_errors(&v, &low), vec!["own_funds"]);
        // …unless the own funds cover the zero cycle.
        low.insert("zero_cycle_cost".into(), "1 000 000 000".into());
        assert!(rule_errors(&v, &low).is_empty());

        for (field, value) in [
            ("founder_share_percent", "50"),
            ("founder_experience_years", "2"),
            ("founder_flats_commissioned", "99"),
            ("founder_capital", "432 499 999"),
        ] {
            let mut bad = good.clone();
            bad.insert(field.into(), value.into());
            assert_eq!(rule_errors(&v, &bad), vec![field], "{field} = {value}");
            let e = validate(&v, &bad, date!(2026 - 11 - 22))
                .into_iter()
                .find(|e| e.field == field)
                .unwrap();
            assert!(e.message(Lang::Ru).len() > 20, "{}", e.message(Lang::Ru));
        }
        // A threshold is not judged while a figure it needs is missing or not a number.
        let mut missing = good.clone();
        missing.remove("construction_cost");
        missing.insert("zero_cycle_cost".into(), "много".into());
        assert!(rule_errors(&v, &missing).is_empty());
    }

    #[test]
    fn stage_two_needs_deposits_and_own_funds_or_an_investor() {
        let v = equity("issue_stage2");
        let base = form(&[
            ("construction_cost", "10 000 000 000"),
            ("deposits", "1 500 000 000"),
            ("cost_to_complete", "6 000 000 000"),
            ("own_funds", "6 000 000 000"),
        ]);
        assert!(rule_errors(&v, &base).is_empty());
        let mut short = base.clone();
        short.insert("own_funds".into(), "2 500 000 000".into());
        assert_eq!(rule_errors(&v, &short), vec!["own_funds"]);
        // 25 % with an investor agreement is enough, and the agreement becomes required.
        short.insert("has_investor".into(), "true".into());
        assert!(rule_errors(&v, &short).is_empty());
        assert!(validate(&v, &short, date!(2026 - 11 - 22))
            .iter()
            .any(|e| e.field == "investor_agreement" && e.code == FieldErrorCode::Required));
        let mut few_deposits = base.clone();
        few_deposits.insert("deposits".into(), "1 000".into());
        assert_eq!(rule_errors(&v, &few_deposits), vec!["deposits"]);
    }

    #[test]
    fn a_hidden_field_is_neither_required_nor_kept() {
        let v = equity("issue_stage2");
        let values = form(&[("investor_agreement", "some-attachment")]);
        assert!(!validate(&v, &values, date!(2026 - 11 - 22))
            .iter()
            .any(|e| e.field == "investor_agreement"));
        assert!(effective_values(&v, &values).is_empty());
    }
}

#[cfg(test)]
mod group_tests {
    use super::*;
    use crate::catalogue::{Field, FieldKind};
    use crate::text::Text;
    use time::macros::date;

    fn staff() -> Variant {
        let t = |s: &str| Text::new(s, s, s);
        let sub = |key: &str, kind: FieldKind, required: bool| Field {
            key: key.into(),
            label: t(key),
            hint: None,
            kind,
            required,
            shown_when: None,
        };
        Variant {
            code: "v".into(),
            name: t("v"),
            fee_mci: None,
            term_working_days: 0,
            term_basis: t("b"),
            documents: vec![],
            psc_documents: vec![],
            fields: vec![sub(
                "staff",
                FieldKind::Group {
                    fields: vec![
                        sub("full_name", FieldKind::Text { max_len: 100 }, true),
                        sub(
                            "experience_years",
                            FieldKind::Number {
                                min: Some(0),
                                max: Some(70),
                            },
                            true,
                        ),
                    ],
                    min_rows: 2,
                    max_rows: 3,
                    row_label: t("Specialist"),
                },
                true,
            )],
            rules: vec![],
            result: Default::default(),
            licence: None,
            attestation: None,
            subtypes_field: None,
            category_field: None,
        }
    }

    fn errors(json: &str) -> Vec<(String, FieldErrorCode)> {
        let values: FormValues = [("staff".to_owned(), json.to_owned())]
            .into_iter()
            .collect();
        validate(&staff(), &values, date!(2026 - 11 - 22))
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn each_row_of_a_group_is_checked_and_named() {
        assert!(errors(r#"[{"full_name":"Ким О.","experience_years":"12"},{"full_name":"Ли А.","experience_years":"3"}]"#).is_empty());
        assert_eq!(
            errors(
                r#"[{"full_name":"Ким О.","experience_years":"много"},{"experience_years":"3"}]"#
            ),
            vec![
                (
                    "staff.0.experience_years".to_owned(),
                    FieldErrorCode::NotANumber
                ),
                ("staff.1.full_name".to_owned(), FieldErrorCode::Required),
            ]
        );
        assert_eq!(
            errors("[]"),
            vec![("staff".to_owned(), FieldErrorCode::Required)]
        );
        assert_eq!(
            errors(r#"[{"full_name":"A","experience_years":"1"}]"#),
            vec![("staff".to_owned(), FieldErrorCode::TooFewRows)]
        );
        let four = r#"[{"full_name":"A","experience_years":"1"},{"full_name":"B","experience_years":"1"},{"full_name":"C","experience_years":"1"},{"full_name":"D","experience_years":"1"}]"#;
        assert_eq!(
            errors(four),
            vec![("staff".to_owned(), FieldErrorCode::TooManyRows)]
        );
        assert_eq!(
            errors("not json"),
            vec![("staff".to_owned(), FieldErrorCode::NotAnOption)]
        );
    }
}

#[cfg(test)]
mod same_on_both_sides {
    use super::*;
    use crate::catalogue::builtin;
    use proptest::prelude::*;
    use time::macros::date;

    proptest! {
        /// What the browser judged is what the server judges: the values travel as JSON, and
        /// validation of any values (typed or hostile) is the same before and after, and never
        /// panics.
        #[test]
        fn validation_is_the_same_after_the_trip_to_the_server(
            service in 0usize..7, variant in 0usize..3,
            entries in proptest::collection::btree_map("[a-z_]{1,12}|licence_number|phone|email|category|own_funds|staff", ".{0,40}", 0..12),
        ) {
            let all = builtin();
            let s = &all[service % all.len()];
            let v = &s.variants[variant % s.variants.len()];
            let values: FormValues = entries;
            let browser = validate(v, &values, date!(2026 - 11 - 22));
            let wire = serde_json::to_string(&values).unwrap();
            let received: FormValues = serde_json::from_str(&wire).unwrap();
            let server = validate(v, &received, date!(2026 - 11 - 22));
            prop_assert_eq!(browser, server);
        }
    }
}
