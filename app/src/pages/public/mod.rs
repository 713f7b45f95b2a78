//! The public pages: what anyone reads without signing in (the catalogue, a service's
//! passport, the licence check and register, the attestation lists). Their own module, the
//! first one a visitor loads: none of the forms, the cabinet or the signer's screens.

pub mod catalogue;
pub mod check;
pub mod lists;
pub mod service;
