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
    /// a duplicate): each downloadable as PDF with its signature. Empty in the officer's
    /// queue, which lists cases (the case's page has them).
    #[serde(default)]
    pub documents: Vec<crate::licence::ResultDocView>,
    /// Where the case is in the provider's process, as the applicant is told it.
    #[serde(default)]
    pub stage: Option<Text>,
    /// Each change of status, oldest first. Empty in the officer's queue (as `documents`).
    pub history: Vec<CaseEvent>,
    /// The steps of the provider's process as the engine runs them: passed, current and still
    /// to come. Filled in where one case is shown (not in lists).
    #[serde(default)]
    pub timeline: Option<Timeline>,
}

/// How an open step stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    OnTime,
    /// Less than a quarter of the step's time is left.
    DueSoon,
    Overdue,
}

/// Where a step of the case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    Done,
    Current,
    /// Not begun: its dates are a forecast if every step before takes its full time.
    Upcoming,
}

/// One step of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineStep {
    /// What is done at the step.
    pub name: Text,
    /// Who does it (the role, never the person).
    pub role: crate::duty::Duty,
    pub state: StepState,
    /// For the current step: how it stands against its deadline; for a passed one: whether it
    /// finished on time (`OnTime` or `Overdue`).
    pub timing: Option<Timing>,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    /// When it is due (RFC 3339); for an upcoming step, the forecast.
    pub due_at: Option<String>,
    /// The regulation's term for the step.
    pub deadline: Option<crate::process::Deadline>,
    /// How the step ended, as the applicant may be told it.
    pub outcome: Option<Text>,
}

/// The case's process at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    pub steps: Vec<TimelineStep>,
    /// When the result is expected (RFC 3339, the close of the working day of the term, R31);
    /// none before submission and once decided.
    pub expected_at: Option<String>,
    /// The process's term in working days for this variant.
    pub term_working_days: Option<u32>,
}

impl Timeline {
    /// The step the case is at.
    pub fn current(&self) -> Option<&TimelineStep> {
        self.steps.iter().find(|s| s.state == StepState::Current)
    }
}

/// Who, on the provider's or the state's side, opened or found a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Accessor {
    /// An official of the licensing body.
    Officer,
    /// The 1414 contact centre's support staff.
    Support,
    /// An operator of a public service centre.
    CentreOperator,
}

impl Accessor {
    pub const ALL: [Accessor; 3] = [
        Accessor::Officer,
        Accessor::Support,
        Accessor::CentreOperator,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Accessor::Officer => "officer",
            Accessor::Support => "support",
            Accessor::CentreOperator => "centre_operator",
        }
    }

    pub fn parse(code: &str) -> Option<Accessor> {
        Accessor::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> Text {
        match self {
            Accessor::Officer => Text::new(
                "Лицензиар қызметкері",
                "Сотрудник лицензиара",
                "An official of the licensing body",
            ),
            Accessor::Support => Text::new(
                "1414 байланыс орталығы",
                "Контакт-центр 1414",
                "The 1414 contact centre",
            ),
            Accessor::CentreOperator => Text::new(
                "ХҚКО операторы",
                "Оператор ЦОН",
                "A public service centre operator",
            ),
        }
    }
}

/// What they did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessAction {
    /// Opened the case.
    Opened,
    /// Found it by a search (support: by number, IIN, BIN or licence number).
    Found,
    /// Took a step of the process.
    Decided,
}

impl AccessAction {
    pub const ALL: [AccessAction; 3] = [
        AccessAction::Opened,
        AccessAction::Found,
        AccessAction::Decided,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AccessAction::Opened => "opened",
            AccessAction::Found => "found",
            AccessAction::Decided => "decided",
        }
    }

    pub fn parse(code: &str) -> Option<AccessAction> {
        AccessAction::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> Text {
        match self {
            AccessAction::Opened => Text::new(
                "өтінішті ашты",
                "открыл заявление",
                "opened the application",
            ),
            AccessAction::Found => Text::new(
                "өтінішті іздеу арқылы тапты",
                "нашёл заявление поиском",
                "found the application by a search",
            ),
            AccessAction::Decided => Text::new("қадамды орындады", "выполнил шаг", "took a step"),
        }
    }
}

/// One line of the applicant's access log: a role and body, never a person's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    pub at: String,
    pub who: Accessor,
    /// The official's role in the process, when known.
    pub duty: Option<crate::duty::Duty>,
    /// The body they work for (officials: the case's provider).
    pub body: Option<Text>,
    pub action: AccessAction,
    /// The step taken, with its result.
    pub step: Option<Text>,
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
