//! What changed in the database, heard as it commits, from every instance (PostgreSQL).
//!
//! A kept city page (`pages::rendered`) is shown again only while nothing under it has changed,
//! and a page view needs to know who is signed in. Asking the database both on every request
//! took two round trips, and a kept city page answered 2,600 req/s on PostgreSQL (README,
//! Performance). Here one connection per instance listens instead: the triggers of migration
//! `2026-12-08-000001_change_feed` notify `ct_changes` when a transaction changing what pages
//! show commits, and `ct_sessions` when one ending a session or changing a user commits. Each
//! notification moves a generation; a page kept at one generation is shown while the
//! generation stays, and a session found at one is trusted while it stays.
//!
//! A generation is trusted only while the listening connection is known to be up: it answers a
//! query every second, and what it heard counts for three seconds after the last answer. When
//! it is down (or on SQLite, where one instance serves the file and asking costs no round trip)
//! `data` and `sessions` are `None` and callers ask the database as before. On reconnecting
//! both generations move, since notifications sent meanwhile were missed.
//!
//! What this process writes moves the generations at once, not a few milliseconds later when
//! its notification is heard: every transaction it commits (`db::transaction`, through which
//! all go: `committed_here`), and every request that may write, once answered (`wrote`, called
//! by the `http::conditional_get` middleware, for writes of one statement). A person is never
//! shown a page older than their own change, nor a test one older than what it just wrote.
//! Another instance hears a change a few milliseconds after it commits (the listener looks
//! every 5 ms); when its connection fails without a word (a cable cut rather than a closed
//! socket), at most the three seconds above.

use diesel::connection::SimpleConnection;
use diesel::PgConnection;
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

/// The channel a change to what pages show is announced on.
const CHANGES: &str = "ct_changes";
/// The channel an ended session or a changed user is announced on.
const SESSIONS: &str = "ct_sessions";
/// How often the listener looks for notifications.
const LOOK_EVERY: Duration = Duration::from_millis(5);
/// How often the listening connection is asked to answer.
const BEAT_EVERY: Duration = Duration::from_secs(1);
/// How long after its last answer what the connection heard is trusted.
const TRUSTED_FOR: Duration = Duration::from_secs(3);

/// Transactions this process has committed, whatever their connection (`committed_here`).
static COMMITTED_HERE: AtomicU64 = AtomicU64::new(0);

/// A transaction of this process has committed: every feed's generations move.
pub fn committed_here() {
    COMMITTED_HERE.fetch_add(1, SeqCst);
}

/// One instance's view of the change notifications; cheap to share.
#[derive(Clone)]
pub struct Feed {
    inner: Arc<Inner>,
}

struct Inner {
    data: AtomicU64,
    sessions: AtomicU64,
    /// Milliseconds after `origin` until which the generations are trusted (0: not now).
    trusted_until: AtomicU64,
    origin: Instant,
}

impl Default for Feed {
    /// A feed that hears nothing and is never trusted (SQLite, and tests that build state).
    fn default() -> Self {
        Feed {
            inner: Arc::new(Inner {
                data: AtomicU64::new(0),
                sessions: AtomicU64::new(0),
                trusted_until: AtomicU64::new(0),
                origin: Instant::now(),
            }),
        }
    }
}

impl Feed {
    /// For `url`: listens on PostgreSQL (a thread with its own connection, which ends when the
    /// last copy of the feed is dropped), hears nothing on SQLite.
    pub fn for_database(url: &super::DatabaseUrl) -> Feed {
        let feed = Feed::default();
        if let super::DatabaseUrl::Postgres(url) = url {
            let (weak, url) = (Arc::downgrade(&feed.inner), url.clone());
            let spawned = std::thread::Builder::new().name("change-feed".into()).spawn(move || listen(weak, &url));
            if let Err(e) = spawned {
                tracing::warn!(error = %e, "could not start the change feed; pages ask the database");
            }
        }
        feed
    }

    /// The generation of what pages show, when it can be trusted.
    pub fn data(&self) -> Option<u64> {
        self.listening().then(|| self.inner.data.load(SeqCst).wrapping_add(COMMITTED_HERE.load(SeqCst)))
    }

    /// The generation of sessions and users, when it can be trusted.
    pub fn sessions(&self) -> Option<u64> {
        self.listening().then(|| self.inner.sessions.load(SeqCst).wrapping_add(COMMITTED_HERE.load(SeqCst)))
    }

    /// Whether what this instance hears is trusted now (also for `/metrics`).
    pub fn listening(&self) -> bool {
        self.inner.elapsed_ms() < self.inner.trusted_until.load(SeqCst)
    }

    /// This instance may have changed something (a request that is not a read has been
    /// answered): what was kept before is not shown again.
    pub fn wrote(&self) {
        self.inner.move_both();
    }
}

impl Inner {
    /// Both generations move: nothing kept or found before is trusted again.
    fn move_both(&self) {
        self.data.fetch_add(1, SeqCst);
        self.sessions.fetch_add(1, SeqCst);
    }

    fn elapsed_ms(&self) -> u64 {
        u64::try_from(self.origin.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn trust_for(&self, d: Duration) {
        self.trusted_until.store(self.elapsed_ms() + d.as_millis() as u64, SeqCst);
    }

    fn distrust(&self) {
        self.trusted_until.store(0, SeqCst);
    }
}

/// The listener: connects, listens, and moves the generations as notifications arrive, until
/// the feed is dropped. A failure distrusts the feed and connects again a second later.
fn listen(feed: Weak<Inner>, url: &str) {
    // Said once per outage, not every second while the database is away.
    let mut said = false;
    loop {
        let mut connected = false;
        let outcome = super::libpq::establish(url).map_err(|e| e.to_string()).and_then(|mut c| {
            connected = true;
            if said {
                tracing::info!("the change feed listens again");
                said = false;
            }
            hear(&feed, &mut c).map_err(|e| e.to_string())
        });
        let Some(inner) = feed.upgrade() else { return };
        inner.distrust();
        if let Err(e) = outcome {
            if connected || !said {
                tracing::warn!(error = %e, "the change feed is not listening; pages ask the database until it is back");
                said = true;
            }
        }
        drop(inner);
        std::thread::sleep(BEAT_EVERY);
    }
}

/// Listens on `c` until it fails (`Err`) or the feed is dropped (`Ok`).
fn hear(feed: &Weak<Inner>, c: &mut PgConnection) -> diesel::QueryResult<()> {
    c.batch_execute(&format!("LISTEN {CHANGES}; LISTEN {SESSIONS}"))?;
    {
        let Some(inner) = feed.upgrade() else { return Ok(()) };
        // Whatever was announced before this connection listened was not heard.
        inner.move_both();
        inner.trust_for(TRUSTED_FOR);
    }
    let mut beat = Instant::now();
    loop {
        let Some(inner) = feed.upgrade() else { return Ok(()) };
        for heard in c.notifications_iter() {
            let channel = &heard?.channel;
            if channel == SESSIONS {
                inner.sessions.fetch_add(1, SeqCst);
            } else {
                inner.data.fetch_add(1, SeqCst);
            }
        }
        if beat.elapsed() >= BEAT_EVERY {
            c.batch_execute("SELECT 1")?;
            beat = Instant::now();
            inner.trust_for(TRUSTED_FOR);
        }
        drop(inner);
        std::thread::sleep(LOOK_EVERY);
    }
}
