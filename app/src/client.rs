//! The portal's API, one function per endpoint: the only place that knows the server's
//! addresses. Pages call these; none builds a URL by hand. The transport (headers, the
//! language, errors in the API's shape) is [`crate::api`].

use crate::api;
use domain::api::*;
use domain::catalogue::{FormSchema, ServiceSummary};
use domain::licence::{MyLicencesResponse, StatusChange, StatusChangeRequest};
use domain::{ApiError, Lang};

type Answer<T> = Result<T, ApiError>;

/// An answer whose body the app does not read.
type Done = Answer<serde_json::Value>;

fn enc(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

fn version_query(version: Option<u32>) -> String {
    version.map(|v| format!("?version={v}")).unwrap_or_default()
}

// Session and configuration.

/// Who is signed in, if anyone (no error for an anonymous visitor).
pub async fn session() -> Answer<SessionResponse> {
    api::get("/api/session").await
}

pub async fn me() -> Answer<MeResponse> {
    api::get("/api/me").await
}

pub async fn config() -> Answer<PortalConfigResponse> {
    api::get("/api/config").await
}

pub async fn sign_out() -> Done {
    api::post("/api/auth/sign-out", &()).await
}

pub async fn challenge() -> Answer<ChallengeResponse> {
    api::post("/api/auth/challenge", &()).await
}

pub async fn sign_in_with_eds(req: &SignInWithEdsRequest) -> Answer<MeResponse> {
    api::post("/api/auth/eds", req).await
}

pub async fn sign_in_with_password(req: &SignInWithPasswordRequest) -> Answer<MeResponse> {
    api::post("/api/auth/password", req).await
}

pub async fn check_key(req: &CheckKeyRequest) -> Answer<CheckKeyResponse> {
    api::post("/api/eds/check", req).await
}

// The catalogue.

pub async fn services() -> Answer<Vec<ServiceSummary>> {
    api::get("/api/services").await
}

fn service_path(code: &str, version: Option<u32>) -> String {
    format!("/api/services/{}{}", enc(code), version_query(version))
}

/// A service's definition: the current version, or the one named.
pub async fn service(code: &str, version: Option<u32>) -> Answer<ServiceResponse> {
    api::get(&service_path(code, version)).await
}

/// The same answer read as the passport shows it (no form's decoder in the public pages).
pub async fn passport(code: &str, version: Option<u32>) -> Answer<PassportResponse> {
    api::get(&service_path(code, version)).await
}

/// A form that is not a request (the licensing-control conclusion).
pub async fn form(code: &str) -> Answer<FormSchema> {
    api::get(&format!("/api/forms/{}", enc(code))).await
}

// Drafts and attachments.

fn draft_path(service: &str, variant: &str) -> String {
    format!("/api/drafts/{}/{}", enc(service), enc(variant))
}

pub async fn drafts() -> Answer<Vec<DraftView>> {
    api::get("/api/drafts").await
}

pub async fn draft(service: &str, variant: &str, version: Option<u32>) -> Answer<DraftView> {
    api::get(&format!(
        "{}{}",
        draft_path(service, variant),
        version_query(version)
    ))
    .await
}

pub async fn save_draft(service: &str, variant: &str, req: &SaveDraftRequest) -> Answer<DraftView> {
    api::put(&draft_path(service, variant), req).await
}

pub async fn delete_draft(service: &str, variant: &str) -> Done {
    api::delete(&draft_path(service, variant)).await
}

/// The form's file slots are uploaded for a service, version and variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadTarget {
    pub service: String,
    pub version: u32,
    pub variant: String,
}

/// Uploads a file into a slot, reporting the percentage sent.
pub async fn upload(
    target: &UploadTarget,
    slot: &str,
    file: &web_sys::File,
    on_progress: impl Fn(u32) + 'static,
) -> Answer<AttachmentResponse> {
    let url = format!(
        "/api/attachments?service={}&version={}&variant={}&slot={}",
        enc(&target.service),
        target.version,
        enc(&target.variant),
        enc(slot)
    );
    api::upload(&url, file, on_progress).await
}

/// Where an attachment is downloaded (its owner, or staff handling its case).
pub fn attachment_url(id: &str) -> String {
    format!("/api/attachments/{}", enc(id))
}

// The applicant's applications.

fn application_path(id: &str) -> String {
    format!("/api/applications/{}", enc(id))
}

/// A page of the cabinet's cases, newest first.
pub async fn applications(after: Option<String>) -> Answer<CasePage> {
    match after {
        Some(after) => api::get(&format!("/api/applications?after={}", enc(&after))).await,
        None => api::get("/api/applications").await,
    }
}

pub async fn application(id: &str) -> Answer<ApplicationResponse> {
    api::get(&application_path(id)).await
}

pub async fn create_application(req: &CreateApplicationRequest) -> Answer<ApplicationResponse> {
    api::post("/api/applications", req).await
}

/// Makes the refused application's answers (and its files still acceptable) the draft of a
/// new one.
pub async fn repair(id: &str) -> Answer<DraftView> {
    api::post(&format!("{}/repair", application_path(id)), &()).await
}

pub async fn start_payment(id: &str) -> Answer<StartPaymentResponse> {
    api::post(&format!("{}/payment", application_path(id)), &()).await
}

// The register in the cabinet: My licences and the files of licences and result documents.

pub async fn my_licences() -> Answer<MyLicencesResponse> {
    api::get("/api/licences").await
}

fn licence_path(number: &str) -> String {
    format!("/api/licences/{}", enc(number))
}

/// The licence's PDF (its holder, support, the licensor's staff).
pub fn licence_pdf_url(number: &str) -> String {
    format!("{}/licence.pdf", licence_path(number))
}

/// The official's detached CMS over the licence's PDF bytes.
pub fn licence_signature_url(number: &str) -> String {
    format!("{}/licence.p7s", licence_path(number))
}

fn document_path(id: &str) -> String {
    format!("/api/documents/{}", enc(id))
}

/// A result document's PDF: an annex, a duplicate, a commission's decision, a refusal, a
/// suspension or termination order.
pub fn document_pdf_url(id: &str) -> String {
    format!("{}/document.pdf", document_path(id))
}

pub fn document_signature_url(id: &str) -> String {
    format!("{}/document.p7s", document_path(id))
}

pub async fn inbox() -> Answer<Vec<InboxMessage>> {
    api::get("/api/inbox").await
}

pub async fn mark_read(id: &str) -> Done {
    api::post(&format!("/api/inbox/{}/read", enc(id)), &()).await
}

// Public pages.

/// A licence's check, written by the server in `lang` (`domain::markup`): its facts and its
/// status now.
pub async fn written_check(number: &str, lang: Lang) -> Answer<Written> {
    api::get(&format!(
        "/api/public/written/licences/{}?lang={}",
        enc(number),
        lang.code()
    ))
    .await
}

/// A page of the public register, written by the server in `lang`: licences whose number,
/// company BIN or company name matches, after the number `after`.
pub async fn written_search(q: &str, after: Option<&str>, lang: Lang) -> Answer<Written> {
    let after = after
        .map(|a| format!("&after={}", enc(a)))
        .unwrap_or_default();
    api::get(&format!(
        "/api/public/written/licences?q={}{after}&lang={}",
        enc(q),
        lang.code()
    ))
    .await
}

/// The public halves of the portal's QR statement keys, as the JSON the server wrote (a list
/// of `domain::licence::StatementKey`): the device keeps it as it is.
pub async fn statement_keys_json() -> Answer<String> {
    api::get_text("/api/public/statement-keys").await
}

/// The attestation lists, written by the server in `lang`.
pub async fn written_lists(lang: Lang) -> Answer<Written> {
    api::get(&format!(
        "/api/public/written/attestation-lists?lang={}",
        lang.code()
    ))
    .await
}

// The officer's workspace.

fn officer_case_path(id: &str) -> String {
    format!("/api/officer/cases/{}", enc(id))
}

/// A page of a section of the officer's queue.
pub async fn queue(section: QueueSection, after: Option<&str>) -> Answer<QueuePage> {
    let mut path = format!("/api/officer/cases?section={}", section.code());
    if let Some(after) = after {
        path.push_str(&format!("&after={}", enc(after)));
    }
    api::get(&path).await
}

pub async fn officer_case(id: &str) -> Answer<OfficerCaseResponse> {
    api::get(&officer_case_path(id)).await
}

pub async fn claim_step(id: &str) -> Answer<OfficerCaseResponse> {
    api::post(&format!("{}/claim", officer_case_path(id)), &()).await
}

pub async fn decide(id: &str, req: &DecideRequest) -> Answer<OfficerCaseResponse> {
    api::post(&format!("{}/decide", officer_case_path(id)), req).await
}

pub async fn decision_draft(id: &str, req: &DecideRequest) -> Answer<SigningPayloadResponse> {
    api::post(&format!("{}/decision-draft", officer_case_path(id)), req).await
}

// The licensor's register: a licence and its status.

fn officer_licence_path(number: &str) -> String {
    format!("/api/officer/licences/{}", enc(number))
}

pub async fn officer_licence(number: &str) -> Answer<OfficerLicenceResponse> {
    api::get(&officer_licence_path(number)).await
}

// Attestation sessions.

fn session_path(id: &str) -> String {
    format!("/api/officer/sessions/{}", enc(id))
}

pub async fn sessions() -> Answer<Vec<SessionView>> {
    api::get("/api/officer/sessions").await
}

pub async fn create_session(req: &CreateSessionRequest) -> Answer<SessionView> {
    api::post("/api/officer/sessions", req).await
}

pub async fn add_candidate(session: &str, req: &AddCandidateRequest) -> Answer<SessionView> {
    api::post(&format!("{}/candidates", session_path(session)), req).await
}

pub async fn record_result(session: &str, req: &RecordResultRequest) -> Answer<SessionView> {
    api::post(&format!("{}/results", session_path(session)), req).await
}

// The public service centre's desk.

pub async fn psc_draft(req: &PscApplicationRequest) -> Answer<SigningPayloadResponse> {
    api::post("/api/psc/applications/draft", req).await
}

pub async fn psc_file(req: &PscApplicationRequest) -> Answer<PscReceipt> {
    api::post("/api/psc/applications", req).await
}

pub async fn psc_ready() -> Answer<Vec<PscResult>> {
    api::get("/api/psc/ready").await
}

pub async fn psc_find(number: &str) -> Answer<PscResult> {
    api::get(&format!("/api/psc/results?number={}", enc(number))).await
}

pub async fn psc_hand_over(id: &str) -> Answer<PscResult> {
    api::post(&format!("/api/psc/applications/{}/handover", enc(id)), &()).await
}

pub fn psc_licence_url(id: &str) -> String {
    format!("/api/psc/applications/{}/licence.pdf", enc(id))
}

// Support.

pub async fn support_search(q: &str) -> Answer<SupportSearchResponse> {
    api::get(&format!("/api/support/search?q={}", enc(q))).await
}

/// A document someone signs with their EDS: the bytes come from the server, the signature
/// goes back to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signing {
    /// The applicant's request (by application id).
    Request(String),
    /// The licence the official signs (by case id).
    Licence(String),
    /// The attestation protocol the commission signs (by session id).
    Protocol(String),
    /// A licence's suspension, resumption or termination with its grounds (by licence number).
    LicenceStatus {
        number: String,
        change: StatusChange,
        grounds: String,
    },
}

impl Signing {
    /// The bytes to sign and what they say.
    pub async fn prepare(&self) -> Answer<SigningPayloadResponse> {
        match self {
            Signing::Request(id) => {
                api::get(&format!("{}/signing-payload", application_path(id))).await
            }
            Signing::Licence(id) => {
                api::post(&format!("{}/licence-draft", officer_case_path(id)), &()).await
            }
            Signing::Protocol(id) => {
                api::post(&format!("{}/protocol-draft", session_path(id)), &()).await
            }
            Signing::LicenceStatus {
                number,
                change,
                grounds,
            } => {
                let req = StatusChangeRequest {
                    change: *change,
                    grounds: grounds.clone(),
                    cms_b64: None,
                };
                api::post(
                    &format!("{}/status-draft", officer_licence_path(number)),
                    &req,
                )
                .await
            }
        }
    }

    /// Sends the signature over those bytes.
    pub async fn submit(&self, signature: &SignatureRequest) -> Done {
        match self {
            Signing::Request(id) => {
                api::post(&format!("{}/submit", application_path(id)), signature).await
            }
            Signing::Licence(id) => {
                api::post(&format!("{}/approve", officer_case_path(id)), signature).await
            }
            Signing::Protocol(id) => {
                api::post(&format!("{}/protocol", session_path(id)), signature).await
            }
            Signing::LicenceStatus {
                number,
                change,
                grounds,
            } => {
                let req = StatusChangeRequest {
                    change: *change,
                    grounds: grounds.clone(),
                    cms_b64: Some(signature.cms_b64.clone()),
                };
                api::post(&format!("{}/status", officer_licence_path(number)), &req).await
            }
        }
    }
}
