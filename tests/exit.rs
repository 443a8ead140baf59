//! The process exits cleanly while other threads are connecting to PostgreSQL (`db::libpq`).
//!
//! libpq's TLS and Kerberos libraries tore their state down at exit under threads still using
//! it, and the test process died with SIGSEGV after every test had passed. Whether a thread is
//! inside those libraries at the instant of exit is chance, so this runs a child process many
//! times: sixteen threads open connections (each a TLS handshake when the server offers TLS, as
//! PostgreSQL on Debian does) while `main` returns. Before the cure a third of the children
//! died; twenty runs all passing by luck would have had a chance of about one in 4,000.
//!
//! A test of its own with its own `main` (`harness = false` in Cargo.toml): the child is this
//! same binary, and exiting while threads run is what is tested, which libtest's threads would
//! blur. On SQLite (no `TEST_DATABASE_URL`) there is no libpq connection to test, and it says so.

use std::process::{Command, ExitCode};
use std::time::Duration;

const CHILD: &str = "CT_EXIT_TEST_CHILD";
const RUNS: usize = 20;
const THREADS: usize = 16;

fn main() -> ExitCode {
    let Some(url) = std::env::var("TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres")) else {
        println!("exit: skipped, TEST_DATABASE_URL names no PostgreSQL server (SQLite opens no libpq connection)");
        return ExitCode::SUCCESS;
    };
    if std::env::var_os(CHILD).is_some() {
        return child(&url);
    }
    let me = std::env::current_exe().expect("the test binary's path");
    let mut failed = Vec::new();
    for run in 1..=RUNS {
        let out = Command::new(&me).env(CHILD, "1").output().expect("starting the child");
        if !out.status.success() {
            failed.push(format!("run {run}: {} (stderr: {})", out.status, String::from_utf8_lossy(&out.stderr).trim()));
        }
    }
    if failed.is_empty() {
        println!("exit: {RUNS} processes exited cleanly with {THREADS} threads connecting to PostgreSQL each");
        ExitCode::SUCCESS
    } else {
        eprintln!("exit: {} of {RUNS} processes did not exit cleanly:\n{}", failed.len(), failed.join("\n"));
        ExitCode::FAILURE
    }
}

/// Threads connect and query until `main` returns under them.
fn child(url: &str) -> ExitCode {
    use diesel::connection::SimpleConnection;
    for _ in 0..THREADS {
        let url = url.to_string();
        std::thread::spawn(move || loop {
            match charter_tracker::db::libpq::establish(&url) {
                Ok(mut c) => {
                    let _ = c.batch_execute("SELECT 1");
                }
                Err(e) => {
                    eprintln!("connecting: {e}");
                    std::process::exit(3);
                }
            }
        });
    }
    std::thread::sleep(Duration::from_millis(400));
    ExitCode::SUCCESS
}
