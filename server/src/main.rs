//! Starts the portal: reads the configuration, builds the application and serves it.

use server::config::Config;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn".into());
    // One JSON object per line for a log collector (`LOG_FORMAT=json`), else text.
    if std::env::var("LOG_FORMAT").is_ok_and(|f| f.trim() == "json") {
        tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_env_filter(filter)
            .init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let config = Config::from_env();
    let demo = config.sandbox && config.demo;
    let app = server::Application::build(config).await?;
    let url = app.public_url().to_owned();
    println!("\nLicensing portal: {url}/");
    #[cfg(feature = "sandbox")]
    if demo {
        print!("{}", server::sandbox::demo::sign_in_facts(&url));
    }
    #[cfg(not(feature = "sandbox"))]
    let _ = demo;
    println!();
    app.run_until_stopped().await?;
    Ok(())
}
