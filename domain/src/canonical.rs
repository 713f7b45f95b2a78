//! The canonical bytes of a request: exactly what the applicant signs.
//!
//! The server builds these bytes once, stores them, and verifies the signature over the stored
//! bytes only. JSON with sorted keys and no insignificant whitespace keeps them deterministic;
//! the readable form shows the same facts to the person signing.

use crate::form::FormValues;
use crate::text::Text;
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

/// An official's decision at a step of a case, as it is signed with the official's EDS: a
/// refusal, a notice, a conclusion, an order (the regulations make each an EDS-certified
/// document). The server builds it from the case and the decision; the same bytes are shown,
/// signed and verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionToSign {
    pub document: &'static str,
    pub application_number: String,
    pub service_code: String,
    pub service_version: u32,
    pub variant: String,
    pub applicant_iin: String,
    pub applicant_bin: Option<String>,
    /// The process step and the record of it this decision closes.
    pub step: String,
    pub step_record: String,
    pub step_name: Text,
    pub outcome: String,
    pub outcome_label: Text,
    pub grounds: Option<String>,
    /// The form the decision carries: its own (the conclusion), or for a step that signs what
    /// an earlier one prepared, the last form the case holds.
    pub form: Option<FormValues>,
    pub official_iin: String,
    pub official_name: String,
}

impl DecisionToSign {
    pub const KIND: &'static str = "decision";

    /// Deterministic bytes: fields in declaration order, maps sorted by key.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("serialisable")
    }

    /// The same facts, one per line, in the three languages where they are words.
    pub fn readable(&self) -> String {
        let mut out = format!(
            "{}\n{}: {} / {} / {}\n{}: {} / {} / {}\n",
            self.application_number,
            self.step,
            self.step_name.kk,
            self.step_name.ru,
            self.step_name.en,
            self.outcome,
            self.outcome_label.kk,
            self.outcome_label.ru,
            self.outcome_label.en,
        );
        out.push_str(&format!(
            "Service: {} v{} ({})\nApplicant IIN: {}\n",
            self.service_code, self.service_version, self.variant, self.applicant_iin
        ));
        if let Some(bin) = &self.applicant_bin {
            out.push_str(&format!("Applicant BIN: {bin}\n"));
        }
        if let Some(g) = &self.grounds {
            out.push_str(&format!("Grounds: {g}\n"));
        }
        for (k, v) in self.form.iter().flatten() {
            out.push_str(&format!("{k}: {v}\n"));
        }
        out.push_str(&format!(
            "Official: {} (IIN {})\n",
            self.official_name, self.official_iin
        ));
        out
    }
}

/// One candidate as the attestation commission's protocol records them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProtocolCandidate {
    pub application_number: String,
    pub name: String,
    pub test_score: Option<i64>,
    pub interview: Option<String>,
    pub result: String,
}

/// The attestation commission's protocol as it is signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProtocolToSign {
    pub document: &'static str,
    pub session: String,
    pub region: String,
    pub held_on: String,
    pub place: String,
    pub candidates: Vec<ProtocolCandidate>,
    pub official_iin: String,
    pub official_name: String,
}

impl ProtocolToSign {
    pub const KIND: &'static str = "attestation_protocol";

    pub fn canonical_bytes(&self) -> Vec<u8> {
        let mut sorted = self.clone();
        sorted
            .candidates
            .sort_by(|a, b| a.application_number.cmp(&b.application_number));
        serde_json::to_vec(&sorted).expect("serialisable")
    }

    pub fn readable(&self) -> String {
        let mut out = format!(
            "Protocol of the attestation commission / Аттестаттау комиссиясының хаттамасы / Протокол аттестационной комиссии\n{} · {} · {}\n",
            self.held_on, self.place, self.region
        );
        for c in &self.candidates {
            out.push_str(&format!(
                "{} {} — {} · {} · {}\n",
                c.application_number,
                c.name,
                c.test_score
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| "—".into()),
                c.interview.as_deref().unwrap_or("—"),
                c.result
            ));
        }
        out.push_str(&format!(
            "Official: {} (IIN {})\n",
            self.official_name, self.official_iin
        ));
        out
    }
}

/// A request filed at a public service centre, as its operator certifies it with their EDS
/// (004 para. 13, process 5): the applicant, the representative and the power of attorney,
/// the form's facts and the documents presented on paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PscRequestToSign {
    pub document: &'static str,
    pub service_code: String,
    pub service_version: u32,
    pub variant: String,
    pub applicant_iin: String,
    pub representative_iin: Option<String>,
    pub power_of_attorney: Option<String>,
    pub form: FormValues,
    pub paper_documents: Vec<String>,
    pub operator_iin: String,
    pub operator_name: String,
}

impl PscRequestToSign {
    pub const KIND: &'static str = "psc_request";

    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("serialisable")
    }

    pub fn readable(&self) -> String {
        let mut out = format!(
            "Service: {} v{} ({})\nApplicant IIN: {}\n",
            self.service_code, self.service_version, self.variant, self.applicant_iin
        );
        if let (Some(iin), Some(poa)) = (&self.representative_iin, &self.power_of_attorney) {
            out.push_str(&format!(
                "Representative IIN: {iin}\nPower of attorney: {poa}\n"
            ));
        }
        for (k, v) in &self.form {
            out.push_str(&format!("{k}: {v}\n"));
        }
        for d in &self.paper_documents {
            out.push_str(&format!("On paper: {d}\n"));
        }
        out.push_str(&format!(
            "Operator: {} (IIN {})\n",
            self.operator_name, self.operator_iin
        ));
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

    fn decision() -> DecisionToSign {
        DecisionToSign {
            document: DecisionToSign::KIND,
            application_number: "MOJ-2026-000001".into(),
            service_code: "FOR-LIC".into(),
            service_version: 2018,
            variant: "issue".into(),
            applicant_iin: "900514400123".into(),
            applicant_bin: None,
            step: "sign_refusal".into(),
            step_record: "S1".into(),
            step_name: Text::new("a", "b", "c"),
            outcome: "signed".into(),
            outcome_label: Text::new("d", "e", "f"),
            grounds: Some("Standard, para. 10".into()),
            form: None,
            official_iin: "800101300123".into(),
            official_name: "Official".into(),
        }
    }

    #[test]
    fn a_decision_signs_its_grounds_and_its_step() {
        let a = decision();
        assert_eq!(a.canonical_bytes(), decision().canonical_bytes());
        let mut other = decision();
        other.grounds = Some("Standard, para. 11".into());
        assert_ne!(other.canonical_bytes(), a.canonical_bytes());
        let mut again = decision();
        again.step_record = "S2".into();
        assert_ne!(again.canonical_bytes(), a.canonical_bytes());
        assert!(a.readable().contains("Grounds: Standard, para. 10"));
    }

    #[test]
    fn a_protocol_does_not_depend_on_the_order_candidates_are_listed() {
        let c = |n: &str| ProtocolCandidate {
            application_number: n.into(),
            name: n.into(),
            test_score: Some(80),
            interview: None,
            result: "passed".into(),
        };
        let p = |cs: Vec<ProtocolCandidate>| ProtocolToSign {
            document: ProtocolToSign::KIND,
            session: "S".into(),
            region: "astana".into(),
            held_on: "2026-11-30".into(),
            place: "Astana".into(),
            candidates: cs,
            official_iin: "1".into(),
            official_name: "O".into(),
        };
        assert_eq!(
            p(vec![c("A"), c("B")]).canonical_bytes(),
            p(vec![c("B"), c("A")]).canonical_bytes()
        );
    }
}
