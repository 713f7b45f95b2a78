//! The sandbox's own state: its certification authority, its gateway's key, its folder, its
//! practice switches, and the database connection its tables live in. Shared by its routes
//! (`Shared`), never part of the portal's `AppState`.

use super::ca::SandboxCa;
use super::gateway_keys::GatewayKeys;
use crate::db::Db;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::Arc;

/// The sandbox systems a running portal holds.
pub struct Sandbox {
    pub ca: SandboxCa,
    pub gateway: GatewayKeys,
    /// The sandbox's folder (keys, the NCALayer stand-in's inserted token).
    pub dir: PathBuf,
    /// The practice switch that makes the registries' stand-in answer 503.
    pub registries_down: AtomicBool,
    /// The practice switch that makes the authority's CRL unreachable (503).
    pub crl_down: AtomicBool,
    /// How many times the CRL was downloaded (the portal keeps it between checks).
    pub crl_downloads: AtomicU64,
    /// The sandbox's own tables (its gateway's payments, its authority's revocations).
    pub db: Db,
    /// The portal's address, where the sandbox is mounted.
    pub public_url: String,
    /// For the gateway's callbacks.
    pub http: reqwest::Client,
}

/// The state the sandbox's routes share.
pub type Shared = Arc<Sandbox>;

/// The sandbox's tables: created here, not by the portal's migrations, so a production
/// database never has them.
const SCHEMA: [&str; 3] = [
    "CREATE TABLE IF NOT EXISTS sandbox_payments (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL,
        amount_tenge BIGINT NOT NULL,
        description TEXT NOT NULL,
        return_url TEXT NOT NULL,
        callback_url TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        callback_status TEXT
    )",
    "CREATE TABLE IF NOT EXISTS sandbox_revocations (
        serial TEXT PRIMARY KEY,
        revoked_at TEXT NOT NULL
    )",
    "CREATE TABLE IF NOT EXISTS sandbox_sms (
        reference TEXT PRIMARY KEY,
        to_phone TEXT NOT NULL,
        text TEXT NOT NULL,
        received_at TEXT NOT NULL
    )",
];

impl Sandbox {
    /// Opens (or creates) the sandbox's keys under `dir` and its tables in `db`.
    pub async fn open(
        dir: PathBuf,
        db: Db,
        public_url: String,
        http: reqwest::Client,
    ) -> anyhow::Result<Sandbox> {
        for statement in SCHEMA {
            sqlx::query(statement).execute(&db).await?;
        }
        Ok(Sandbox {
            ca: SandboxCa::open(&dir.join("ca"))?,
            gateway: GatewayKeys::open(&dir)?,
            dir,
            registries_down: AtomicBool::new(false),
            crl_down: AtomicBool::new(false),
            crl_downloads: AtomicU64::new(0),
            db,
            public_url,
            http,
        })
    }
}
