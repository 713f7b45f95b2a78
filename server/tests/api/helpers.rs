//! Starts the real server on port 0 with a fresh database (SQLite file or a new PostgreSQL
//! database) and a fresh data folder, and plays the browser's part: cookies, the app header,
//! signing with a key file.

use base64::Engine;
use serde::de::DeserializeOwned;
use serde::Serialize;
use server::config::Config;
use server::sandbox::ca::KeyPurpose;
use server::sandbox::people::{self, DemoPerson, DemoRole};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub url: String,
    pub client: reqwest::Client,
    pub state: server::state::AppState,
    /// The sandbox's stand-ins the app runs (none when started without practice mode).
    sandbox: Option<std::sync::Arc<server::sandbox::Sandbox>>,
    data_dir: PathBuf,
    pg_database: Option<(String, String)>,
}

fn random_name() -> String {
    server::db::new_id()[..12].to_owned()
}

/// The PostgreSQL server to test against, if one is configured and reachable.
pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    pub async fn spawn(store: Store) -> Option<TestApp> {
        Self::spawn_with(store, |_| {}).await
    }

    /// Boots the app with its test configuration changed first.
    pub async fn spawn_with(store: Store, configure: impl FnOnce(&mut Config)) -> Option<TestApp> {
        let data_dir = std::env::temp_dir().join(format!("portal-test-{}", random_name()));
        let (database_url, pg_database) = match store {
            Store::Sqlite => (None, None),
            Store::Postgres => {
                let base = postgres_url()?;
                let name = format!("portal_test_{}", random_name());
                let admin = sqlx::PgPool::connect(&base)
                    .await
                    .expect("PostgreSQL reachable");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&admin)
                    .await
                    .unwrap();
                admin.close().await;
                // TEST_POSTGRES_URL names an existing database; the test's own replaces it.
                let url = format!(
                    "{}/{name}",
                    base.rsplit_once('/')
                        .map(|(server, _)| server)
                        .unwrap_or(&base)
                );
                (Some(url), Some((base, name)))
            }
        };
        let mut config = Config::for_tests(data_dir.clone(), database_url);
        configure(&mut config);
        let app = server::Application::build(config)
            .await
            .expect("application builds");
        // Requests go to the bound address (the public one may be a deployment's name).
        let url = format!("http://127.0.0.1:{}", app.port());
        let state = app.state().clone();
        let sandbox = app.sandbox();
        tokio::spawn(app.run_until_stopped());
        Some(TestApp {
            url,
            client: client(),
            state,
            sandbox,
            data_dir,
            pg_database,
        })
    }

    /// Starts an instance with this configuration, on a database and folder another owns
    /// (a second instance of the same portal): its cleanup is the owner's.
    pub async fn instance(config: Config) -> TestApp {
        let data_dir = config.data_dir.clone();
        let app = server::Application::build(config)
            .await
            .expect("application builds");
        let url = format!("http://127.0.0.1:{}", app.port());
        let state = app.state().clone();
        let sandbox = app.sandbox();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            url,
            client: client(),
            state,
            sandbox,
            data_dir,
            pg_database: None,
        }
    }

    /// The same portal, another instance: same browser (cookies), another address.
    pub fn through(&self, other: &TestApp) -> TestApp {
        TestApp {
            url: other.url.clone(),
            client: self.client.clone(),
            state: other.state.clone(),
            sandbox: other.sandbox.clone(),
            data_dir: other.data_dir.clone(),
            pg_database: None,
        }
    }

    /// A new PostgreSQL database for a test that starts its own instances (none configured:
    /// `None`).
    pub async fn postgres_database() -> Option<(String, String, String)> {
        let base = postgres_url()?;
        let name = format!("portal_test_{}", random_name());
        let admin = sqlx::PgPool::connect(&base)
            .await
            .expect("PostgreSQL reachable");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await
            .unwrap();
        admin.close().await;
        let url = format!(
            "{}/{name}",
            base.rsplit_once('/')
                .map(|(server, _)| server)
                .unwrap_or(&base)
        );
        Some((url, base, name))
    }

    /// Drops the test database and folder.
    pub async fn cleanup(self) {
        self.cleanup_with(None).await
    }

    /// Drops the test database (this one's, or one made by `postgres_database`) and folder.
    pub async fn cleanup_with(self, database: Option<(String, String)>) {
        self.state.db.close().await;
        if let Some((base, name)) = self.pg_database.or(database) {
            if let Ok(admin) = sqlx::PgPool::connect(&base).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&admin)
                    .await;
                admin.close().await;
            }
        }
        let _ = std::fs::remove_dir_all(self.data_dir);
    }

    /// The sandbox's stand-ins (tests run in practice mode unless they say otherwise).
    pub fn sandbox(&self) -> &server::sandbox::Sandbox {
        self.sandbox.as_deref().expect("started in practice mode")
    }

    pub fn with_new_client(&self) -> TestApp {
        TestApp {
            url: self.url.clone(),
            client: client(),
            state: self.state.clone(),
            sandbox: self.sandbox.clone(),
            data_dir: self.data_dir.clone(),
            pg_database: None,
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.url))
            .send()
            .await
            .unwrap()
    }

    pub async fn get_lang(&self, path: &str, lang: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.url))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap()
    }

    pub async fn post<B: Serialize>(&self, path: &str, body: &B) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.url))
            .header("x-portal-request", "1")
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn put<B: Serialize>(&self, path: &str, body: &B) -> reqwest::Response {
        self.client
            .put(format!("{}{path}", self.url))
            .header("x-portal-request", "1")
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.client
            .delete(format!("{}{path}", self.url))
            .header("x-portal-request", "1")
            .send()
            .await
            .unwrap()
    }

    pub async fn post_lang<B: Serialize>(
        &self,
        path: &str,
        body: &B,
        lang: &str,
    ) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.url))
            .header("x-portal-request", "1")
            .header("accept-language", lang)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn upload(&self, slot: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
        self.upload_for("FOR-LIC", "issue", slot, name, bytes).await
    }

    pub async fn upload_for(
        &self,
        service: &str,
        variant: &str,
        slot: &str,
        name: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        self.upload_for_version(service, None, variant, slot, name, bytes)
            .await
    }

    /// An upload for a named version of the service (none: the current one).
    pub async fn upload_for_version(
        &self,
        service: &str,
        version: Option<u32>,
        variant: &str,
        slot: &str,
        name: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let version = version.map(|v| format!("&version={v}")).unwrap_or_default();
        self.client
            .post(format!(
                "{}/api/attachments?service={service}&variant={variant}&slot={slot}{version}",
                self.url
            ))
            .header("x-portal-request", "1")
            .header("x-file-name", name)
            .body(bytes)
            .send()
            .await
            .unwrap()
    }

    /// The person's signing key file (`RSA256_…`, PKCS#12), from practice mode, opened with
    /// its password as the browser's signer does.
    pub async fn key_file(&self, person: &DemoPerson) -> eds::KeyFile {
        self.practice_key(person, KeyPurpose::Signing).await
    }

    /// The person's sign-in key file (`AUTH_…`).
    pub async fn auth_key_file(&self, person: &DemoPerson) -> eds::KeyFile {
        self.practice_key(person, KeyPurpose::SignIn).await
    }

    pub async fn practice_key(&self, person: &DemoPerson, purpose: KeyPurpose) -> eds::KeyFile {
        let name = person.key_file_name(purpose);
        let r = self.get(&format!("/sandbox/ca/keys/{name}")).await;
        assert_eq!(
            r.headers()["content-type"].to_str().unwrap(),
            "application/x-pkcs12"
        );
        let bytes = r.bytes().await.unwrap();
        eds::keyfile::open(&bytes, people::KEY_PASSWORD).expect("a practice key file opens")
    }

    /// Signs in with a demo person's key file through the challenge.
    pub async fn sign_in_with_eds(&self, person: &DemoPerson) -> reqwest::Response {
        let key = self.auth_key_file(person).await;
        self.sign_in_with_key_file(&key).await
    }

    pub async fn sign_in_with_key_file(&self, key: &eds::KeyFile) -> reqwest::Response {
        let challenge: domain::api::ChallengeResponse =
            json(self.post("/api/auth/challenge", &()).await).await;
        let signature = sign(key, &decode(&challenge.payload_b64));
        self.post(
            "/api/auth/eds",
            &domain::api::SignInWithEdsRequest {
                challenge_id: challenge.challenge_id,
                signature,
            },
        )
        .await
    }

    pub async fn sign_in_staff(&self, login: &str) -> reqwest::Response {
        self.post(
            "/api/auth/password",
            &domain::api::SignInWithPasswordRequest {
                login: login.into(),
                password: people::DEMO_PASSWORD.into(),
            },
        )
        .await
    }
}

pub fn person(role: DemoRole, index: usize) -> DemoPerson {
    people::people()
        .into_iter()
        .filter(|p| p.role == role)
        .nth(index)
        .unwrap()
}

pub fn decode(b64: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap()
}

/// Signs like the browser's signer does: a detached CMS signature made with the key file.
pub fn sign(key: &eds::KeyFile, data: &[u8]) -> domain::api::SignatureRequest {
    let now = u64::try_from(server::db::unix_now()).unwrap();
    let cms = eds::cms::sign_detached(key, data, Some(now)).unwrap();
    domain::api::SignatureRequest {
        cms_b64: base64::engine::general_purpose::STANDARD.encode(cms),
    }
}

/// A key issued directly by an authority (for forged, expired and odd certificates), valid
/// from `from_days` to `to_days` days from now (negative: in the past), held as the signer
/// would hold it: the key, its certificate and the issuer's certificate.
pub fn issued_key(
    ca: &server::sandbox::ca::SandboxCa,
    subject: &server::sandbox::ca::Subject,
    purpose: KeyPurpose,
    from_days: i64,
    to_days: i64,
) -> eds::KeyFile {
    let now = time::OffsetDateTime::now_utc();
    let issued = ca
        .issue(
            subject,
            purpose,
            now + time::Duration::days(from_days),
            now + time::Duration::days(to_days),
        )
        .unwrap();
    eds::KeyFile {
        certificate: issued.certificate_der,
        chain: server::pki::pem_certificates(ca.issuing_pem()),
        private_key: issued.key_pkcs8.into(),
    }
}

/// The person's first demo person in a company role (company keys).
pub fn company_person(role: eds::Role) -> DemoPerson {
    people::people()
        .into_iter()
        .find(|p| p.company.as_ref().is_some_and(|(_, r)| *r == role) && p.provider.is_none())
        .unwrap()
}

pub async fn json<T: DeserializeOwned>(r: reqwest::Response) -> T {
    let status = r.status();
    let text = r.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{status}: {e}: {text}"))
}

pub async fn api_error(r: reqwest::Response) -> domain::ApiError {
    assert!(
        !r.status().is_success(),
        "expected an error, got {}",
        r.status()
    );
    json(r).await
}

/// Creates an application with these values; the creation must be accepted.
pub async fn create_application(
    app: &TestApp,
    service: &str,
    variant: &str,
    values: domain::form::FormValues,
) -> domain::api::ApplicationResponse {
    json(
        app.post(
            "/api/applications",
            &domain::api::CreateApplicationRequest {
                service_code: service.into(),
                service_version: None,
                variant: variant.into(),
                values,
                lang: None,
                sms_consent: false,
            },
        )
        .await,
    )
    .await
}

/// A small valid PDF-looking file (the type is judged by its first bytes).
pub fn pdf_bytes() -> Vec<u8> {
    server::sandbox::demo::SMALL_PDF.to_vec()
}

/// A complete, valid form for the forensic licence, given the uploaded attachment.
pub fn valid_form(attachment_id: &str) -> domain::form::FormValues {
    server::sandbox::demo::forensic_licence_form(attachment_id)
}

/// Runs a test body against SQLite and, in a second test, PostgreSQL.
#[macro_export]
macro_rules! on_both_stores {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::TestApp::spawn($crate::helpers::Store::Sqlite)
                    .await
                    .unwrap();
                super::$name(&app).await;
                app.cleanup().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(app) =
                    $crate::helpers::TestApp::spawn($crate::helpers::Store::Postgres).await
                else {
                    eprintln!("TEST_POSTGRES_URL not set: PostgreSQL variant not run");
                    return;
                };
                super::$name(&app).await;
                app.cleanup().await;
            }
        }
    };
}

/// Whether `openssl cms -verify` accepts a detached CMS (DER) over `content`, against the
/// sandbox's root certificate (the signer's issuing authority travels in the CMS).
pub async fn openssl_verifies(app: &TestApp, content: &[u8], p7s: &[u8]) -> bool {
    let root = app.get("/sandbox/ca/root.pem").await.text().await.unwrap();
    let dir = std::env::temp_dir().join(format!("cms-{}", server::db::new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (doc, sig, ca) = (
        dir.join("document.pdf"),
        dir.join("document.pdf.p7s"),
        dir.join("root.pem"),
    );
    std::fs::write(&doc, content).unwrap();
    std::fs::write(&sig, p7s).unwrap();
    std::fs::write(&ca, root).unwrap();
    let out = std::process::Command::new("openssl")
        .args([
            "cms", "-verify", "-binary", "-inform", "DER", "-purpose", "any", "-in",
        ])
        .arg(&sig)
        .arg("-content")
        .arg(&doc)
        .arg("-CAfile")
        .arg(&ca)
        .args(["-out", "/dev/null"])
        .output()
        .expect("openssl is installed");
    let _ = std::fs::remove_dir_all(&dir);
    if !out.status.success() {
        eprintln!("openssl: {}", String::from_utf8_lossy(&out.stderr));
    }
    out.status.success()
}

/// The holder the session applies as: the company its key acts for, else the person.
pub async fn holder_of(session: &TestApp) -> (String, bool) {
    let me: domain::api::MeResponse = json(session.get("/api/me").await).await;
    match me.company {
        Some(c) => (c.bin, true),
        None => (me.iin.expect("an applicant"), false),
    }
}

/// A licence the register holds from before (issued on paper, entered earlier): the fixture a
/// request that acts on a licence names.
pub async fn licence_in_register(
    app: &TestApp,
    holder: &str,
    company: bool,
    service: &str,
    version: u32,
    status: domain::licence::LicenceStatus,
    name: &str,
) -> String {
    use server::db::licences::{HolderKind, LicenceRow, Source};
    let number = format!("P{}", &server::db::new_id()[..10]);
    let provider = app
        .state
        .service_version(service, version)
        .map(|s| s.provider.code.clone());
    server::db::licences::insert(
        &mut app.state.db.acquire().await.expect("a connection"),
        &LicenceRow {
            number: number.clone(),
            application_id: None,
            holder_iin: holder.to_owned(),
            holder_kind: if company {
                HolderKind::Company
            } else {
                HolderKind::Person
            },
            holder_name: name.into(),
            service_code: service.to_owned(),
            service_version: version,
            provider,
            subtypes: None,
            category: None,
            issued_on: "2019-05-20".into(),
            pdf_sha256: String::new(),
            payload: String::new(),
            signature: None,
            signer_certificate: None,
            signer_name: None,
            signed_at: None,
            status,
            previous_number: None,
            replaced_by: None,
            replaced_on: None,
            source: Source::Paper,
            lang: "ru".into(),
        },
    )
    .await
    .unwrap();
    number
}

/// Every case of the client's officer queue: each section, page after page (checking that
/// every page of a section carries the same counts, and the counts add up).
pub async fn whole_queue(client: &TestApp) -> Vec<domain::api::QueueItem> {
    use domain::api::{QueuePage, QueueSection};
    let mut all = Vec::new();
    for section in QueueSection::ALL {
        let mut after: Option<String> = None;
        let mut seen = 0u32;
        loop {
            let path = match &after {
                Some(a) => format!(
                    "/api/officer/cases?section={}&after={}",
                    section.code(),
                    urlencoding(a)
                ),
                None => format!("/api/officer/cases?section={}", section.code()),
            };
            let page: QueuePage = json(client.get(&path).await).await;
            assert_eq!(page.section, section);
            seen += page.items.len() as u32;
            all.extend(page.items);
            let count = match section {
                QueueSection::Mine => page.mine,
                QueueSection::Others => page.others,
                QueueSection::Decided => page.decided,
            };
            match page.next {
                Some(n) => after = Some(n),
                None => {
                    assert_eq!(
                        seen, count.count,
                        "{section:?}: the count and the pages agree"
                    );
                    break;
                }
            }
        }
    }
    all
}

/// Every case of the client's cabinet, page after page.
pub async fn whole_cabinet(client: &TestApp) -> Vec<domain::case::CaseView> {
    let mut all = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let path = match &after {
            Some(a) => format!("/api/applications?after={}", urlencoding(a)),
            None => "/api/applications".to_owned(),
        };
        let page: domain::api::CasePage = json(client.get(&path).await).await;
        all.extend(page.items);
        match page.next {
            Some(n) => after = Some(n),
            None => return all,
        }
    }
}

fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A query string's value, percent-encoded.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
