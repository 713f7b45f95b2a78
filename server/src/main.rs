//! Starts the portal: reads the configuration, builds the application and serves it.

use server::config::Config;
use server::sandbox::ca::KeyPurpose;
use server::sandbox::people;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let config = Config::from_env();
    let sandbox = config.sandbox;
    let demo = config.demo;
    let app = server::Application::build(config).await?;
    let url = app.public_url().to_owned();
    println!("\nLicensing portal: {url}/");
    if sandbox {
        println!("Sandbox practice page (demo people and their key files): {url}/sandbox");
    }
    if demo {
        println!(
            "Demo sign-in (key files are PKCS#12, password {}):",
            people::KEY_PASSWORD
        );
        for p in people::people() {
            let key = format!(
                "keys {url}/sandbox/ca/keys/{} (sign in), {url}/sandbox/ca/keys/{} (sign)",
                p.key_file_name(KeyPurpose::SignIn),
                p.key_file_name(KeyPurpose::Signing)
            );
            match (p.login, p.role) {
                (Some(login), people::DemoRole::Support) => println!(
                    "  {:<10} {} — login {login}, password {}",
                    p.role.label(),
                    p.full_name(),
                    people::DEMO_PASSWORD
                ),
                (Some(login), _) => println!(
                    "  {:<10} {} — login {login}, password {}; signs with {url}/sandbox/ca/keys/{}",
                    p.role.label(),
                    p.full_name(),
                    people::DEMO_PASSWORD,
                    p.key_file_name(KeyPurpose::Signing)
                ),
                (None, _) => println!(
                    "  {:<10} {} — IIN {}{}, {key}",
                    p.role.label(),
                    p.full_name(),
                    p.iin,
                    p.company
                        .as_ref()
                        .map(|(c, r)| format!(" ({} of BIN {})", r.code(), c.bin))
                        .unwrap_or_default()
                ),
            }
        }
    }
    println!();
    app.run_until_stopped().await?;
    Ok(())
}
