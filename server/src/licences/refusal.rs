//! The motivated refusal as a document: its category (R85), the written grounds and the rules
//! they rest on, in Kazakh and Russian, as a PDF the official signs. Made when the official
//! opens the signing (and made again if the grounds change), signed in the refusal's
//! transaction.

use crate::db::{self, applications::Case, results::ResultDocument};
use crate::engine::definitions::definition_of;
use crate::engine::timing::today_kz;
use crate::error::{AppError, AppResult};
use crate::paper::documents::{refusal, RefusalPaper};
use crate::state::AppState;
use domain::licence::{DocumentKind, RefusalReason};
use domain::process::Outcome;
use domain::{ErrorCode, Lang};

/// The refusal's category: the refusing outcome's own, or the one an earlier outcome on the
/// way to it named.
pub fn reason_of(case: &Case, outcome: &Outcome) -> AppResult<RefusalReason> {
    outcome
        .reason
        .or(case.refusal_reason)
        .ok_or_else(|| AppError::internal("a refusal without its category"))
}

/// The refusal document waiting for the official's signature with these grounds, made (or
/// made again) now.
///
/// The refusal itself is signed over this document: signed over one with other grounds, the
/// signature does not cover it.
pub async fn draft(
    state: &AppState,
    case: &Case,
    outcome: &Outcome,
    grounds: &str,
) -> AppResult<ResultDocument> {
    let reason = reason_of(case, outcome)?;
    if let Some(d) = db::results::of_case(&state.db, &case.id, DocumentKind::Refusal).await? {
        if d.signed() {
            return Err(ErrorCode::Conflict.into());
        }
        if d.grounds.as_deref() == Some(grounds) && d.summary.contains(reason.code()) {
            return Ok(d);
        }
        db::results::drop_unsigned(&state.db, &d.id).await?;
    }
    let (service, variant) = definition_of(state, case)?;
    let applicant_name = match &case.company {
        Some(c) => c.name.clone(),
        None => db::auth::user_by_id(&state.db, &case.applicant_id)
            .await?
            .map(|u| u.full_name)
            .unwrap_or_default(),
    };
    let number = case.number.clone().unwrap_or_default();
    let today = today_kz().to_string();
    let (title, blocks) = refusal(&RefusalPaper {
        application_number: number.clone(),
        date: today.clone(),
        applicant_name: applicant_name.clone(),
        applicant_id: case.holder_id(),
        service_name: service.name.clone(),
        variant_name: variant.name.clone(),
        provider: service.provider.name.clone(),
        reason,
        grounds: grounds.to_owned(),
        rules: service.refusal_grounds.clone(),
        lang: case.lang.clone(),
    });
    let (pdf, _) = crate::paper::render(&title, &blocks).map_err(AppError::internal)?;
    let sha = state.documents.put(&pdf).await?;
    let doc = ResultDocument {
        id: db::new_id(),
        kind: DocumentKind::Refusal,
        number: Some(number.clone()),
        licence_number: None,
        application_id: Some(case.id.clone()),
        holder_iin: Some(case.holder_id()),
        subtypes: None,
        outcome: None,
        grounds: Some(grounds.to_owned()),
        lang: case.lang.clone(),
        issued_on: today,
        summary: format!(
            "Мотивированный отказ по заявлению № {number}\n{applicant_name} ({})\n{} [{}]\n{grounds}\nPDF SHA-256 {sha}",
            case.holder_id(),
            reason.label().get(Lang::Ru),
            reason.code(),
        ),
        pdf_sha256: sha,
        signature: None,
        signer_certificate: None,
        signer_name: None,
        signer_iin: None,
        signed_at: None,
    };
    // Two officials opening the signing at once: one document stands, the other reads it.
    if let Err(e) = db::results::insert(&state.db, &doc).await {
        return match db::results::of_case(&state.db, &case.id, DocumentKind::Refusal).await? {
            Some(d) if !d.signed() && d.grounds.as_deref() == Some(grounds) => Ok(d),
            _ => Err(e.into()),
        };
    }
    Ok(doc)
}
