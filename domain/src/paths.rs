//! Which browser app serves a path. The portal (applicants and the public) and the staff's
//! workspace are two WebAssembly modules, so an applicant never downloads the officers',
//! the centre's and support's screens; the server serves each its own page, and a link that
//! crosses from one to the other is a full page load.

/// The two browser apps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Portal,
    Staff,
}

/// The first path segments the staff's workspace serves.
pub const STAFF_ROOTS: [&str; 3] = ["officer", "psc", "support"];

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
        } else {
            Part::Portal
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_paths_are_the_staff_workspace() {
        for p in [
            "/officer",
            "/officer/cases/1",
            "/officer/sessions",
            "/psc",
            "/support?q=1",
        ] {
            assert_eq!(Part::of(p), Part::Staff, "{p}");
        }
        for p in [
            "/",
            "/cabinet",
            "/sign-in?next=/officer",
            "/officers",
            "/check/26000001",
            "/attestation-lists",
        ] {
            assert_eq!(Part::of(p), Part::Portal, "{p}");
        }
    }
}
