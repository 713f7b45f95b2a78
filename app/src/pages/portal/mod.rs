//! The portal's pages: what applicants and the public see.

pub mod application;
pub mod apply;
pub mod cabinet;
pub mod catalogue;
pub mod check;
pub mod licences;
pub mod lists;
pub mod service;
pub mod sign_in;
