//! The licensor suspends, resumes or terminates a licence: written grounds, a decision as a PDF
//! in Kazakh and Russian, the official's EDS over its bytes; the register's status changes in
//! the transaction that keeps the signature, and the holder is told.

use crate::db::{self, licences::LicenceRow, results::ResultDocument};
use crate::engine::actor::Actor;
use crate::engine::timing::today_kz;
use crate::error::{AppError, AppResult};
use crate::paper::documents::{status_change, StatusPaper};
use crate::signatures::{self, SignedObject};
use crate::state::AppState;
use domain::form::{FieldError, FieldErrorCode};
use domain::licence::{DocumentKind, StatusChange};
use domain::process::GRANTED;
use domain::{ErrorCode, Lang};

/// Whether the actor signs this licence's kind of licence for its licensor: the licensor's
/// official holding the duty of a step that grants its service's results.
pub fn may_change(state: &AppState, actor: &Actor, l: &LicenceRow) -> bool {
    if l.provider.as_ref() != actor.provider.as_ref() || actor.provider.is_none() {
        return false;
    }
    state
        .processes
        .iter()
        .filter(|p| p.services.contains(&l.service_code) && p.versions.contains(&l.service_version))
        .flat_map(|p| p.steps.iter())
        .filter(|s| s.outcomes.iter().any(|o| o.next == GRANTED))
        .any(|s| actor.holds(s.role))
}

async fn licence_for(
    state: &AppState,
    actor: &Actor,
    number: &str,
    change: StatusChange,
) -> AppResult<LicenceRow> {
    let l = db::licences::by_number(&state.db, number)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    if !may_change(state, actor, &l) {
        return Err(ErrorCode::Forbidden.into());
    }
    if change.apply(l.status).is_none() {
        return Err(ErrorCode::Conflict.into());
    }
    Ok(l)
}

fn grounds_of(grounds: &str) -> AppResult<&str> {
    let g = grounds.trim();
    if g.chars().count() < 10 {
        return Err(AppError::Validation(vec![FieldError::new(
            "grounds",
            FieldErrorCode::Required,
        )]));
    }
    Ok(g)
}

/// The decision's document for the official to sign (a new draft replaces an unsigned one).
pub async fn draft(
    state: &AppState,
    actor: &Actor,
    number: &str,
    change: StatusChange,
    grounds: &str,
) -> AppResult<ResultDocument> {
    let l = licence_for(state, actor, number, change).await?;
    let grounds = grounds_of(grounds)?;
    let service = state
        .service_version(&l.service_code, l.service_version)
        .ok_or_else(|| AppError::internal("a licence of an unknown service"))?;
    let today = today_kz().to_string();
    let (title, blocks) = status_change(&StatusPaper {
        change,
        licence_number: l.number.clone(),
        holder_name: l.holder_name.clone(),
        activity: service.activity.clone(),
        licensor: service.provider.name.clone(),
        grounds: grounds.to_owned(),
        date: today.clone(),
        lang: l.lang.clone(),
    });
    let (pdf, _) = crate::paper::render(&title, &blocks).map_err(AppError::internal)?;
    let sha = state.documents.put(&pdf).await?;
    let kind = DocumentKind::of_change(change);
    let doc = ResultDocument {
        id: db::new_id(),
        kind,
        number: None,
        licence_number: Some(l.number.clone()),
        application_id: None,
        holder_iin: Some(l.holder_iin.clone()),
        subtypes: None,
        outcome: None,
        grounds: Some(grounds.to_owned()),
        lang: l.lang.clone(),
        issued_on: today,
        summary: format!(
            "{} № {}\n{}\n{grounds}\nPDF SHA-256 {sha}",
            change.label().get(Lang::Ru),
            l.number,
            l.holder_name
        ),
        pdf_sha256: sha,
        signature: None,
        signer_certificate: None,
        signer_name: None,
        signer_iin: None,
        signed_at: None,
    };
    let mut tx = state.db.begin().await?;
    db::results::drop_unsigned_of_licence(&mut *tx, &l.number).await?;
    db::results::insert(&mut *tx, &doc).await?;
    tx.commit().await?;
    Ok(doc)
}

/// Changes the licence's status with the official's signature over the drafted decision.
pub async fn change(
    state: &AppState,
    actor: &Actor,
    number: &str,
    change: StatusChange,
    grounds: &str,
    cms_b64: Option<&str>,
) -> AppResult<()> {
    let l = licence_for(state, actor, number, change).await?;
    let grounds = grounds_of(grounds)?;
    let cms = cms_b64
        .filter(|c| !c.trim().is_empty())
        .ok_or(ErrorCode::SignatureRequired)?;
    let kind = DocumentKind::of_change(change);
    let doc = db::results::pending_of_licence(&state.db, &l.number, kind)
        .await?
        .filter(|d| d.grounds.as_deref() == Some(grounds))
        .ok_or(ErrorCode::SignatureRequired)?;
    let pdf = state.documents.get(&doc.pdf_sha256).await?;
    let accepted = signatures::official(state, actor.iin.as_deref(), cms, &pdf).await?;
    let to = change.apply(l.status).ok_or(ErrorCode::Conflict)?;
    let now = db::now_text();
    let mut tx = state.db.begin().await?;
    if !db::licences::set_status(&mut *tx, &l.number, l.status, to).await? {
        return Err(ErrorCode::Conflict.into());
    }
    if !db::results::sign(
        &mut *tx,
        &doc.id,
        cms,
        &accepted.signer.certificate_pem(),
        &actor.full_name,
        accepted.signer.iin.as_str(),
        &now,
    )
    .await?
    {
        return Err(ErrorCode::Conflict.into());
    }
    signatures::record(&mut *tx, SignedObject::Result, &doc.id, &accepted).await?;
    // The holder hears of it in their cabinet (and by e-mail), on the case that produced it.
    let case = match &l.application_id {
        Some(a) => db::applications::by_id(&mut *tx, a).await?,
        None => None,
    };
    if let Some(case) = case {
        let label = change.label();
        let told = domain::Text::new(
            &format!("{} № {}: {grounds}", label.kk, l.number),
            &format!("{} № {}: {grounds}", label.ru, l.number),
            &format!("{} No. {}: {grounds}", label.en, l.number),
        );
        crate::notify::tell(&mut tx, &case, &told).await?;
    }
    tx.commit().await?;
    Ok(())
}
