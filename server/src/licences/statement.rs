//! The licence's QR statement: number, holder, activity, date and status, signed with the
//! portal's own key (ECDSA P-256 over SHA-256, the signature as the 64 bytes r‖s that WebCrypto
//! verifies), so that the check page can tell a genuine QR code without the server.
//!
//! The key is made once and kept in the database (`portal_keys`), so every instance of the
//! portal signs with the same key and a restart keeps the QR codes already printed valid. Its
//! public half is served at `GET /api/public/statement-keys`; the check page keeps a copy.

use crate::db::Db;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use domain::licence::{Statement, StatementKey};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use std::sync::Arc;

const KEY_NAME: &str = "qr-statement";

/// The portal's statement key.
#[derive(Clone)]
pub struct StatementSigner {
    key: Arc<SigningKey>,
    id: String,
    spki: Vec<u8>,
}

impl std::fmt::Debug for StatementSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StatementSigner")
            .field("id", &self.id)
            .finish()
    }
}

impl StatementSigner {
    /// The key kept in the database, made on the first start (of two instances starting at
    /// once, the first to write wins and both use it).
    pub async fn load_or_create(db: &Db) -> anyhow::Result<StatementSigner> {
        let stored: Option<String> =
            sqlx::query_scalar("SELECT pkcs8 FROM portal_keys WHERE name = $1")
                .bind(KEY_NAME)
                .fetch_optional(db)
                .await?;
        let pkcs8 = match stored {
            Some(p) => p,
            None => {
                let fresh = SigningKey::random(&mut rand::rngs::OsRng);
                let der = fresh
                    .to_pkcs8_der()
                    .map_err(|e| anyhow::anyhow!("statement key: {e}"))?;
                sqlx::query(
                    "INSERT INTO portal_keys (name, pkcs8, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (name) DO NOTHING",
                )
                .bind(KEY_NAME)
                .bind(STANDARD.encode(der.as_bytes()))
                .bind(crate::db::now_text())
                .execute(db)
                .await?;
                sqlx::query_scalar("SELECT pkcs8 FROM portal_keys WHERE name = $1")
                    .bind(KEY_NAME)
                    .fetch_one(db)
                    .await?
            }
        };
        let der = STANDARD.decode(pkcs8.trim())?;
        let key =
            SigningKey::from_pkcs8_der(&der).map_err(|e| anyhow::anyhow!("statement key: {e}"))?;
        let spki = key
            .verifying_key()
            .to_public_key_der()
            .map_err(|e| anyhow::anyhow!("statement key: {e}"))?
            .as_bytes()
            .to_vec();
        let id = crate::documents::sha256_hex(&spki)[..16].to_owned();
        Ok(StatementSigner {
            key: Arc::new(key),
            id,
            spki,
        })
    }

    pub fn key_id(&self) -> &str {
        &self.id
    }

    /// `<base64url of the statement's JSON>.<base64url of the signature over that text>`.
    pub fn sign(&self, statement: &Statement) -> String {
        let json = serde_json::to_vec(statement).expect("a statement serialises");
        let payload = URL_SAFE_NO_PAD.encode(json);
        let signature: Signature = self.key.sign(payload.as_bytes());
        format!("{payload}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
    }

    /// The public half, as the check page imports it.
    pub fn public(&self) -> StatementKey {
        StatementKey {
            id: self.id.clone(),
            spki_b64: STANDARD.encode(&self.spki),
        }
    }
}

/// The statement's text and key id, if `token` carries a signature of this key that verifies
/// (the server's own check, used by tests and by the check page's fallback).
pub fn verify(key: &StatementKey, token: &str) -> Option<Statement> {
    use p256::ecdsa::signature::Verifier;
    use p256::ecdsa::VerifyingKey;
    use p256::pkcs8::DecodePublicKey;
    let (payload, signature) = token.split_once('.')?;
    let spki = STANDARD.decode(&key.spki_b64).ok()?;
    let verifying = VerifyingKey::from_public_key_der(&spki).ok()?;
    let signature = Signature::from_slice(&URL_SAFE_NO_PAD.decode(signature).ok()?).ok()?;
    verifying.verify(payload.as_bytes(), &signature).ok()?;
    let statement: Statement =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    (statement.k == key.id).then_some(statement)
}
