//! Wire types of the portal's HTTP API, shared by the server and the browser.
//!
//! Requests are named `<Verb><Noun>Request`, responses `<Noun>Response`. They carry no logic.

use crate::case::CaseView;
use crate::catalogue::ServiceDefinition;
use crate::form::FormValues;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// Who a signed-in user is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Applicant,
    Officer,
    Support,
}

impl Role {
    /// The code staff and applicant accounts are stored with.
    pub fn code(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Officer => "officer",
            Role::Support => "support",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        [Role::Applicant, Role::Officer, Role::Support]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

/// Who is signed in, if anyone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionResponse {
    pub me: Option<MeResponse>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeResponse {
    pub role: Role,
    pub full_name: String,
    pub iin: Option<String>,
    /// Provider code for officers.
    pub provider: Option<String>,
    /// The company the session acts for, when a company key signed in.
    #[serde(default)]
    pub company: Option<CompanyView>,
    /// Staff: the process roles they act in.
    #[serde(default)]
    pub duties: Vec<crate::duty::Duty>,
}

/// A company as its key names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyView {
    pub bin: String,
    pub name: String,
    /// The holder's role code: `first_head`, `signatory`, `employee`, …
    pub role: String,
}

/// Signing preflight: the signing certificate (public) taken from the key file in the
/// browser, checked by the server before the applicant fills the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckKeyRequest {
    /// DER certificate, base64; with the issuing authority's certificate when the file has it.
    pub certificate_b64: String,
    #[serde(default)]
    pub chain_b64: Vec<String>,
    /// The service the key is to sign for (its signer roles apply).
    pub service_code: String,
}

pub use crate::signing::KeyProblem;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckKeyResponse {
    /// True when the key may sign a request of this service for the signed-in applicant.
    pub fits: bool,
    pub problems: Vec<KeyProblem>,
    /// The problems in the user's language, in the same order.
    pub messages: Vec<String>,
    pub holder: String,
    pub iin: Option<String>,
    pub bin: Option<String>,
    pub organisation: Option<String>,
    pub role: Option<String>,
    /// Last day of validity, `YYYY-MM-DD`.
    pub valid_until: String,
}

/// A single-use challenge to sign with the sign-in key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeResponse {
    pub challenge_id: String,
    /// The exact bytes to sign, base64.
    pub payload_b64: String,
}

/// A detached CMS (PKCS#7) signature over bytes the server gave out; the signer's certificate
/// (and its issuing authority's) travel inside it, as NCALayer makes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureRequest {
    /// DER of the CMS SignedData, base64.
    pub cms_b64: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInWithEdsRequest {
    pub challenge_id: String,
    pub signature: SignatureRequest,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInWithPasswordRequest {
    pub login: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentResponse {
    pub id: String,
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateApplicationRequest {
    pub service_code: String,
    /// The definition version the form was filled with; none: the current one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_version: Option<u32>,
    pub variant: String,
    pub values: FormValues,
    /// The language the applicant fills the form in: their documents are in it first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<crate::Lang>,
    /// The applicant agrees to SMS about the application at the form's phone number.
    #[serde(default)]
    pub sms_consent: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Pending,
    Paid,
    Cancelled,
}

impl PaymentStatus {
    pub fn code(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "pending",
            PaymentStatus::Paid => "paid",
            PaymentStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(code: &str) -> Option<PaymentStatus> {
        [
            PaymentStatus::Pending,
            PaymentStatus::Paid,
            PaymentStatus::Cancelled,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentView {
    pub reference: String,
    pub amount_tenge: i64,
    pub status: PaymentStatus,
    pub paid_at: Option<String>,
}

/// What the applicant sees of their own application: the case plus their own data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationResponse {
    pub case: CaseView,
    pub fee_tenge: i64,
    pub values: FormValues,
    pub attachments: Vec<AttachmentResponse>,
    pub payment: Option<PaymentView>,
    /// Who opened, found or acted on the case, and when.
    #[serde(default)]
    pub access: Vec<crate::case::AccessEntry>,
    /// How the e-mails and SMS about the case went (newest first).
    #[serde(default)]
    pub deliveries: Vec<MailDelivery>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartPaymentResponse {
    /// The gateway's own page, where the applicant pays.
    pub redirect_url: String,
}

/// Bytes to sign and their readable form ("what you see is what you sign").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigningPayloadResponse {
    pub payload_b64: String,
    pub readable: String,
}

/// What an officer sees of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerCaseResponse {
    pub case: CaseView,
    /// The step the case is at (none once decided).
    #[serde(default)]
    pub step: Option<StepView>,
    /// The steps it has passed, with who decided what and when.
    #[serde(default)]
    pub steps: Vec<StepRecord>,
    pub applicant_iin: String,
    pub applicant_name: String,
    /// The applying company, when a company applied (its person signed in with a company key).
    #[serde(default)]
    pub applicant_company: Option<CompanyView>,
    pub values: FormValues,
    pub attachments: Vec<AttachmentResponse>,
    pub applicant_signature: Option<SignatureSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureSummary {
    pub signer_name: String,
    pub signer_iin: String,
    pub certificate_serial: String,
    pub verified_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefuseApplicationRequest {
    pub grounds: String,
    /// The official's signature over the refusal, where the refusing outcome is signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cms_b64: Option<String>,
}

/// The public answer about a licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceCheckResponse {
    pub licence: crate::licence::LicenceView,
    /// The official's signature verifies against the trusted root, over this document's bytes.
    pub signature_valid: bool,
    /// SHA-256 of the PDF the signature covers.
    pub document_sha256: String,
}

pub use crate::licence::LicenceStatus;

/// A piece of a public page written by the server (`domain::markup`) in the language asked,
/// for the licence check's module to put in place as it is: a licence's check, a page of the
/// register's search, the attestation lists. So that module carries neither the decoders of
/// what the register holds nor the markup and words that draw it (`server::routes::written`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    /// The HTML, escaped where it holds text.
    pub html: String,
    /// The register's search: where the next page starts, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// A licence's check: its status now as a QR code's check shows it
    /// ([`crate::markup::status_now`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportSearchResponse {
    pub results: Vec<CaseView>,
    /// How the e-mails about the cases found went.
    #[serde(default)]
    pub mail: Vec<MailDelivery>,
    /// For each case found, what support needs to answer the caller.
    #[serde(default)]
    pub explainers: Vec<Explainer>,
}

/// Whose move a case waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Turn {
    /// The applicant must pay or sign.
    Applicant,
    /// The licensing body is working on it.
    Provider,
    /// Decided: nothing more is due from anyone.
    Nobody,
}

/// A case explained for the 1414 contact centre: built only from what the applicant may see
/// (the case's projection and how the e-mails to them went).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explainer {
    pub application_id: String,
    pub turn: Turn,
    /// The step the case is at, with its role, term and timing.
    pub step: Option<crate::case::TimelineStep>,
    /// The body that holds it.
    pub body: Text,
    /// What must be done next, and by whom.
    pub next: Text,
    /// The latest e-mail to the applicant about the case.
    pub last_mail: Option<MailDelivery>,
    /// A suggested answer to read to the caller.
    pub answer: Text,
}

/// Where an e-mail to the applicant stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Handed to the mail server.
    Sent,
    /// Not delivered yet; tried again later.
    Waiting,
    /// Given up after two days of failed deliveries.
    Failed,
}

/// How a message reaches the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryChannel {
    #[default]
    Email,
    Sms,
}

/// One e-mail or SMS about a case, as support (and, without the error, the applicant) sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailDelivery {
    pub application_id: String,
    #[serde(default)]
    pub channel: DeliveryChannel,
    pub subject: String,
    /// RFC 3339, UTC.
    pub written_at: String,
    pub state: DeliveryState,
    pub attempts: i64,
    pub sent_at: Option<String>,
    pub next_attempt_at: Option<String>,
    /// Why the last try failed.
    pub last_error: Option<String>,
}

/// A service definition with what the browser needs to show its fee in tenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceResponse {
    pub definition: ServiceDefinition,
    /// Every version of the service, newest first (the first is the current one).
    #[serde(default)]
    pub versions: Vec<crate::catalogue::VersionSummary>,
    /// The year whose MCI applies to payments made today.
    pub year: i32,
    pub mci_tenge: i64,
}

/// A service's passport: [`ServiceResponse`] read without the forms (the same answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportResponse {
    pub definition: crate::catalogue::Passport,
    #[serde(default)]
    pub versions: Vec<crate::catalogue::VersionSummary>,
    pub year: i32,
    pub mci_tenge: i64,
}

/// What the browser needs to know about this deployment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalConfigResponse {
    /// The NCALayer WebSocket address (the real app: `wss://127.0.0.1:13579/`).
    pub ncalayer_url: String,
    /// True when the sandbox (practice mode) runs.
    pub sandbox: bool,
}

/// The form as typed so far; saved as a draft without validation (it may be incomplete).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveDraftRequest {
    /// The definition version being filled in; none: the current one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_version: Option<u32>,
    pub values: FormValues,
}

/// A saved draft, for the cabinet and for resuming the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub service_code: String,
    /// The definition version the draft was filled with.
    pub service_version: u32,
    pub variant: String,
    pub service_name: Text,
    pub variant_name: Text,
    pub values: FormValues,
    /// The files the draft's slots hold, to show them when the form is resumed.
    #[serde(default)]
    pub attachments: Vec<AttachmentResponse>,
    /// RFC 3339, UTC.
    pub updated_at: String,
}

pub use crate::case::Timing;

/// A way out of the open step, as the officer is offered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeView {
    pub code: String,
    pub label: Text,
    pub grounds_required: bool,
    /// The form to fill in (a `FormSchema` code), if any.
    pub form: Option<String>,
    /// Taken by signing with the official's EDS (the licence itself: the licence screen).
    pub signed: bool,
    /// "granted" or "refused" when the outcome ends the process.
    pub ends: Option<String>,
}

/// The step a case is at, for the provider's staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    /// The step's record id (decisions name it, so a stale screen cannot decide a later step).
    pub id: String,
    pub step: String,
    pub name: Text,
    pub role: crate::duty::Duty,
    pub started_at: String,
    pub due_at: Option<String>,
    pub timing: Option<Timing>,
    pub assignee: Option<String>,
    /// Whether the signed-in officer holds the step's role.
    pub mine: bool,
    pub outcomes: Vec<OutcomeView>,
    /// What the state registries said (or that they have not answered yet).
    #[serde(default)]
    pub checks: Vec<CheckView>,
}

/// A registry's answer at a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckView {
    pub registry: crate::duty::Registry,
    /// Not answered yet (retried).
    pub pending: bool,
    pub adverse: bool,
    pub detail: Option<String>,
    pub attempts: i64,
}

/// A step passed: who decided what, when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    pub name: Text,
    pub role: crate::duty::Duty,
    pub started_at: String,
    pub due_at: Option<String>,
    pub finished_at: Option<String>,
    pub outcome: Option<Text>,
    pub grounds: Option<String>,
    pub actor: Option<String>,
    /// Passed by the system itself (an automatic step).
    #[serde(default)]
    pub automatic: bool,
    /// Finished by its deadline (none while open or without a deadline).
    pub on_time: Option<bool>,
    /// The official's EDS signature on the decision, for a signed outcome.
    #[serde(default)]
    pub signature: Option<SignatureSummary>,
}

/// A case in the officer's queue, with the step it waits at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub case: CaseView,
    pub step: Option<StepView>,
}

/// A part of the officer's queue: the cases waiting at a step of the officer's duties, the
/// other open cases of their provider (waiting for a colleague), and the decided.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueSection {
    #[default]
    Mine,
    Others,
    Decided,
}

impl QueueSection {
    pub const ALL: [QueueSection; 3] = [
        QueueSection::Mine,
        QueueSection::Others,
        QueueSection::Decided,
    ];

    pub fn code(self) -> &'static str {
        match self {
            QueueSection::Mine => "mine",
            QueueSection::Others => "others",
            QueueSection::Decided => "decided",
        }
    }
}

/// How many cases a section holds: counted up to a cap, past which `more` says there are
/// more than `count` (a count of a long history would cost as much as reading it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCount {
    pub count: u32,
    pub more: bool,
}

/// One page of a section of the officer's queue, with every section's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub section: QueueSection,
    pub mine: QueueCount,
    pub others: QueueCount,
    pub decided: QueueCount,
    pub items: Vec<QueueItem>,
    /// Pass as `after` for the next page of the same section.
    pub next: Option<String>,
}

/// One page of the applicant's cabinet, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePage {
    pub items: Vec<CaseView>,
    /// Pass as `after` for the next (older) page.
    pub next: Option<String>,
}

/// An officer's decision at the open step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecideRequest {
    pub step_id: String,
    pub outcome: String,
    #[serde(default)]
    pub grounds: Option<String>,
    /// The outcome's form, when it has one.
    #[serde(default)]
    pub form: FormValues,
    /// The official's EDS signature (CMS, base64) over the decision document, for an outcome
    /// that is signed (`OutcomeView::signed`); the document comes from `decision-draft`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cms_b64: Option<String>,
}

/// A message in the applicant's cabinet inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxMessage {
    pub id: String,
    pub application_id: String,
    pub text: Text,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub read: bool,
}

/// A new attestation session of the officer's territorial body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateSessionRequest {
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub place: String,
}

/// Schedules a case (by its registration number) into a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddCandidateRequest {
    pub number: String,
}

/// A candidate's results as the commission records them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordResultRequest {
    pub application_id: String,
    /// `passed`, `failed` or `absent`.
    pub result: String,
    /// The computer test, 0–100 (none when absent).
    #[serde(default)]
    pub test_score: Option<i64>,
    /// The interview: `passed` or `failed` (none when absent).
    #[serde(default)]
    pub interview: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateView {
    pub application_id: String,
    pub number: String,
    pub name: String,
    pub test_score: Option<i64>,
    pub interview: Option<String>,
    pub result: Option<crate::process::SessionResult>,
    /// The case waits at the attestation step (the protocol can take its outcome).
    pub ready: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: String,
    pub region: Text,
    pub held_on: String,
    pub place: String,
    pub protocol_signed_at: Option<String>,
    /// The official who signed the protocol with their EDS.
    #[serde(default)]
    pub protocol_signed_by: Option<String>,
    pub published_at: Option<String>,
    pub candidates: Vec<CandidateView>,
}

/// The lists a session's signed protocol publishes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedLists {
    pub region: Text,
    pub held_on: String,
    pub place: String,
    pub published_at: String,
    pub passed: Vec<String>,
    pub failed: Vec<String>,
    pub absent: Vec<String>,
}

/// A request filed at a public service centre by its operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PscApplicationRequest {
    pub service_code: String,
    pub variant: String,
    pub applicant_iin: String,
    /// A representative acting under a notarised power of attorney.
    #[serde(default)]
    pub representative: Option<Representative>,
    /// The form's facts (file slots are brought on paper).
    pub values: FormValues,
    /// The centre's documents (indices into the variant's `psc_documents`) presented on paper.
    pub paper_documents: Vec<usize>,
    /// The operator's EDS signature certifying the request (004 para. 13, process 5), over
    /// the document `/api/psc/applications/draft` returns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cms_b64: Option<String>,
}

/// A case filed at a centre, as its operator finds it to hand over the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PscResult {
    pub application_id: String,
    pub number: String,
    pub service_name: Text,
    pub variant_name: Text,
    pub applicant_iin: String,
    pub applicant_name: String,
    pub status: crate::case::CaseStatus,
    pub licence_number: Option<String>,
    pub refusal_grounds: Option<String>,
    /// The result waits at the centre for the applicant.
    pub awaiting_handover: bool,
    /// RFC 3339, UTC, once handed over.
    pub handed_over_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub iin: String,
    pub power_of_attorney: String,
}

/// The receipt the centre prints for the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PscReceipt {
    pub application_id: String,
    pub number: String,
    pub service_name: Text,
    pub variant_name: Text,
    pub applicant_iin: String,
    pub applicant_name: String,
    pub representative_iin: Option<String>,
    /// RFC 3339, UTC.
    pub accepted_at: String,
    /// `YYYY-MM-DD`.
    pub planned_result_date: String,
    pub documents: Vec<Text>,
    pub operator_name: String,
    /// The receipt's number as a QR code, scanned at the hand-over: its rows of modules,
    /// `1` dark and `0` light.
    #[serde(default)]
    pub qr_rows: Vec<String>,
}

/// A licence as its licensor's official sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerLicenceResponse {
    pub licence: crate::licence::LicenceView,
    /// The holder's IIN or BIN.
    pub holder_id: String,
    /// Whether this official may suspend, resume or terminate it.
    pub may_change: bool,
}
