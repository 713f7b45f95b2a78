//! The licence register's use cases: what a request names in it (`refs`), the result a granting
//! step makes for the official to sign (`draft`) and what signing it does to the register
//! (`register`), the motivated refusal as a document (`refusal`), the licensor's suspension,
//! resumption and termination (`status`), the QR statement signed with the portal's key
//! (`statement`), and the register as people see it (`views`).

pub mod draft;
pub mod refs;
pub mod refusal;
pub mod register;
pub mod statement;
pub mod status;
pub mod views;

pub use draft::{pending, prepare, Draft};
