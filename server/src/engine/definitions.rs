//! A case's process and channel definitions, found by its service, version, variant and
//! channel alone: no service is named in the engine.

use crate::db::applications::Case;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use domain::catalogue::{ServiceDefinition, Variant};
use domain::process::{ChannelDefinition, ProcessDefinition, Step};

/// The process of a case.
pub fn process_of<'a>(state: &'a AppState, case: &Case) -> AppResult<&'a ProcessDefinition> {
    state
        .process_for(&case.service_code, case.service_version, &case.variant)
        .ok_or_else(|| {
            AppError::internal(format!(
                "no process for {} {} {}",
                case.service_code, case.service_version, case.variant
            ))
        })
}

/// The channel steps around the case's process, when it came through a channel that has
/// them (the public service centre).
pub fn channel_of<'a>(state: &'a AppState, case: &Case) -> Option<&'a ChannelDefinition> {
    state.channel_for(
        case.filing.channel(),
        &case.service_code,
        case.service_version,
    )
}

/// A step of the case, whether the provider's or its channel's.
pub fn step_of<'a>(state: &'a AppState, case: &Case, id: &str) -> AppResult<Option<&'a Step>> {
    Ok(process_of(state, case)?
        .step(id)
        .or_else(|| channel_of(state, case).and_then(|c| c.step(id))))
}

/// The service definition (of the version the case was filed with) and its variant.
pub fn definition_of<'a>(
    state: &'a AppState,
    case: &Case,
) -> AppResult<(&'a ServiceDefinition, &'a Variant)> {
    let service = state
        .service_version(&case.service_code, case.service_version)
        .ok_or_else(|| {
            AppError::internal(format!(
                "unknown service {} v{}",
                case.service_code, case.service_version
            ))
        })?;
    let variant = service
        .variant(&case.variant)
        .ok_or_else(|| AppError::internal(format!("unknown variant {}", case.variant)))?;
    Ok((service, variant))
}
