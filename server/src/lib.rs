//! The licensing portal's server: a thin axum backend that shares `domain` with the browser
//! app, runs the processes, talks to external state systems through adapters, and serves the
//! built app.
//!
//! [`Application::build`] binds the listener first (so tests can use port 0 and learn the
//! real address), connects the database, opens the sandbox when it is on, and assembles the
//! router.

pub mod answers;
pub mod auth;
pub mod client_address;
pub mod config;
pub mod db;
pub mod documents;
pub mod engine;
pub mod error;
pub mod http_policy;
pub mod integrations;
pub mod licences;
pub mod metrics;
pub mod notify;
pub mod observability;
pub mod paper;
pub mod pki;
pub mod prerender;
pub mod routes;
#[cfg(feature = "sandbox")]
pub mod sandbox;
pub mod signatures;
pub mod state;
pub mod uploads;

use anyhow::Context;
use axum::Router;
use base64::Engine;
use config::Config;
use state::AppState;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

/// A built, bound, not yet running server.
pub struct Application {
    listener: tokio::net::TcpListener,
    router: Router,
    state: AppState,
    /// The shared database (PostgreSQL) whose other instances' writes are heard.
    listen_to: Option<String>,
    /// The sandbox's stand-ins, in practice mode.
    #[cfg(feature = "sandbox")]
    sandbox: Option<Arc<sandbox::Sandbox>>,
}

/// What practice mode gives the adapters when no setting names a real system.
struct Practice {
    trust_pem: String,
    gateway_key: Vec<u8>,
    sms_key: String,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        if !config.sandbox {
            let missing = config.missing_for_production();
            anyhow::ensure!(
                missing.is_empty(),
                "not starting: SANDBOX is off (production), and these settings are missing: {} \
                 (see .env.example; ./x run starts practice mode instead)",
                missing.join(", ")
            );
        }
        let listener = tokio::net::TcpListener::bind(&config.bind)
            .await
            .with_context(|| format!("binding {}", config.bind))?;
        let port = listener.local_addr()?.port();
        let public_url = config
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://127.0.0.1:{port}"))
            .trim_end_matches('/')
            .to_owned();

        let db::Pools {
            db,
            read,
            writes,
            shared,
        } = db::connect(config.database_url.as_deref(), &config.data_dir).await?;
        let answers = Arc::new(answers::Answers::new(writes, shared));
        let listen_to = config.database_url.clone().filter(|_| shared);
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(15))
            .build()?;

        // Practice mode: the sandbox's stand-ins, in this process, are what the adapters talk
        // to where no setting names a real system.
        #[cfg(feature = "sandbox")]
        let sandbox = if config.sandbox {
            Some(Arc::new(
                sandbox::Sandbox::open(
                    config.data_dir.join("sandbox"),
                    db.clone(),
                    public_url.clone(),
                    http.clone(),
                )
                .await?,
            ))
        } else {
            None
        };
        #[cfg(not(feature = "sandbox"))]
        anyhow::ensure!(
            !config.sandbox,
            "SANDBOX is on, but this build has no sandbox: set SANDBOX=off (production) or build \
             with `--features sandbox` (practice mode)"
        );
        #[cfg(feature = "sandbox")]
        let practice = sandbox.as_ref().map(|s| Practice {
            trust_pem: s.ca.root_pem().to_owned(),
            gateway_key: s.gateway.public_key(),
            sms_key: sandbox::sms::PRACTICE_KEY.to_owned(),
        });
        #[cfg(not(feature = "sandbox"))]
        let practice: Option<Practice> = None;

        let trust_pem = match (&config.trust_anchors, &practice) {
            (Some(path), _) => std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?,
            (None, Some(p)) => p.trust_pem.clone(),
            (None, None) => anyhow::bail!("TRUST_ANCHORS is required when the sandbox is off"),
        };
        let trust = pki::TrustAnchors::from_pem(&trust_pem)?;

        let (gateway_url, gateway_key) =
            match (&config.gateway_url, &config.gateway_public_key, &practice) {
                (Some(url), Some(key), _) => (
                    url.clone(),
                    base64::engine::general_purpose::STANDARD
                        .decode(key)
                        .context("GATEWAY_PUBLIC_KEY is not base64")?,
                ),
                (None, None, Some(p)) => (
                    format!("{public_url}/sandbox/gateway"),
                    p.gateway_key.clone(),
                ),
                _ => anyhow::bail!(
                "GATEWAY_URL and GATEWAY_PUBLIC_KEY are required together when the sandbox is off"
            ),
            };

        let registry_url = match (&config.registry_url, &practice) {
            (Some(url), _) => url.clone(),
            (None, Some(_)) => format!("{public_url}/sandbox/registries"),
            (None, None) => anyhow::bail!("REGISTRY_URL is required when the sandbox is off"),
        };

        let crl_url = match (&config.crl_url, &practice) {
            (Some(url), _) => url.clone(),
            (None, Some(_)) => format!("{public_url}/sandbox/ca/crl"),
            (None, None) => anyhow::bail!("CRL_URL is required when the sandbox is off"),
        };

        // The browser connects to NCALayer itself; the sandbox's stand-in is reached over the
        // portal's own address (ws:// or wss:// like the page).
        let ncalayer_url = match (&config.ncalayer_url, &practice) {
            (Some(url), _) => url.clone(),
            (None, Some(_)) => format!("{}/sandbox/ncalayer", public_url.replacen("http", "ws", 1)),
            (None, None) => "wss://127.0.0.1:13579/".to_owned(),
        };

        let sms = match (&config.sms_url, &config.sms_key, &practice) {
            (Some(url), Some(key), _) => Some((url.clone(), key.clone())),
            (None, None, Some(p)) => Some((
                format!("{public_url}/sandbox/sms/api/v1"),
                p.sms_key.clone(),
            )),
            (None, None, None) => None,
            _ => anyhow::bail!("SMS_URL and SMS_KEY are set together"),
        };

        let statements = licences::statement::StatementSigner::load_or_create(&db).await?;
        let state = AppState::new(state::PortalState {
            statements,
            db,
            read,
            answers,
            ncalayer_url,
            public_url,
            catalogue: Arc::new(domain::catalogue::builtin()),
            processes: Arc::new(domain::process::builtin_processes()),
            channels: Arc::new(domain::process::builtin_channels()),
            forms: Arc::new(domain::catalogue::builtin_forms()),
            trust: Arc::new(trust),
            gateway: integrations::payment_gateway::PaymentGateway::new(
                gateway_url,
                gateway_key,
                http.clone(),
            ),
            revocation: integrations::revocation::RevocationList::new(
                crl_url,
                http.clone(),
                config.crl_max_age_seconds,
            ),
            registries: integrations::registries::Registries::new(registry_url, http.clone()),
            documents: documents::DocumentStore::from_setting(
                config.storage_url.as_deref(),
                &config.storage_options,
                config.data_dir.join("documents"),
            )?,
            mail: integrations::mail::Transport::from_setting(
                config.mail_transport.as_deref(),
                &config.data_dir,
            )
            .map_err(anyhow::Error::msg)?,
            sms: sms.map(|(url, key)| integrations::sms::SmsGateway::new(url, key, http.clone())),
            http,
            practice: practice.is_some(),
            secure_cookies: config
                .public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://")),
            metrics: Arc::new(metrics::Metrics::new()?),
            metrics_token: config.metrics_token.clone(),
            trusted_proxies: Arc::new(
                client_address::parse_proxies(config.trusted_proxies.as_deref().unwrap_or(""))
                    .map_err(anyhow::Error::msg)?,
            ),
        });

        #[cfg(feature = "sandbox")]
        if config.demo && sandbox.is_some() {
            sandbox::demo::seed_staff(&state.db).await?;
        }

        #[cfg(feature = "sandbox")]
        let router = router(state.clone(), &config, sandbox.clone());
        #[cfg(not(feature = "sandbox"))]
        let router = router(state.clone(), &config);
        Ok(Application {
            listener,
            router,
            state,
            listen_to,
            #[cfg(feature = "sandbox")]
            sandbox,
        })
    }
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn public_url(&self) -> &str {
        &self.state.public_url
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The sandbox's stand-ins, in practice mode.
    #[cfg(feature = "sandbox")]
    pub fn sandbox(&self) -> Option<Arc<sandbox::Sandbox>> {
        self.sandbox.clone()
    }

    /// Serves until the process receives Ctrl-C or SIGTERM.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        if let Some(url) = self.listen_to.clone() {
            tokio::spawn(answers::listen(self.state.answers.clone(), url));
        }
        // The outbox is delivered every few seconds; a failed delivery is retried.
        let state = self.state.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
            let mut ticks: u64 = 0;
            loop {
                tick.tick().await;
                ticks += 1;
                let since = state.answers.writes();
                // Every five minutes: what has expired goes (sessions, challenges, attempts,
                // uploads no draft or application holds).
                if ticks % 60 == 1 {
                    if let Err(e) = housekeeping(&state).await {
                        tracing::warn!(error = ?e, "housekeeping");
                    }
                }
                if let Err(e) = notify::deliver_pending(&state, &state.mail).await {
                    tracing::warn!(error = ?e, "outbox delivery");
                }
                // The revocation list is fetched again before it is due, not during a check.
                state.revocation.refresh(db::unix_now()).await;
                // Registry checks that did not get an answer are asked again.
                if let Err(e) = engine::run_checks(&state, "").await {
                    tracing::warn!(error = ?e, "registry checks");
                }
                state.answers.settle(since);
            }
        });
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
    }
}

/// Removes what has expired.
async fn housekeeping(state: &AppState) -> anyhow::Result<()> {
    let now = db::unix_now();
    let expired = db::auth::purge_expired(&state.db, now, auth::IDLE_SECONDS).await?;
    let orphans = uploads::remove_orphans(state, now).await?;
    if expired + orphans > 0 {
        tracing::info!(expired, orphans, "housekeeping");
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}

/// The whole router: API (with its own not-found and method answers in the API's shape), the
/// sandbox (in practice mode), the public pages, the licence check and the staff's workspace on
/// their paths, and the portal app with SPA fallback.
pub fn router(
    state: AppState,
    config: &Config,
    #[cfg(feature = "sandbox")] sandbox: Option<Arc<sandbox::Sandbox>>,
) -> Router {
    let dist = &config.dist_dir;
    let index = dist.join("index.html");
    let static_files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(index)
                .precompressed_br()
                .precompressed_gzip(),
        );
    let mut app = Router::new()
        .merge(routes::router())
        .merge(observability::router())
        // An unknown API path is the API's "not found", never the app's page.
        .route("/api", axum::routing::any(routes::api_not_found))
        .route("/api/{*rest}", axum::routing::any(routes::api_not_found))
        .method_not_allowed_fallback(routes::api_method_not_allowed);
    // The public pages, the licence check and the staff's workspace are apps of their own
    // (`domain::paths`): their paths get their page; every other path is the portal's.
    let apps: [(&str, &[&str]); 3] = [
        ("public", &domain::paths::PUBLIC_ROOTS),
        ("licence-check", &domain::paths::CHECK_ROOTS),
        ("staff", &domain::paths::STAFF_ROOTS),
    ];
    // `/`, the passports and the licence check with the page written in (`prerender`), when
    // the build made their pages.
    let written = |folder| {
        prerender::template(dist, folder).map(|t| -> prerender::Pages { (state.clone(), t) })
    };
    let (public_pages, check_pages) = (written("public"), written("licence-check"));
    // A form's heading, in the portal's own page (`dist/index.html`).
    if let Some(pages) = written("") {
        app = app.route(
            "/apply/{code}/{variant}",
            axum::routing::get(prerender::form_page).with_state(pages),
        );
    }
    for (folder, roots) in apps {
        let page = ServeFile::new(dist.join(folder).join("index.html"))
            .precompressed_br()
            .precompressed_gzip();
        if folder == "public" {
            app = match &public_pages {
                Some(pages) => app.route(
                    "/",
                    axum::routing::get(prerender::catalogue_page).with_state(pages.clone()),
                ),
                None => app.route_service("/", page.clone()),
            };
        }
        for root in roots {
            let rest = format!("/{root}/{{*rest}}");
            app = match (&public_pages, &check_pages, *root) {
                (Some(pages), _, "services") => {
                    app.route_service(&format!("/{root}"), page.clone()).route(
                        &rest,
                        axum::routing::get(prerender::passport_page).with_state(pages.clone()),
                    )
                }
                (_, Some(pages), "check") => {
                    let check = axum::routing::get(prerender::check_page).with_state(pages.clone());
                    app.route(&format!("/{root}"), check.clone())
                        .route(&rest, check)
                }
                _ => app
                    .route_service(&format!("/{root}"), page.clone())
                    .route_service(&rest, page.clone()),
            };
        }
    }
    #[cfg(feature = "sandbox")]
    let practice = sandbox.is_some();
    #[cfg(not(feature = "sandbox"))]
    let practice = false;
    #[cfg(feature = "sandbox")]
    if let Some(sandbox) = sandbox {
        app = app.merge(sandbox::router(sandbox));
    }
    if !practice {
        // Without practice mode the sandbox's addresses are nobody's, not the app's page.
        let gone = || async { axum::http::StatusCode::NOT_FOUND };
        app = app
            .route("/sandbox", axum::routing::any(gone))
            .route("/sandbox/{*rest}", axum::routing::any(gone));
    }
    let csp = http_policy::content_security_policy(dist, &state.ncalayer_url);
    let https = state.secure_cookies;
    let mut app = app
        .layer(axum::middleware::from_fn_with_state(
            state.answers.clone(),
            answers::settle,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            observability::record,
        ))
        .with_state(state)
        .fallback_service(static_files)
        .layer(axum::middleware::from_fn(routes::require_app_header))
        .layer(axum::middleware::from_fn(error::localize_errors))
        .layer(axum::middleware::from_fn(http_policy::cache_policy));
    for layer in http_policy::security_headers(&csp, https).expect("valid header values") {
        app = app.layer(layer);
    }
    // Outermost: every request gets an id (or keeps its proxy's), its span and access-log
    // line carry it, and the answer returns it.
    let request_id = axum::http::HeaderName::from_static(observability::REQUEST_ID);
    // Brotli's own default (quality 11) takes milliseconds on a few kilobytes of JSON; 4 is
    // the usual choice for answers made per request (the app's files are compressed ahead, at
    // 11, and served as they are). An answer that fits in one packet is sent as it is: setting
    // up an encoder costs more than the bytes it would save.
    use tower_http::compression::predicate::{DefaultPredicate, Predicate, SizeAbove};
    app.layer(
        CompressionLayer::new()
            .quality(tower_http::CompressionLevel::Precise(4))
            .compress_when(DefaultPredicate::new().and(SizeAbove::new(1400))),
    )
    .layer(tower_http::request_id::PropagateRequestIdLayer::new(
        request_id.clone(),
    ))
    .layer(
        tower_http::trace::TraceLayer::new_for_http()
            .make_span_with(|request: &axum::http::Request<_>| {
                let id = observability::request_id(request.headers()).unwrap_or_default();
                tracing::info_span!(
                    "request",
                    id = %id,
                    method = %request.method(),
                    path = %request.uri().path(),
                )
            })
            .on_response(
                tower_http::trace::DefaultOnResponse::new()
                    .level(tracing::Level::INFO)
                    .latency_unit(tower_http::LatencyUnit::Micros),
            ),
    )
    .layer(tower_http::request_id::SetRequestIdLayer::new(
        request_id,
        tower_http::request_id::MakeRequestUuid,
    ))
}
