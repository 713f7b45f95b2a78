//! Storage: one connection pool over SQLite (embedded default) or PostgreSQL (scale-out).
//!
//! Queries are small async functions in the entity modules, each taking an executor so a
//! handler can run several inside one transaction. The SQL is written once for both databases
//! (`$n` placeholders, TEXT and BIGINT columns only), through sqlx's `Any` driver.

pub mod access;
pub mod applications;
pub mod attachments;
pub mod auth;
pub mod checks;
pub mod drafts;
pub mod evidence;
pub mod licences;
pub mod notifications;
pub mod payments;
pub mod results;
pub mod sessions;
pub mod signed;
pub mod steps;

use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{Any, AnyPool};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

pub type Db = AnyPool;
pub type Tx<'a> = sqlx::Transaction<'a, Any>;

/// The database, as the handlers use it: `db` for writes (and reads that must see a
/// transaction's own writes), `read` for the reads that only need what is committed.
///
/// SQLite allows one writer at a time; in WAL mode readers do not wait for it. So SQLite gets
/// one writing connection and a pool of read-only ones (`query_only`); a reader sees every
/// write committed before its query starts. PostgreSQL gets two pools as well, the readers'
/// in read-only transactions, so that only the writer's hand-outs can mean a write.
#[derive(Clone, Debug)]
pub struct Pools {
    pub db: Db,
    pub read: Db,
    /// How many connections the writer's pool has handed out: the answers kept in memory
    /// (`answers`) are not used across one.
    pub writes: Arc<AtomicU64>,
    /// Other instances may share the database (PostgreSQL): they tell of their writes by
    /// `NOTIFY` on [`WRITES_CHANNEL`].
    pub shared: bool,
}

/// The PostgreSQL channel the instances tell each other of their writes on (`answers`).
pub const WRITES_CHANNEL: &str = "portal_writes";

/// SQLite's readers: more than the cores, so a reader waiting on the disk does not hold up
/// the others.
const SQLITE_READERS: u32 = 8;
/// PostgreSQL's connections, per pool and instance.
const PG_WRITERS: u32 = 10;
const PG_READERS: u32 = 10;

/// Connects, creating the SQLite file if needed, and applies the migrations.
pub async fn connect(database_url: Option<&str>, data_dir: &Path) -> anyhow::Result<Pools> {
    install_default_drivers();
    let url = match database_url {
        Some(u) => u.to_owned(),
        None => {
            std::fs::create_dir_all(data_dir)?;
            format!("sqlite://{}?mode=rwc", data_dir.join("portal.db").display())
        }
    };
    let is_sqlite = url.starts_with("sqlite:");
    let writes = Arc::new(AtomicU64::new(0));
    let kind = if is_sqlite {
        Kind::Sqlite
    } else {
        Kind::Postgres
    };
    let size = if is_sqlite { 1 } else { PG_WRITERS };
    let pool = open(&url, kind, size, Some(writes.clone())).await?;
    MIGRATOR.run(&pool).await?;
    let readers = if is_sqlite {
        SQLITE_READERS
    } else {
        PG_READERS
    };
    let read = open(&url, kind, readers, None).await?;
    Ok(Pools {
        db: pool,
        read,
        writes,
        shared: !is_sqlite,
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Sqlite,
    Postgres,
}

/// A pool. `writes`: the writer's, whose hand-outs are counted (and on PostgreSQL announced
/// to the other instances when the connection comes back); none: read-only connections.
async fn open(
    url: &str,
    kind: Kind,
    size: u32,
    writes: Option<Arc<AtomicU64>>,
) -> anyhow::Result<Db> {
    use sqlx::Executor;
    let writer = writes.is_some();
    let counted = writes.clone();
    let on_connect = writes.clone();
    let mut options = AnyPoolOptions::new()
        .max_connections(size)
        .after_connect(move |conn, _meta| {
            let writes = on_connect.clone();
            Box::pin(async move {
                match (kind, writer) {
                    (Kind::Sqlite, _) => {
                        conn.execute("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;")
                            .await?;
                        if !writer {
                            conn.execute("PRAGMA query_only = ON;").await?;
                        }
                    }
                    (Kind::Postgres, false) => {
                        conn.execute("SET default_transaction_read_only = on").await?;
                    }
                    (Kind::Postgres, true) => {}
                }
                if let Some(w) = writes {
                    w.fetch_add(1, Ordering::AcqRel);
                }
                Ok(())
            })
        });
    if let Some(writes) = counted {
        options = options.before_acquire(move |_conn, _meta| {
            writes.fetch_add(1, Ordering::AcqRel);
            Box::pin(async { Ok(true) })
        });
        if kind == Kind::Postgres {
            // A writer connection that goes back to its pool tells the other instances; it
            // is never closed for its age, which would skip the notice.
            options = options.max_lifetime(None).after_release(|conn, _meta| {
                Box::pin(async move {
                    let notify = format!("NOTIFY {WRITES_CHANNEL}");
                    conn.execute(notify.as_str()).await?;
                    Ok(true)
                })
            });
        }
    }
    Ok(options.connect(url).await?)
}

/// The schema's migrations, one SQL for both databases.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How many migrations the schema has (readiness compares the database's with it).
pub fn migrations_count() -> usize {
    MIGRATOR.iter().count()
}

/// Now, as stored: RFC 3339 UTC with microseconds, so text order is time order.
pub fn now_text() -> String {
    timestamp_text(time::OffsetDateTime::now_utc())
}

pub fn timestamp_text(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

pub fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// A random identifier: 128 bits, hex.
pub fn new_id() -> String {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

/// Takes the next value of a named counter (registration and licence numbers). Runs inside the
/// caller's transaction, so a rolled-back decision does not use up a number.
pub async fn next_counter(tx: &mut Tx<'_>, name: &str) -> Result<i64, sqlx::Error> {
    let updated: Option<(i64,)> =
        sqlx::query_as("UPDATE counters SET value = value + 1 WHERE name = $1 RETURNING value")
            .bind(name)
            .fetch_optional(&mut **tx)
            .await?;
    if let Some((v,)) = updated {
        return Ok(v);
    }
    sqlx::query("INSERT INTO counters (name, value) VALUES ($1, 1)")
        .bind(name)
        .execute(&mut **tx)
        .await?;
    Ok(1)
}
