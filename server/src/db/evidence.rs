//! Evidence kept for every accepted signature (sign-in, request, licence, decision, protocol): the CMS signature,
//! the validated chain (PEM, signer first), the payload hash, the CRL used, the result, the time.

use crate::state::AcceptedSignature;
use sqlx::{Any, Executor};

/// What a signature was for.
#[derive(Debug, Clone, Copy)]
pub enum SignedObject {
    SignIn,
    Request,
    Licence,
    /// An official's decision at a step (`signed_documents`).
    Decision,
    /// The attestation commission's protocol.
    Protocol,
}

impl SignedObject {
    pub fn as_str(self) -> &'static str {
        match self {
            SignedObject::SignIn => "sign_in",
            SignedObject::Request => "request",
            SignedObject::Licence => "licence",
            SignedObject::Decision => "decision",
            SignedObject::Protocol => "protocol",
        }
    }
}

/// Records an accepted signature, in the caller's transaction.
pub async fn record<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    kind: SignedObject,
    object_id: &str,
    accepted: &AcceptedSignature,
    cms_b64: &str,
    payload: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO signature_evidence (id, kind, object_id, signer_iin, certificate_serial, certificate_pem, signature, \
         payload_sha256, crl_sha256, crl_this_update, crl_next_update, result, verified_at, signer_bin, signer_role) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'accepted', $12, $13, $14)",
    )
    .bind(super::new_id())
    .bind(kind.as_str())
    .bind(object_id)
    .bind(accepted.signer.iin.as_str())
    .bind(&accepted.signer.serial)
    .bind(accepted.signer.chain_pem())
    .bind(cms_b64)
    .bind(crate::documents::sha256_hex(payload))
    .bind(&accepted.revocation.crl_sha256)
    .bind(&accepted.revocation.this_update)
    .bind(&accepted.revocation.next_update)
    .bind(&accepted.verified_at)
    .bind(accepted.signer.bin.as_ref().map(|b| b.to_string()))
    .bind(accepted.signer.role.map(|r| r.code()))
    .execute(ex)
    .await?;
    Ok(())
}
