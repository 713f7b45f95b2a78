//! Case statuses, the allowed transitions and what the applicant (and support) may see.

use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The status of an application. Support staff and the applicant see the same status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// The form is filled in and saved; the fee is not paid yet.
    AwaitingPayment,
    /// The payment gateway confirmed the payment; the request is not signed yet.
    Paid,
    /// Signed and registered: the acceptance mark is shown, the number assigned.
    Submitted,
    /// The licence was issued and signed by the provider's official.
    Approved,
    /// A motivated refusal with written grounds.
    Refused,
}

impl CaseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::AwaitingPayment => "awaiting_payment",
            CaseStatus::Paid => "paid",
            CaseStatus::Submitted => "submitted",
            CaseStatus::Approved => "approved",
            CaseStatus::Refused => "refused",
        }
    }

    /// Every status, in the order a case goes through them.
    pub const ALL: [CaseStatus; 5] = [
        CaseStatus::AwaitingPayment,
        CaseStatus::Paid,
        CaseStatus::Submitted,
        CaseStatus::Approved,
        CaseStatus::Refused,
    ];

    pub fn parse(s: &str) -> Option<CaseStatus> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether the process may move from `self` to `next`.
    pub fn can_become(self, next: CaseStatus) -> bool {
        use CaseStatus::*;
        matches!(
            (self, next),
            (AwaitingPayment, Paid)
                | (Paid, Submitted)
                | (Submitted, Approved)
                | (Submitted, Refused)
        )
    }

    /// True when the case waits for the provider (it is in an officer's queue).
    pub fn with_provider(self) -> bool {
        self == CaseStatus::Submitted
    }

    pub fn label(self) -> Text {
        match self {
            CaseStatus::AwaitingPayment => {
                Text::new("Төлем күтілуде", "Ожидает оплаты", "Awaiting payment")
            }
            CaseStatus::Paid => Text::new(
                "Төленді, қол қою күтілуде",
                "Оплачено, ожидает подписания",
                "Paid, awaiting signature",
            ),
            CaseStatus::Submitted => {
                Text::new("Сұрау салу қабылданды", "Запрос принят", "Request accepted")
            }
            CaseStatus::Approved => {
                Text::new("Лицензия берілді", "Лицензия выдана", "Licence issued")
            }
            CaseStatus::Refused => Text::new(
                "Дәлелді бас тарту",
                "Мотивированный отказ",
                "Motivated refusal",
            ),
        }
    }

    /// What happens next and who holds the case, as the applicant and support see it.
    pub fn next_action(self) -> Text {
        match self {
            CaseStatus::AwaitingPayment => Text::new(
                "Өтініш беруші: лицензиялық алымды төлеңіз.",
                "Заявитель: оплатите лицензионный сбор.",
                "Applicant: pay the licence fee.",
            ),
            CaseStatus::Paid => Text::new(
                "Өтініш беруші: сұрау салуға ЭЦҚ-мен қол қойыңыз.",
                "Заявитель: подпишите запрос ЭЦП.",
                "Applicant: sign the request with your EDS.",
            ),
            CaseStatus::Submitted => Text::new(
                "Көрсетілетін қызметті беруші өтінішті қарауда.",
                "Услугодатель рассматривает заявление.",
                "The provider is reviewing the application.",
            ),
            CaseStatus::Approved => Text::new(
                "Лицензияны жеке кабинеттен жүктеп алыңыз.",
                "Скачайте лицензию в личном кабинете.",
                "Download the licence from your cabinet.",
            ),
            CaseStatus::Refused => Text::new(
                "Бас тарту негіздемесімен танысыңыз.",
                "Ознакомьтесь с основаниями отказа.",
                "Read the grounds for refusal.",
            ),
        }
    }
}

/// One entry of a case's history, as the applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    /// RFC 3339 UTC timestamp.
    pub at: String,
    pub status: CaseStatus,
    /// Grounds of a refusal or a short note; never internal data.
    pub note: Option<String>,
}

/// The applicant-visible projection of a case. Support staff get exactly this and no more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    pub id: String,
    /// Registration number, assigned when the request is accepted.
    pub number: Option<String>,
    pub service_code: String,
    pub service_version: u32,
    pub service_name: Text,
    pub variant: String,
    pub variant_name: Text,
    pub provider_name: Text,
    pub status: CaseStatus,
    pub created_at: String,
    pub submitted_at: Option<String>,
    /// `YYYY-MM-DD`, computed in working days at submission.
    pub expected_result_date: Option<String>,
    pub refusal_grounds: Option<String>,
    /// Who signed the refusal with their EDS (the signed document is `refusal.sig`).
    #[serde(default)]
    pub refusal_signed_by: Option<String>,
    pub licence_number: Option<String>,
    /// A refusal's category (R85).
    #[serde(default)]
    pub refusal_reason: Option<crate::licence::RefusalReason>,
    /// The signed documents the case produced (a refusal, a commission's decision, an annex,
    /// a duplicate): each downloadable as PDF with its signature.
    #[serde(default)]
    pub documents: Vec<crate::licence::ResultDocView>,
    /// Where the case is in the provider's process, as the applicant is told it.
    #[serde(default)]
    pub stage: Option<Text>,
    pub history: Vec<CaseEvent>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_cannot_skip_payment_or_be_decided_twice() {
        assert!(!CaseStatus::AwaitingPayment.can_become(CaseStatus::Submitted));
        assert!(!CaseStatus::Approved.can_become(CaseStatus::Refused));
        assert!(CaseStatus::Submitted.can_become(CaseStatus::Refused));
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for s in [
            "awaiting_payment",
            "paid",
            "submitted",
            "approved",
            "refused",
        ] {
            assert_eq!(CaseStatus::parse(s).unwrap().as_str(), s);
        }
    }
}
