//! Licences: making one for a granted case (number, PDF, the bytes the official signs) and
//! the document itself.

pub mod issue;
pub mod pdf;

pub use issue::{prepare, readable};
pub use pdf::{render_pdf, LicenceContent, LicenceToSign};
