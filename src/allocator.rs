//! How the process uses the system allocator (glibc's malloc on Linux; elsewhere nothing here
//! does anything). Three settings, each measured (README, Performance; `scripts/bench-scale.sh`):
//!
//! - [`limit_arenas`]: the threads share two arenas instead of glibc's eight per core, each of
//!   which keeps what it once held.
//! - [`return_large_blocks_when_freed`]: blocks of 4 MiB and more (argon2's 19 MiB while a
//!   password is hashed) always get a mapping of their own, unmapped when freed.
//! - [`trim_when_quiet`]: once a burst of requests is over, the free memory inside the heaps
//!   goes back to the system (`malloc_trim`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// glibc's malloc arenas the server may use. By default glibc gives each thread that allocates
/// concurrently an arena of its own, up to 8 per core, and each arena keeps what it once held
/// (HTTP workers, the blocking pool and the pool's threads all render pages and read rows).
/// Measured at 200 cities after the same load: 48 MB with two arenas, 54 MB with glibc's 16.
/// `MALLOC_ARENA_MAX`, if set, wins.
const ARENAS: i32 = 2;

/// Limits the arenas ([`ARENAS`]). Call it before any thread exists: a limit set later leaves
/// the arenas threads already made.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn limit_arenas() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
            return;
        }
        // SAFETY: mallopt only sets a tuning parameter of the allocator; it takes no pointer
        // and glibc serialises it with allocations.
        if unsafe { libc::mallopt(libc::M_ARENA_MAX, ARENAS) } != 1 {
            tracing::warn!("could not limit the allocator's arenas; memory may grow under load");
        }
    });
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn limit_arenas() {}

/// Makes argon2's memory go back to the system as soon as it is freed. glibc serves a block
/// this large from a mapping of its own, unmapped when freed, until the first such block is
/// freed: then it raises its threshold for that above the block's size, and from there on each
/// thread's heap keeps the 19 MiB it hashed with (28 concurrent sign-ins left the server at
/// 480 MB). A fixed threshold (4 MiB, above anything but such buffers) keeps the first
/// behaviour. `auth::password` calls it before the first password is hashed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn return_large_blocks_when_freed() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: as in `limit_arenas`.
        let set = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20) };
        if set != 1 {
            tracing::warn!("could not set the allocator's mapping threshold; memory may stay high after sign-ins");
        }
    });
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn return_large_blocks_when_freed() {}

/// Requests answered so far (`metrics::middleware` counts them), so the trimmer can tell a
/// burst from a quiet moment.
static ANSWERED: AtomicU64 = AtomicU64::new(0);

/// Counts one answered request.
pub fn answered() {
    ANSWERED.fetch_add(1, Ordering::Relaxed);
}

/// How often the trimmer looks at the request count.
const LOOK_EVERY: Duration = Duration::from_millis(500);

/// Starts the thread that gives free heap memory back to the system once requests stop coming:
/// when the count of answered requests moved since the trimmer last looked and then stood still
/// for [`LOOK_EVERY`], it calls `malloc_trim(0)`, once. glibc gives back on its own only what is
/// free at the top of a heap; a burst of requests leaves free memory inside the heaps too (the
/// network overview computed again, pages rendered, rows read), and without this the process
/// holds it until the next burst reuses it. Never during a burst, at most once a second, and a
/// trim takes about a millisecond (measured with 30 MB of heap: after the benchmark's load at
/// 10,000 cities it gave back 3 to 4 MB). For `serve` only; the thread lives as long as the
/// process.
pub fn trim_when_quiet() -> std::io::Result<()> {
    std::thread::Builder::new().name("allocator-trim".into()).spawn(|| {
        let mut seen = ANSWERED.load(Ordering::Relaxed);
        let mut busy = false;
        loop {
            std::thread::sleep(LOOK_EVERY);
            let now = ANSWERED.load(Ordering::Relaxed);
            if now != seen {
                seen = now;
                busy = true;
            } else if busy {
                busy = false;
                let started = std::time::Instant::now();
                trim();
                tracing::debug!(
                    took_us = started.elapsed().as_micros() as u64,
                    "gave free heap memory back to the system"
                );
            }
        }
    })?;
    Ok(())
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn trim() {
    // SAFETY: malloc_trim takes no pointer; glibc locks each arena while it walks it.
    unsafe { libc::malloc_trim(0) };
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim() {}
