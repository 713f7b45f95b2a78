//! Registration: the one path by which a request enters its provider's process, whether the
//! applicant signed it on the portal or a centre's operator filed and certified it at the
//! desk. In one transaction: the status, the registration number, the submission record with
//! its signature, the signature's evidence, the channel's intake, the history, the process's
//! first step and the applicant's message; then the registries that step asks.

use super::actor::Actor;
use super::checks::run_checks;
use super::definitions::definition_of;
use super::steps::{record_intake, start};
use super::timing::today_kz;
use crate::db::{self, applications::Case};
use crate::error::AppResult;
use crate::signatures::{self, AcceptedSignature, SignedObject};
use crate::state::AppState;
use domain::case::CaseStatus;
use domain::ErrorCode;
use time::OffsetDateTime;

/// How the request came to be registered.
pub enum Registration<'a> {
    /// The applicant's own request on the portal: paid, its bytes stored, signed by them.
    Portal,
    /// Filed at a public service centre by its operator, who certified it; the case is new
    /// (inserted here, already paid at the centre).
    Centre {
        operator: &'a Actor,
        /// When the operator began the intake at the desk.
        began: OffsetDateTime,
    },
}

/// What the applicant is told at registration.
#[derive(Debug, Clone)]
pub struct Registered {
    pub number: String,
    pub submitted_at: String,
    /// The planned result date, in working days from today.
    pub expected: time::Date,
}

/// Registers `case` with the signature that certifies it.
pub async fn register(
    state: &AppState,
    case: &Case,
    accepted: &AcceptedSignature,
    how: Registration<'_>,
) -> AppResult<Registered> {
    let (_, variant) = definition_of(state, case)?;
    let today = today_kz();
    let expected = domain::calendar::add_working_days(today, variant.term_working_days);
    let submitted_at = db::now_text();
    let mut tx = state.db.begin().await?;
    let (actor_id, note) = match &how {
        Registration::Portal => {
            if !db::applications::transition(
                &mut *tx,
                &case.id,
                CaseStatus::Paid,
                CaseStatus::Submitted,
            )
            .await?
            {
                return Err(ErrorCode::Conflict.into());
            }
            (case.applicant_id.clone(), None)
        }
        Registration::Centre { operator, .. } => {
            if case.status != CaseStatus::Submitted {
                return Err(crate::error::AppError::internal(
                    "a centre's request is filed registered",
                ));
            }
            db::applications::insert(&mut *tx, case).await?;
            (
                operator.id.clone(),
                Some(format!("ХҚКО / ЦОН: {}", operator.full_name)),
            )
        }
    };
    let number = db::applications::next_number(&mut tx, &case.provider, today.year()).await?;
    db::applications::record_submission(
        &mut *tx,
        &case.id,
        &db::applications::Submission {
            number: &number,
            submitted_at: &submitted_at,
            expected: &expected.to_string(),
            signature: &accepted.cms_b64,
            certificate: &accepted.signer.certificate_pem(),
        },
    )
    .await?;
    signatures::record(&mut *tx, SignedObject::Request, &case.id, accepted).await?;
    if let Registration::Centre { operator, began } = &how {
        record_intake(&mut tx, state, case, &operator.id, *began).await?;
    }
    db::applications::add_event(
        &mut *tx,
        &case.id,
        CaseStatus::Submitted,
        Some(&actor_id),
        note.as_deref(),
    )
    .await?;
    let registered = Case {
        number: Some(number.clone()),
        status: CaseStatus::Submitted,
        ..case.clone()
    };
    start(&mut tx, state, &registered).await?;
    tx.commit().await?;
    run_checks(state, &case.id).await?;
    Ok(Registered {
        number,
        submitted_at,
        expected,
    })
}
