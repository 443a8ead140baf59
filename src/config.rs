//! Layered configuration: built-in defaults, ./config files, then environment variables.

use crate::db::DatabaseUrl;
use anyhow::Context;
use config::{Config, Environment, File, FileFormat};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

const BUILT_IN_BASE: &str = include_str!("../config/base.toml");

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub charters: ChartersSettings,
    pub log: LogSettings,
    pub check_ins: CheckInSettings,
    pub network: NetworkSettings,
    pub reminders: crate::reminders::plan::ReminderPolicy,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkSettings {
    pub name: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckInSettings {
    pub schedule: String,
    pub time_zone: String,
    pub due_days: u32,
    pub scheduler_poll_seconds: u64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub bind: String,
    pub public_url: String,
    pub workers: usize,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    pub url: String,
    pub pool_size: u32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartersSettings {
    pub dir: PathBuf,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub filter: String,
    pub format: String,
}

impl Settings {
    /// Reads every layer from the working directory and the process environment.
    pub fn load() -> anyhow::Result<Self> {
        Self::load_from(Path::new("config"), |k| std::env::var(k).ok())
    }

    /// Reads the layers from `config_dir`, with `env` standing in for the process environment.
    pub fn load_from(config_dir: &Path, env: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let environment = env("CHARTER_TRACKER_ENV").unwrap_or_else(|| "local".into());
        if !matches!(environment.as_str(), "local" | "production") {
            anyhow::bail!(
                "CHARTER_TRACKER_ENV is `{environment}`; accepted values are `local` and `production`"
            );
        }
        let vars: std::collections::HashMap<String, String> = std::env::vars()
            .filter(|(k, _)| k.starts_with("CHARTER_TRACKER__"))
            .filter_map(|(k, _)| env(&k).map(|v| (k, v)))
            .collect();
        let mut builder = Config::builder()
            .add_source(File::from_str(BUILT_IN_BASE, FileFormat::Toml))
            .add_source(File::from(config_dir.join("base.toml")).required(false))
            .add_source(File::from(config_dir.join(format!("{environment}.toml"))).required(false))
            .add_source(
                Environment::with_prefix("CHARTER_TRACKER")
                    .prefix_separator("__")
                    .separator("__")
                    .try_parsing(true)
                    .source(Some(vars)),
            );
        if let Some(url) = env("DATABASE_URL").filter(|u| !u.is_empty()) {
            builder = builder.set_override("database.url", url)?;
        }
        let settings: Settings = builder
            .build()
            .context("reading configuration")?
            .try_deserialize()
            .map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks values whose type alone does not make them valid, naming the key.
    fn validate(&self) -> anyhow::Result<()> {
        self.server.bind.parse::<SocketAddr>().map_err(|_| {
            anyhow::anyhow!(
                "configuration key server.bind: `{}` is not an address; expected HOST:PORT such as 127.0.0.1:8080",
                self.server.bind
            )
        })?;
        let public = url::Url::parse(&self.server.public_url).map_err(|e| {
            anyhow::anyhow!("configuration key server.public_url: `{}` is not a URL ({e})", self.server.public_url)
        })?;
        if !matches!(public.scheme(), "http" | "https") {
            anyhow::bail!("configuration key server.public_url: must start with http:// or https://");
        }
        self.database_url()?;
        if self.database.pool_size == 0 {
            anyhow::bail!("configuration key database.pool_size: must be at least 1");
        }
        if !matches!(self.log.format.as_str(), "text" | "json") {
            anyhow::bail!(
                "configuration key log.format: `{}` is not accepted; use `text` or `json`",
                self.log.format
            );
        }
        self.schedule()?;
        if self.check_ins.due_days == 0 {
            anyhow::bail!("configuration key check_ins.due_days: must be at least 1");
        }
        if self.check_ins.scheduler_poll_seconds == 0 {
            anyhow::bail!("configuration key check_ins.scheduler_poll_seconds: must be at least 1");
        }
        tracing_subscriber::EnvFilter::try_new(&self.log.filter)
            .map_err(|e| anyhow::anyhow!("configuration key log.filter: {e}"))?;
        Ok(())
    }

    pub fn database_url(&self) -> anyhow::Result<DatabaseUrl> {
        DatabaseUrl::parse(&self.database.url)
            .map_err(|e| anyhow::anyhow!("configuration key database.url (or DATABASE_URL): {e}"))
    }

    /// The configured check-in schedule; errors name the key at fault.
    pub fn schedule(&self) -> anyhow::Result<crate::check_ins::schedule::Schedule> {
        use crate::check_ins::schedule::{Schedule, ScheduleError};
        Schedule::parse(&self.check_ins.schedule, &self.check_ins.time_zone).map_err(|e| {
            let key = match e {
                ScheduleError::InvalidExpression { .. } => "check_ins.schedule",
                ScheduleError::InvalidTimeZone { .. } => "check_ins.time_zone",
            };
            anyhow::anyhow!("configuration key {key}: {e}")
        })
    }

    /// The public base URL without a trailing slash.
    pub fn public_base(&self) -> &str {
        self.server.public_url.trim_end_matches('/')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)]) -> anyhow::Result<Settings> {
        let vars: HashMap<String, String> =
            vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let dir = tempfile::tempdir().unwrap();
        Settings::load_from(dir.path(), |k| vars.get(k).cloned())
    }

    #[test]
    fn built_in_defaults_need_no_files() {
        let s = load(&[]).unwrap();
        assert_eq!(s.server.bind, "127.0.0.1:8080");
        assert!(matches!(s.database_url().unwrap(), DatabaseUrl::Sqlite(_)));
    }

    #[test]
    fn database_url_variable_overrides_the_file() {
        let s = load(&[("DATABASE_URL", "postgres://postgres@127.0.0.1/x")]).unwrap();
        assert!(s.database_url().unwrap().is_postgres());
    }

    #[test]
    fn bad_values_name_the_key() {
        let e = load(&[("DATABASE_URL", "mysql://x")]).unwrap_err().to_string();
        assert!(e.contains("database.url"), "{e}");
        let e = load(&[("CHARTER_TRACKER_ENV", "staging")]).unwrap_err().to_string();
        assert!(e.contains("CHARTER_TRACKER_ENV"), "{e}");
    }

    #[test]
    fn a_bad_schedule_or_time_zone_names_the_key() {
        let e = load(&[("CHARTER_TRACKER__CHECK_INS__SCHEDULE", "0 0 32 * *")]).unwrap_err().to_string();
        assert!(e.contains("check_ins.schedule"), "{e}");
        let e = load(&[("CHARTER_TRACKER__CHECK_INS__TIME_ZONE", "Europe/Brusels")]).unwrap_err().to_string();
        assert!(e.contains("check_ins.time_zone") && e.contains("Europe/Brusels"), "{e}");
        let s = load(&[("CHARTER_TRACKER__CHECK_INS__SCHEDULE", "0 0 9 1 * Mon")]).unwrap();
        assert_eq!(s.check_ins.schedule, "0 0 9 1 * Mon");
    }

    #[test]
    fn a_file_layer_overrides_the_defaults_and_typos_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("base.toml"), "[server]\nbind = \"0.0.0.0:9999\"\n").unwrap();
        let s = Settings::load_from(dir.path(), |_| None).unwrap();
        assert_eq!(s.server.bind, "0.0.0.0:9999");
        std::fs::write(dir.path().join("local.toml"), "[server]\nbnid = \"x\"\n").unwrap();
        let e = format!("{:#}", Settings::load_from(dir.path(), |_| None).unwrap_err());
        assert!(e.contains("bnid"), "{e}");
        std::fs::write(dir.path().join("local.toml"), "[database]\npool_size = \"many\"\n").unwrap();
        let e = format!("{:#}", Settings::load_from(dir.path(), |_| None).unwrap_err());
        assert!(e.contains("pool_size"), "{e}");
    }
}
