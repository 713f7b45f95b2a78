//! Making a licence for a case at its granting step: the next number of the year, the PDF
//! stored in the document store, and the bytes the official signs, kept with the licence
//! until the signature makes it valid (`engine::grant`).

use super::pdf::{render_pdf, LicenceContent, LicenceToSign};
use crate::db::{self, applications::Case, licences::LicenceRow};
use crate::engine::definitions::definition_of;
use crate::engine::timing::today_kz;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use domain::api::LicenceStatus;

/// The case's licence waiting for the official's signature: made on the first call, the same
/// one after.
pub async fn prepare(state: &AppState, case: &Case) -> AppResult<LicenceRow> {
    if let Some(l) = db::licences::of_application(&state.db, &case.id).await? {
        return Ok(l);
    }
    let (service, _) = definition_of(state, case)?;
    let holder = db::auth::user_by_id(&state.db, &case.applicant_id)
        .await?
        .ok_or_else(|| AppError::internal("applicant"))?;
    // A company's licence is issued to the company, under its BIN.
    let holder_id = case.holder_id();
    let holder_name = match &case.company {
        Some(c) => c.name.clone(),
        None => holder.full_name.clone(),
    };
    let today = today_kz();
    let mut tx = state.db.begin().await?;
    let seq = db::next_counter(&mut tx, &format!("licence-{}", today.year())).await?;
    let number = format!("{:02}{:06}", today.year() % 100, seq);
    let application_number = case.number.clone().unwrap_or_default();
    let content = LicenceContent {
        number: number.clone(),
        issued_on: today.to_string(),
        holder_name: holder_name.clone(),
        holder_iin: holder_id.clone(),
        activity: service.activity.clone(),
        service_name: service.name.clone(),
        provider_name: service.provider.name.clone(),
        application_number: application_number.clone(),
        check_url: format!(
            "{}{}",
            state.public_url,
            domain::paths::page::check(&number)
        ),
    };
    let pdf = render_pdf(&content).map_err(AppError::internal)?;
    let pdf_sha256 = state.documents.put(&pdf).await?;
    let payload = LicenceToSign {
        licence_number: &number,
        holder_iin: &holder_id,
        holder_name: &holder_name,
        service_code: &case.service_code,
        application_number: &application_number,
        issued_on: &content.issued_on,
        pdf_sha256: &pdf_sha256,
    };
    let payload = String::from_utf8(payload.canonical_bytes()).map_err(AppError::internal)?;
    let licence = LicenceRow {
        number,
        application_id: case.id.clone(),
        holder_iin: holder_id,
        holder_name,
        service_code: case.service_code.clone(),
        service_version: case.service_version,
        issued_on: content.issued_on,
        pdf_sha256,
        payload,
        signature: None,
        signer_certificate: None,
        signer_name: None,
        signed_at: None,
        status: LicenceStatus::PendingSignature,
    };
    db::licences::insert(&mut *tx, &licence).await?;
    tx.commit().await?;
    Ok(licence)
}

/// What the official is shown beside the bytes they sign.
pub fn readable(l: &LicenceRow) -> String {
    format!(
        "Licence {} for {} (IIN {}), issued {}\nPDF SHA-256 {}",
        l.number, l.holder_name, l.holder_iin, l.issued_on, l.pdf_sha256
    )
}
