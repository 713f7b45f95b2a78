//! The licence register: each licence with its holder, licensor, sub-types, category, lineage
//! and status, its PDF and the official's signature over the PDF's bytes.

use domain::licence::LicenceStatus;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, FromRow, Row};

/// Who holds a licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolderKind {
    Person,
    Company,
}

impl HolderKind {
    pub fn code(self) -> &'static str {
        match self {
            HolderKind::Person => "person",
            HolderKind::Company => "company",
        }
    }

    pub fn parse(code: &str) -> Option<HolderKind> {
        [HolderKind::Person, HolderKind::Company]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// Where a register entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Issued through the portal: its document and signature are here.
    Portal,
    /// Issued on paper before the portal; typed in by its holder with a copy attached.
    Paper,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Portal => "portal",
            Source::Paper => "paper",
        }
    }

    pub fn parse(code: &str) -> Option<Source> {
        [Source::Portal, Source::Paper]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone)]
pub struct LicenceRow {
    pub number: String,
    /// The application that produced it (for a paper licence: the one that brought it in).
    pub application_id: Option<String>,
    /// The holder's IIN (a person) or BIN (a company).
    pub holder_iin: String,
    pub holder_kind: HolderKind,
    pub holder_name: String,
    pub service_code: String,
    pub service_version: u32,
    pub provider: Option<String>,
    pub subtypes: Option<String>,
    pub category: Option<String>,
    pub issued_on: String,
    pub pdf_sha256: String,
    /// What the licence says, as shown beside the bytes signed (JSON).
    pub payload: String,
    pub signature: Option<String>,
    pub signer_certificate: Option<String>,
    pub signer_name: Option<String>,
    pub signed_at: Option<String>,
    pub status: LicenceStatus,
    pub previous_number: Option<String>,
    pub replaced_by: Option<String>,
    pub replaced_on: Option<String>,
    pub source: Source,
    /// The language the applicant used: first on the document.
    pub lang: String,
}

impl<'r> FromRow<'r, AnyRow> for LicenceRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let number: String = row.try_get("number")?;
        let bad = |what: String| sqlx::Error::Decode(format!("licence {number}: {what}").into());
        let status: String = row.try_get("status")?;
        let version: i64 = row.try_get("service_version")?;
        let kind: String = row.try_get("holder_kind")?;
        let source: String = row.try_get("source")?;
        Ok(LicenceRow {
            status: LicenceStatus::parse(&status).ok_or_else(|| bad(format!("status {status}")))?,
            service_version: u32::try_from(version)
                .map_err(|_| bad(format!("service version {version}")))?,
            holder_kind: HolderKind::parse(&kind).ok_or_else(|| bad(format!("holder {kind}")))?,
            source: Source::parse(&source).ok_or_else(|| bad(format!("source {source}")))?,
            application_id: row.try_get("application_id")?,
            holder_iin: row.try_get("holder_iin")?,
            holder_name: row.try_get("holder_name")?,
            service_code: row.try_get("service_code")?,
            provider: row.try_get("provider")?,
            subtypes: row.try_get("subtypes")?,
            category: row.try_get("category")?,
            issued_on: row.try_get("issued_on")?,
            pdf_sha256: row.try_get("pdf_sha256")?,
            payload: row.try_get("payload")?,
            signature: row.try_get("signature")?,
            signer_certificate: row.try_get("signer_certificate")?,
            signer_name: row.try_get("signer_name")?,
            signed_at: row.try_get("signed_at")?,
            previous_number: row.try_get("previous_number")?,
            replaced_by: row.try_get("replaced_by")?,
            replaced_on: row.try_get("replaced_on")?,
            lang: row.try_get("lang")?,
            number,
        })
    }
}

const COLUMNS: &str = "number, application_id, holder_iin, holder_kind, holder_name, service_code, service_version, \
    provider, subtypes, category, issued_on, pdf_sha256, payload, signature, signer_certificate, signer_name, \
    signed_at, status, previous_number, replaced_by, replaced_on, source, lang";

/// How a name is searched: lower case, single spaces (the database's own lower() does not
/// know Cyrillic on SQLite).
pub fn search_form(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Every three-letter run of a name's search form, each once: what the register's name search
/// looks a name up by (`licence_trigrams`).
pub fn trigrams(search_form: &str) -> std::collections::BTreeSet<String> {
    let chars: Vec<char> = search_form.chars().collect();
    chars.windows(3).map(|w| w.iter().collect()).collect()
}

/// Enters a licence in the register, with its company holder's name runs for the search.
pub async fn insert(ex: &mut sqlx::AnyConnection, l: &LicenceRow) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO licences ({COLUMNS}, holder_search) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)"
    ))
    .bind(&l.number)
    .bind(&l.application_id)
    .bind(&l.holder_iin)
    .bind(l.holder_kind.code())
    .bind(&l.holder_name)
    .bind(&l.service_code)
    .bind(i64::from(l.service_version))
    .bind(&l.provider)
    .bind(&l.subtypes)
    .bind(&l.category)
    .bind(&l.issued_on)
    .bind(&l.pdf_sha256)
    .bind(&l.payload)
    .bind(&l.signature)
    .bind(&l.signer_certificate)
    .bind(&l.signer_name)
    .bind(&l.signed_at)
    .bind(l.status.code())
    .bind(&l.previous_number)
    .bind(&l.replaced_by)
    .bind(&l.replaced_on)
    .bind(l.source.code())
    .bind(&l.lang)
    .bind(search_form(&l.holder_name))
    .execute(&mut *ex)
    .await?;
    if l.holder_kind == HolderKind::Company {
        let runs = trigrams(&search_form(&l.holder_name));
        if !runs.is_empty() {
            let values: Vec<String> = (0..runs.len())
                .map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2))
                .collect();
            let sql = format!(
                "INSERT INTO licence_trigrams (tri, number) VALUES {}",
                values.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for run in &runs {
                q = q.bind(run).bind(&l.number);
            }
            q.execute(&mut *ex).await?;
        }
    }
    Ok(())
}

pub async fn by_number<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    number: &str,
) -> Result<Option<LicenceRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM licences WHERE number = $1"))
        .bind(number)
        .fetch_optional(ex)
        .await
}

pub async fn of_application<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    application_id: &str,
) -> Result<Option<LicenceRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM licences WHERE application_id = $1 AND source = $2"
    ))
    .bind(application_id)
    .bind(Source::Portal.code())
    .fetch_optional(ex)
    .await
}

/// A holder's licences (signed ones, and paper ones typed in), newest first.
pub async fn of_holder<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    holder: &str,
) -> Result<Vec<LicenceRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM licences WHERE holder_iin = $1 AND status <> $2 \
         ORDER BY issued_on DESC, number DESC LIMIT 500"
    ))
    .bind(holder)
    .bind(LicenceStatus::PendingSignature.code())
    .fetch_all(ex)
    .await
}

/// The public register's page: licences (never pending ones) whose number is `q`, or whose
/// holder is a company with this BIN or a name containing `q`; keyset-paged by number.
///
/// Three reads, each in an index's number order and stopping at `limit`, merged: the number,
/// the BIN, and the name. The name is read through the rarest of its three-letter runs
/// (`licence_trigrams`; each run's count is read up to a cap, so choosing costs what the cap
/// does) and each candidate is checked against the whole text, so a page costs about what its
/// rows do however large the register grows.
pub async fn search(
    ex: &mut sqlx::AnyConnection,
    q: &str,
    after: &str,
    limit: i64,
) -> Result<Vec<LicenceRow>, sqlx::Error> {
    const NOT_PENDING: &str = "status <> $1 AND number > $2";
    let pending = LicenceStatus::PendingSignature.code();
    let mut rows: Vec<LicenceRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM licences WHERE {NOT_PENDING} AND number = $3"
    ))
    .bind(pending)
    .bind(after)
    .bind(q)
    .fetch_all(&mut *ex)
    .await?;
    rows.extend(
        sqlx::query_as::<_, LicenceRow>(&format!(
            "SELECT {COLUMNS} FROM licences WHERE {NOT_PENDING} AND holder_iin = $3 \
             AND holder_kind = $4 ORDER BY number LIMIT $5"
        ))
        .bind(pending)
        .bind(after)
        .bind(q)
        .bind(HolderKind::Company.code())
        .bind(limit)
        .fetch_all(&mut *ex)
        .await?,
    );
    let text = search_form(q).replace(['%', '_', '\\'], "");
    let mut rarest: Option<(i64, String)> = None;
    for run in trigrams(&text) {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM (SELECT 1 FROM licence_trigrams WHERE tri = $1 LIMIT 2000) c",
        )
        .bind(&run)
        .fetch_one(&mut *ex)
        .await?;
        if rarest.as_ref().is_none_or(|(n, _)| count < *n) {
            rarest = Some((count, run));
        }
        if count == 0 {
            break;
        }
    }
    if let Some((_, run)) = rarest.filter(|(n, _)| *n > 0) {
        rows.extend(
            sqlx::query_as::<_, LicenceRow>(&format!(
                "SELECT {COLUMNS} FROM licences WHERE number IN ( \
                   SELECT t.number FROM licence_trigrams t JOIN licences l ON l.number = t.number \
                   WHERE t.tri = $3 AND t.number > $2 AND l.status <> $1 AND l.holder_search LIKE $4 \
                   ORDER BY t.number LIMIT $5) \
                 ORDER BY number"
            ))
            .bind(pending)
            .bind(after)
            .bind(&run)
            .bind(format!("%{text}%"))
            .bind(limit)
            .fetch_all(&mut *ex)
            .await?,
        );
    }
    rows.sort_by(|a, b| a.number.cmp(&b.number));
    rows.dedup_by(|a, b| a.number == b.number);
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(rows)
}

/// Attaches the official's verified signature and makes the licence valid.
pub async fn sign<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    number: &str,
    signature: &str,
    certificate: &str,
    signer_name: &str,
    signed_at: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE licences SET signature = $1, signer_certificate = $2, signer_name = $3, signed_at = $4, status = $6 \
         WHERE number = $5 AND status = $7",
    )
    .bind(signature)
    .bind(certificate)
    .bind(signer_name)
    .bind(signed_at)
    .bind(number)
    .bind(LicenceStatus::Valid.code())
    .bind(LicenceStatus::PendingSignature.code())
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Marks a valid licence re-issued as `by`, on `on`; false if it was not valid any more.
pub async fn mark_reissued<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    number: &str,
    by: &str,
    on: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE licences SET status = $1, replaced_by = $2, replaced_on = $3 WHERE number = $4 AND status = $5",
    )
    .bind(LicenceStatus::Reissued.code())
    .bind(by)
    .bind(on)
    .bind(number)
    .bind(LicenceStatus::Valid.code())
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Changes a licence's status from `from` to `to`; false if it was not in `from`.
pub async fn set_status<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    number: &str,
    from: LicenceStatus,
    to: LicenceStatus,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE licences SET status = $1 WHERE number = $2 AND status = $3")
        .bind(to.code())
        .bind(number)
        .bind(from.code())
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Records a category assigned to a licence.
pub async fn set_category<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    number: &str,
    category: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE licences SET category = $1 WHERE number = $2")
        .bind(category)
        .bind(number)
        .execute(ex)
        .await?;
    Ok(())
}
