//! Which browser app serves a path. The public pages (the catalogue, a passport), the licence
//! check (the register, a licence, its QR code, and the attestation lists), the portal
//! (applying, the cabinet, sign-in) and the staff's workspace are four WebAssembly modules, so
//! a visitor who reads the catalogue or checks a licence downloads neither the forms nor the
//! signer's screens nor each other's page, and an applicant never downloads the officers', the
//! centre's and support's; the server serves each its own page, and a link that crosses from
//! one to another is a full page load.

/// The four browser apps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Public,
    Check,
    Portal,
    Staff,
}

/// The first path segments the staff's workspace serves.
pub const STAFF_ROOTS: [&str; 3] = ["officer", "psc", "support"];

/// The first path segments the public module serves, besides the home page (`/`).
pub const PUBLIC_ROOTS: [&str; 1] = ["services"];

/// The first path segments the licence check serves: the public registers (the licences, and
/// the lists the attestation sessions publish).
pub const CHECK_ROOTS: [&str; 2] = ["check", "attestation-lists"];

impl Part {
    /// The app that serves `path` (query and fragment ignored).
    pub fn of(path: &str) -> Part {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let first = path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        if STAFF_ROOTS.contains(&first) {
            Part::Staff
        } else if first.is_empty() || PUBLIC_ROOTS.contains(&first) {
            Part::Public
        } else if CHECK_ROOTS.contains(&first) {
            Part::Check
        } else {
            Part::Portal
        }
    }
}

/// The pages' addresses, built in one place for every app and the server (the payment
/// gateway's return address, the licence's QR code).
pub mod page {
    pub const CATALOGUE: &str = "/";
    pub const CABINET: &str = "/cabinet";
    pub const MY_LICENCES: &str = "/licences";
    pub const OFFICER_LICENCES: &str = "/officer/licences";
    pub const CHECK: &str = "/check";
    pub const ATTESTATION_LISTS: &str = "/attestation-lists";
    pub const SIGN_IN: &str = "/sign-in";
    pub const OFFICER: &str = "/officer";
    pub const SESSIONS: &str = "/officer/sessions";
    pub const PSC: &str = "/psc";
    pub const SUPPORT: &str = "/support";

    fn version_query(version: Option<u32>) -> String {
        version.map(|v| format!("?version={v}")).unwrap_or_default()
    }

    /// A service's passport (a named version, or the current one).
    pub fn service(code: &str, version: Option<u32>) -> String {
        format!("/services/{code}{}", version_query(version))
    }

    /// The request form of a service's variant.
    pub fn apply(code: &str, variant: &str, version: Option<u32>) -> String {
        format!("/apply/{code}/{variant}{}", version_query(version))
    }

    /// The request form filled in again from a refused application, its grounds shown.
    pub fn repair(code: &str, variant: &str, refused: &str) -> String {
        format!("/apply/{code}/{variant}?repair={refused}")
    }

    /// The request form of a variant that acts on a licence, the licence chosen.
    pub fn apply_on(code: &str, variant: &str, version: u32, licence: &str) -> String {
        format!("/apply/{code}/{variant}?version={version}&licence={licence}")
    }

    /// An application in the applicant's cabinet.
    pub fn application(id: &str) -> String {
        format!("/applications/{id}")
    }

    /// The public check of a licence.
    pub fn check(number: &str) -> String {
        format!("/check/{number}")
    }

    /// A licence in the licensor's workspace.
    pub fn officer_licence(number: &str) -> String {
        format!("/officer/licences/{number}")
    }

    /// A case in the officer's workspace.
    pub fn officer_case(id: &str) -> String {
        format!("/officer/cases/{id}")
    }

    /// Sign-in, coming back to `next` afterwards (already URI-encoded by the caller).
    pub fn sign_in_then(next_encoded: &str) -> String {
        format!("/sign-in?next={next_encoded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_is_served_by_its_app() {
        for p in [
            "/officer",
            "/officer/cases/1",
            "/officer/sessions",
            "/officer/licences/26000001",
            "/psc",
            "/support?q=1",
        ] {
            assert_eq!(Part::of(p), Part::Staff, "{p}");
        }
        for p in [
            "/",
            "/?lang=kk",
            "/services/FOR-LIC",
            "/services/FOR-LIC?version=2",
        ] {
            assert_eq!(Part::of(p), Part::Public, "{p}");
        }
        for p in [
            "/check",
            "/check?q=ТОО",
            "/check/26000001",
            "/check/26000001#s=x.y",
            "/attestation-lists",
        ] {
            assert_eq!(Part::of(p), Part::Check, "{p}");
        }
        for p in [
            "/cabinet",
            "/licences",
            "/sign-in?next=/officer",
            "/officers",
            "/checks",
            "/apply/FOR-LIC/issue",
            "/applications/1",
        ] {
            assert_eq!(Part::of(p), Part::Portal, "{p}");
        }
    }
}
