//! Opening a PostgreSQL connection, the one way the process does it (the pool's connections
//! and the change feed's), and what that brings into the process.
//!
//! libpq encrypts with OpenSSL and, when built with GSSAPI (the system's libpq on Debian is; the
//! one linked in here, pq-sys's `bundled`, is not), first tries Kerberos encryption unless told
//! otherwise. Both libraries tear down shared state when the process exits (OpenSSL in an
//! `atexit` handler, Kerberos in its library destructor) while other threads may still be
//! connecting or reading: the pool's threads, the change feed's listener, a test's servers.
//! Such a thread then touches freed state and the process dies at exit with SIGSEGV (OpenSSL)
//! or SIGABRT (Kerberos: "k5_mutex_lock: Received error 22"), after its work is done but with a
//! failure status. It happened to the test process in CI after every test had passed; 16
//! threads connecting while `main` returned died so one run in three (`tests/exit.rs`).
//!
//! So, before the first connection:
//! - OpenSSL is told not to clean up at exit (`OPENSSL_INIT_NO_ATEXIT`, as the `openssl` crate
//!   does for the same reason); the memory is the system's again when the process ends anyway.
//! - GSSAPI encryption is not tried unless asked for: a URL without `gssencmode` (and no
//!   `PGGSSENCMODE` in the environment) gets `gssencmode=disable`. TLS (`sslmode`) is unchanged.
//!   With a libpq that has GSSAPI, Kerberos then stays out of the process; a deployment that
//!   uses it says `gssencmode=prefer` or `require` and keeps the exit race described above.

use diesel::pg::PgConnection;
use diesel::{Connection, ConnectionResult};
use std::borrow::Cow;

/// Opens a connection to `url` (a libpq URL), after [`prepare`].
pub fn establish(url: &str) -> ConnectionResult<PgConnection> {
    prepare();
    PgConnection::establish(&without_gss_unless_asked(url))
}

/// `url` with `gssencmode=disable` added, unless it or the environment chooses a mode.
pub(crate) fn without_gss_unless_asked(url: &str) -> Cow<'_, str> {
    if url.contains("gssencmode=") || std::env::var_os("PGGSSENCMODE").is_some() {
        return Cow::Borrowed(url);
    }
    let joiner = if url.contains('?') { '&' } else { '?' };
    Cow::Owned(format!("{url}{joiner}gssencmode=disable"))
}

/// Once per process: OpenSSL is initialised without its exit handler, if libpq brought it.
fn prepare() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(keep_openssl_past_exit);
}

#[cfg(all(unix, not(target_os = "macos")))]
#[allow(unsafe_code)]
fn keep_openssl_past_exit() {
    /// `OPENSSL_INIT_NO_ATEXIT` (openssl/crypto.h, OpenSSL 1.1.1 and later).
    const NO_ATEXIT: u64 = 0x0008_0000;
    type Init = unsafe extern "C" fn(u64, *const libc::c_void) -> libc::c_int;
    // libcrypto is in the process when libpq was built with OpenSSL (it is a dependency of
    // libpq, loaded with it); looked up rather than linked so a libpq without it still works.
    // SAFETY: dlsym with RTLD_DEFAULT and a NUL-terminated name only reads the loaded
    // libraries' symbol tables.
    let found = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c"OPENSSL_init_crypto".as_ptr()) };
    if found.is_null() {
        return;
    }
    // SAFETY: `OPENSSL_init_crypto(uint64_t opts, const OPENSSL_INIT_SETTINGS *settings)` has
    // this signature in every OpenSSL that exports it; a null settings pointer is documented.
    // The first call decides whether the exit handler is registered, and no connection (so no
    // call of libpq's) has been made yet.
    let init: Init = unsafe { std::mem::transmute::<*mut libc::c_void, Init>(found) };
    if unsafe { init(NO_ATEXIT, std::ptr::null()) } != 1 {
        tracing::warn!("could not initialise OpenSSL without its exit handler; the process may crash as it exits");
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn keep_openssl_past_exit() {}

#[cfg(test)]
mod tests {
    use super::without_gss_unless_asked as url;

    #[test]
    fn gss_encryption_is_off_unless_the_url_chooses() {
        if std::env::var_os("PGGSSENCMODE").is_some() {
            return;
        }
        assert_eq!(url("postgres://u@h/db"), "postgres://u@h/db?gssencmode=disable");
        assert_eq!(url("postgres://u@h/db?sslmode=require"), "postgres://u@h/db?sslmode=require&gssencmode=disable");
        assert_eq!(url("postgres://u@h/db?gssencmode=prefer"), "postgres://u@h/db?gssencmode=prefer");
    }
}
