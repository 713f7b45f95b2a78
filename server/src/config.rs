//! The server's configuration: one typed struct read from the environment.
//!
//! Every variable is documented in `.env.example` at the repository root.

use std::path::PathBuf;

/// Runtime configuration.
#[derive(Clone)]
pub struct Config {
    /// Address to listen on, e.g. `127.0.0.1:3000`; port 0 picks a free port.
    pub bind: String,
    /// `sqlite://…` (default, a file under `data_dir`) or `postgres://…`.
    pub database_url: Option<String>,
    /// Where the SQLite file, documents and sandbox keys live.
    pub data_dir: PathBuf,
    /// The built browser app (Trunk's `dist/`).
    pub dist_dir: PathBuf,
    /// The address users reach the portal at; defaults to `http://<bound address>`.
    pub public_url: Option<String>,
    /// Practice mode: the stand-ins for the external systems (payment gateway, certification
    /// authority, registries, NCALayer) under `/sandbox`. Off unless `SANDBOX=on`, and only in
    /// a build with the `sandbox` feature.
    pub sandbox: bool,
    /// Demo staff accounts with the published password: only in practice mode, and only when
    /// `DEMO=on`.
    pub demo: bool,
    /// Base URL of the payment gateway API; defaults to the sandbox's.
    pub gateway_url: Option<String>,
    /// Base URL of the state registries (person, special records, pre-trial register);
    /// defaults to the sandbox's.
    pub registry_url: Option<String>,
    /// The gateway's Ed25519 public key (base64) used to verify its callbacks; defaults to the
    /// sandbox's.
    pub gateway_public_key: Option<String>,
    /// PEM file with the trusted root certificates of the certification authority; defaults to
    /// the sandbox's root.
    pub trust_anchors: Option<PathBuf>,
    /// Where the certification authority publishes its CRL; defaults to the sandbox's.
    pub crl_url: Option<String>,
    /// Seconds a fetched CRL is used before it is fetched again (never past its nextUpdate):
    /// `CRL_MAX_AGE_SECONDS`, 600 by default; 0 in practice mode, so a key revoked on the
    /// practice page is refused at once.
    pub crl_max_age_seconds: i64,
    /// The NCALayer WebSocket the browser's second signer talks to: the real app listens on
    /// `wss://127.0.0.1:13579/` on the user's computer; with the sandbox on, the default is the
    /// sandbox's stand-in.
    pub ncalayer_url: Option<String>,
    /// Where documents are kept: unset or `file` for `DATA_DIR/documents`, `s3://bucket[/prefix]`
    /// for S3-compatible storage (`AWS_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP`). Several instances share it.
    pub storage_url: Option<String>,
    /// The S3 store's settings (`AWS_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP`), as `object_store` names them.
    pub storage_options: Vec<(String, String)>,
    /// The bearer token `GET /metrics` asks for (`METRICS_TOKEN`); without it the metrics
    /// are not served at all.
    pub metrics_token: Option<String>,
    /// The reverse proxies (addresses or networks) whose `Forwarded` / `X-Forwarded-For` names
    /// the client: `TRUSTED_PROXIES`. None: the connecting address is the client's.
    pub trusted_proxies: Option<String>,
    /// How the e-mail outbox is delivered: `file` (`.eml` files in `DATA_DIR/outbox`, the
    /// default) or `smtp://host:port` (a relay that accepts the portal's mail).
    pub mail_transport: Option<String>,
    /// The SMS gateway's API (`SMS_URL`) and its key (`SMS_KEY`). Without them (outside
    /// practice mode) the portal sends no SMS; an applicant's consent is kept and told so.
    pub sms_url: Option<String>,
    pub sms_key: Option<String>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The database URL may carry a password.
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field(
                "database_url",
                &self.database_url.as_ref().map(|_| "[redacted]"),
            )
            .field("data_dir", &self.data_dir)
            .field("dist_dir", &self.dist_dir)
            .field("public_url", &self.public_url)
            .field("sandbox", &self.sandbox)
            .field("demo", &self.demo)
            .field("gateway_url", &self.gateway_url)
            .field("mail_transport", &self.mail_transport)
            .field("sms_url", &self.sms_url)
            .field("registry_url", &self.registry_url)
            .field(
                "metrics_token",
                &self.metrics_token.as_ref().map(|_| "[redacted]"),
            )
            .finish_non_exhaustive()
    }
}

/// An on/off setting: `1`, `true`, `on` or `yes` is on; anything else set is off.
fn flag(value: Option<String>, default: bool) -> bool {
    match value {
        Some(v) => matches!(v.trim(), "1" | "true" | "on" | "yes"),
        None => default,
    }
}

impl Config {
    /// The settings production needs that are missing: without practice mode the portal
    /// talks to the real systems, and must be told where they are.
    pub fn missing_for_production(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.public_url.is_none() {
            missing.push("PUBLIC_URL");
        }
        if self.trust_anchors.is_none() {
            missing.push("TRUST_ANCHORS");
        }
        if self.crl_url.is_none() {
            missing.push("CRL_URL");
        }
        if self.gateway_url.is_none() {
            missing.push("GATEWAY_URL");
        }
        if self.gateway_public_key.is_none() {
            missing.push("GATEWAY_PUBLIC_KEY");
        }
        if self.registry_url.is_none() {
            missing.push("REGISTRY_URL");
        }
        missing
    }

    /// Reads the configuration from the environment.
    pub fn from_env() -> Config {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration from any source of named settings (the environment, or a
    /// test's own).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Config {
        let opt = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        Config {
            bind: opt("BIND").unwrap_or_else(|| "127.0.0.1:3000".into()),
            database_url: opt("DATABASE_URL"),
            data_dir: opt("DATA_DIR").unwrap_or_else(|| "data".into()).into(),
            dist_dir: opt("DIST_DIR").unwrap_or_else(|| "dist".into()).into(),
            public_url: opt("PUBLIC_URL"),
            // Production's defaults: no practice mode, no demo people.
            sandbox: flag(lookup("SANDBOX"), false),
            demo: flag(lookup("DEMO"), false),
            gateway_url: opt("GATEWAY_URL"),
            registry_url: opt("REGISTRY_URL"),
            gateway_public_key: opt("GATEWAY_PUBLIC_KEY"),
            trust_anchors: opt("TRUST_ANCHORS").map(Into::into),
            crl_url: opt("CRL_URL"),
            crl_max_age_seconds: opt("CRL_MAX_AGE_SECONDS")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(if flag(lookup("SANDBOX"), false) {
                    0
                } else {
                    600
                }),
            ncalayer_url: opt("NCALAYER_URL"),
            mail_transport: opt("MAIL_TRANSPORT"),
            sms_url: opt("SMS_URL"),
            sms_key: opt("SMS_KEY"),
            trusted_proxies: opt("TRUSTED_PROXIES"),
            storage_url: opt("STORAGE_URL"),
            storage_options: [
                ("AWS_ENDPOINT", "aws_endpoint"),
                ("AWS_REGION", "aws_region"),
                ("AWS_ACCESS_KEY_ID", "aws_access_key_id"),
                ("AWS_SECRET_ACCESS_KEY", "aws_secret_access_key"),
                ("AWS_ALLOW_HTTP", "aws_allow_http"),
            ]
            .into_iter()
            .filter_map(|(env, key)| opt(env).map(|v| (key.to_owned(), v)))
            .collect(),
            metrics_token: opt("METRICS_TOKEN"),
        }
    }

    /// A configuration for tests: a fresh data folder, port 0, sandbox and demo on.
    pub fn for_tests(data_dir: PathBuf, database_url: Option<String>) -> Config {
        Config {
            bind: "127.0.0.1:0".into(),
            database_url,
            dist_dir: data_dir.join("no-dist"),
            data_dir,
            public_url: None,
            sandbox: true,
            demo: true,
            gateway_url: None,
            registry_url: None,
            gateway_public_key: None,
            trust_anchors: None,
            crl_url: None,
            // Every check sees the sandbox's revocations at once (a test may keep the list).
            crl_max_age_seconds: 0,
            ncalayer_url: None,
            mail_transport: None,
            sms_url: None,
            sms_key: None,
            trusted_proxies: None,
            storage_url: None,
            storage_options: Vec::new(),
            metrics_token: None,
        }
    }
}
