//! Password hashing with argon2id, a few at a time.
//!
//! Hashing or checking a password takes argon2's memory (19 MiB with the crate's recommended
//! cost) and a core for tens of milliseconds. Anyone can ask for it without an account (a
//! failed sign-in checks a password too), so the whole process does at most [`AT_ONCE`] at a
//! time: a request waits up to [`WAIT`] for its turn, and is then refused with
//! [`ApiError::Busy`] (503 with `Retry-After`). Every route that hashes or checks a password goes
//! through here (sign-in, invitation, password links, password change, `user add`), and the
//! memory goes back to the system as each one ends (`crate::allocator::return_large_blocks_when_freed`).
//!
//! The throttle (`super::throttle`) stays in front: a locked address is refused before its
//! password would be checked, and takes no turn. Callers run in `web::block`, never on an
//! actix worker thread.

use crate::error::{ApiError, ApiResult};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Passwords hashed or checked at the same time, in the whole process, unless [`configure`]d
/// (`sign_in.hashing_at_once`).
pub const AT_ONCE: usize = 2;
/// How long a request waits for a turn before it is refused, unless [`configure`]d
/// (`sign_in.hashing_wait_ms`).
pub const WAIT: Duration = Duration::from_secs(2);
/// The `Retry-After` of a refusal, in seconds.
pub const RETRY_AFTER_SECONDS: u64 = 2;

pub fn hash(password: &str) -> ApiResult<String> {
    let _turn = gate().take()?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default() // argon2id, v19, with the crate's recommended cost
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Unexpected(anyhow::anyhow!("hashing password: {e}")))
}

/// Whether `password` matches the stored hash; `Err` only when no turn came in time.
pub fn verify(password: &str, stored: &str) -> ApiResult<bool> {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return Ok(false);
    };
    let _turn = gate().take()?;
    Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A random password for people who did not choose one (printed once by the CLI).
pub fn generate() -> String {
    crate::auth::tokens::random_string(18)
}

/// Turns at hashing: at most `at_once` taken, the rest wait up to `wait`.
struct Gate {
    at_once: usize,
    wait: Duration,
    taken: Mutex<usize>,
    given_back: Condvar,
}

/// The process's gate, shared by every caller.
static GATE: std::sync::OnceLock<Gate> = std::sync::OnceLock::new();

fn gate() -> &'static Gate {
    GATE.get_or_init(|| Gate::new(AT_ONCE, WAIT))
}

/// Sets the process's bound: `at_once` passwords at a time, others waiting up to `wait`. The
/// server calls it at start-up from `sign_in.hashing_at_once` and `sign_in.hashing_wait_ms`;
/// the first call wins (later ones, e.g. a second server in the same test process, return
/// false); without it, [`AT_ONCE`] and [`WAIT`].
pub fn configure(at_once: usize, wait: Duration) -> bool {
    GATE.set(Gate::new(at_once.max(1), wait)).is_ok()
}

impl Gate {
    const fn new(at_once: usize, wait: Duration) -> Gate {
        Gate { at_once, wait, taken: Mutex::new(0), given_back: Condvar::new() }
    }

    fn taken(&self) -> MutexGuard<'_, usize> {
        self.taken.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn take(&self) -> ApiResult<Turn<'_>> {
        crate::allocator::return_large_blocks_when_freed();
        let deadline = Instant::now() + self.wait;
        let mut taken = self.taken();
        while *taken >= self.at_once {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                tracing::warn!(at_once = self.at_once, "password hashing busy; a request was refused with 503");
                return Err(ApiError::Busy {
                    detail: "too many sign-ins and password changes at this moment; try again in a few seconds".into(),
                    retry_after_seconds: RETRY_AFTER_SECONDS,
                });
            }
            taken = self.given_back.wait_timeout(taken, left).unwrap_or_else(|poisoned| poisoned.into_inner()).0;
        }
        *taken += 1;
        Ok(Turn(self))
    }
}

/// One turn; given back when dropped.
struct Turn<'a>(&'a Gate);

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        *self.0.taken() -= 1;
        self.0.given_back.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse", &h).unwrap());
        assert!(!verify("wrong", &h).unwrap());
        assert!(!verify("anything", "not a hash").unwrap());
    }

    #[test]
    fn at_most_a_few_at_once_and_the_rest_wait_then_are_refused() {
        static GATE: Gate = Gate::new(2, Duration::from_millis(300));
        let held: Vec<Turn<'_>> = (0..2).map(|_| GATE.take().unwrap()).collect();
        let started = Instant::now();
        let refused = GATE.take().err().expect("no turn while all are held");
        assert!(started.elapsed() >= Duration::from_millis(300), "waited {:?}", started.elapsed());
        assert!(matches!(refused, ApiError::Busy { retry_after_seconds: RETRY_AFTER_SECONDS, .. }), "{refused:?}");
        // A turn given back goes to a request that is waiting.
        let waiter = std::thread::spawn(|| GATE.take().map(|_| ()));
        std::thread::sleep(Duration::from_millis(50));
        drop(held);
        assert!(waiter.join().unwrap().is_ok());
        assert_eq!(*GATE.taken(), 0);
    }
}
