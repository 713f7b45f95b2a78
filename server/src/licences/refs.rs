//! What a request names in the register: the licence a re-issue, duplicate, annex or category
//! acts on, and the passed attestation a bailiff's licence rests on. Checked when the request
//! is made, so that someone else's licence, one not in force, or a number the register does not
//! know (without the copy R13 then asks for) is a field error and nothing is stored.

use crate::db::{self, licences::LicenceRow};
use crate::error::AppResult;
use crate::state::AppState;
use domain::catalogue::{ServiceDefinition, Variant};
use domain::form::{FieldError, FieldErrorCode, FormValues};
use domain::licence::{DecisionOutcome, DocumentKind, LicenceRef, LicenceStatus};

/// The licence reference in effect for a variant with these values (an annex is requested
/// with the issue form only when its kind says so).
pub fn licence_ref<'a>(variant: &'a Variant, values: &FormValues) -> Option<&'a LicenceRef> {
    let r = variant.licence.as_ref()?;
    match &r.when {
        Some(c) => c.holds(values).then_some(r),
        None => Some(r),
    }
}

/// A value, trimmed, if given.
pub fn value<'a>(values: &'a FormValues, key: &str) -> Option<&'a str> {
    values.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// What the register says about the licence a request names.
pub enum Named {
    /// In the register, the holder's, in force.
    Register(Box<LicenceRow>),
    /// Not in the register: issued on paper before the portal; its copy is attached.
    Paper(String),
}

/// Why a named licence cannot be acted on.
fn problem(
    service: &ServiceDefinition,
    found: Option<&LicenceRow>,
    holder: &str,
    copy_attached: bool,
) -> Option<FieldErrorCode> {
    match found {
        // A licence still waiting for its signature is not one yet.
        None => (!copy_attached).then_some(FieldErrorCode::LicenceUnknown),
        Some(l) if l.status == LicenceStatus::PendingSignature => {
            Some(FieldErrorCode::LicenceUnknown)
        }
        Some(l) if l.holder_iin != holder => Some(FieldErrorCode::LicenceNotYours),
        Some(l) if l.service_code != service.code => Some(FieldErrorCode::LicenceOtherActivity),
        Some(l) if l.status != LicenceStatus::Valid => Some(FieldErrorCode::LicenceNotInForce),
        Some(_) => None,
    }
}

/// The licence the request names, checked: the field error, or what it names (none when the
/// variant names no licence).
pub async fn named_licence(
    state: &AppState,
    service: &ServiceDefinition,
    variant: &Variant,
    values: &FormValues,
    holder: &str,
) -> AppResult<Result<Option<Named>, FieldError>> {
    let Some(r) = licence_ref(variant, values) else {
        return Ok(Ok(None));
    };
    // An empty number is the form's own "required" error.
    let Some(number) = value(values, &r.number_field) else {
        return Ok(Ok(None));
    };
    let copy_attached = r
        .copy_field
        .as_deref()
        .is_some_and(|c| value(values, c).is_some());
    let found = db::licences::by_number(&state.read, number).await?;
    Ok(
        match problem(service, found.as_ref(), holder, copy_attached) {
            Some(code) => Err(FieldError::new(r.number_field.clone(), code)),
            None => Ok(Some(match found {
                Some(l) => Named::Register(Box::new(l)),
                None => Named::Paper(number.to_owned()),
            })),
        },
    )
}

/// The field errors of a request's references (none when they hold).
pub async fn check(
    state: &AppState,
    service: &ServiceDefinition,
    variant: &Variant,
    values: &FormValues,
    holder: &str,
    applicant_iin: &str,
) -> AppResult<Vec<FieldError>> {
    let mut errors = Vec::new();
    if let Err(e) = named_licence(state, service, variant, values, holder).await? {
        errors.push(e);
    }
    if let Some(r) = &variant.attestation {
        if let Some(number) = value(values, &r.number_field) {
            let copy_attached = r
                .copy_field
                .as_deref()
                .is_some_and(|c| value(values, c).is_some());
            let found = db::results::by_number(&state.read, number)
                .await?
                .filter(|d| d.kind == DocumentKind::Attestation && d.signed());
            let code = match found {
                None => (!copy_attached).then_some(FieldErrorCode::ResultUnknown),
                Some(d)
                    if d.holder_iin.as_deref() != Some(applicant_iin)
                        || d.outcome != Some(DecisionOutcome::Passed) =>
                {
                    Some(FieldErrorCode::ResultNotPassed)
                }
                Some(_) => None,
            };
            if let Some(code) = code {
                errors.push(FieldError::new(r.number_field.clone(), code));
            }
        }
    }
    Ok(errors)
}
