//! The service catalogue schema: services, their variants, form fields and passports.
//!
//! A service is data (see `domain/services/*.json`), never a hand-written page: the browser
//! renders the form from a [`Variant`]'s fields and both sides validate with
//! [`crate::form::validate`].

use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The channels through which a service can be requested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Portal,
    PublicServiceCentre,
    ProviderOffice,
}

impl Channel {
    /// The code an application records its channel with (`psc` for the public service
    /// centre).
    pub fn code(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::PublicServiceCentre => "psc",
            Channel::ProviderOffice => "provider_office",
        }
    }

    pub fn parse(code: &str) -> Option<Channel> {
        [
            Channel::Portal,
            Channel::PublicServiceCentre,
            Channel::ProviderOffice,
        ]
        .into_iter()
        .find(|c| c.code() == code)
    }

    pub fn label(self) -> Text {
        match self {
            Channel::Portal => Text::new(
                "«Электрондық үкімет» веб-порталы (www.egov.kz, www.elicense.kz)",
                "Веб-портал «электронного правительства» (www.egov.kz, www.elicense.kz)",
                "The e-government portal (www.egov.kz, www.elicense.kz)",
            ),
            Channel::PublicServiceCentre => Text::new(
                "Халыққа қызмет көрсету орталығы",
                "Центр обслуживания населения",
                "Public service centre",
            ),
            Channel::ProviderOffice => Text::new(
                "Көрсетілетін қызметті берушінің кеңсесі",
                "Канцелярия услугодателя",
                "The provider's office",
            ),
        }
    }
}

/// Who can apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantType {
    Individual,
    SoleProprietor,
    LegalEntity,
    ForeignPerson,
}

impl ApplicantType {
    pub const ALL: [ApplicantType; 4] = [
        ApplicantType::Individual,
        ApplicantType::SoleProprietor,
        ApplicantType::LegalEntity,
        ApplicantType::ForeignPerson,
    ];

    pub fn label(self) -> Text {
        match self {
            ApplicantType::Individual => Text::new("Жеке тұлға", "Физическое лицо", "Individual"),
            ApplicantType::SoleProprietor => Text::new(
                "Жеке кәсіпкер",
                "Индивидуальный предприниматель",
                "Sole proprietor",
            ),
            ApplicantType::LegalEntity => {
                Text::new("Заңды тұлға", "Юридическое лицо", "Legal entity")
            }
            ApplicantType::ForeignPerson => {
                Text::new("Шетелдік тұлға", "Иностранное лицо", "Foreign person")
            }
        }
    }
}

/// A document the applicant provides; `for` names the applicant types it applies to (none:
/// every applicant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "DocumentWire")]
pub struct Document {
    #[serde(flatten)]
    pub text: Text,
    #[serde(default, rename = "for", skip_serializing_if = "Vec::is_empty")]
    pub for_types: Vec<ApplicantType>,
}

/// A [`Document`] as it is read: the same JSON, its three texts beside `for`, decoded without
/// `flatten` (whose buffering decoder was a tenth of the public pages' WebAssembly module).
#[derive(Deserialize)]
struct DocumentWire {
    kk: String,
    ru: String,
    en: String,
    #[serde(default, rename = "for")]
    for_types: Vec<ApplicantType>,
}

impl From<DocumentWire> for Document {
    fn from(w: DocumentWire) -> Self {
        Document {
            text: Text {
                kk: w.kk,
                ru: w.ru,
                en: w.en,
            },
            for_types: w.for_types,
        }
    }
}

impl Document {
    /// Whether this applicant type provides the document (`None`: show all).
    pub fn applies_to(&self, applicant: Option<ApplicantType>) -> bool {
        match applicant {
            None => true,
            Some(a) => self.for_types.is_empty() || self.for_types.contains(&a),
        }
    }
}

/// The state body that delivers a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provider {
    /// Stable code used to route cases to the provider's officers.
    pub code: String,
    pub name: Text,
}

/// One choice of a select field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: Text,
}

/// What a field holds and how it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Text {
        #[serde(default = "default_max_len")]
        max_len: usize,
    },
    Date,
    Select {
        options: Vec<Choice>,
    },
    Checkbox,
    Iin,
    Bin,
    Email,
    Phone,
    /// A whole number (counts, years, percent), within bounds when given.
    Number {
        #[serde(default)]
        min: Option<i64>,
        #[serde(default)]
        max: Option<i64>,
    },
    /// An amount in tenge, whole and not negative; spaces between digit groups are allowed.
    Money,
    /// A postal address in Kazakhstan: the region (or city of republican significance) chosen
    /// from the list, and the locality, street and building written out. The value is a JSON
    /// object `{"region": code, "line": text}` (see `form::parse_address`).
    Address,
    /// A repeating group (staff, completed objects, branches): rows of the given fields. The
    /// value is a JSON array of rows, each an object of the row's field values.
    Group {
        fields: Vec<Field>,
        #[serde(default)]
        min_rows: usize,
        #[serde(default = "default_max_rows")]
        max_rows: usize,
        /// What one row is called ("Specialist", "Object"…), for "Add a specialist" and row
        /// headings.
        row_label: Text,
    },
    /// An attachment slot: the value is the id of an uploaded attachment.
    File {
        /// Allowed content types, checked against the file's bytes.
        accept: Vec<String>,
        max_bytes: u64,
    },
}

impl FieldKind {
    /// Whether a field of this kind may be a column of a repeating group: a single value on
    /// one line. An address, a file slot or another group may not.
    pub fn fits_in_group(&self) -> bool {
        match self {
            FieldKind::Text { .. }
            | FieldKind::Date
            | FieldKind::Select { .. }
            | FieldKind::Checkbox
            | FieldKind::Iin
            | FieldKind::Bin
            | FieldKind::Email
            | FieldKind::Phone
            | FieldKind::Number { .. }
            | FieldKind::Money => true,
            FieldKind::Address | FieldKind::File { .. } | FieldKind::Group { .. } => false,
        }
    }
}

fn default_max_rows() -> usize {
    50
}

fn default_max_len() -> usize {
    500
}

/// One field of a request form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub key: String,
    pub label: Text,
    #[serde(default)]
    pub hint: Option<Text>,
    #[serde(flatten)]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// Shown (and required, when `required`) only while another field has one of these values;
    /// otherwise hidden and its value ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown_when: Option<Condition>,
}

/// A condition on another field's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub field: String,
    #[serde(rename = "in")]
    pub one_of: Vec<String>,
}

/// A check across fields, computed from the typed numbers (the regulations' thresholds).
/// Checked only once the fields it reads are filled in and valid; the failure is shown on
/// `field` with the rule's own message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The field the failure is shown on.
    pub field: String,
    pub check: Check,
    pub message: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Check {
    /// `field` ≥ `percent` % of `of`.
    PercentOf {
        field: String,
        of: String,
        percent: i64,
    },
    /// `field` ≥ `other`.
    AtLeastField {
        field: String,
        other: String,
    },
    /// `field` ≥ `value`.
    AtLeast {
        field: String,
        value: i64,
    },
    /// `field` > `value`.
    MoreThan {
        field: String,
        value: i64,
    },
    /// `field` (tenge) ≥ `mci` monthly calculation indices of the year.
    AtLeastMci {
        field: String,
        mci: i64,
    },
    /// A checkbox ticked.
    Ticked {
        field: String,
    },
    AnyOf {
        checks: Vec<Check>,
    },
    AllOf {
        checks: Vec<Check>,
    },
}

/// A variant of a service: issue, re-issue for a reason, duplicate, annex…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub code: String,
    pub name: Text,
    /// Licence fee in MCI; `None` when the service is free.
    pub fee_mci: Option<u32>,
    /// The term of the service in working days, counted from registration.
    pub term_working_days: u32,
    /// How the term is made up from the regulation's steps.
    pub term_basis: Text,
    /// Documents the applicant provides through the portal (attachment slots of the form).
    pub documents: Vec<Document>,
    /// Documents brought to a public service centre, where the service takes that channel.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub psc_documents: Vec<Document>,
    pub fields: Vec<Field>,
    /// Cross-field checks (thresholds) over the fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// What granting the request produces (a licence by default).
    #[serde(default)]
    pub result: ResultKind,
    /// The existing licence the request acts on (re-issue, duplicate, category; an annex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<LicenceRef>,
    /// The applicant's earlier result the request rests on (the passed attestation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation: Option<ResultRef>,
    /// The field naming the licensed activity's sub-types, recorded on the licence or annex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtypes_field: Option<String>,
    /// The field naming the licence's category, recorded on the licence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_field: Option<String>,
}

/// When a version of a service was in force (dates as `YYYY-MM-DD`): from the day its
/// regulation took effect until the day the next one did (none while it is current).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InForce {
    pub from: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// A service definition, versioned by the regime (the year of its regulation: 2014, 2016,
/// 2018): the same service keeps its code across regimes, the highest version is the current
/// one, and a submitted application keeps the version it was filled with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDefinition {
    pub code: String,
    pub version: u32,
    pub in_force: InForce,
    /// Family used for grouping in the catalogue (forensic, bailiff, construction).
    pub family: String,
    pub name: Text,
    /// The licensed activity as printed on the licence.
    pub activity: Text,
    pub provider: Provider,
    pub channels: Vec<Channel>,
    pub delivery: Text,
    pub applicant_types: Vec<ApplicantType>,
    /// For a company applicant: the roles whose keys may sign its request (role codes of the
    /// national authority's certificates: `first_head`, `signatory`, `employee`, …).
    #[serde(default = "default_signer_roles")]
    pub signer_roles: Vec<crate::signing::HolderRole>,
    /// Run by regional bodies: the fields (a region choice or an address) whose region decides
    /// which body's officers work the case, tried in order. None: run centrally.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub region_fields: Vec<String>,
    pub legal_basis: Vec<Text>,
    pub result: Text,
    pub refusal_grounds: Vec<Text>,
    pub variants: Vec<Variant>,
}

/// A field's texts, and those of a group's fields.
fn push_field_texts<'a>(f: &'a Field, out: &mut Vec<&'a Text>) {
    out.push(&f.label);
    out.extend(f.hint.iter());
    match &f.kind {
        FieldKind::Select { options } => out.extend(options.iter().map(|o| &o.label)),
        FieldKind::Group {
            fields, row_label, ..
        } => {
            out.push(row_label);
            for sub in fields {
                push_field_texts(sub, out);
            }
        }
        _ => {}
    }
}

/// A form that is not an applicant's request: the documents an officer fills in (the
/// licensing-control conclusion) or a form attached to a request (information on conformity
/// with qualification requirements). Validated by the same code as requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSchema {
    pub code: String,
    pub version: u32,
    pub name: Text,
    /// Where the form comes from (regulation and annex).
    pub source: Text,
    pub fields: Vec<Field>,
    #[serde(default)]
    pub rules: Vec<Rule>,
}

impl FormSchema {
    /// The schema as a variant-shaped form, so `form::validate` applies unchanged.
    pub fn as_variant(&self) -> Variant {
        Variant {
            code: self.code.clone(),
            name: self.name.clone(),
            fee_mci: None,
            term_working_days: 0,
            term_basis: self.source.clone(),
            documents: Vec::new(),
            psc_documents: Vec::new(),
            fields: self.fields.clone(),
            rules: self.rules.clone(),
            result: Default::default(),
            licence: None,
            attestation: None,
            subtypes_field: None,
            category_field: None,
        }
    }

    pub fn texts(&self) -> Vec<&Text> {
        let mut out = vec![&self.name, &self.source];
        out.extend(self.rules.iter().map(|r| &r.message));
        for f in &self.fields {
            push_field_texts(f, &mut out);
        }
        out
    }
}

/// The non-request forms shipped with the portal, parsed from `domain/forms/*.json`.
pub fn builtin_forms() -> Vec<FormSchema> {
    const SOURCES: &[(&str, &str)] = &[
        (
            "licensing-control-conclusion.json",
            include_str!("../forms/licensing-control-conclusion.json"),
        ),
        (
            "qualification-conformity.json",
            include_str!("../forms/qualification-conformity.json"),
        ),
    ];
    SOURCES
        .iter()
        .map(|(name, json)| {
            serde_json::from_str(json).unwrap_or_else(|e| panic!("form schema {name}: {e}"))
        })
        .collect()
}

fn default_signer_roles() -> Vec<crate::signing::HolderRole> {
    vec![
        crate::signing::HolderRole::FirstHead,
        crate::signing::HolderRole::Signatory,
    ]
}

impl ServiceDefinition {
    /// Whether a company (true) or a person (false) may apply.
    pub fn serves_companies(&self) -> bool {
        self.applicant_types.contains(&ApplicantType::LegalEntity)
    }

    /// Whether a person applying for themselves may apply.
    pub fn serves_persons(&self) -> bool {
        self.applicant_types.iter().any(|t| {
            matches!(
                t,
                ApplicantType::Individual
                    | ApplicantType::SoleProprietor
                    | ApplicantType::ForeignPerson
            )
        })
    }

    pub fn variant(&self, code: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.code == code)
    }

    /// Every text of the definition, for completeness checks.
    pub fn texts(&self) -> Vec<&Text> {
        let mut out = vec![
            &self.name,
            &self.activity,
            &self.provider.name,
            &self.delivery,
            &self.result,
        ];
        out.extend(self.legal_basis.iter());
        out.extend(self.refusal_grounds.iter());
        for v in &self.variants {
            out.push(&v.name);
            out.push(&v.term_basis);
            out.extend(v.documents.iter().map(|d| &d.text));
            out.extend(v.psc_documents.iter().map(|d| &d.text));
            out.extend(v.rules.iter().map(|r| &r.message));
            for f in &v.fields {
                push_field_texts(f, &mut out);
            }
        }
        out
    }
}

/// The definitions shipped with the portal, parsed from `domain/services/*.json`.
///
/// Kept out of the browser bundle: the app fetches definitions from the server, so this
/// function is only linked into the server.
pub fn builtin() -> Vec<ServiceDefinition> {
    const SOURCES: &[(&str, &str)] = &[
        (
            "for-lic-2018.json",
            include_str!("../services/for-lic-2018.json"),
        ),
        (
            "bail-att-2018.json",
            include_str!("../services/bail-att-2018.json"),
        ),
        (
            "bail-att-2016.json",
            include_str!("../services/bail-att-2016.json"),
        ),
        (
            "bail-lic-2018.json",
            include_str!("../services/bail-lic-2018.json"),
        ),
        (
            "bail-lic-2016.json",
            include_str!("../services/bail-lic-2016.json"),
        ),
        (
            "bail-lic-2014.json",
            include_str!("../services/bail-lic-2014.json"),
        ),
        (
            "con-survey-2014.json",
            include_str!("../services/con-survey-2014.json"),
        ),
        (
            "con-equity-2014.json",
            include_str!("../services/con-equity-2014.json"),
        ),
        (
            "con-design-2014.json",
            include_str!("../services/con-design-2014.json"),
        ),
        (
            "con-ciw-2014.json",
            include_str!("../services/con-ciw-2014.json"),
        ),
    ];
    SOURCES
        .iter()
        .map(|(name, json)| {
            serde_json::from_str(json).unwrap_or_else(|e| panic!("service definition {name}: {e}"))
        })
        .collect()
}

/// The current version of a service among `all` (the highest version of its code).
pub fn current<'a>(all: &'a [ServiceDefinition], code: &str) -> Option<&'a ServiceDefinition> {
    all.iter()
        .filter(|s| s.code == code)
        .max_by_key(|s| s.version)
}

/// The versions of a service, newest first.
pub fn versions_of(all: &[ServiceDefinition], code: &str) -> Vec<VersionSummary> {
    let mut out: Vec<VersionSummary> = all
        .iter()
        .filter(|s| s.code == code)
        .map(|s| VersionSummary {
            version: s.version,
            in_force: s.in_force.clone(),
            name: s.name.clone(),
            variants: s.variants.iter().map(|v| v.name.clone()).collect(),
        })
        .collect();
    out.sort_by_key(|v| std::cmp::Reverse(v.version));
    out
}

/// One version of a service, for "earlier versions" lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub version: u32,
    pub in_force: InForce,
    pub name: Text,
    pub variants: Vec<Text>,
}

/// A service as listed in the catalogue: its current version, and the earlier ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub code: String,
    pub version: u32,
    pub family: String,
    pub name: Text,
    pub provider: Text,
    pub variants: Vec<VariantSummary>,
    /// Earlier versions (superseded regimes), newest first.
    #[serde(default)]
    pub earlier: Vec<VersionSummary>,
    #[serde(default)]
    pub channels: Vec<Channel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantSummary {
    pub code: String,
    pub name: Text,
    pub fee_mci: Option<u32>,
    pub term_working_days: u32,
}

impl From<&ServiceDefinition> for ServiceSummary {
    fn from(s: &ServiceDefinition) -> Self {
        ServiceSummary {
            code: s.code.clone(),
            version: s.version,
            family: s.family.clone(),
            name: s.name.clone(),
            provider: s.provider.name.clone(),
            variants: s
                .variants
                .iter()
                .map(|v| VariantSummary {
                    code: v.code.clone(),
                    name: v.name.clone(),
                    fee_mci: v.fee_mci,
                    term_working_days: v.term_working_days,
                })
                .collect(),
            earlier: Vec::new(),
            channels: s.channels.clone(),
        }
    }
}

/// What a service's passport shows: the definition without its forms, rules and process
/// hooks. It reads the same answer as the full definition (`GET /api/services/{code}`; fields it
/// does not name are skipped), so the public pages' module carries no form's decoder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passport {
    pub code: String,
    pub version: u32,
    pub name: Text,
    pub provider: Provider,
    pub channels: Vec<Channel>,
    pub delivery: Text,
    pub applicant_types: Vec<ApplicantType>,
    pub legal_basis: Vec<Text>,
    pub result: Text,
    pub refusal_grounds: Vec<Text>,
    pub variants: Vec<PassportVariant>,
}

/// A variant as its passport shows it: the fee, the term and the documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportVariant {
    pub code: String,
    pub name: Text,
    pub fee_mci: Option<u32>,
    pub term_working_days: u32,
    pub term_basis: Text,
    pub documents: Vec<Document>,
    #[serde(default)]
    pub psc_documents: Vec<Document>,
}

impl From<&ServiceDefinition> for Passport {
    fn from(s: &ServiceDefinition) -> Self {
        Passport {
            code: s.code.clone(),
            version: s.version,
            name: s.name.clone(),
            provider: s.provider.clone(),
            channels: s.channels.clone(),
            delivery: s.delivery.clone(),
            applicant_types: s.applicant_types.clone(),
            legal_basis: s.legal_basis.clone(),
            result: s.result.clone(),
            refusal_grounds: s.refusal_grounds.clone(),
            variants: s
                .variants
                .iter()
                .map(|v| PassportVariant {
                    code: v.code.clone(),
                    name: v.name.clone(),
                    fee_mci: v.fee_mci,
                    term_working_days: v.term_working_days,
                    term_basis: v.term_basis.clone(),
                    documents: v.documents.clone(),
                    psc_documents: v.psc_documents.clone(),
                })
                .collect(),
        }
    }
}

// What a variant's result is and how it names a licence or an earlier result (the
// register's vocabulary, in `licence`, re-exports these).

/// What granting a request of a variant produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    /// A new licence — or, when the variant names a licence (`licence`), an annex within it.
    #[default]
    Licence,
    /// The licence named is re-issued: a new licence replaces it, linked both ways.
    Reissue,
    /// The licence named is re-issued with a category assigned.
    Category,
    /// A duplicate of the licence named: a copy, the licence's number and status unchanged.
    Duplicate,
    /// The attestation commission's decision: passed, failed or did not appear. Not a licence.
    Attestation,
    /// The qualification commission's decision on the exam (the 2014 regime). Not a licence.
    Exam,
}

impl ResultKind {
    /// Whether the result enters the licence register (a licence or something of one).
    pub fn is_licence(self) -> bool {
        match self {
            ResultKind::Licence
            | ResultKind::Reissue
            | ResultKind::Category
            | ResultKind::Duplicate => true,
            ResultKind::Attestation | ResultKind::Exam => false,
        }
    }
}

/// How a variant names an existing licence: the field with its number, the "copy of the
/// licence" slot asked for only when the register has no data on it (R13), and, for a variant
/// that acts on a licence only sometimes (an annex requested with the issue form), when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceRef {
    pub number_field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
}

/// How a variant names an earlier result of the applicant's (the bailiff licence names the
/// passed attestation): the field with its number, and the copy asked for when the result
/// predates the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRef {
    pub number_field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_field: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passport_reads_the_full_definitions_json() {
        for s in builtin() {
            let json = serde_json::to_string(&s).unwrap();
            let passport: Passport = serde_json::from_str(&json).unwrap();
            assert_eq!(passport, Passport::from(&s), "{} {}", s.code, s.version);
            assert_eq!(passport.variants.len(), s.variants.len());
        }
    }

    #[test]
    fn every_variant_that_acts_on_a_licence_names_it_with_its_own_fields() {
        for s in builtin() {
            for v in &s.variants {
                let has = |key: &str| v.fields.iter().any(|f| f.key == key);
                let name = format!("{} {} {}", s.code, s.version, v.code);
                match v.result {
                    ResultKind::Reissue | ResultKind::Category | ResultKind::Duplicate => {
                        let r = v.licence.as_ref().unwrap_or_else(|| panic!("{name}"));
                        assert!(r.when.is_none(), "{name}");
                    }
                    ResultKind::Licence | ResultKind::Attestation | ResultKind::Exam => {}
                }
                if let Some(r) = &v.licence {
                    assert!(v.result.is_licence(), "{name}");
                    assert!(has(&r.number_field), "{name}: {}", r.number_field);
                    if let Some(c) = &r.copy_field {
                        let slot = v.fields.iter().find(|f| &f.key == c).unwrap();
                        assert!(matches!(slot.kind, FieldKind::File { .. }), "{name}");
                        // Asked for only when the register has no data on the licence (R13).
                        assert!(!slot.required, "{name}: {c}");
                    }
                    if let Some(w) = &r.when {
                        assert!(has(&w.field), "{name}");
                    }
                }
                if let Some(r) = &v.attestation {
                    assert!(has(&r.number_field), "{name}");
                    for f in r.date_field.iter().chain(r.copy_field.iter()) {
                        assert!(has(f), "{name}: {f}");
                    }
                }
                for f in v.subtypes_field.iter().chain(v.category_field.iter()) {
                    assert!(has(f), "{name}: {f}");
                }
                let attestation = s.code == "BAIL-ATT";
                assert_eq!(v.result == ResultKind::Attestation, attestation, "{name}");
            }
        }
    }

    #[test]
    fn every_group_of_every_form_holds_only_one_line_fields() {
        let forms = builtin_forms();
        let variants = builtin()
            .into_iter()
            .flat_map(|s| s.variants)
            .chain(forms.iter().map(FormSchema::as_variant));
        for v in variants {
            for f in &v.fields {
                if let FieldKind::Group { fields, .. } = &f.kind {
                    for sub in fields {
                        assert!(sub.kind.fits_in_group(), "{}.{}", f.key, sub.key);
                    }
                }
            }
        }
        assert!(!FieldKind::Address.fits_in_group());
    }

    #[test]
    fn every_builtin_text_exists_in_all_three_languages() {
        for s in builtin() {
            for t in s.texts() {
                assert!(t.is_complete(), "{}: incomplete text {:?}", s.code, t);
            }
        }
    }

    #[test]
    fn the_officer_and_conformity_forms_exist_as_schemas_in_three_languages() {
        let forms = builtin_forms();
        let codes: Vec<_> = forms.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            vec!["licensing-control-conclusion", "qualification-conformity"]
        );
        for f in &forms {
            for t in f.texts() {
                assert!(t.is_complete(), "{}: incomplete text {:?}", f.code, t);
            }
        }
        // The conclusion has every numbered field of the regulation's form (12 is missing
        // in the source itself).
        let conclusion = &forms[0];
        for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15] {
            assert!(
                conclusion
                    .fields
                    .iter()
                    .any(|f| f.key.starts_with(&format!("f{n:02}"))),
                "field {n}"
            );
        }
    }

    #[test]
    fn documents_are_listed_for_the_applicants_type() {
        let all = builtin();
        let design = all.iter().find(|s| s.code == "CON-DESIGN").unwrap();
        let issue = design.variant("issue").unwrap();
        let psc = |t| {
            issue
                .psc_documents
                .iter()
                .filter(|d| d.applies_to(Some(t)))
                .map(|d| d.text.en.clone())
                .collect::<Vec<_>>()
        };
        let company = psc(ApplicantType::LegalEntity);
        let person = psc(ApplicantType::Individual);
        assert!(company.iter().any(|d| d.contains("charter")));
        assert!(!person.iter().any(|d| d.contains("charter")));
        assert!(person.iter().any(|d| d.contains("identity document")));
        assert!(psc(ApplicantType::ForeignPerson)
            .iter()
            .any(|d| d.contains("foreign state")));
        assert!(!company.iter().any(|d| d.contains("foreign state")));
        // On the portal, the foreign permit is asked of foreign persons only.
        let portal_company = issue
            .documents
            .iter()
            .filter(|d| d.applies_to(Some(ApplicantType::LegalEntity)))
            .count();
        assert_eq!(portal_company + 1, issue.documents.len());
        for t in ApplicantType::ALL {
            assert!(t.label().is_complete());
        }
    }

    #[test]
    fn the_ten_services_of_the_seeds_are_versions_of_seven_codes() {
        let all = builtin();
        // BAIL-2014, BAIL-ATT-2016, BAIL-LIC-2016, BAIL-ATT-2018, BAIL-LIC-2018, FOR-LIC-2018,
        // CON-SURVEY, CON-EQUITY, CON-DESIGN, CON-CIW.
        assert_eq!(all.len(), 10);
        let mut seen = std::collections::BTreeSet::new();
        for s in &all {
            assert!(seen.insert((s.code.clone(), s.version)), "{} twice", s.code);
            // A variant code appears once per definition.
            let mut codes: Vec<_> = s.variants.iter().map(|v| &v.code).collect();
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), s.variants.len(), "{}", s.code);
            let cur = current(&all, &s.code).unwrap();
            if cur.version == s.version {
                assert!(s.in_force.until.is_none(), "{} current", s.code);
            } else {
                // A superseded version ended before its successor began.
                let until = s.in_force.until.as_deref().expect("superseded has an end");
                assert!(s.in_force.from.as_str() < until);
                assert!(
                    until <= cur.in_force.from.as_str(),
                    "{} {}",
                    s.code,
                    s.version
                );
            }
        }
        let bail = versions_of(&all, "BAIL-LIC");
        assert_eq!(
            bail.iter().map(|v| v.version).collect::<Vec<_>>(),
            vec![2018, 2016, 2014]
        );
        assert_eq!(current(&all, "BAIL-ATT").unwrap().version, 2018);
        // The variants the regulations name: duplicate for construction and 2014; re-issue
        // for forensic; the 2014 combined service starts with the qualification exam.
        let variants = |code: &str, version: u32| -> Vec<String> {
            all.iter()
                .find(|s| s.code == code && s.version == version)
                .unwrap()
                .variants
                .iter()
                .map(|v| v.code.clone())
                .collect()
        };
        for code in ["CON-SURVEY", "CON-DESIGN", "CON-CIW"] {
            assert_eq!(
                variants(code, 2014),
                vec!["issue", "reissue", "category", "duplicate"]
            );
        }
        assert_eq!(
            variants("CON-EQUITY", 2014),
            vec!["issue_stage1", "issue_stage2", "reissue", "duplicate"]
        );
        assert_eq!(variants("FOR-LIC", 2018), vec!["issue", "reissue"]);
        assert_eq!(
            variants("BAIL-LIC", 2014),
            vec!["exam", "issue", "reissue", "duplicate"]
        );
        assert_eq!(variants("BAIL-LIC", 2016), vec!["issue"]);
        assert_eq!(variants("BAIL-LIC", 2018), vec!["issue", "reissue"]);
    }

    #[test]
    fn every_channel_is_named_in_all_three_languages() {
        for c in [
            Channel::Portal,
            Channel::PublicServiceCentre,
            Channel::ProviderOffice,
        ] {
            assert!(c.label().is_complete());
        }
    }

    #[test]
    fn the_forensic_licence_has_an_issue_variant_with_a_fee_and_a_file_slot() {
        let all = builtin();
        let s = all.iter().find(|s| s.code == "FOR-LIC").unwrap();
        let v = s.variant("issue").unwrap();
        assert!(v.fee_mci.is_some());
        assert!(v
            .fields
            .iter()
            .any(|f| matches!(f.kind, FieldKind::File { .. })));
    }
}
