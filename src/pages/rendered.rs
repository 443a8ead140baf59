//! Parts of pages rendered once and shown again while nothing under them has changed.
//!
//! A city's page (its plan by role and commitment, 50 actions and more) took about a dozen
//! queries and a full render per request, 3 ms of a core (README, Performance). Its content is
//! now kept here per city, language and kind of reader, under the database's change counter
//! (`db::committed_data_version`, which the triggers bump with every write to what the page
//! reads) and the minute (what is overdue or stale moves with the clock). A change anywhere, on
//! any instance, makes the next request render again; only the layout around it (who is signed
//! in, the CSRF token, the notice) is rendered per request. An entry keeps beside its HTML what
//! the page decides on before showing it (`M`: for the city page, the city's name and whether
//! its page is public), so a request that finds its page kept reads only the counter.
//!
//! Entries are kept compressed with LZ4 (a city page's 20 KB of HTML is about 4 KB so) and
//! decompressed when shown: a few microseconds, where inflating deflated entries took 7 % of
//! the server's time under load on the city page. The cache is bounded by the compressed
//! bytes, and when full the oldest entries go first. Each instance has its own.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// The change counter an entry was rendered at: a generation heard from the database's change
/// notifications (`db::changes`), or the counter asked of it (`db::committed_data_version`),
/// whichever was trusted then. The two never match each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counter {
    Heard(u64),
    Asked(i64),
}

/// What an entry was rendered from: the change counter and the minute.
pub type Stamp = (Counter, i64);

/// How much compressed HTML one instance keeps by default (about 1,000 city pages of 50
/// actions).
const BUDGET_BYTES: usize = 4 << 20;

/// Parts kept under a key, each with what it was rendered from (`S`: by default the change
/// counter and the minute, `Stamp`) and what the page decides on before showing it (`M`).
pub struct Rendered<M = (), S = Stamp> {
    inner: Mutex<Inner<M, S>>,
    budget: usize,
}

impl<M, S> Default for Rendered<M, S> {
    fn default() -> Self {
        Self::with_budget(BUDGET_BYTES)
    }
}

struct Inner<M, S> {
    entries: HashMap<String, (S, M, Arc<[u8]>)>,
    /// Keys in the order they were stored, oldest first (a key may appear more than once:
    /// only its latest place counts).
    order: VecDeque<(String, S)>,
    bytes: usize,
}

impl<M, S> Rendered<M, S> {
    /// A cache that keeps at most `budget` bytes of compressed HTML.
    pub fn with_budget(budget: usize) -> Self {
        Rendered { inner: Mutex::new(Inner { entries: HashMap::new(), order: VecDeque::new(), bytes: 0 }), budget }
    }
}

impl<M: Clone, S: Copy + PartialEq> Rendered<M, S> {
    /// The part kept under `key` if it was rendered at `stamp`, with what was kept beside it.
    pub fn get(&self, key: &str, stamp: S) -> Option<(M, String)> {
        let (meta, compressed) = {
            let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            inner.entries.get(key).filter(|(s, ..)| *s == stamp).map(|(_, m, html)| (m.clone(), html.clone()))?
        };
        let html = String::from_utf8(lz4_flex::decompress_size_prepended(&compressed).ok()?).ok()?;
        Some((meta, html))
    }

    /// Keeps `html` and `meta` under `key`, rendered at `stamp`, making room by dropping the
    /// oldest.
    pub fn put(&self, key: String, stamp: S, meta: M, html: &str) {
        let html: Arc<[u8]> = lz4_flex::compress_prepend_size(html.as_bytes()).into();
        if html.len() > self.budget / 8 {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, old)) = inner.entries.insert(key.clone(), (stamp, meta, html.clone())) {
            inner.bytes -= old.len();
        }
        inner.bytes += html.len();
        inner.order.push_back((key, stamp));
        while inner.bytes > self.budget || inner.order.len() > 4 * inner.entries.len().max(16) {
            let Some((k, s)) = inner.order.pop_front() else { break };
            // Only the entry this place was made for; a newer one of the key has a later place.
            if inner.entries.get(&k).is_some_and(|(stamp, ..)| *stamp == s) && inner.bytes > self.budget {
                if let Some((_, _, gone)) = inner.entries.remove(&k) {
                    inner.bytes -= gone.len();
                }
            }
        }
    }

    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.inner.lock().unwrap().bytes
    }
}

/// The stamp to keep a part under at `now`, without a query, when the instance's change feed is
/// trusted (PostgreSQL, its listening connection up).
pub fn heard_stamp(feed: &crate::db::changes::Feed, now: chrono::DateTime<chrono::Utc>) -> Option<Stamp> {
    feed.data().map(|g| (Counter::Heard(g), minute(now)))
}

/// The stamp to keep a part under, asked of the database, or `None` when what is read now may
/// miss a counted change (`db::committed_data_version`): then the part is rendered and shown
/// but not kept.
pub fn stamp(
    conn: &mut crate::db::DbConnection,
    now: chrono::DateTime<chrono::Utc>,
) -> diesel::QueryResult<Option<Stamp>> {
    Ok(crate::db::committed_data_version(conn)?.map(|v| (Counter::Asked(v), minute(now))))
}

fn minute(now: chrono::DateTime<chrono::Utc>) -> i64 {
    now.timestamp().div_euclid(60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(version: i64, minute: i64) -> Stamp {
        (Counter::Asked(version), minute)
    }

    #[test]
    fn a_part_is_shown_again_only_at_the_stamp_it_was_rendered_at() {
        let r: Rendered<&str> = Rendered::default();
        r.put("city:1:en:public".into(), at(7, 100), "Lyon", "<p>Lyon</p>");
        assert_eq!(
            r.get("city:1:en:public", at(7, 100)),
            Some(("Lyon", "<p>Lyon</p>".to_string())),
            "with what was kept beside it"
        );
        assert!(r.get("city:1:en:public", at(8, 100)).is_none(), "a change anywhere renders again");
        assert!(r.get("city:1:en:public", at(7, 101)).is_none(), "so does the next minute");
        assert!(r.get("city:1:fr:public", at(7, 100)).is_none());
        assert!(
            r.get("city:1:en:public", (Counter::Heard(7), 100)).is_none(),
            "a generation heard is not the counter asked"
        );
        r.put("city:1:en:public".into(), at(8, 100), "Lyon", "<p>Lyon 2</p>");
        assert_eq!(r.get("city:1:en:public", at(8, 100)).map(|(_, h)| h).as_deref(), Some("<p>Lyon 2</p>"));
        let one = r.bytes();
        r.put("city:2:en:public".into(), at(8, 100), "Lyon", &"<tr><td>Action</td></tr>".repeat(1000));
        assert!(r.bytes() - one < 1000, "kept compressed: {} bytes for 25,000", r.bytes() - one);
    }

    #[test]
    fn the_oldest_go_first_when_the_budget_is_spent() {
        let r: Rendered = Rendered::default();
        // Pages that do not compress much (random letters), a tenth of the budget each.
        let mut seed = 1u64;
        let mut page = String::new();
        while page.len() < BUDGET_BYTES / 10 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            page.push(char::from(b'a' + (seed >> 59) as u8 % 26));
        }
        for i in 0..25 {
            r.put(format!("city:{i}"), at(1, 1), (), &page);
        }
        assert!(r.bytes() <= BUDGET_BYTES);
        assert!(r.get("city:0", at(1, 1)).is_none(), "the first went");
        assert!(r.get("city:24", at(1, 1)).is_some(), "the last stays");
        // Storing one key again and again does not grow the queue without end.
        for _ in 0..1000 {
            r.put("city:24".into(), at(1, 1), (), &page);
        }
        let inner = r.inner.lock().unwrap();
        assert!(inner.order.len() <= 4 * inner.entries.len().max(16) + 1);
    }
}
