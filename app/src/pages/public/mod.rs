//! The public pages: what anyone reads without signing in (the catalogue, a service's
//! passport; the licence check and register, the attestation lists). Two modules of their own:
//! the catalogue and the passports, the first a visitor loads, and the public registers;
//! none of the forms, the cabinet or the signer's screens.

pub mod catalogue;
pub mod check;
pub mod lists;
pub mod service;
