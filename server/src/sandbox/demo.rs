//! Practice mode's demo staff: accounts for the sandbox's officials, operators and support,
//! with the published password, created only in practice mode; and what `./x run` prints
//! about the demo people.

use super::people::{self, DemoRole, KeyPurpose};
use crate::db::{self, Db};
use domain::api::Role;

/// Creates the demo staff accounts once (the sandbox people with a staff login).
pub async fn seed_staff(db: &Db) -> anyhow::Result<()> {
    for p in people::people() {
        let Some(login) = p.login else { continue };
        if db::auth::user_by_login(db, login).await?.is_some() {
            continue;
        }
        let role = match p.role {
            DemoRole::Officer => Role::Officer,
            DemoRole::Support => Role::Support,
            DemoRole::Applicant => continue,
        };
        db::auth::insert_user(
            db,
            &db::auth::UserRow {
                id: db::new_id(),
                role,
                iin: Some(p.iin.to_string()),
                login: Some(login.into()),
                password_hash: Some(crate::routes::auth::hash_password(people::DEMO_PASSWORD)?),
                full_name: p.full_name(),
                provider: p.provider.map(Into::into),
                duties: p.duties.to_vec(),
                region: p.region.map(Into::into),
            },
        )
        .await?;
    }
    Ok(())
}

/// The demo people and how to sign in as each, for the console.
pub fn sign_in_facts(url: &str) -> String {
    let mut out = format!(
        "Sandbox practice page (demo people and their key files): {url}/sandbox\n\
         Demo sign-in (key files are PKCS#12, password {}):\n",
        people::KEY_PASSWORD
    );
    for p in people::people() {
        let key = format!(
            "keys {url}/sandbox/ca/keys/{} (sign in), {url}/sandbox/ca/keys/{} (sign)",
            p.key_file_name(KeyPurpose::SignIn),
            p.key_file_name(KeyPurpose::Signing)
        );
        let line = match (p.login, p.role) {
            (Some(login), DemoRole::Support) => format!(
                "  {:<10} {} — login {login}, password {}",
                p.role.label(),
                p.full_name(),
                people::DEMO_PASSWORD
            ),
            (Some(login), _) => format!(
                "  {:<10} {} — login {login}, password {}; signs with {url}/sandbox/ca/keys/{}",
                p.role.label(),
                p.full_name(),
                people::DEMO_PASSWORD,
                p.key_file_name(KeyPurpose::Signing)
            ),
            (None, _) => format!(
                "  {:<10} {} — IIN {}{}, {key}",
                p.role.label(),
                p.full_name(),
                p.iin,
                p.company
                    .as_ref()
                    .map(|(c, r)| format!(" ({} of BIN {})", r.code(), c.bin))
                    .unwrap_or_default()
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A small PDF (the portal judges a file's type by its first bytes): what a practice upload
/// sends where a document is asked for.
pub const SMALL_PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// A complete, valid request form for the forensic licence (`FOR-LIC`, `issue`), given the
/// uploaded certificate: the load runs' and the tests' applicant.
pub fn forensic_licence_form(attachment_id: &str) -> domain::form::FormValues {
    [
        ("examination_type", "forensic_medical"),
        ("qualification_certificate_number", "СЭ-0042"),
        ("qualification_certificate_date", "2019-04-01"),
        ("education", "Астана медицина университеті, диплом 123"),
        ("phone", "+7 701 123 45 67"),
        ("email", "expert@example.kz"),
        ("no_criminal_record", "true"),
        ("qualification_certificate_scan", attachment_id),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}
