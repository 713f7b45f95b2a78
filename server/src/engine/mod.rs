//! The process engine: the use cases of a case, whatever the channel or handler that starts
//! them. It runs each case by its provider's process (`domain::process`), found by service,
//! version and variant alone — no service is named here — and takes an [`Actor`], never an
//! HTTP session.
//!
//! - [`apply`]: an application made from a filled-in form;
//! - [`register`]: the one path into the process, for the portal and the centre alike;
//! - [`decide`]: an official's decision at the open step (signed where the outcome is), a
//!   refusal, the centre's hand-over;
//! - [`grant`]: the result granted by the official's signature on it (a licence, an annex, a
//!   duplicate, a commission's decision);
//! - [`checks`]: the state registries a step asks;
//! - [`steps`]: opening steps (automatic ones pass by themselves), a channel's intake and
//!   hand-over;
//! - [`timing`]: deadlines in working days and minutes, pure;
//! - [`views`]: the applicant's projection and the staff's view of steps.
//!
//! Each closed step keeps who decided, when, what and why, in the transaction that decides.

pub mod actor;
pub mod apply;
pub mod checks;
pub mod decide;
pub mod definitions;
pub mod explain;
pub mod grant;
pub mod register;
pub mod steps;
pub mod timing;
pub mod views;

pub use actor::{Actor, SYSTEM};
pub use apply::{create_application, Applicant};
pub use checks::run_checks;
pub use decide::{
    decide, hand_over, open_step, refusal_request, signed_decision_draft, take, take_decision,
    Decision, OpenStep,
};
pub use definitions::{channel_of, definition_of, process_of, step_of};
pub use grant::{grant, granting_step, result_draft};
pub use register::{register, Registered, Registration};
pub use timing::{due, kz_offset, timing, today_kz};
pub use views::{
    access_log, case_view, case_view_full, case_view_with_steps, list_view, outcome_view, records,
    step_view, step_view_at, timeline,
};
