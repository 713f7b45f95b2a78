//! Shared types and rules of the licensing portal.
//!
//! Everything here is pure: no I/O, no clock, no randomness. The browser (`app`, compiled to
//! WebAssembly) and the server (`server`) both depend on this crate, so a rule written here is
//! applied identically on both sides (the browser for instant feedback, the server as the
//! authority).

pub mod api;
pub mod calendar;
pub mod canonical;
pub mod case;
pub mod catalogue;
pub mod duty;
pub mod error;
pub mod form;
pub mod identity;
pub mod licence;
pub mod markup;
pub mod money;
pub mod paths;
pub mod process;
pub mod regions;
pub mod signing;
pub mod text;
pub mod words;

pub use error::{ApiError, ErrorCode};
pub use identity::{Bin, Iin};
pub use text::{Lang, Text};
