//! The portal's pages: applying, the cabinet, sign-in, the applicant's licences.

pub mod application;
pub mod apply;
pub mod cabinet;
pub mod licences;
pub mod sign_in;
