//! Evidence kept for every accepted signature (sign-in, request, licence, decision, protocol):
//! the CMS signature, the validated chain (PEM, signer first), the payload hash, the CRL used,
//! the result, the time. Written by `signatures::record`.

use sqlx::{Any, Executor};

/// What a signature was for, as its evidence records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignedObject {
    SignIn,
    Request,
    Licence,
    /// An official's decision at a step (`signed_documents`).
    Decision,
    /// The attestation commission's protocol.
    Protocol,
    /// A result document (`result_documents`): an annex, a duplicate, a commission's
    /// decision, a motivated refusal, a change of a licence's status.
    Result,
}

impl SignedObject {
    pub fn code(self) -> &'static str {
        match self {
            SignedObject::SignIn => "sign_in",
            SignedObject::Request => "request",
            SignedObject::Licence => "licence",
            SignedObject::Decision => "decision",
            SignedObject::Protocol => "protocol",
            SignedObject::Result => "result",
        }
    }

    pub fn parse(code: &str) -> Option<SignedObject> {
        [
            SignedObject::SignIn,
            SignedObject::Request,
            SignedObject::Licence,
            SignedObject::Decision,
            SignedObject::Protocol,
            SignedObject::Result,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// One accepted signature, as kept.
#[derive(Debug, Clone)]
pub struct EvidenceRow {
    pub id: String,
    /// What was signed.
    pub kind: SignedObject,
    pub object_id: String,
    pub signer_iin: String,
    pub certificate_serial: String,
    pub certificate_pem: String,
    pub signature: String,
    pub payload_sha256: String,
    pub crl_sha256: String,
    pub crl_this_update: String,
    pub crl_next_update: String,
    pub verified_at: String,
    pub signer_bin: Option<String>,
    pub signer_role: Option<&'static str>,
}

/// Records an accepted signature, in the caller's transaction.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    e: &EvidenceRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO signature_evidence (id, kind, object_id, signer_iin, certificate_serial, certificate_pem, signature, \
         payload_sha256, crl_sha256, crl_this_update, crl_next_update, result, verified_at, signer_bin, signer_role) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'accepted', $12, $13, $14)",
    )
    .bind(&e.id)
    .bind(e.kind.code())
    .bind(&e.object_id)
    .bind(&e.signer_iin)
    .bind(&e.certificate_serial)
    .bind(&e.certificate_pem)
    .bind(&e.signature)
    .bind(&e.payload_sha256)
    .bind(&e.crl_sha256)
    .bind(&e.crl_this_update)
    .bind(&e.crl_next_update)
    .bind(&e.verified_at)
    .bind(&e.signer_bin)
    .bind(e.signer_role)
    .execute(ex)
    .await?;
    Ok(())
}
