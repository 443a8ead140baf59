//! charter-tracker: cities' action plans against the EUROCITIES Charter on Integrating Cities.

pub mod actions;
pub mod app;
pub mod auth;
pub mod charter;
pub mod check_ins;
pub mod cities;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod history;
pub mod http;
pub mod i18n;
pub mod ids;
pub mod indicators;
pub mod mail;
pub mod openapi;
pub mod pages;
pub mod plans;
pub mod reminders;
pub mod reports;
pub mod scheduler;
pub mod startup;
pub mod telemetry;
pub mod validation;
