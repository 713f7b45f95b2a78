//! The e-government payment gateway (ПШЭП / ЭҮТШ) adapter and its protocol.
//!
//! Protocol:
//! 1. The portal `POST {base}/api/v1/payments` with [`CreatePaymentRequest`]; the gateway
//!    answers [`CreatePaymentResponse`] with the page where the applicant pays.
//! 2. The applicant pays on the gateway's own page; the gateway then `POST`s a
//!    [`PaymentCallback`] to the portal's callback URL, signed with its Ed25519 key
//!    (`X-Gateway-Signature`, base64 over the exact body), and sends the browser back.
//! 3. The portal believes only the signed callback, never the browser's return.

use base64::Engine;
use ring::signature::{UnparsedPublicKey, ED25519};
use serde::{Deserialize, Serialize};

pub const SIGNATURE_HEADER: &str = "x-gateway-signature";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreatePaymentRequest {
    /// The portal's own payment reference.
    pub order_id: String,
    pub amount_tenge: i64,
    pub description: String,
    pub return_url: String,
    pub callback_url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreatePaymentResponse {
    pub payment_id: String,
    pub payment_url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PaymentCallback {
    pub payment_id: String,
    pub order_id: String,
    pub amount_tenge: i64,
    /// `paid` or `cancelled`.
    pub status: String,
    pub at: String,
}

/// The gateway adapter.
#[derive(Clone)]
pub struct PaymentGateway {
    base_url: String,
    public_key: Vec<u8>,
    http: reqwest::Client,
}

#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    #[error("gateway unreachable or failed: {0}")]
    Unavailable(String),
}

impl PaymentGateway {
    pub fn new(base_url: String, public_key: Vec<u8>, http: reqwest::Client) -> Self {
        PaymentGateway {
            base_url: base_url.trim_end_matches('/').to_owned(),
            public_key,
            http,
        }
    }

    /// Registers a payment with the gateway.
    pub async fn create_payment(
        &self,
        request: &CreatePaymentRequest,
    ) -> Result<CreatePaymentResponse, GatewayError> {
        let response = self
            .http
            .post(format!("{}/api/v1/payments", self.base_url))
            .json(request)
            .send()
            .await
            .map_err(|e| GatewayError::Unavailable(e.to_string()))?;
        if !response.status().is_success() {
            return Err(GatewayError::Unavailable(format!(
                "status {}",
                response.status()
            )));
        }
        response
            .json()
            .await
            .map_err(|e| GatewayError::Unavailable(e.to_string()))
    }

    /// Verifies a callback's signature and reads it; `None` when the signature is wrong.
    pub fn verify_callback(&self, body: &[u8], signature_b64: &str) -> Option<PaymentCallback> {
        let signature = base64::engine::general_purpose::STANDARD
            .decode(signature_b64.trim())
            .ok()?;
        UnparsedPublicKey::new(&ED25519, &self.public_key)
            .verify(body, &signature)
            .ok()?;
        serde_json::from_slice(body).ok()
    }
}
