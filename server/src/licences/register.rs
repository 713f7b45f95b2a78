//! What granting does to the register, in the grant's transaction: the licence or document
//! becomes signed; a re-issue (or a category assignment) marks the licence it replaces
//! re-issued, linked both ways; an annex and a duplicate stand under their licence. A licence
//! that was issued on paper before the portal enters the register here, from the request that
//! named it (with its copy attached).

use super::draft::Draft;
use crate::db::{
    self, applications::Case, licences::HolderKind, licences::LicenceRow, licences::Source,
};
use crate::error::{AppError, AppResult};
use crate::signatures::{self, AcceptedSignature, SignedObject};
use crate::state::AppState;
use domain::licence::{DocumentKind, LicenceStatus};
use domain::ErrorCode;

/// A licence issued on paper, as its holder's request named it: it enters the register valid,
/// without a document of the portal's.
async fn enter_paper_licence(
    tx: &mut db::Tx<'_>,
    state: &AppState,
    case: &Case,
    number: &str,
    holder_name: &str,
) -> AppResult<()> {
    let (service, _) = crate::engine::definitions::definition_of(state, case)?;
    let row = LicenceRow {
        number: number.to_owned(),
        application_id: Some(case.id.clone()),
        holder_iin: case.holder_id(),
        holder_kind: if case.company.is_some() {
            HolderKind::Company
        } else {
            HolderKind::Person
        },
        holder_name: holder_name.to_owned(),
        service_code: case.service_code.clone(),
        service_version: case.service_version,
        provider: Some(service.provider.code.clone()),
        subtypes: None,
        category: None,
        issued_on: String::new(),
        pdf_sha256: String::new(),
        payload: String::new(),
        signature: None,
        signer_certificate: None,
        signer_name: None,
        signed_at: None,
        status: LicenceStatus::Valid,
        previous_number: None,
        replaced_by: None,
        replaced_on: None,
        source: Source::Paper,
        lang: case.lang.clone(),
    };
    db::licences::insert(tx, &row).await?;
    Ok(())
}

/// Signs the result with the official's accepted signature and applies it to the register.
pub async fn sign_and_apply(
    tx: &mut db::Tx<'_>,
    state: &AppState,
    case: &Case,
    draft: &Draft,
    accepted: &AcceptedSignature,
    signer_name: &str,
    now: &str,
) -> AppResult<()> {
    let today = crate::engine::timing::today_kz().to_string();
    match draft {
        Draft::Licence(l) => {
            if !db::licences::sign(
                &mut **tx,
                &l.number,
                &accepted.cms_b64,
                &accepted.signer.certificate_pem(),
                signer_name,
                now,
            )
            .await?
            {
                return Err(ErrorCode::Conflict.into());
            }
            if let Some(previous) = &l.previous_number {
                if db::licences::by_number(&mut **tx, previous)
                    .await?
                    .is_none()
                {
                    enter_paper_licence(tx, state, case, previous, &l.holder_name).await?;
                }
                // Of two re-issues of one licence, one stands.
                if !db::licences::mark_reissued(&mut **tx, previous, &l.number, &today).await? {
                    return Err(ErrorCode::Conflict.into());
                }
            }
            signatures::record(&mut **tx, SignedObject::Licence, &l.number, accepted).await?;
        }
        Draft::Document(d) => {
            if !db::results::sign(
                &mut **tx,
                &d.id,
                &accepted.cms_b64,
                &accepted.signer.certificate_pem(),
                signer_name,
                accepted.signer.iin.as_str(),
                now,
            )
            .await?
            {
                return Err(ErrorCode::Conflict.into());
            }
            if matches!(d.kind, DocumentKind::Annex | DocumentKind::Duplicate) {
                let number = d
                    .licence_number
                    .as_deref()
                    .ok_or_else(|| AppError::internal("an annex without its licence"))?;
                match db::licences::by_number(&mut **tx, number).await? {
                    None => {
                        let name = case
                            .company
                            .as_ref()
                            .map(|c| c.name.clone())
                            .unwrap_or_default();
                        let name = if name.is_empty() {
                            db::auth::user_by_id(&mut **tx, &case.applicant_id)
                                .await?
                                .map(|u| u.full_name)
                                .unwrap_or_default()
                        } else {
                            name
                        };
                        enter_paper_licence(tx, state, case, number, &name).await?;
                    }
                    // Re-issued, suspended or terminated since the request: not any more.
                    Some(l) if l.status != LicenceStatus::Valid => {
                        return Err(ErrorCode::Conflict.into())
                    }
                    Some(_) => {}
                }
            }
            signatures::record(&mut **tx, SignedObject::Result, &d.id, accepted).await?;
        }
    }
    Ok(())
}

/// What the applicant is told when the result is granted.
pub fn granted_notice(draft: &Draft) -> domain::Text {
    match draft {
        Draft::Licence(l) => match &l.previous_number {
            Some(prev) => domain::Text::new(
                &format!(
                    "Лицензия қайта ресімделді: № {} (бұрынғы № {prev})",
                    l.number
                ),
                &format!("Лицензия переоформлена: № {} (вместо № {prev})", l.number),
                &format!("Licence re-issued: No. {} (replacing No. {prev})", l.number),
            ),
            None => domain::Text::new(
                &format!("Лицензия берілді: № {}", l.number),
                &format!("Лицензия выдана: № {}", l.number),
                &format!("Licence issued: No. {}", l.number),
            ),
        },
        Draft::Document(d) => {
            let label = d.kind.label();
            let what = match (d.outcome, &d.number) {
                (Some(o), _) => {
                    let o = o.label();
                    return domain::Text::new(
                        &format!("{}: {}", label.kk, o.kk),
                        &format!("{}: {}", label.ru, o.ru),
                        &format!("{}: {}", label.en, o.en),
                    );
                }
                (None, Some(n)) => format!(" № {n}"),
                (None, None) => d
                    .licence_number
                    .as_deref()
                    .map(|n| format!(" № {n}"))
                    .unwrap_or_default(),
            };
            domain::Text::new(
                &format!("{}{what}", label.kk),
                &format!("{}{what}", label.ru),
                &format!("{}{what}", label.en),
            )
        }
    }
}
