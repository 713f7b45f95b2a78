//! Stand-ins for the external state systems, for development, demos and tests: practice
//! mode. Compiled only with the `sandbox` cargo feature (which `./x run` and `./x test` turn
//! on), so a production build holds no practice certification authority at all.
//!
//! Each speaks HTTP exactly as the portal's adapters expect, so replacing one with the real
//! system is a change of configuration (a base URL and a key), not of code. They run in the
//! portal's process under `/sandbox`, with their own state ([`Sandbox`]) and their own tables.

pub mod ca;
pub mod demo;
pub mod gateway;
pub mod gateway_keys;
pub mod mail;
pub mod ncalayer;
pub mod people;
pub mod practice;
pub mod registries;
pub mod sms;
pub mod state;

pub use state::Sandbox;

use axum::Router;
use std::sync::Arc;

/// Every sandbox route, with the sandbox's own state: mounted into the portal's router.
pub fn router<S: Clone + Send + Sync + 'static>(sandbox: Arc<Sandbox>) -> Router<S> {
    Router::new()
        .merge(practice::router())
        .merge(gateway::router())
        .merge(ncalayer::router())
        .merge(registries::router())
        .merge(sms::router())
        .with_state(sandbox)
}
