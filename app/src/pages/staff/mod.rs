//! The staff's workspace's pages: officers, attestation sessions, the public service centre's
//! desk, support.

pub mod licences;
pub mod officer;
pub mod psc;
pub mod sessions;
pub mod support;
