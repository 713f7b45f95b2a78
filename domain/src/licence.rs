//! The licence register's vocabulary: what a request's result is (a licence, a re-issue, a
//! duplicate, an annex, a commission's decision), how a request names the licence it acts on,
//! a licence's status and lineage as people see them, and why a request was refused (R85).

pub use crate::catalogue::{LicenceRef, ResultKind, ResultRef};
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// Where a licence stands in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceStatus {
    /// Made, waiting for the official's signature: not a licence yet, never shown publicly.
    PendingSignature,
    Valid,
    /// Replaced by a newer licence (re-issued).
    Reissued,
    Suspended,
    Terminated,
}

impl LicenceStatus {
    pub const ALL: [LicenceStatus; 5] = [
        LicenceStatus::PendingSignature,
        LicenceStatus::Valid,
        LicenceStatus::Reissued,
        LicenceStatus::Suspended,
        LicenceStatus::Terminated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LicenceStatus::PendingSignature => "pending_signature",
            LicenceStatus::Valid => "valid",
            LicenceStatus::Reissued => "reissued",
            LicenceStatus::Suspended => "suspended",
            LicenceStatus::Terminated => "terminated",
        }
    }

    pub fn parse(code: &str) -> Option<LicenceStatus> {
        LicenceStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> Text {
        let (kk, ru, en) = match self {
            LicenceStatus::PendingSignature => (
                "Лицензиардың қолын күтуде",
                "Ожидает подписи лицензиара",
                "Awaiting the licensor's signature",
            ),
            LicenceStatus::Valid => ("Жарамды", "Действительна", "Valid"),
            LicenceStatus::Reissued => ("Қайта ресімделді", "Переоформлена", "Re-issued"),
            LicenceStatus::Suspended => ("Тоқтатыла тұрды", "Приостановлена", "Suspended"),
            LicenceStatus::Terminated => ("Тоқтатылды", "Прекращена", "Terminated"),
        };
        Text::new(kk, ru, en)
    }
}

/// A change of status the licensor may make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusChange {
    Suspend,
    /// A suspended licence in force again.
    Resume,
    Terminate,
}

impl StatusChange {
    /// The status a licence in `from` takes, if the change applies to it.
    pub fn apply(self, from: LicenceStatus) -> Option<LicenceStatus> {
        match (self, from) {
            (StatusChange::Suspend, LicenceStatus::Valid) => Some(LicenceStatus::Suspended),
            (StatusChange::Resume, LicenceStatus::Suspended) => Some(LicenceStatus::Valid),
            (StatusChange::Terminate, LicenceStatus::Valid | LicenceStatus::Suspended) => {
                Some(LicenceStatus::Terminated)
            }
            _ => None,
        }
    }

    pub fn label(self) -> Text {
        let (kk, ru, en) = self.label_parts();
        Text::new(kk, ru, en)
    }

    fn label_parts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            StatusChange::Suspend => (
                "Лицензияның қолданылуын тоқтата тұру",
                "Приостановление действия лицензии",
                "Suspension of the licence",
            ),
            StatusChange::Resume => (
                "Лицензияның қолданылуын қайта бастау",
                "Возобновление действия лицензии",
                "Resumption of the licence",
            ),
            StatusChange::Terminate => (
                "Лицензияның қолданылуын тоқтату",
                "Прекращение действия лицензии",
                "Termination of the licence",
            ),
        }
    }
}

/// Why a request was refused: the categories the regulations' refusal messages name (R85).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalReason {
    /// The fee is not paid.
    Payment,
    /// The applicant's EDS is not confirmed.
    Eds,
    /// The documents are incomplete.
    IncompleteDocuments,
    /// Data absent from the state registries.
    RegistryData,
    /// The power of attorney is absent or does not fit.
    PowerOfAttorney,
    /// The applicant does not meet the qualification requirements.
    Qualification,
    /// Adverse records (criminal records, pre-trial investigations).
    AdverseRecords,
}

impl RefusalReason {
    pub const ALL: [RefusalReason; 7] = [
        RefusalReason::Payment,
        RefusalReason::Eds,
        RefusalReason::IncompleteDocuments,
        RefusalReason::RegistryData,
        RefusalReason::PowerOfAttorney,
        RefusalReason::Qualification,
        RefusalReason::AdverseRecords,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RefusalReason::Payment => "payment",
            RefusalReason::Eds => "eds",
            RefusalReason::IncompleteDocuments => "incomplete_documents",
            RefusalReason::RegistryData => "registry_data",
            RefusalReason::PowerOfAttorney => "power_of_attorney",
            RefusalReason::Qualification => "qualification",
            RefusalReason::AdverseRecords => "adverse_records",
        }
    }

    pub fn parse(code: &str) -> Option<RefusalReason> {
        RefusalReason::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether a refusal for this reason concerns a field of the form, so that the grounds are
    /// shown beside it when the applicant repairs the application: every document for missing
    /// documents; the qualification's own answers and papers for the qualification; the
    /// declaration of records for adverse records; the power of attorney and the representative
    /// for the power; the numbers the registries are asked about for registry data. A fee or an
    /// EDS is not on the form.
    pub fn concerns(self, field: &crate::catalogue::Field) -> bool {
        use crate::catalogue::FieldKind;
        let key = field.key.as_str();
        let named = |words: &[&str]| words.iter().any(|w| key.contains(w));
        match self {
            RefusalReason::Payment | RefusalReason::Eds => false,
            RefusalReason::IncompleteDocuments => matches!(field.kind, FieldKind::File { .. }),
            RefusalReason::RegistryData => {
                matches!(field.kind, FieldKind::Iin | FieldKind::Bin) || named(&["licence_number"])
            }
            RefusalReason::PowerOfAttorney => named(&["attorney", "representative"]),
            RefusalReason::Qualification => named(&[
                "qualification",
                "education",
                "diploma",
                "experience",
                "internship",
                "attestation",
            ]),
            RefusalReason::AdverseRecords => named(&["criminal"]),
        }
    }

    /// The category as the applicant reads it.
    pub fn label(self) -> Text {
        let (kk, ru, en) = match self {
            RefusalReason::Payment => (
                "Қызмет көрсеткені үшін төлем жоқ",
                "Отсутствие оплаты за оказание услуги",
                "The service has not been paid for",
            ),
            RefusalReason::Eds => (
                "Көрсетілетін қызметті алушының ЭЦҚ түпнұсқалылығы расталмады",
                "Не подтверждена подлинность ЭЦП услугополучателя",
                "The applicant's EDS is not confirmed as authentic",
            ),
            RefusalReason::IncompleteDocuments => (
                "Құжаттар топтамасы толық емес",
                "Неполный пакет документов",
                "The documents are incomplete",
            ),
            RefusalReason::RegistryData => (
                "Мемлекеттік деректер базаларында деректер жоқ",
                "Отсутствие данных в государственных базах данных",
                "The data are absent from the state registries",
            ),
            RefusalReason::PowerOfAttorney => (
                "Сенімхат жоқ немесе сәйкес емес",
                "Доверенность отсутствует или не соответствует",
                "The power of attorney is absent or does not fit",
            ),
            RefusalReason::Qualification => (
                "Біліктілік талаптарына сәйкес келмеу",
                "Несоответствие квалификационным требованиям",
                "The qualification requirements are not met",
            ),
            RefusalReason::AdverseRecords => (
                "Арнайы есепке алу деректерінде немесе СДТБТ-да мәліметтер бар",
                "Сведения в специальных учётах или ЕРДР",
                "Records in the special records or the pre-trial register",
            ),
        };
        Text::new(kk, ru, en)
    }
}

/// What a result document is: a document of its own beside the licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Annex,
    Duplicate,
    /// The attestation commission's decision (an extract of the protocol).
    Attestation,
    /// The qualification commission's decision on the exam (2014).
    Exam,
    /// A motivated refusal.
    Refusal,
    Suspension,
    Resumption,
    Termination,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 8] = [
        DocumentKind::Annex,
        DocumentKind::Duplicate,
        DocumentKind::Attestation,
        DocumentKind::Exam,
        DocumentKind::Refusal,
        DocumentKind::Suspension,
        DocumentKind::Resumption,
        DocumentKind::Termination,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::Annex => "annex",
            DocumentKind::Duplicate => "duplicate",
            DocumentKind::Attestation => "attestation",
            DocumentKind::Exam => "exam",
            DocumentKind::Refusal => "refusal",
            DocumentKind::Suspension => "suspension",
            DocumentKind::Resumption => "resumption",
            DocumentKind::Termination => "termination",
        }
    }

    pub fn parse(code: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The change of a licence's status this document records.
    pub fn of_change(change: StatusChange) -> DocumentKind {
        match change {
            StatusChange::Suspend => DocumentKind::Suspension,
            StatusChange::Resume => DocumentKind::Resumption,
            StatusChange::Terminate => DocumentKind::Termination,
        }
    }

    pub fn label(self) -> Text {
        let (kk, ru, en) = match self {
            DocumentKind::Annex => (
                "Лицензияға қосымша",
                "Приложение к лицензии",
                "Annex to the licence",
            ),
            DocumentKind::Duplicate => (
                "Лицензияның телнұсқасы",
                "Дубликат лицензии",
                "Duplicate of the licence",
            ),
            DocumentKind::Attestation => (
                "Аттестаттау комиссиясының шешімі",
                "Решение аттестационной комиссии",
                "The attestation commission's decision",
            ),
            DocumentKind::Exam => (
                "Біліктілік комиссиясының шешімі",
                "Решение квалификационной комиссии",
                "The qualification commission's decision",
            ),
            DocumentKind::Refusal => (
                "Дәлелді бас тарту",
                "Мотивированный отказ",
                "Motivated refusal",
            ),
            DocumentKind::Suspension => StatusChange::Suspend.label_parts(),
            DocumentKind::Resumption => StatusChange::Resume.label_parts(),
            DocumentKind::Termination => StatusChange::Terminate.label_parts(),
        };
        Text::new(kk, ru, en)
    }
}

/// A commission's decision on a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionOutcome {
    Passed,
    Failed,
    /// Did not appear.
    Absent,
}

impl DecisionOutcome {
    pub const ALL: [DecisionOutcome; 3] = [
        DecisionOutcome::Passed,
        DecisionOutcome::Failed,
        DecisionOutcome::Absent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DecisionOutcome::Passed => "passed",
            DecisionOutcome::Failed => "failed",
            DecisionOutcome::Absent => "absent",
        }
    }

    pub fn parse(code: &str) -> Option<DecisionOutcome> {
        DecisionOutcome::ALL.into_iter().find(|o| o.code() == code)
    }

    pub fn label(self) -> Text {
        let (kk, ru, en) = match self {
            DecisionOutcome::Passed => ("Өтті", "Пройдено", "Passed"),
            DecisionOutcome::Failed => ("Өтпеді", "Не пройдено", "Not passed"),
            DecisionOutcome::Absent => ("Келмеді", "Неявка", "Did not appear"),
        };
        Text::new(kk, ru, en)
    }
}

/// A signed result document, as its holder (and support) see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultDocView {
    pub id: String,
    pub kind: DocumentKind,
    pub number: Option<String>,
    pub licence_number: Option<String>,
    pub outcome: Option<DecisionOutcome>,
    pub grounds: Option<String>,
    /// A refusal's category.
    pub reason: Option<RefusalReason>,
    pub issued_on: String,
    pub signed_by: Option<String>,
}

/// The compact statement a licence's QR code carries, signed by the portal's own key
/// (ECDSA P-256, SHA-256) so that the check page can verify it without the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// The licence's number.
    pub n: String,
    /// The holder's name.
    pub h: String,
    /// The activity, in the document's first language.
    pub a: String,
    /// The issue date.
    pub d: String,
    /// The status when the statement was signed.
    pub s: LicenceStatus,
    /// The signing key's id.
    pub k: String,
}

/// The portal's public key for QR statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementKey {
    pub id: String,
    /// SubjectPublicKeyInfo, DER, standard base64.
    pub spki_b64: String,
}

/// One entry of the public register's search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterEntry {
    pub number: String,
    pub holder_name: String,
    /// A company's BIN (a person's IIN is never shown).
    pub holder_bin: Option<String>,
    pub activity: Text,
    pub licensor: Text,
    pub issued_on: String,
    pub status: LicenceStatus,
}

/// A page of the public register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterPage {
    pub entries: Vec<RegisterEntry>,
    /// Pass as `after` for the next page.
    pub next: Option<String>,
}

/// My licences: the holder's licences with what may be done with each, and the holder's other
/// results (commissions' decisions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyLicencesResponse {
    pub licences: Vec<MyLicence>,
    pub results: Vec<ResultDocView>,
}

/// The licensor changes a licence's status, with written grounds and the official's EDS over
/// the decision's document (from `status-draft`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChangeRequest {
    pub change: StatusChange,
    pub grounds: String,
    #[serde(default)]
    pub cms_b64: Option<String>,
}

/// An annex of a licence, as people see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnexView {
    pub document_id: String,
    pub number: String,
    pub subtypes: Option<String>,
    pub issued_on: String,
    pub signed: bool,
}

/// A duplicate issued of a licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateView {
    pub id: String,
    pub issued_on: String,
    pub signed: bool,
}

/// A change of a licence's status, with its grounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEvent {
    /// The decision's document (its PDF and signature can be downloaded).
    pub document_id: String,
    pub change: StatusChange,
    /// RFC 3339, UTC.
    pub at: String,
    pub grounds: String,
    pub signed_by: Option<String>,
}

/// What the applicant may do with a licence now: a variant of the service that acts on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceAction {
    pub service_code: String,
    pub version: u32,
    pub variant: String,
    pub name: Text,
    pub result: ResultKind,
}

/// A licence of the register, with its annexes, duplicates, lineage and status history: what
/// the public check shows (never a person's IIN).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceView {
    pub number: String,
    pub holder_name: String,
    /// A company's BIN (a person's IIN is never shown).
    pub holder_bin: Option<String>,
    pub service_code: String,
    pub service_version: u32,
    pub service_name: Text,
    pub activity: Text,
    pub licensor: Text,
    pub subtypes: Option<String>,
    pub category: Option<String>,
    pub issued_on: String,
    pub status: LicenceStatus,
    /// The licence this one re-issued (its number), if any.
    pub previous_number: Option<String>,
    /// The licence that replaced this one, and when.
    pub replaced_by: Option<String>,
    pub replaced_on: Option<String>,
    pub annexes: Vec<AnnexView>,
    pub duplicates: Vec<DuplicateView>,
    pub history: Vec<StatusEvent>,
    /// Issued on paper before the portal (typed in by its holder): no electronic signature.
    pub from_paper: bool,
    /// Who signed it.
    pub signer_name: Option<String>,
}

/// The holder's licence (My licences), with what may be done with it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyLicence {
    pub licence: LicenceView,
    /// The application that produced it.
    pub application_id: Option<String>,
    /// The address its QR code carries: the public check with the signed statement.
    pub check_url: Option<String>,
    pub actions: Vec<LicenceAction>,
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_refusal_points_at_the_fields_it_concerns() {
        let service = crate::catalogue::builtin()
            .into_iter()
            .find(|s| s.code == "FOR-LIC")
            .unwrap();
        let variant = service.variant("issue").unwrap();
        let concerned = |r: RefusalReason| -> Vec<&str> {
            variant
                .fields
                .iter()
                .filter(|f| r.concerns(f))
                .map(|f| f.key.as_str())
                .collect()
        };
        let q = concerned(RefusalReason::Qualification);
        assert!(q.contains(&"qualification_certificate_number"), "{q:?}");
        assert!(q.contains(&"education"), "{q:?}");
        assert!(!q.contains(&"email"), "{q:?}");
        assert_eq!(
            concerned(RefusalReason::IncompleteDocuments),
            vec!["qualification_certificate_scan"]
        );
        assert_eq!(
            concerned(RefusalReason::AdverseRecords),
            vec!["no_criminal_record"]
        );
        assert!(concerned(RefusalReason::Payment).is_empty());
    }
    use super::*;

    #[test]
    fn status_changes_follow_the_licence_lifecycle() {
        use LicenceStatus::*;
        assert_eq!(StatusChange::Suspend.apply(Valid), Some(Suspended));
        assert_eq!(StatusChange::Resume.apply(Suspended), Some(Valid));
        assert_eq!(StatusChange::Terminate.apply(Suspended), Some(Terminated));
        assert_eq!(StatusChange::Suspend.apply(Reissued), None);
        assert_eq!(StatusChange::Terminate.apply(Terminated), None);
        assert_eq!(StatusChange::Resume.apply(Valid), None);
    }

    #[test]
    fn every_code_round_trips_and_every_label_has_three_languages() {
        for s in LicenceStatus::ALL {
            assert_eq!(LicenceStatus::parse(s.code()), Some(s));
            assert!(s.label().is_complete());
        }
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(k.code()), Some(k));
            assert!(k.label().is_complete());
        }
        for r in RefusalReason::ALL {
            assert_eq!(RefusalReason::parse(r.code()), Some(r));
            assert!(r.label().is_complete());
        }
    }
}
