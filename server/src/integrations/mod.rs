//! Adapters to external state systems, one per system, each an HTTP client whose base URL
//! (and keys) come from configuration.

pub mod mail;
pub mod payment_gateway;
pub mod registries;
pub mod revocation;
pub mod sms;
