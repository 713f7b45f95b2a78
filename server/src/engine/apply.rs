//! Making an application from a filled-in form: the one validation (`domain::form`), the
//! attachments checked as the applicant's own and linked once, the fee in tenge, and the draft
//! it came from removed, in one transaction.

use super::timing::today_kz;
use crate::db::{self, applications::Case};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use domain::api::CreateApplicationRequest;
use domain::case::CaseStatus;
use domain::catalogue::FieldKind;
use domain::form::{FieldError, FieldErrorCode};
use domain::{Bin, ErrorCode, Iin};

/// Who applies: the signed-in person, and the company their key acts for.
pub struct Applicant<'a> {
    pub user_id: &'a str,
    pub iin: Iin,
    pub company: Option<db::applications::Company>,
}

impl Applicant<'_> {
    fn bin(&self) -> Option<&Bin> {
        self.company.as_ref().map(|c| &c.bin)
    }
}

/// Creates the application (waiting for payment, or for the signature when free).
pub async fn create_application(
    state: &AppState,
    applicant: Applicant<'_>,
    req: &CreateApplicationRequest,
) -> AppResult<Case> {
    let service = state.definition_for_new(&req.service_code, req.service_version)?;
    let variant = service.variant(&req.variant).ok_or(ErrorCode::NotFound)?;
    // A company key applies for its company, a person's key for the person: the service must
    // serve that kind of applicant.
    let serves = match &applicant.company {
        Some(_) => service.serves_companies(),
        None => service.serves_persons(),
    };
    if !serves {
        return Err(ErrorCode::ApplicantTypeNotServed.into());
    }
    let today = today_kz();
    let mut errors = domain::form::validate(variant, &req.values, today);
    // A hidden field's value does not count (its condition does not hold).
    let values = domain::form::effective_values(variant, &req.values);

    // File slots: the attachment must exist, be the applicant's, and be for this slot. Read of
    // a reader (an upload is committed before it is answered), so that the writer's single
    // connection (SQLite) is held only for the transaction below.
    let mut links = Vec::new();
    for field in &variant.fields {
        let FieldKind::File { accept, max_bytes } = &field.kind else {
            continue;
        };
        let Some(att_id) = values.get(&field.key).filter(|v| !v.is_empty()) else {
            continue;
        };
        let code = match db::attachments::by_id(&state.read, att_id).await? {
            Some(a)
                if a.owner_id == applicant.user_id
                    && a.slot == field.key
                    && a.service_code == service.code =>
            {
                if !accept.contains(&a.content_type) {
                    Some(FieldErrorCode::AttachmentWrongType)
                } else if a.size as u64 > *max_bytes {
                    Some(FieldErrorCode::AttachmentTooLarge)
                } else if db::attachments::application_of(&state.read, &a.id)
                    .await?
                    .is_some()
                {
                    // An attachment belongs to one application only.
                    Some(FieldErrorCode::AttachmentNotFound)
                } else {
                    links.push((field.key.clone(), a.id));
                    None
                }
            }
            _ => Some(FieldErrorCode::AttachmentNotFound),
        };
        if let Some(code) = code {
            errors.push(FieldError::new(field.key.clone(), code));
        }
    }
    // What the request names in the register: the holder's own licence in force, or one the
    // register does not know with its copy attached; a passed attestation of the applicant's.
    let holder = match &applicant.company {
        Some(c) => c.bin.to_string(),
        None => applicant.iin.to_string(),
    };
    for e in crate::licences::refs::check(
        state,
        service,
        variant,
        &values,
        &holder,
        applicant.iin.as_str(),
    )
    .await?
    {
        if !errors.iter().any(|x| x.field == e.field) {
            errors.push(e);
        }
    }
    // SMS go to a Kazakh mobile number: the form's phone must be one when they are asked for.
    let sms_to = if req.sms_consent {
        match values
            .get("phone")
            .and_then(|p| crate::integrations::sms::e164(p))
        {
            Some(p) => Some(p),
            None => {
                if !errors.iter().any(|x| x.field == "phone") {
                    errors.push(domain::form::FieldError::new(
                        "phone".to_owned(),
                        domain::form::FieldErrorCode::InvalidPhone,
                    ));
                }
                None
            }
        }
    } else {
        None
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }

    let fee = variant
        .fee_mci
        .map(|m| domain::money::fee_tenge(m, today.year()))
        .unwrap_or_default();
    let status = if fee > 0 {
        CaseStatus::AwaitingPayment
    } else {
        CaseStatus::Paid
    };
    let case = Case {
        company: applicant.company.clone(),
        status,
        lang: match req.lang {
            Some(domain::Lang::Kk) => "kk",
            _ => "ru",
        }
        .to_owned(),
        ..Case::new_request(
            service,
            variant,
            applicant.user_id,
            &applicant.iin,
            values,
            today.year(),
            db::now_text(),
        )
    };
    let mut tx = state.db.begin().await?;
    db::applications::insert(&mut *tx, &case).await?;
    // The draft became the application.
    db::drafts::delete(
        &mut *tx,
        applicant.user_id,
        applicant.bin(),
        &case.service_code,
        &case.variant,
    )
    .await?;
    for (slot, att) in &links {
        db::attachments::link(&mut *tx, &case.id, slot, att).await?;
    }
    if let Some(phone) = &sms_to {
        crate::notify::consent_to_sms(&mut *tx, &case.id, phone).await?;
    }
    db::applications::add_event(&mut *tx, &case.id, status, Some(applicant.user_id), None).await?;
    tx.commit().await?;
    Ok(case)
}
