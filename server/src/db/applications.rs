//! Applications (cases) and their history.
//!
//! A row becomes a typed [`Case`] here, once: the status a [`CaseStatus`], the applicant an
//! [`Iin`], the company a [`Bin`], the version a `u32`, the channel an enum. A row that does
//! not parse is a decode error (logged once as an internal error), never a silent default.

use domain::api::QueueSection;
use domain::case::CaseStatus;
use domain::catalogue::Channel;
use domain::duty::Duty;
use domain::form::FormValues;
use domain::{Bin, Iin, Text};
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row as _};

/// The company that applied, as its key named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    pub bin: Bin,
    pub name: String,
}

/// How a request reached the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filing {
    /// The applicant's own request on the portal, paid and signed with their EDS.
    Portal,
    /// Filed at a public service centre by its operator on the applicant's behalf.
    Centre {
        /// The operator who filed (and certified) it.
        operator_id: String,
        /// A representative acting under a power of attorney.
        representative: Option<Iin>,
        /// The documents presented on paper.
        paper_documents: Vec<Text>,
    },
}

impl Filing {
    pub fn channel(&self) -> Channel {
        match self {
            Filing::Portal => Channel::Portal,
            Filing::Centre { .. } => Channel::PublicServiceCentre,
        }
    }
}

/// A case, typed.
#[derive(Debug, Clone)]
pub struct Case {
    pub id: String,
    /// The registration number, once registered.
    pub number: Option<String>,
    pub applicant_id: String,
    pub applicant_iin: Iin,
    /// The applying company, when a company key applied.
    pub company: Option<Company>,
    pub service_code: String,
    pub service_version: u32,
    pub variant: String,
    pub provider: String,
    /// The form's answers as filed.
    pub values: FormValues,
    pub status: CaseStatus,
    pub fee_tenge: i64,
    pub created_at: String,
    pub submitted_at: Option<String>,
    pub expected_result_date: Option<String>,
    pub decided_at: Option<String>,
    pub refusal_grounds: Option<String>,
    /// The canonical bytes signed (UTF-8 JSON), once built.
    pub signed_payload: Option<String>,
    pub signature: Option<String>,
    pub signer_certificate: Option<String>,
    pub signature_verified_at: Option<String>,
    /// The region whose body runs the case (regional services), from the form.
    pub region: Option<String>,
    pub filing: Filing,
    /// The language the applicant made the request in (`kk`, `ru`): first on its documents.
    pub lang: String,
    /// The refusal's category (R85), from the outcome that led to it.
    pub refusal_reason: Option<domain::licence::RefusalReason>,
}

impl Case {
    /// The company's BIN, when a company applied.
    pub fn bin(&self) -> Option<&Bin> {
        self.company.as_ref().map(|c| &c.bin)
    }

    /// The holder a licence of this case is issued to: the company under its BIN, else the
    /// person under their IIN.
    pub fn holder_id(&self) -> String {
        match &self.company {
            Some(c) => c.bin.to_string(),
            None => self.applicant_iin.to_string(),
        }
    }
}

/// The row as stored: private to this module.
#[derive(FromRow)]
struct Row {
    id: String,
    number: Option<String>,
    applicant_id: String,
    applicant_iin: String,
    service_code: String,
    service_version: i64,
    variant: String,
    provider: String,
    form_json: String,
    status: String,
    fee_tenge: i64,
    created_at: String,
    submitted_at: Option<String>,
    expected_result_date: Option<String>,
    decided_at: Option<String>,
    refusal_grounds: Option<String>,
    signed_payload: Option<String>,
    signature: Option<String>,
    signer_certificate: Option<String>,
    signature_verified_at: Option<String>,
    applicant_bin: Option<String>,
    applicant_organisation: Option<String>,
    region: Option<String>,
    channel: Option<String>,
    filed_by: Option<String>,
    representative_iin: Option<String>,
    paper_documents: Option<String>,
    lang: Option<String>,
    refusal_reason: Option<String>,
}

/// Why a stored row is not a case.
#[derive(Debug, thiserror::Error)]
#[error("application {id}: {what}")]
pub struct BadRow {
    id: String,
    what: String,
}

impl TryFrom<Row> for Case {
    type Error = BadRow;

    fn try_from(r: Row) -> Result<Case, BadRow> {
        let bad = |what: String| BadRow {
            id: r.id.clone(),
            what,
        };
        let status =
            CaseStatus::parse(&r.status).ok_or_else(|| bad(format!("status {}", r.status)))?;
        let applicant_iin = Iin::parse(&r.applicant_iin)
            .map_err(|e| bad(format!("applicant IIN: {}", e.code())))?;
        let company = match r.applicant_bin.as_deref() {
            None => None,
            Some(b) => Some(Company {
                bin: Bin::parse(b).map_err(|e| bad(format!("BIN: {}", e.code())))?,
                name: r.applicant_organisation.clone().unwrap_or_default(),
            }),
        };
        let service_version = u32::try_from(r.service_version)
            .map_err(|_| bad(format!("service version {}", r.service_version)))?;
        let values: FormValues =
            serde_json::from_str(&r.form_json).map_err(|e| bad(format!("form: {e}")))?;
        let lang = match r.lang.as_deref() {
            Some("kk") => "kk".to_owned(),
            _ => "ru".to_owned(),
        };
        let refusal_reason = match r.refusal_reason.as_deref() {
            None => None,
            Some(c) => Some(
                domain::licence::RefusalReason::parse(c)
                    .ok_or_else(|| bad(format!("refusal reason {c}")))?,
            ),
        };
        let channel = match r.channel.as_deref() {
            None => Channel::Portal,
            Some(c) => Channel::parse(c).ok_or_else(|| bad(format!("channel {c}")))?,
        };
        let filing = match channel {
            Channel::Portal => Filing::Portal,
            Channel::PublicServiceCentre => Filing::Centre {
                operator_id: r
                    .filed_by
                    .clone()
                    .ok_or_else(|| bad("a centre's case without its operator".into()))?,
                representative: r
                    .representative_iin
                    .as_deref()
                    .map(Iin::parse)
                    .transpose()
                    .map_err(|e| bad(format!("representative IIN: {}", e.code())))?,
                paper_documents: match r.paper_documents.as_deref() {
                    None => Vec::new(),
                    Some(j) => {
                        serde_json::from_str(j).map_err(|e| bad(format!("paper documents: {e}")))?
                    }
                },
            },
            Channel::ProviderOffice => return Err(bad("channel provider_office".into())),
        };
        Ok(Case {
            id: r.id,
            number: r.number,
            applicant_id: r.applicant_id,
            applicant_iin,
            company,
            service_code: r.service_code,
            service_version,
            variant: r.variant,
            provider: r.provider,
            values,
            status,
            fee_tenge: r.fee_tenge,
            created_at: r.created_at,
            submitted_at: r.submitted_at,
            expected_result_date: r.expected_result_date,
            decided_at: r.decided_at,
            refusal_grounds: r.refusal_grounds,
            signed_payload: r.signed_payload,
            signature: r.signature,
            signer_certificate: r.signer_certificate,
            signature_verified_at: r.signature_verified_at,
            region: r.region,
            filing,
            lang,
            refusal_reason,
        })
    }
}

impl Case {
    /// A new request for `variant` of `service` by this applicant, not yet registered: no
    /// number, signature or decision; its region from the form's answers; its fee as of
    /// `year`; waiting for payment; filed on the portal by the person themselves, in Russian.
    /// Callers change what differs.
    pub fn new_request(
        service: &domain::catalogue::ServiceDefinition,
        variant: &domain::catalogue::Variant,
        applicant_id: &str,
        applicant_iin: &Iin,
        values: FormValues,
        year: i32,
        created_at: String,
    ) -> Case {
        Case {
            id: super::new_id(),
            number: None,
            applicant_id: applicant_id.to_owned(),
            applicant_iin: applicant_iin.clone(),
            company: None,
            service_code: service.code.clone(),
            service_version: service.version,
            variant: variant.code.clone(),
            provider: service.provider.code.clone(),
            region: domain::form::region_of(service, &values),
            values,
            status: CaseStatus::AwaitingPayment,
            fee_tenge: variant
                .fee_mci
                .map_or(0, |m| domain::money::fee_tenge(m, year)),
            created_at,
            submitted_at: None,
            expected_result_date: None,
            decided_at: None,
            refusal_grounds: None,
            signed_payload: None,
            signature: None,
            signer_certificate: None,
            signature_verified_at: None,
            filing: Filing::Portal,
            lang: "ru".to_owned(),
            refusal_reason: None,
        }
    }
}

impl<'r> FromRow<'r, AnyRow> for Case {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let r = Row::from_row(row)?;
        Case::try_from(r).map_err(|e| sqlx::Error::Decode(Box::new(e)))
    }
}

const COLUMNS: &str = "id, number, applicant_id, applicant_iin, service_code, service_version, variant, provider, form_json, \
    status, fee_tenge, created_at, submitted_at, expected_result_date, decided_at, refusal_grounds, signed_payload, signature, \
    signer_certificate, signature_verified_at, applicant_bin, applicant_organisation, region, channel, filed_by, \
    representative_iin, paper_documents, lang, refusal_reason";

/// Stores a new case (a portal application waiting for payment or signature, or a centre's
/// request already registered).
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    a: &Case,
) -> Result<(), sqlx::Error> {
    let (channel, filed_by, representative, paper) = match &a.filing {
        Filing::Portal => (None, None, None, None),
        Filing::Centre {
            operator_id,
            representative,
            paper_documents,
        } => (
            Some(Channel::PublicServiceCentre.code()),
            Some(operator_id.clone()),
            representative.as_ref().map(|i| i.to_string()),
            Some(
                serde_json::to_string(paper_documents)
                    .map_err(|e| sqlx::Error::Encode(Box::new(e)))?,
            ),
        ),
    };
    let form_json =
        serde_json::to_string(&a.values).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO applications (id, applicant_id, applicant_iin, service_code, service_version, variant, provider, \
         form_json, status, fee_tenge, created_at, applicant_bin, applicant_organisation, region, channel, \
         filed_by, representative_iin, paper_documents, signed_payload, signature, signer_certificate, \
         signature_verified_at, lang) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)",
    )
    .bind(&a.id)
    .bind(&a.applicant_id)
    .bind(a.applicant_iin.as_str())
    .bind(&a.service_code)
    .bind(i64::from(a.service_version))
    .bind(&a.variant)
    .bind(&a.provider)
    .bind(form_json)
    .bind(a.status.as_str())
    .bind(a.fee_tenge)
    .bind(&a.created_at)
    .bind(a.company.as_ref().map(|c| c.bin.to_string()))
    .bind(a.company.as_ref().map(|c| c.name.clone()))
    .bind(&a.region)
    .bind(channel)
    .bind(filed_by)
    .bind(representative)
    .bind(paper)
    .bind(&a.signed_payload)
    .bind(&a.signature)
    .bind(&a.signer_certificate)
    .bind(&a.signature_verified_at)
    .bind(&a.lang)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn by_id<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
) -> Result<Option<Case>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM applications WHERE id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await
}

/// A registered case by its registration number.
pub async fn by_number<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    number: &str,
) -> Result<Option<Case>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE number = $1"
    ))
    .bind(number)
    .fetch_optional(ex)
    .await
}

/// The columns of [`COLUMNS`] read from `applications a` in a query that joins another table.
fn prefixed_columns() -> String {
    COLUMNS
        .split(',')
        .map(|c| format!("a.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a keyset page starts: after the last row of the page before (its sort key and id).
/// Cursors are opaque to clients: `key|id`.
pub fn cursor(key: &str, id: &str) -> String {
    format!("{key}|{id}")
}

fn parse_cursor(after: Option<&str>) -> Option<(&str, &str)> {
    after.and_then(|a| a.split_once('|'))
}

/// One page of a person's cases in one cabinet (their own with `bin` none, or a company's
/// they act for), newest first, after `after`; one row more than `limit` tells there is a
/// next page. Returns the cases with the cursor of each.
pub async fn of_applicant<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    applicant_id: &str,
    bin: Option<&Bin>,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Case>, sqlx::Error> {
    // The first page starts after the latest possible time.
    let (key, id) = parse_cursor(after).unwrap_or(("9999", ""));
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE applicant_id = $1 \
         AND COALESCE(applicant_bin, '') = $2 AND (created_at < $3 OR (created_at = $3 AND id < $4)) \
         ORDER BY created_at DESC, id DESC LIMIT $5"
    ))
    .bind(applicant_id)
    .bind(bin.map(Bin::as_str).unwrap_or_default())
    .bind(key)
    .bind(id)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Whose queue: a provider's cases, of one region for regional staff, split by the duties of
/// the person looking.
pub struct QueueScope<'a> {
    pub provider: &'a str,
    pub region: Option<&'a str>,
    pub duties: &'a [Duty],
}

/// The most a section's count reads; past it the queue says "more than".
pub const COUNT_CAP: i64 = 1000;

/// The SQL condition of a section over `applications a` left-joined to its open step `s`,
/// with `$1` the provider and `$2` the region ('' for all). Statuses and duties are the
/// domain's own codes, written in, never the caller's text.
fn section_filter(section: QueueSection, duties: &[Duty]) -> String {
    let roles = duties
        .iter()
        .map(|d| format!("'{}'", d.code()))
        .collect::<Vec<_>>()
        .join(", ");
    let base = "a.provider = $1 AND ($2 = '' OR a.region = $2)";
    let submitted = CaseStatus::Submitted.as_str();
    match section {
        QueueSection::Mine if roles.is_empty() => format!("{base} AND 1 = 0"),
        QueueSection::Mine => {
            format!("{base} AND a.status = '{submitted}' AND s.role IN ({roles})")
        }
        QueueSection::Others if roles.is_empty() => {
            format!("{base} AND a.status = '{submitted}'")
        }
        QueueSection::Others => format!(
            "{base} AND a.status = '{submitted}' AND (s.role IS NULL OR s.role NOT IN ({roles}))"
        ),
        QueueSection::Decided => format!(
            "{base} AND a.status IN ('{}', '{}')",
            CaseStatus::Approved.as_str(),
            CaseStatus::Refused.as_str()
        ),
    }
}

const WITH_OPEN_STEP: &str =
    "applications a LEFT JOIN case_steps s ON s.application_id = a.id AND s.finished_at IS NULL";

/// How many cases a section holds, read up to [`COUNT_CAP`] + 1.
pub async fn queue_count<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    scope: &QueueScope<'_>,
    section: QueueSection,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM {WITH_OPEN_STEP} WHERE {} LIMIT $3) t",
        section_filter(section, scope.duties)
    ))
    .bind(scope.provider)
    .bind(scope.region.unwrap_or_default())
    .bind(COUNT_CAP + 1)
    .fetch_one(ex)
    .await
}

/// One page of a section, after `after`: open cases by their open step's deadline (those
/// without one last), decided ones newest first. Returns each case with its cursor.
pub async fn queue_page<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    scope: &QueueScope<'_>,
    section: QueueSection,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<(Case, String)>, sqlx::Error> {
    let (sort, keyset, order, first) = match section {
        // Read in the order of `applications_decided` (a decision always records its time).
        QueueSection::Decided => (
            "a.decided_at",
            "(k < $3 OR (k = $3 AND a.id < $4))",
            "k DESC, a.id DESC",
            "9999",
        ),
        _ => (
            "COALESCE(s.due_at, '9999-12-31')",
            "(k > $3 OR (k = $3 AND a.id > $4))",
            "k, a.id",
            "",
        ),
    };
    let keyset = keyset.replace('k', sort);
    let order = order.replace('k', sort);
    let (key, id) = parse_cursor(after).unwrap_or((first, ""));
    let rows = sqlx::query(&format!(
        "SELECT {}, {sort} AS sort_key FROM {WITH_OPEN_STEP} WHERE {} AND {keyset} \
         ORDER BY {order} LIMIT $5",
        prefixed_columns(),
        section_filter(section, scope.duties)
    ))
    .bind(scope.provider)
    .bind(scope.region.unwrap_or_default())
    .bind(key)
    .bind(id)
    .bind(limit)
    .fetch_all(ex)
    .await?;
    rows.iter()
        .map(|r| {
            let case = Case::from_row(r)?;
            let key: String = r.try_get("sort_key")?;
            let c = cursor(&key, &case.id);
            Ok((case, c))
        })
        .collect()
}

/// Cases of a channel whose open step is `step` (a centre's results waiting to be handed
/// over), oldest first.
pub async fn of_channel_at_step<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    channel: Channel,
    step: &str,
) -> Result<Vec<Case>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE channel = $1 AND id IN \
         (SELECT application_id FROM case_steps WHERE step = $2 AND finished_at IS NULL) \
         ORDER BY decided_at, submitted_at"
    ))
    .bind(channel.code())
    .bind(step)
    .fetch_all(ex)
    .await
}

/// Applications by registration number, the applicant's IIN, the company's BIN or the number
/// of the licence a case produced.
pub async fn search<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    q: &str,
) -> Result<Vec<Case>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE number = $1 OR applicant_iin = $1 OR applicant_bin = $1 \
         OR id IN (SELECT application_id FROM licences WHERE number = $1 AND application_id IS NOT NULL) \
         ORDER BY created_at DESC LIMIT 50"
    ))
    // Numbers are upper case; a number read out over the phone may be typed in lower.
    .bind(q.to_uppercase())
    .fetch_all(ex)
    .await
}

/// A move the case's state machine does not allow, or the database failing.
#[derive(Debug, thiserror::Error)]
pub enum TransitionError {
    #[error("a case cannot move from {from:?} to {to:?}")]
    Forbidden { from: CaseStatus, to: CaseStatus },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Moves a case from `from` to `to` only if it is still in `from`. Refuses (without touching
/// the database) a move that [`CaseStatus::can_become`] does not allow. Returns false when
/// another request changed the case first: the caller reports a conflict and changes nothing.
pub async fn transition<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    from: CaseStatus,
    to: CaseStatus,
) -> Result<bool, TransitionError> {
    if !from.can_become(to) {
        return Err(TransitionError::Forbidden { from, to });
    }
    let r = sqlx::query("UPDATE applications SET status = $1 WHERE id = $2 AND status = $3")
        .bind(to.as_str())
        .bind(id)
        .bind(from.as_str())
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Stores the canonical bytes the applicant is about to sign (only while paid, unsigned).
pub async fn set_signing_payload<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    payload: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE applications SET signed_payload = $1 WHERE id = $2 AND status = $3")
        .bind(payload)
        .bind(id)
        .bind(CaseStatus::Paid.as_str())
        .execute(ex)
        .await?;
    Ok(())
}

/// A request's registration: its number, time and planned result date, and the signature
/// that certifies it (the applicant's on the portal; at a centre, its operator's).
pub struct Submission<'a> {
    pub number: &'a str,
    pub submitted_at: &'a str,
    pub expected: &'a str,
    pub signature: &'a str,
    pub certificate: &'a str,
}

pub async fn record_submission<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    s: &Submission<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE applications SET number = $1, submitted_at = $2, expected_result_date = $3, signature = $4, \
         signer_certificate = $5, signature_verified_at = $2 WHERE id = $6",
    )
    .bind(s.number)
    .bind(s.submitted_at)
    .bind(s.expected)
    .bind(s.signature)
    .bind(s.certificate)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(())
}

/// The next registration number of a provider's requests this year (`CCHS-2026-000001`).
pub async fn next_number(
    tx: &mut super::Tx<'_>,
    provider: &str,
    year: i32,
) -> Result<String, sqlx::Error> {
    let seq = super::next_counter(tx, &format!("application-{provider}-{year}")).await?;
    Ok(format!("{provider}-{year}-{seq:06}"))
}

pub async fn record_decision<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    decided_at: &str,
    grounds: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE applications SET decided_at = $1, refusal_grounds = $2 WHERE id = $3")
        .bind(decided_at)
        .bind(grounds)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}

/// One entry of a case's history.
#[derive(Debug, Clone)]
pub struct Event {
    pub at: String,
    pub status: CaseStatus,
    pub note: Option<String>,
}

#[derive(FromRow)]
struct EventRow {
    at: String,
    status: String,
    note: Option<String>,
}

pub async fn add_event<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
    status: CaseStatus,
    actor_id: Option<&str>,
    note: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO application_events (id, application_id, at, status, actor_id, note) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(super::new_id())
        .bind(application_id)
        .bind(super::now_text())
        .bind(status.as_str())
        .bind(actor_id)
        .bind(note)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn events<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Vec<Event>, sqlx::Error> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT at, status, note FROM application_events WHERE application_id = $1 ORDER BY at, id",
    )
    .bind(application_id)
    .fetch_all(ex)
    .await?;
    rows.into_iter()
        .map(|r| {
            let status = CaseStatus::parse(&r.status).ok_or_else(|| {
                sqlx::Error::Decode(
                    format!("application {application_id}: event status {}", r.status).into(),
                )
            })?;
            Ok(Event {
                at: r.at,
                status,
                note: r.note,
            })
        })
        .collect()
}

/// Records the category of the refusal a case is heading for (the outcome that set it on the
/// way to the refusal names it).
pub async fn set_refusal_reason<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    reason: domain::licence::RefusalReason,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE applications SET refusal_reason = $1 WHERE id = $2")
        .bind(reason.code())
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}
