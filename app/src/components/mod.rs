//! Reusable pieces, shared by the portal and the staff's workspace: the page frame
//! ([`layout`]), a case as people see it ([`case`]), signing with an EDS ([`signing`]) and the
//! form controls of every form ([`forms`]).

pub mod case;
pub mod forms;
pub mod layout;
pub mod licence;
pub mod signing;

pub use case::{
    local_time, status_label, AccessLog, Answers, CaseSummary, Deliveries, History, TimelineView,
};
pub use forms::{field_view, focus, today, FormState, Upload};
pub use layout::{AppLink, ErrorBox, ErrorText, Layout, Loading};
pub use licence::{FileLinks, LicenceFacts, ResultDocuments};
pub use signing::{sign_error, sign_payload, KeyPicker, KeyPickerState, SignForm, SignStep};
