//! Answers kept in memory between requests: who a session is, and the applicant's view of a
//! case (the status read). A request that finds one here costs no query.
//!
//! Nothing kept here may outlive a write. Every entry carries the generation it was read at,
//! and any write moves the generation on, so the entry is not used again:
//! - every request that changes something (any method but GET/HEAD/OPTIONS) and every request
//!   during which the writer's pool handed out a connection moves it on before its answer
//!   leaves (`settle`, a middleware), so whoever is told a write happened is never shown the
//!   state before it; the writer's pool counts its hand-outs (`db::Pools::writes`);
//! - the background work (outbox, registry checks, housekeeping) settles after each round;
//! - with PostgreSQL, several instances share the database: each writer connection sends a
//!   `NOTIFY` when it goes back to its pool, and every instance `LISTEN`s and moves its own
//!   generation on. Until the listener is connected (and while it reconnects) an instance
//!   keeps nothing.
//!
//! An entry also lives at most [`LIFETIME`]: a view holds times relative to now (a step
//! overdue) and a notice between instances can be lost with its connection.
//!
//! So the cache pays while reads of the same answer come faster than writes (a status page
//! followed while a payment or a decision is awaited, a peak of reads); under a steady stream
//! of writes it empties often and requests read the database as before.

use crate::db::applications::Case;
use crate::db::auth::{SessionRow, UserRow};
use axum::body::Bytes;
use quick_cache::sync::Cache;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The longest an entry is used, however quiet the database.
pub const LIFETIME: Duration = Duration::from_secs(2);
/// How many sessions and case views are kept (the least used go first).
const SESSIONS: usize = 50_000;
const CASES: usize = 20_000;
use crate::db::WRITES_CHANNEL as CHANNEL;

struct Entry<T> {
    generation: u64,
    read_at: Instant,
    value: T,
}

/// The applicant's view of a case as it was sent, with the case it was made from (whose
/// owner the request is checked against).
pub struct CaseAnswer {
    pub case: Case,
    pub body: Bytes,
    /// The body compressed with brotli once, when kept (a kept answer is sent many times).
    pub brotli: Option<Bytes>,
}

impl CaseAnswer {
    pub fn new(case: Case, body: Bytes) -> Self {
        let brotli = compress(&body);
        CaseAnswer { case, body, brotli }
    }

    /// The answer, compressed when the request accepts brotli.
    pub fn response(&self, headers: &axum::http::HeaderMap) -> axum::response::Response {
        use axum::http::header;
        use axum::response::IntoResponse;
        match &self.brotli {
            Some(br) if accepts_brotli(headers) => (
                [
                    (header::CONTENT_TYPE, "application/json"),
                    (header::CONTENT_ENCODING, "br"),
                    (header::VARY, "accept-encoding"),
                ],
                br.clone(),
            )
                .into_response(),
            _ => (
                [(header::CONTENT_TYPE, "application/json")],
                self.body.clone(),
            )
                .into_response(),
        }
    }
}

/// Brotli at the quality the answers made per request get (`lib.rs`), and only where it
/// saves more than it costs (above one packet).
fn compress(body: &[u8]) -> Option<Bytes> {
    if body.len() <= 1400 {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 4,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).ok()?;
    Some(Bytes::from(out))
}

/// Whether `Accept-Encoding` names brotli without refusing it (`br;q=0`).
fn accepts_brotli(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get_all(axum::http::header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            parts.next().is_some_and(|c| c.eq_ignore_ascii_case("br"))
                && parts.all(|p| {
                    p.strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_none_or(|q| q > 0.0)
                })
        })
}

/// A read's place in the sequence of writes, taken before it reads.
#[derive(Clone, Copy)]
pub struct Stamp(u64);

pub struct Answers {
    generation: AtomicU64,
    /// No entry is kept or used: another instance's writes could not be heard.
    blind: AtomicBool,
    /// How many connections the writer's pool has handed out (`db::Pools::writes`).
    writes: Arc<AtomicU64>,
    sessions: Cache<String, Arc<Entry<(SessionRow, UserRow)>>>,
    cases: Cache<String, Arc<Entry<Arc<CaseAnswer>>>>,
}

impl Answers {
    /// `shared`: other instances may write to the same database (PostgreSQL); the cache stays
    /// blind until [`listen`] hears them.
    pub fn new(writes: Arc<AtomicU64>, shared: bool) -> Self {
        Answers {
            generation: AtomicU64::new(0),
            blind: AtomicBool::new(shared),
            writes,
            sessions: Cache::new(SESSIONS),
            cases: Cache::new(CASES),
        }
    }

    /// Taken before reading what is to be kept.
    pub fn stamp(&self) -> Option<Stamp> {
        if self.blind.load(Ordering::Acquire) {
            None
        } else {
            Some(Stamp(self.generation.load(Ordering::Acquire)))
        }
    }

    /// Something may have been written: nothing read before now is used again.
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// How many writer connections have been handed out so far.
    pub fn writes(&self) -> u64 {
        self.writes.load(Ordering::Acquire)
    }

    /// After work that may have written: moves the generation on if a writer connection was
    /// handed out since `since` (a [`writes`](Self::writes) count).
    pub fn settle(&self, since: u64) {
        if self.writes() != since {
            self.changed();
        }
    }

    fn fresh<T: Clone>(&self, entry: Option<Arc<Entry<T>>>) -> Option<T> {
        let entry = entry?;
        let usable = !self.blind.load(Ordering::Acquire)
            && entry.generation == self.generation.load(Ordering::Acquire)
            && entry.read_at.elapsed() < LIFETIME;
        usable.then(|| entry.value.clone())
    }

    fn entry<T>(&self, stamp: Stamp, value: T) -> Option<Arc<Entry<T>>> {
        // A write between the stamp and now: what was read may be from before it.
        (stamp.0 == self.generation.load(Ordering::Acquire)).then(|| {
            Arc::new(Entry {
                generation: stamp.0,
                read_at: Instant::now(),
                value,
            })
        })
    }

    /// The session with this token's hash and its user, as last read.
    pub fn session(&self, token_hash: &str) -> Option<(SessionRow, UserRow)> {
        self.fresh(self.sessions.get(token_hash))
    }

    pub fn keep_session(&self, stamp: Stamp, token_hash: &str, value: (SessionRow, UserRow)) {
        if let Some(e) = self.entry(stamp, value) {
            self.sessions.insert(token_hash.to_owned(), e);
        }
    }

    /// The applicant's view of this case, as last sent.
    pub fn case(&self, id: &str) -> Option<Arc<CaseAnswer>> {
        self.fresh(self.cases.get(id))
    }

    pub fn keep_case(&self, stamp: Stamp, answer: CaseAnswer) {
        let id = answer.case.id.clone();
        if let Some(e) = self.entry(stamp, Arc::new(answer)) {
            self.cases.insert(id, e);
        }
    }

    fn set_blind(&self, blind: bool) {
        self.blind.store(blind, Ordering::Release);
        self.changed();
    }
}

/// The middleware that moves the generation on after a request that wrote (or may have).
pub async fn settle(
    axum::extract::State(answers): axum::extract::State<Arc<Answers>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let safe = request.method().is_safe();
    let since = answers.writes();
    let response = next.run(request).await;
    if safe {
        answers.settle(since);
    } else {
        answers.changed();
    }
    response
}

/// Hears the other instances' writes (PostgreSQL): a notice moves the generation on. While
/// the listener is not connected the cache is blind; on reconnecting, everything kept before
/// is dropped, since notices sent in between are lost.
pub async fn listen(answers: Arc<Answers>, database_url: String) {
    use sqlx::postgres::PgListener;
    loop {
        match PgListener::connect(&database_url).await {
            Ok(mut listener) => match listener.listen(CHANNEL).await {
                Ok(()) => {
                    answers.set_blind(false);
                    // `Ok(None)`: the connection was lost (notices may have been missed).
                    while let Ok(Some(_)) = listener.try_recv().await {
                        answers.changed();
                    }
                    tracing::warn!("lost the connection that hears other instances' writes");
                }
                Err(e) => tracing::warn!(error = %e, "LISTEN {CHANNEL}"),
            },
            Err(e) => tracing::warn!(error = %e, "connecting to hear other instances' writes"),
        }
        answers.set_blind(true);
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(shared: bool) -> (Answers, Arc<AtomicU64>) {
        let writes = Arc::new(AtomicU64::new(0));
        (Answers::new(writes.clone(), shared), writes)
    }

    #[test]
    fn an_entry_is_used_until_a_write() {
        let (a, writes) = answers(false);
        let stamp = a.stamp().unwrap();
        let e = a.entry(stamp, 7).unwrap();
        assert_eq!(a.fresh(Some(e.clone())), Some(7));
        // A read that did not hand out a writer connection changes nothing.
        a.settle(a.writes());
        assert_eq!(a.fresh(Some(e.clone())), Some(7));
        // One that did ends every entry.
        let since = a.writes();
        writes.fetch_add(1, Ordering::AcqRel);
        a.settle(since);
        assert_eq!(a.fresh(Some(e)), None);
    }

    #[test]
    fn what_was_read_across_a_write_is_not_kept() {
        let (a, _) = answers(false);
        let stamp = a.stamp().unwrap();
        a.changed();
        assert!(a.entry(stamp, 7).is_none());
        assert!(a.entry(a.stamp().unwrap(), 7).is_some());
    }

    #[test]
    fn a_shared_database_keeps_nothing_until_heard() {
        let (a, _) = answers(true);
        assert!(a.stamp().is_none());
        a.set_blind(false);
        let e = a.entry(a.stamp().unwrap(), 7).unwrap();
        assert_eq!(a.fresh(Some(e.clone())), Some(7));
        // Losing the listener: nothing kept before is used again, even once it is back.
        a.set_blind(true);
        assert_eq!(a.fresh(Some(e.clone())), None);
        a.set_blind(false);
        assert_eq!(a.fresh(Some(e)), None);
    }

    #[test]
    fn brotli_is_sent_only_to_who_accepts_it() {
        let accepts = |v: &str| {
            let mut h = axum::http::HeaderMap::new();
            h.insert(axum::http::header::ACCEPT_ENCODING, v.parse().unwrap());
            accepts_brotli(&h)
        };
        assert!(accepts("gzip, deflate, br, zstd"));
        assert!(accepts("br;q=0.5"));
        assert!(!accepts("gzip"));
        assert!(!accepts("br;q=0"));
        assert!(!accepts_brotli(&axum::http::HeaderMap::new()));
        let body = vec![b'a'; 5000];
        let br = compress(&body).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, body);
        assert!(compress(b"{}").is_none());
    }

    #[test]
    fn an_entry_ends_with_its_lifetime() {
        let (a, _) = answers(false);
        let e = Arc::new(Entry {
            generation: a.stamp().unwrap().0,
            read_at: Instant::now() - LIFETIME,
            value: 7,
        });
        assert_eq!(a.fresh(Some(e)), None);
    }
}
