//! The canonical bytes of a request: exactly what the applicant signs.
//!
//! The server builds these bytes once, stores them, and verifies the signature over the stored
//! bytes only. JSON with sorted keys and no insignificant whitespace keeps them deterministic;
//! the readable form shows the same facts to the person signing.

use crate::form::FormValues;
use serde::Serialize;
use std::collections::BTreeMap;

/// An attachment as it enters the signed request: its slot, name and content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignedAttachment {
    pub slot: String,
    pub filename: String,
    pub sha256: String,
}

/// Everything the applicant commits to when signing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestToSign {
    pub application_id: String,
    pub service_code: String,
    pub service_version: u32,
    pub variant: String,
    pub applicant_iin: String,
    /// The applying company's BIN, when a company applies (its key signs).
    pub applicant_bin: Option<String>,
    pub payment_reference: String,
    pub form: FormValues,
    pub attachments: Vec<SignedAttachment>,
}

impl RequestToSign {
    /// Deterministic bytes: struct fields in declaration order, maps sorted by key.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        let mut attachments = self.attachments.clone();
        attachments.sort_by(|a, b| a.slot.cmp(&b.slot));
        let mut root: BTreeMap<&str, serde_json::Value> = BTreeMap::new();
        root.insert("application_id", self.application_id.clone().into());
        root.insert("applicant_iin", self.applicant_iin.clone().into());
        if let Some(bin) = &self.applicant_bin {
            root.insert("applicant_bin", bin.clone().into());
        }
        root.insert(
            "attachments",
            serde_json::to_value(&attachments).expect("serialisable"),
        );
        root.insert(
            "form",
            serde_json::to_value(&self.form).expect("serialisable"),
        );
        root.insert("payment_reference", self.payment_reference.clone().into());
        root.insert("service_code", self.service_code.clone().into());
        root.insert("service_version", self.service_version.into());
        root.insert("variant", self.variant.clone().into());
        serde_json::to_vec(&root).expect("serialisable")
    }

    /// The same facts, one per line, for the person who signs.
    pub fn readable(&self) -> String {
        let mut out = format!(
            "Service: {} v{} ({})\nApplicant IIN: {}\n",
            self.service_code, self.service_version, self.variant, self.applicant_iin,
        );
        if let Some(bin) = &self.applicant_bin {
            out.push_str(&format!("Applicant BIN: {bin}\n"));
        }
        out.push_str(&format!(
            "Application: {}\nPayment reference: {}\n",
            self.application_id, self.payment_reference
        ));
        for (k, v) in &self.form {
            out.push_str(&format!("{k}: {v}\n"));
        }
        for a in &self.attachments {
            out.push_str(&format!(
                "{} — {} (SHA-256 {})\n",
                a.slot, a.filename, a.sha256
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> RequestToSign {
        RequestToSign {
            application_id: "A1".into(),
            service_code: "FOR-LIC".into(),
            service_version: 1,
            variant: "issue".into(),
            applicant_iin: "900514400123".into(),
            applicant_bin: None,
            payment_reference: "P1".into(),
            form: [
                ("b".to_owned(), "2".to_owned()),
                ("a".to_owned(), "1".to_owned()),
            ]
            .into_iter()
            .collect(),
            attachments: vec![SignedAttachment {
                slot: "scan".into(),
                filename: "c.pdf".into(),
                sha256: "00".into(),
            }],
        }
    }

    #[test]
    fn canonical_bytes_are_sorted_and_stable() {
        let bytes = String::from_utf8(sample().canonical_bytes()).unwrap();
        assert!(
            bytes.starts_with(r#"{"applicant_iin":"900514400123","application_id":"A1""#),
            "{bytes}"
        );
        assert!(bytes.contains(r#""form":{"a":"1","b":"2"}"#));
        assert_eq!(sample().canonical_bytes(), sample().canonical_bytes());
    }

    #[test]
    fn any_change_to_the_form_changes_the_bytes() {
        let mut changed = sample();
        changed.form.insert("a".into(), "9".into());
        assert_ne!(changed.canonical_bytes(), sample().canonical_bytes());
    }
}
