//! Integration tests: the real application over HTTP, on SQLite by default and on PostgreSQL
//! when TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/postgres).

// Tests set the application's clock and stamp fixtures with real instants; the rule that time
// comes from the clock (clippy.toml) is for the application's own code.
#![allow(clippy::disallowed_methods)]

mod access;
mod actions;
mod admin_pages;
mod backup;
mod charter;
mod check_ins;
mod cities;
mod conditional_get;
mod demo;
mod edge;
mod exchange;
mod exchange_pages;
mod first_run;
mod helpers;
mod history;
mod learning;
mod mail;
mod migrations;
mod openapi;
mod operations;
mod pages;
mod peer_reviews;
mod plan_pages;
mod plans;
mod privacy;
mod reports;
mod reviews;
mod search;
mod sign_in;
#[allow(dead_code)]
mod smtp_sink;
mod stale;
mod verification;
mod web_client;
