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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeResponse {
    pub role: Role,
    pub full_name: String,
    pub iin: Option<String>,
    /// Provider code for officers.
    pub provider: Option<String>,
}

/// A single-use challenge to sign with the sign-in key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeResponse {
    pub challenge_id: String,
    /// The exact bytes to sign, base64.
    pub payload_b64: String,
}

/// A detached signature over bytes the server gave out, with the signer's certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureRequest {
    /// ECDSA P-256 / SHA-256 signature, `r || s`, base64.
    pub signature_b64: String,
    /// The signer's X.509 certificate, PEM.
    pub certificate_pem: String,
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
    pub variant: String,
    pub values: FormValues,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Pending,
    Paid,
    Cancelled,
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
    pub applicant_iin: String,
    pub applicant_name: String,
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
}

/// The public answer about a licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceCheckResponse {
    pub number: String,
    pub holder_name: String,
    pub activity: Text,
    pub service_name: Text,
    pub provider_name: Text,
    pub issued_on: String,
    pub status: LicenceStatus,
    /// The official's signature verifies against the trusted root and covers this document.
    pub signature_valid: bool,
    pub signer_name: Option<String>,
    /// SHA-256 of the PDF the signature covers.
    pub document_sha256: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceStatus {
    Valid,
    Suspended,
    Terminated,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportSearchResponse {
    pub results: Vec<CaseView>,
}

/// A service definition with what the browser needs to show its fee in tenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceResponse {
    pub definition: ServiceDefinition,
    /// The year whose MCI applies to payments made today.
    pub year: i32,
    pub mci_tenge: i64,
}
