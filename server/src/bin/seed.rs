//! `./x seed N`: fills an empty database with N cases as a national portal accumulates them,
//! for measuring how the portal behaves as it grows (`./x bench`'s growth runs).
//!
//! Cases arrive at a steady pace (one every three minutes, across the country) going back from
//! today, so a larger N is a longer history, not a busier day: the open work (cases at a step)
//! stays about as large, the decided history and the register grow. The cases spread over every
//! service, its versions and variants, regions, applicants (persons and the companies they act
//! for) and statuses; registered ones have their numbers, their steps (the open one with its
//! deadline), decided ones their decision, granted licences their register entry. The first demo
//! applicant has 25 of them, so a signed-in cabinet can be measured.
//!
//! Deterministic: the same N on the same day gives the same database (a fixed random seed; dates
//! count back from today's midnight). Writes through the server's own `db::` functions, in
//! transactions of a few thousand cases. Reads `DATABASE_URL` or `DATA_DIR` as the server does.
//!
//! Usage: `seed <N>`.

use anyhow::{bail, Context};
use domain::case::CaseStatus;
use domain::catalogue::ServiceDefinition;
use domain::form::FormValues;
use domain::identity::Sex;
use domain::licence::LicenceStatus;
use domain::process::ProcessDefinition;
use domain::{Bin, Iin};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use server::db::{self, applications::Case, Db};
use std::path::PathBuf;
use time::{Date, Duration, Month, OffsetDateTime, Time};

/// One case arrives every this many seconds.
const PACE_SECONDS: i64 = 180;
/// Cases written per transaction.
const BATCH: u64 = 2_000;
/// How many cases the first demo applicant has, whatever N.
const DEMO_CASES: u64 = 25;

const SURNAMES: &[&str] = &[
    "Ахметов",
    "Серікбаев",
    "Жұмабеков",
    "Иванов",
    "Нұрланов",
    "Касымов",
    "Тулегенов",
    "Байжанов",
    "Ким",
    "Омаров",
    "Сейтқали",
    "Абдрахманов",
    "Петров",
    "Әлиев",
    "Жаксылыков",
];
const GIVEN: &[&str] = &[
    "Айдар",
    "Ерлан",
    "Нұржан",
    "Дмитрий",
    "Асхат",
    "Бауыржан",
    "Тимур",
    "Арман",
    "Данияр",
    "Олжас",
    "Сергей",
    "Мұрат",
    "Қайрат",
    "Руслан",
    "Ғалым",
];
const FIRMS: &[&str] = &[
    "Дала",
    "Алтын",
    "Жер",
    "Сарыарқа",
    "Астана",
    "Құрылыс",
    "Каспий",
    "Тараз",
    "Ертіс",
    "Жетісу",
    "Көкшетау",
    "Орда",
    "Барыс",
    "Самұрық",
    "Атамекен",
];
const TRADES: &[&str] = &[
    "Сараптама",
    "Құрылыс",
    "Жоба",
    "Инжиниринг",
    "Консалтинг",
    "Сервис",
    "Геология",
    "Құқық",
];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: u64 = std::env::args()
        .nth(1)
        .context("usage: seed <number of cases>")?
        .parse()
        .context("the number of cases is a whole number")?;
    let data_dir = PathBuf::from(std::env::var("DATA_DIR").unwrap_or_else(|_| "data".into()));
    let url = std::env::var("DATABASE_URL").ok();
    let pools = db::connect(url.as_deref(), &data_dir).await?;
    let db = pools.db;
    let sqlite = url.as_deref().is_none_or(|u| u.starts_with("sqlite:"));
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applications")
        .fetch_one(&db)
        .await?;
    if existing > 0 {
        bail!("the database holds {existing} cases already; seed fills an empty one");
    }
    let catalogue = domain::catalogue::builtin();
    let processes = domain::process::builtin_processes();
    let mut seed = Seed {
        rng: StdRng::seed_from_u64(20_261_201),
        today: OffsetDateTime::now_utc().replace_time(Time::MIDNIGHT),
        services: catalogue.iter().collect(),
        processes: &processes,
        people: Vec::new(),
        companies: Vec::new(),
        licences: 0,
    };
    if sqlite {
        tune(&mut *db.acquire().await?).await?;
    }
    seed.people(&db, n).await?;
    let started = std::time::Instant::now();
    let mut i = 0;
    while i < n {
        let end = (i + BATCH).min(n);
        let mut conn = db.acquire().await?;
        if sqlite {
            tune(&mut conn).await?;
        }
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        for k in i..end {
            seed.case(&mut tx, k, n).await?;
        }
        tx.commit().await?;
        i = end;
        if i % (BATCH * 25) == 0 || i == n {
            eprintln!(
                "seed: {i} of {n} cases, {} licences ({:.0} s)",
                seed.licences,
                started.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "{n} cases, {} applicants, {} companies, {} licences",
        seed.people.len(),
        seed.companies.len(),
        seed.licences
    );
    Ok(())
}

/// SQLite settings for a fill that a crash would only have to redo: no waiting for the disk
/// per commit, and a cache for the whole file. The cases' keys are random, so each batch touches
/// pages all over the indices: with SQLite's default cache (2 MB) a large fill reads most of
/// them back from the file for every batch (10^6 cases took an hour; the file grows to
/// gigabytes). Set again before each batch, as the pool may have opened a new connection.
async fn tune(conn: &mut sqlx::AnyConnection) -> anyhow::Result<()> {
    use sqlx::Executor;
    conn.execute(
        "PRAGMA synchronous = OFF; PRAGMA cache_size = -4000000; PRAGMA wal_autocheckpoint = 100000",
    )
    .await?;
    Ok(())
}

/// A person who applies: their account id, IIN and name.
struct Person {
    id: String,
    iin: Iin,
    name: String,
}

struct Company {
    bin: Bin,
    name: String,
    /// The person who acts for it (their company key).
    acting: usize,
}

struct Seed<'a> {
    rng: StdRng,
    today: OffsetDateTime,
    services: Vec<&'a ServiceDefinition>,
    processes: &'a [ProcessDefinition],
    people: Vec<Person>,
    companies: Vec<Company>,
    licences: u64,
}

impl Seed<'_> {
    /// The applicants (about one for every three cases) and companies (one for fifty), and the
    /// first demo applicant's account.
    async fn people(&mut self, db: &Db, n: u64) -> anyhow::Result<()> {
        let demo = server::sandbox::people::people()
            .into_iter()
            .find(|p| p.role == server::sandbox::people::DemoRole::Applicant && p.company.is_none())
            .context("no demo applicant")?;
        let count = (n / 3).max(100);
        let mut tx = db.begin().await?;
        let user = db::auth::new_applicant(demo.iin.as_str(), &demo.full_name());
        db::auth::insert_user(&mut *tx, &user).await?;
        self.people.push(Person {
            id: user.id,
            iin: demo.iin.clone(),
            name: demo.full_name(),
        });
        let mut used = std::collections::HashSet::from([demo.iin.to_string()]);
        let mut k = 0u32;
        while (self.people.len() as u64) < count {
            k += 1;
            let born = Date::from_calendar_date(
                1950 + (k % 50) as i32,
                Month::try_from(1 + (k % 12) as u8)?,
                1 + (k % 28) as u8,
            )?;
            let sex = if k.is_multiple_of(2) {
                Sex::Male
            } else {
                Sex::Female
            };
            let serial = (k / 600 % 9_000) as u16;
            let Some(iin) = (serial..serial + 100).find_map(|s| Iin::compose(born, sex, s)) else {
                continue;
            };
            if !used.insert(iin.to_string()) {
                continue;
            }
            let name = format!(
                "{} {}",
                SURNAMES[self.rng.gen_range(0..SURNAMES.len())],
                GIVEN[self.rng.gen_range(0..GIVEN.len())]
            );
            let id = format!("seed-{k:08}");
            let mut user = db::auth::new_applicant(iin.as_str(), &name);
            user.id = id.clone();
            db::auth::insert_user(&mut *tx, &user).await?;
            self.people.push(Person { id, iin, name });
        }
        tx.commit().await?;
        let companies = (n / 50).max(20);
        for c in 0..companies {
            let serial = (c * 100) as u32;
            let text = |s: u32| format!("{:02}{:02}40{:06}", 5 + c % 20, 1 + c % 12, s % 1_000_000);
            let bin = (serial..serial + 100).find_map(|s| {
                let t = text(s);
                let digits: Vec<u8> = t.bytes().map(|b| b - b'0').collect();
                let check = domain::identity::check_digit(&digits[..11].try_into().ok()?)?;
                Bin::parse(&format!("{}{check}", &t[..11])).ok()
            });
            let Some(bin) = bin else { continue };
            let name = format!(
                "«{} {}» ЖШС",
                FIRMS[self.rng.gen_range(0..FIRMS.len())],
                TRADES[self.rng.gen_range(0..TRADES.len())]
            );
            let acting = 1 + self.rng.gen_range(0..self.people.len() - 1);
            self.companies.push(Company { bin, name, acting });
        }
        Ok(())
    }

    /// Case `k` of `n`: the k-th newest.
    async fn case(&mut self, tx: &mut db::Tx<'_>, k: u64, n: u64) -> anyhow::Result<()> {
        let created = self.today - Duration::seconds(PACE_SECONDS * (k as i64 + 1));
        let age_days = (self.today - created).whole_days();
        let service = self.services[self.rng.gen_range(0..self.services.len())];
        let variant = &service.variants[self.rng.gen_range(0..service.variants.len())];
        // The demo applicant's cases are spread evenly through the history.
        let every = (n / DEMO_CASES).max(1);
        let demo = k.is_multiple_of(every) && k / every < DEMO_CASES;
        let company = (!demo && service.serves_companies() && self.rng.gen_bool(0.3))
            .then(|| self.rng.gen_range(0..self.companies.len()));
        let person = match company {
            Some(c) => self.companies[c].acting,
            None if demo => 0,
            None => 1 + self.rng.gen_range(0..self.people.len() - 1),
        };
        let roll: f64 = self.rng.gen();
        let status = match age_days {
            0 if roll < 0.3 => CaseStatus::AwaitingPayment,
            0 if roll < 0.4 => CaseStatus::Paid,
            0..25 if roll < 0.75 => CaseStatus::Submitted,
            0..25 if roll < 0.95 => CaseStatus::Approved,
            0..25 => CaseStatus::Refused,
            _ if roll < 0.03 => CaseStatus::AwaitingPayment,
            _ if roll < 0.83 => CaseStatus::Approved,
            _ => CaseStatus::Refused,
        };
        let region = (!service.region_fields.is_empty()).then(|| {
            let all = domain::regions::all();
            all[self.rng.gen_range(0..all.len())].0.to_owned()
        });
        let year = created.year();
        let owner = &self.people[person];
        let case = Case {
            id: format!("{:032x}", self.rng.gen::<u128>()),
            company: company.map(|c| db::applications::Company {
                bin: self.companies[c].bin.clone(),
                name: self.companies[c].name.clone(),
            }),
            values: FormValues::new(),
            status,
            region,
            lang: if self.rng.gen_bool(0.6) { "kk" } else { "ru" }.to_owned(),
            ..Case::new_request(
                service,
                variant,
                &owner.id,
                &owner.iin,
                FormValues::new(),
                year,
                db::timestamp_text(created),
            )
        };
        db::applications::insert(&mut **tx, &case).await?;
        if matches!(status, CaseStatus::AwaitingPayment | CaseStatus::Paid) {
            return Ok(());
        }
        let submitted = created + Duration::minutes(40);
        let number = db::applications::next_number(tx, &case.provider, year).await?;
        let expected =
            domain::calendar::add_working_days(submitted.date(), variant.term_working_days);
        db::applications::record_submission(
            &mut **tx,
            &case.id,
            &db::applications::Submission {
                number: &number,
                submitted_at: &db::timestamp_text(submitted),
                expected: &expected.to_string(),
                signature: "",
                certificate: "",
            },
        )
        .await?;
        let Some(process) = self
            .processes
            .iter()
            .find(|p| p.runs(&case.service_code, case.service_version, &case.variant))
        else {
            return Ok(());
        };
        // Open cases wait at some step of the process; decided ones passed them all (a
        // refusal ends at a random one).
        let last = process.steps.len().max(1);
        let reached = match status {
            CaseStatus::Submitted => self.rng.gen_range(0..last),
            CaseStatus::Refused => self.rng.gen_range(0..last),
            _ => last - 1,
        };
        let mut at = submitted;
        for (j, step) in process.steps.iter().enumerate().take(reached + 1) {
            let due = (!process.untimed).then(|| at + Duration::days(3));
            let row = db::steps::StepRow::opened(
                &case.id,
                &step.id,
                step.role,
                db::timestamp_text(at),
                due.map(db::timestamp_text),
            );
            db::steps::open(&mut **tx, &row).await?;
            if status == CaseStatus::Submitted && j == reached {
                break;
            }
            at += Duration::hours(self.rng.gen_range(2..60));
            let outcome = step
                .outcomes
                .first()
                .map(|o| o.code.as_str())
                .unwrap_or("done");
            db::steps::close(
                &mut **tx,
                &row.id,
                outcome,
                None,
                "system",
                &db::timestamp_text(at),
            )
            .await?;
        }
        if status == CaseStatus::Submitted {
            return Ok(());
        }
        let decided = at.min(self.today);
        let grounds = (status == CaseStatus::Refused).then_some("Құжаттар толық емес");
        db::applications::record_decision(
            &mut **tx,
            &case.id,
            &db::timestamp_text(decided),
            grounds,
        )
        .await?;
        if status == CaseStatus::Approved && variant.licence.is_some() {
            let seq = db::next_counter(tx, &format!("licence-{}", decided.year())).await?;
            let (holder, kind, name) = match &case.company {
                Some(c) => (
                    c.bin.to_string(),
                    db::licences::HolderKind::Company,
                    c.name.clone(),
                ),
                None => (
                    owner.iin.to_string(),
                    db::licences::HolderKind::Person,
                    owner.name.clone(),
                ),
            };
            db::licences::insert(
                tx,
                &db::licences::LicenceRow {
                    number: format!("{:02}{seq:06}", decided.year() % 100),
                    application_id: Some(case.id.clone()),
                    holder_iin: holder,
                    holder_kind: kind,
                    holder_name: name,
                    service_code: case.service_code.clone(),
                    service_version: case.service_version,
                    provider: Some(case.provider.clone()),
                    subtypes: None,
                    category: None,
                    issued_on: decided.date().to_string(),
                    pdf_sha256: String::new(),
                    payload: "{}".into(),
                    signature: None,
                    signer_certificate: None,
                    signer_name: None,
                    signed_at: Some(db::timestamp_text(decided)),
                    status: LicenceStatus::Valid,
                    previous_number: None,
                    replaced_by: None,
                    replaced_on: None,
                    source: db::licences::Source::Portal,
                    lang: case.lang.clone(),
                },
            )
            .await?;
            self.licences += 1;
        }
        Ok(())
    }
}
