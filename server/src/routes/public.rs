//! The public licence check: anyone, by number or QR code.

use super::Path;
use crate::db;
use crate::documents::sha256_hex;
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use domain::api::{LicenceCheckResponse, LicenceStatus};
use domain::ErrorCode;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/public/licences/{number}", get(check_licence))
}

async fn check_licence(
    State(state): State<AppState>,
    Path(number): Path<String>,
) -> AppResult<Json<LicenceCheckResponse>> {
    let licence = db::licences::by_number(&state.db, number.trim())
        .await?
        .filter(|l| l.status != LicenceStatus::PendingSignature)
        .ok_or(ErrorCode::NotFound)?;
    let service = state
        .service_version(&licence.service_code, licence.service_version)
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(LicenceCheckResponse {
        signature_valid: signature_valid(&state, &licence).await,
        number: licence.number,
        holder_name: licence.holder_name,
        activity: service.activity.clone(),
        service_name: service.name.clone(),
        provider_name: service.provider.name.clone(),
        issued_on: licence.issued_on,
        status: licence.status,
        signer_name: licence.signer_name,
        document_sha256: licence.pdf_sha256,
    }))
}

/// The official's signature verifies against the trust anchors at the time it was made, over
/// the stored payload, and that payload names the hash of the PDF actually stored.
async fn signature_valid(state: &AppState, l: &db::licences::LicenceRow) -> bool {
    let (Some(sig), Some(signed_at)) = (&l.signature, &l.signed_at) else {
        return false;
    };
    let Some(cms) = crate::pki::decode_base64(sig) else {
        return false;
    };
    let Ok(at) =
        time::OffsetDateTime::parse(signed_at, &time::format_description::well_known::Rfc3339)
    else {
        return false;
    };
    if state
        .trust
        .verify(
            &cms,
            crate::pki::Purpose::Signing,
            l.payload.as_bytes(),
            at.unix_timestamp(),
        )
        .is_err()
    {
        return false;
    }
    let payload_hash = serde_json::from_str::<serde_json::Value>(&l.payload)
        .ok()
        .and_then(|v| {
            v.get("pdf_sha256")
                .and_then(|h| h.as_str())
                .map(str::to_owned)
        });
    let stored = state
        .documents
        .get(&l.pdf_sha256)
        .await
        .map(|b| sha256_hex(&b))
        .ok();
    payload_hash.as_deref() == Some(l.pdf_sha256.as_str())
        && stored.as_deref() == Some(l.pdf_sha256.as_str())
}
