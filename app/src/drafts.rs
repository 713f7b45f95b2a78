//! The form as typed, kept in the browser between the server's saves, and kept per person.
//!
//! A signed-in person's draft lives in local storage under their own key
//! (`draft:{IIN}[@{BIN}]:{service}:{variant}[:{version}]`), so on a shared computer the next
//! person never opens someone else's answers. A form typed before signing in is kept in session
//! storage (`draft:-:…`, gone with the tab) and taken over by the person who signs in, unless
//! they have their own draft of that form. Signing out removes every draft this browser holds:
//! the server keeps the signed-in person's copy, so nothing of theirs is lost.

use domain::api::MeResponse;
use domain::form::FormValues;

const PREFIX: &str = "draft:";

/// Where one form's draft is kept in this browser, for the person using it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftSlot {
    key: String,
    anonymous: bool,
}

/// The part of a draft's key that names the person: the IIN, with the company's BIN when the
/// session acts for one; `-` before signing in (and for a session without an IIN).
pub fn owner(me: Option<&MeResponse>) -> String {
    match me.and_then(|m| m.iin.as_deref().map(|iin| (iin, m.company.as_ref()))) {
        Some((iin, Some(company))) => format!("{iin}@{}", company.bin),
        Some((iin, None)) => iin.to_owned(),
        None => "-".to_owned(),
    }
}

/// The key of one form's draft for one person.
pub fn key(owner: &str, service: &str, variant: &str, version: Option<u32>) -> String {
    let version = version.map(|v| format!(":{v}")).unwrap_or_default();
    format!("{PREFIX}{owner}:{service}:{variant}{version}")
}

impl DraftSlot {
    pub fn new(
        me: Option<&MeResponse>,
        service: &str,
        variant: &str,
        version: Option<u32>,
    ) -> Self {
        let owner = owner(me);
        Self {
            anonymous: owner == "-",
            key: key(&owner, service, variant, version),
        }
    }

    fn storage(&self) -> Option<web_sys::Storage> {
        store(self.anonymous)
    }

    /// The values kept here, if any.
    pub fn read(&self) -> Option<FormValues> {
        self.storage()
            .and_then(|s| s.get_item(&self.key).ok().flatten())
            .and_then(|j| serde_json::from_str::<FormValues>(&j).ok())
            .filter(|v| !v.is_empty())
    }

    pub fn write(&self, values: &FormValues) {
        if let (Some(s), Ok(j)) = (self.storage(), serde_json::to_string(values)) {
            let _ = s.set_item(&self.key, &j);
        }
    }

    pub fn remove(&self) {
        if let Some(s) = self.storage() {
            let _ = s.remove_item(&self.key);
        }
    }

    /// For a signed-in person: the form typed in this tab before signing in becomes theirs,
    /// unless they already keep their own draft of it here.
    pub fn adopt_anonymous(&self, service: &str, variant: &str, version: Option<u32>) {
        if self.anonymous {
            return;
        }
        let before = Self {
            key: key("-", service, variant, version),
            anonymous: true,
        };
        if let Some(v) = before.read() {
            if self.read().is_none() {
                self.write(&v);
            }
        }
        before.remove();
    }
}

fn store(anonymous: bool) -> Option<web_sys::Storage> {
    let w = web_sys::window()?;
    if anonymous {
        w.session_storage().ok().flatten()
    } else {
        w.local_storage().ok().flatten()
    }
}

/// Removes one form's draft for the person (after they delete it in the cabinet).
pub fn forget(me: Option<&MeResponse>, service: &str, variant: &str) {
    let owner = owner(me);
    let head = key(&owner, service, variant, None);
    for anonymous in [false, true] {
        remove_where(anonymous, |k| {
            k == head || k.starts_with(&format!("{head}:"))
        });
    }
}

/// Removes every draft this browser keeps, of anyone (at sign-out).
pub fn forget_all() {
    for anonymous in [false, true] {
        remove_where(anonymous, |k| k.starts_with(PREFIX));
    }
}

fn remove_where(anonymous: bool, pick: impl Fn(&str) -> bool) {
    let Some(s) = store(anonymous) else { return };
    let n = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| pick(k))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::{CompanyView, Role};

    fn me(iin: &str, bin: Option<&str>) -> MeResponse {
        MeResponse {
            role: Role::Applicant,
            full_name: "A".into(),
            iin: Some(iin.into()),
            provider: None,
            company: bin.map(|b| CompanyView {
                bin: b.into(),
                name: "C".into(),
                role: "first_head".into(),
            }),
            duties: vec![],
        }
    }

    #[test]
    fn keys_name_the_person_and_the_company() {
        assert_eq!(owner(None), "-");
        assert_eq!(owner(Some(&me("900101300001", None))), "900101300001");
        assert_eq!(
            owner(Some(&me("900101300001", Some("100140000001")))),
            "900101300001@100140000001"
        );
        assert_eq!(
            key("900101300001", "FOR-LIC", "issue", Some(2016)),
            "draft:900101300001:FOR-LIC:issue:2016"
        );
        assert_ne!(
            DraftSlot::new(Some(&me("1", None)), "S", "v", None),
            DraftSlot::new(Some(&me("2", None)), "S", "v", None)
        );
    }
}
