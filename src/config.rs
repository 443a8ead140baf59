//! Layered configuration: built-in defaults, ./config files, then environment variables.

use crate::db::DatabaseUrl;
use anyhow::Context;
use config::{Config, Environment, File, FileFormat};
use serde::Deserialize;
use std::collections::HashMap;
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
    pub mail: MailSettings,
    pub check_ins: CheckInSettings,
    pub network: NetworkSettings,
    pub reminders: crate::reminders::plan::ReminderPolicy,
    pub sign_in: SignInSettings,
    pub reports: ReportSettings,
    pub actions: ActionSettings,
    pub exports: ExportSettings,
    pub metrics: MetricsSettings,
}

/// `[metrics]`: who may read `GET /metrics`.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsSettings {
    /// The bearer token a scraper sends; empty (with `allow_from` empty too) turns `/metrics`
    /// off (404).
    pub token: String,
    /// Addresses (`10.0.0.5`) or networks (`10.0.0.0/8`, `fd00::/8`) that may read
    /// `/metrics` without the token.
    #[serde(default)]
    pub allow_from: Vec<String>,
    /// Reverse proxies whose `X-Forwarded-For` is believed for `allow_from`: when the request
    /// comes from one of them, the client is the last address of that header (the one the
    /// proxy added; what a client sends itself comes before it). Empty: the header is ignored.
    #[serde(default)]
    pub forwarded_by: Vec<String>,
}

impl std::fmt::Debug for MetricsSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let token = if self.token.is_empty() { "(empty: /metrics off)" } else { "****" };
        f.debug_struct("MetricsSettings")
            .field("token", &token)
            .field("allow_from", &self.allow_from)
            .field("forwarded_by", &self.forwarded_by)
            .finish()
    }
}

/// An address or a network, as `allow_from` and `forwarded_by` take them.
fn parse_net(s: &str) -> Option<ipnet::IpNet> {
    let s = s.trim();
    s.parse::<ipnet::IpNet>().ok().or_else(|| s.parse::<std::net::IpAddr>().ok().map(ipnet::IpNet::from))
}

fn any_contains(list: &[String], ip: std::net::IpAddr) -> bool {
    list.iter().filter_map(|s| parse_net(s)).any(|n| n.contains(&ip))
}

impl MetricsSettings {
    /// Whether `/metrics` is served at all.
    pub fn enabled(&self) -> bool {
        !self.token.is_empty() || !self.allow_from.is_empty()
    }

    /// The client's address for `allow_from`: the TCP peer, or when the peer is a proxy in
    /// `forwarded_by`, the last address of its `X-Forwarded-For`.
    pub fn client(&self, peer: std::net::IpAddr, forwarded_for: Option<&str>) -> Option<std::net::IpAddr> {
        if !any_contains(&self.forwarded_by, peer) {
            return Some(peer);
        }
        match forwarded_for {
            None => Some(peer),
            Some(h) => h.rsplit(',').next().and_then(|last| last.trim().parse().ok()),
        }
    }

    /// Whether this client address may read `/metrics` without the token.
    pub fn allows(&self, client: std::net::IpAddr) -> bool {
        any_contains(&self.allow_from, client)
    }

    fn validate(&self) -> anyhow::Result<()> {
        for (key, list) in [("allow_from", &self.allow_from), ("forwarded_by", &self.forwarded_by)] {
            if let Some(bad) = list.iter().find(|s| parse_net(s).is_none()) {
                anyhow::bail!(
                    "configuration key metrics.{key}: `{bad}` is not an address or a network; accepted: an IPv4 or IPv6 address, or a network such as 10.0.0.0/8"
                );
            }
        }
        if self.token.is_empty() {
            return Ok(());
        }
        if self.token.len() < 16 {
            anyhow::bail!(
                "configuration key metrics.token: is {} characters long; accepted: empty (no /metrics) or at least 16 characters",
                self.token.len()
            );
        }
        if !self.token.chars().all(|c| c.is_ascii_graphic()) {
            anyhow::bail!(
                "configuration key metrics.token: holds a space, a control or a non-ASCII character; accepted: printable ASCII (it travels in an Authorization header)"
            );
        }
        Ok(())
    }
}

/// `[actions]`: when an open action that nobody updates counts as stale.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionSettings {
    /// Days without an update after which an open action is stale (1 or more).
    pub stale_after_days: u32,
}

/// `[exports]`: the licence the public open-data export is published under.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportSettings {
    /// An SPDX-style identifier, e.g. CC-BY-4.0.
    pub licence_name: String,
    pub licence_title: String,
    pub licence_url: String,
}

/// `[sign_in]`: browser sessions, throttling of failed sign-ins, and password links.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInSettings {
    pub idle_minutes: u32,
    pub absolute_hours: u32,
    pub max_failures: u32,
    pub max_failures_per_ip: u32,
    pub lockout_minutes: u32,
    pub reset_link_minutes: u32,
    pub invitation_days: u32,
    pub trust_forwarded_for: bool,
    /// Passwords hashed or checked at once in the process (`auth::password`).
    pub hashing_at_once: u32,
    /// How long a request waits for its turn at hashing before a 503, in milliseconds.
    pub hashing_wait_ms: u64,
}

impl SignInSettings {
    fn validate(&self) -> anyhow::Result<()> {
        for (key, value) in [
            ("idle_minutes", self.idle_minutes),
            ("absolute_hours", self.absolute_hours),
            ("max_failures", self.max_failures),
            ("max_failures_per_ip", self.max_failures_per_ip),
            ("lockout_minutes", self.lockout_minutes),
            ("reset_link_minutes", self.reset_link_minutes),
            ("invitation_days", self.invitation_days),
            ("hashing_at_once", self.hashing_at_once),
        ] {
            if value == 0 {
                anyhow::bail!("configuration key sign_in.{key}: must be at least 1");
            }
        }
        if self.hashing_at_once > 64 {
            anyhow::bail!(
                "configuration key sign_in.hashing_at_once: is {}; accepted: 1 to 64 (each takes 19 MiB while it runs)",
                self.hashing_at_once
            );
        }
        if self.hashing_wait_ms > 30_000 {
            anyhow::bail!(
                "configuration key sign_in.hashing_wait_ms: is {}; accepted: 0 to 30000",
                self.hashing_wait_ms
            );
        }
        if u64::from(self.idle_minutes) > u64::from(self.absolute_hours) * 60 {
            anyhow::bail!(
                "configuration key sign_in.idle_minutes: is {}, longer than sign_in.absolute_hours ({} h); accepted: at most absolute_hours × 60",
                self.idle_minutes,
                self.absolute_hours
            );
        }
        Ok(())
    }
}

/// `[reports]`: the outcomes report.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// Cron (same syntax as check_ins.schedule, read in check_ins.time_zone): when a cycle's draft is compiled.
    pub schedule: String,
    /// Length of a reporting cycle in calendar years (1 to 10).
    pub cycle_years: u32,
    /// A year in which a cycle starts.
    pub cycle_anchor_year: i32,
    /// Sensitive aggregates over fewer cities than this are withheld publicly (1 or more).
    pub suppression_threshold: u32,
    /// Report template overrides, used file by file where present.
    pub templates_dir: PathBuf,
    /// Where this instance keeps its copies of published outputs to serve them from
    /// (`reports::files`); created when first needed.
    pub cache_dir: PathBuf,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkSettings {
    pub name: String,
    /// The language of pages for a visitor who chose none and whose browser asks for none we
    /// speak (`en`, `fr`, `de`).
    #[serde(default = "default_language")]
    pub default_language: String,
    /// Offers the pseudo-language `en-XA` (every message marked), for the test that finds text
    /// outside the message files. Off in production.
    #[serde(default)]
    pub pseudo_language: bool,
}

fn default_language() -> String {
    "en".into()
}

impl NetworkSettings {
    /// `default_language` as a language (checked at start-up).
    pub fn default_language(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::from_tag(&self.default_language).unwrap_or_default()
    }
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

/// `server.public_url`'s built-in value: links point at the default address.
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

impl ServerSettings {
    /// Listens on `bind` (`serve --bind`); links in emails follow it unless `public_url` was
    /// configured, since a tracker moved to another port must not email links to the old one.
    /// An unspecified address (0.0.0.0, ::) cannot be linked to: links then use 127.0.0.1 and a
    /// warning asks for `server.public_url`.
    pub fn follow_bind(&mut self, bind: &str) {
        self.bind = bind.to_string();
        if self.public_url.trim_end_matches('/') != DEFAULT_PUBLIC_URL {
            return;
        }
        let Ok(addr) = bind.parse::<std::net::SocketAddr>() else { return };
        let host = if addr.ip().is_unspecified() {
            tracing::warn!(%bind, "links in emails will point at 127.0.0.1; set server.public_url to the address people use");
            format!("127.0.0.1:{}", addr.port())
        } else {
            addr.to_string()
        };
        self.public_url = format!("http://{host}");
    }
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

/// `[mail]`: the outbox and how it is delivered.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    /// The sender, `Name <address>` or an address.
    pub from: String,
    pub transport: MailTransportKind,
    /// Where the file transport writes `.eml` files.
    pub outbox_dir: PathBuf,
    /// Template override folder, used only if it exists.
    pub templates_dir: PathBuf,
    pub max_attempts: u32,
    pub retry_base_seconds: u64,
    pub claim_seconds: u64,
    pub batch_size: u32,
    pub poll_seconds: u64,
    /// Days a sent email keeps its recipient and bodies (`mail::outbox::erase_old_sent`).
    pub retention_days: u32,
    pub smtp: SmtpSettings,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransportKind {
    File,
    Smtp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS, which is required.
    Starttls,
    /// TLS from the first byte (SMTPS).
    Tls,
    /// No encryption: for a relay on the same host or network only.
    None,
}

/// `[mail.smtp]`. Debug output never shows the password.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: String,
    pub password: String,
    pub timeout_seconds: u64,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &if self.password.is_empty() { "" } else { "****" })
            .field("timeout_seconds", &self.timeout_seconds)
            .finish()
    }
}

/// Longest wait between two delivery attempts.
pub const MAX_RETRY_DELAY: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

impl MailSettings {
    /// The sender as a mailbox (checked by `Settings::validate`).
    pub fn from_mailbox(&self) -> anyhow::Result<lettre::message::Mailbox> {
        self.from
            .parse()
            .map_err(|e| anyhow::anyhow!("configuration key mail.from: `{}` is not an email address ({e})", self.from))
    }

    /// The domain of the sender's address, which ends every Message-ID.
    pub fn from_domain(&self) -> String {
        self.from_mailbox().map(|m| m.email.domain().to_string()).unwrap_or_else(|_| "charter-tracker.localhost".into())
    }

    /// The template override folder, when it exists.
    pub fn templates_override(&self) -> Option<&Path> {
        Some(self.templates_dir.as_path()).filter(|d| d.is_dir())
    }

    /// The wait before the next attempt after `attempts` failed ones (1 or more):
    /// retry_base_seconds * 2^(attempts - 1), at most 6 hours.
    pub fn retry_delay(&self, attempts: i32) -> std::time::Duration {
        let doublings = attempts.saturating_sub(1).clamp(0, 30) as u32;
        let secs = self.retry_base_seconds.saturating_mul(1u64 << doublings);
        std::time::Duration::from_secs(secs).min(MAX_RETRY_DELAY)
    }

    fn validate(&self) -> anyhow::Result<()> {
        self.from_mailbox()?;
        let positive = [
            ("max_attempts", u64::from(self.max_attempts)),
            ("retry_base_seconds", self.retry_base_seconds),
            ("claim_seconds", self.claim_seconds),
            ("batch_size", u64::from(self.batch_size)),
            ("poll_seconds", self.poll_seconds),
            ("retention_days", u64::from(self.retention_days)),
            ("smtp.timeout_seconds", self.smtp.timeout_seconds),
        ];
        for (key, value) in positive {
            if value == 0 {
                anyhow::bail!("configuration key mail.{key}: must be at least 1");
            }
        }
        if self.batch_size > 10_000 {
            anyhow::bail!("configuration key mail.batch_size: is {}; accepted: 1 to 10000", self.batch_size);
        }
        if self.claim_seconds < 10 {
            anyhow::bail!(
                "configuration key mail.claim_seconds: is {}; must be at least 10, longer than sending one email takes",
                self.claim_seconds
            );
        }
        if self.transport == MailTransportKind::Smtp && self.claim_seconds < 10 * self.smtp.timeout_seconds {
            anyhow::bail!(
                "configuration key mail.claim_seconds: is {}; must be at least 10 times mail.smtp.timeout_seconds ({}): \
                 a worker starts an email only with half of its claim left, which must cover the SMTP exchange \
                 (each of its steps may wait the timeout)",
                self.claim_seconds,
                self.smtp.timeout_seconds
            );
        }
        if self.transport == MailTransportKind::Smtp {
            let host = self.smtp.host.trim();
            if host.is_empty() {
                anyhow::bail!(
                    "configuration key mail.smtp.host: is empty, but mail.transport is `smtp`; \
                     set it (or CHARTER_TRACKER__MAIL__SMTP__HOST) to the SMTP server's name"
                );
            }
            if host.contains(['/', ' ', ':']) {
                anyhow::bail!(
                    "configuration key mail.smtp.host: `{host}` is not a host name; give the name only, \
                     and the port in mail.smtp.port"
                );
            }
            if self.smtp.port == 0 {
                anyhow::bail!("configuration key mail.smtp.port: must be 1 to 65535");
            }
            if self.smtp.username.is_empty() != self.smtp.password.is_empty() {
                anyhow::bail!("configuration keys mail.smtp.username and mail.smtp.password: give both or neither");
            }
        }
        Ok(())
    }
}

impl Settings {
    /// Reads every layer from the working directory and the process environment.
    pub fn load() -> anyhow::Result<Self> {
        Self::load_from(Path::new("config"), &std::env::vars().collect())
    }

    /// Reads the layers from `config_dir`, with `vars` standing in for the process environment.
    pub fn load_from(config_dir: &Path, vars: &HashMap<String, String>) -> anyhow::Result<Self> {
        let env = |k: &str| vars.get(k).cloned();
        let environment = env("CHARTER_TRACKER_ENV").unwrap_or_else(|| "local".into());
        if !matches!(environment.as_str(), "local" | "production") {
            anyhow::bail!("CHARTER_TRACKER_ENV is `{environment}`; accepted values are `local` and `production`");
        }
        let overrides: HashMap<String, String> = vars
            .iter()
            .filter(|(k, _)| k.starts_with("CHARTER_TRACKER__"))
            .map(|(k, v)| (k.clone(), v.clone()))
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
                    .source(Some(overrides)),
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
            anyhow::bail!("configuration key log.format: `{}` is not accepted; use `text` or `json`", self.log.format);
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
        if crate::i18n::Lang::from_tag(&self.network.default_language)
            .is_none_or(|l| !crate::i18n::Lang::OFFERED.contains(&l))
        {
            anyhow::bail!(
                "configuration key network.default_language: `{}` is not a language this service offers; accepted: en, fr, de",
                self.network.default_language
            );
        }
        self.mail.validate()?;
        self.sign_in.validate()?;
        self.metrics.validate()?;
        self.report_schedule()?;
        if !(1..=10).contains(&self.reports.cycle_years) {
            anyhow::bail!("configuration key reports.cycle_years: is {}; accepted: 1 to 10", self.reports.cycle_years);
        }
        if self.actions.stale_after_days == 0 {
            anyhow::bail!("configuration key actions.stale_after_days: must be at least 1");
        }
        if self.reports.suppression_threshold == 0 {
            anyhow::bail!("configuration key reports.suppression_threshold: must be at least 1 (1 withholds nothing)");
        }
        Ok(())
    }

    /// Which actions are stale at `now` (`actions.stale_after_days`).
    pub fn staleness(&self, now: chrono::DateTime<chrono::Utc>) -> crate::actions::Staleness {
        crate::actions::Staleness::at(now, self.actions.stale_after_days)
    }

    /// The schedule that compiles reports, read in the check-ins' time zone; errors name the key.
    pub fn report_schedule(&self) -> anyhow::Result<crate::check_ins::schedule::Schedule> {
        use crate::check_ins::schedule::{Schedule, ScheduleError};
        Schedule::parse(&self.reports.schedule, &self.check_ins.time_zone).map_err(|e| {
            let key = match e {
                ScheduleError::InvalidExpression { .. } => "reports.schedule",
                ScheduleError::InvalidTimeZone { .. } => "check_ins.time_zone",
            };
            anyhow::anyhow!("configuration key {key}: {e}")
        })
    }

    pub fn database_url(&self) -> anyhow::Result<DatabaseUrl> {
        DatabaseUrl::parse(&self.database.url)
            .map_err(|e| anyhow::anyhow!("configuration key database.url (or DATABASE_URL): {e}"))
    }

    /// The configured check-in schedule; errors name the key at fault.
    pub fn schedule(&self) -> anyhow::Result<crate::check_ins::schedule::Schedule> {
        use crate::check_ins::schedule::{Schedule, ScheduleError};
        let s = Schedule::parse(&self.check_ins.schedule, &self.check_ins.time_zone).map_err(|e| {
            let key = match e {
                ScheduleError::InvalidExpression { .. } => "check_ins.schedule",
                ScheduleError::InvalidTimeZone { .. } => "check_ins.time_zone",
            };
            anyhow::anyhow!("configuration key {key}: {e}")
        })?;
        // A fixed reference instant: whether a schedule is too frequent does not depend on today.
        let reference = chrono::DateTime::<chrono::Utc>::from_timestamp(1_767_225_600, 0).expect("2026-01-01");
        if let Some(why) = s.too_frequent_for_rounds(reference) {
            anyhow::bail!("configuration key check_ins.schedule: {why}");
        }
        Ok(s)
    }

    /// The network's time zone (`check_ins.time_zone`, checked at start-up by `validate`): the
    /// one dates on pages and in emails are read in. Parsing the whole schedule for it took a
    /// few percent of every page's time.
    pub fn time_zone(&self) -> chrono_tz::Tz {
        self.check_ins.time_zone.trim().parse().unwrap_or(chrono_tz::UTC)
    }

    /// Whether people reach the tracker over HTTPS (cookies are then marked Secure).
    pub fn served_over_tls(&self) -> bool {
        self.server.public_url.starts_with("https://")
    }

    /// The public base URL without a trailing slash.
    pub fn public_base(&self) -> &str {
        self.server.public_url.trim_end_matches('/')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_follow_serve_bind_unless_public_url_is_configured() {
        let mut s = ServerSettings { bind: "127.0.0.1:8080".into(), public_url: DEFAULT_PUBLIC_URL.into(), workers: 0 };
        s.follow_bind("127.0.0.1:9090");
        assert_eq!((s.bind.as_str(), s.public_url.as_str()), ("127.0.0.1:9090", "http://127.0.0.1:9090"));
        let mut s = ServerSettings { bind: "127.0.0.1:8080".into(), public_url: DEFAULT_PUBLIC_URL.into(), workers: 0 };
        s.follow_bind("0.0.0.0:9090");
        assert_eq!(s.public_url, "http://127.0.0.1:9090");
        let mut s =
            ServerSettings { bind: "127.0.0.1:8080".into(), public_url: "https://tracker.example".into(), workers: 0 };
        s.follow_bind("127.0.0.1:9090");
        assert_eq!(s.public_url, "https://tracker.example");
    }

    fn load(vars: &[(&str, &str)]) -> anyhow::Result<Settings> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let dir = tempfile::tempdir().unwrap();
        Settings::load_from(dir.path(), &vars)
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
    fn report_settings_are_checked_naming_the_key() {
        let s = load(&[]).unwrap();
        assert_eq!((s.reports.cycle_years, s.reports.suppression_threshold), (1, 5));
        let e = load(&[("CHARTER_TRACKER__REPORTS__SCHEDULE", "0 0 32 1 *")]).unwrap_err().to_string();
        assert!(e.contains("reports.schedule"), "{e}");
        let e = load(&[("CHARTER_TRACKER__REPORTS__CYCLE_YEARS", "0")]).unwrap_err().to_string();
        assert!(e.contains("reports.cycle_years"), "{e}");
        let e = load(&[("CHARTER_TRACKER__REPORTS__SUPPRESSION_THRESHOLD", "0")]).unwrap_err().to_string();
        assert!(e.contains("reports.suppression_threshold"), "{e}");
    }

    #[test]
    fn mail_defaults_and_checks() {
        let s = load(&[]).unwrap();
        assert_eq!(s.mail.transport, MailTransportKind::File);
        assert_eq!(s.mail.smtp.port, 587);
        assert_eq!(s.mail.smtp.security, SmtpSecurity::Starttls);
        assert_eq!(s.mail.from_domain(), "charter-tracker.localhost");
        assert_eq!(s.mail.retry_delay(1).as_secs(), 60);
        assert_eq!(s.mail.retry_delay(3).as_secs(), 240);
        assert_eq!(s.mail.retry_delay(30).as_secs(), 6 * 3600);

        let dir = tempfile::tempdir().unwrap();
        let with = |toml: &str| {
            std::fs::write(dir.path().join("local.toml"), toml).unwrap();
            Settings::load_from(dir.path(), &HashMap::new()).map_err(|e| format!("{e:#}"))
        };
        let e = with("[mail]\ntransport = \"smtp\"\n").unwrap_err();
        assert!(e.contains("mail.smtp.host"), "{e}");
        let e = with("[mail]\ntransport = \"pigeon\"\n").unwrap_err();
        assert!(e.contains("transport") && e.contains("pigeon"), "{e}");
        let e = with("[mail.smtp]\nsecurity = \"ssl\"\n").unwrap_err();
        assert!(e.contains("security") && e.contains("ssl"), "{e}");
        let e = with("[mail]\nfrom = \"not an address\"\n").unwrap_err();
        assert!(e.contains("mail.from"), "{e}");
        let e = with("[mail]\nretention_days = 0\n").unwrap_err();
        assert!(e.contains("mail.retention_days"), "{e}");
        let e = with("[mail]\nbatch_size = 0\n").unwrap_err();
        assert!(e.contains("mail.batch_size"), "{e}");
        let e = with("[mail]\ntransport = \"smtp\"\nclaim_seconds = 60\n[mail.smtp]\nhost = \"smtp.example\"\n")
            .unwrap_err();
        assert!(e.contains("mail.claim_seconds") && e.contains("mail.smtp.timeout_seconds"), "{e}");
        let e = with("[mail.smtp]\nhots = \"x\"\n").unwrap_err();
        assert!(e.contains("hots"), "{e}");

        let s = with(
            "[mail]\ntransport = \"smtp\"\nfrom = \"EUROCITIES <noreply@eurocities.example>\"\n\
             [mail.smtp]\nhost = \"smtp.example\"\nusername = \"u\"\npassword = \"s3cret-pw\"\n",
        )
        .unwrap();
        assert_eq!(s.mail.from_domain(), "eurocities.example");
        let shown = format!("{s:?}");
        assert!(!shown.contains("s3cret-pw") && shown.contains("****"), "{shown}");
    }

    #[test]
    fn mail_settings_come_from_the_environment() {
        let s = load(&[
            ("CHARTER_TRACKER__MAIL__SMTP__PORT", "2525"),
            ("CHARTER_TRACKER__MAIL__SMTP__HOST", "relay.example"),
        ])
        .unwrap();
        assert_eq!(s.mail.smtp.port, 2525);
        assert_eq!(s.mail.smtp.host, "relay.example");
    }

    #[test]
    fn a_file_layer_overrides_the_defaults_and_typos_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("base.toml"), "[server]\nbind = \"0.0.0.0:9999\"\n").unwrap();
        let s = Settings::load_from(dir.path(), &HashMap::new()).unwrap();
        assert_eq!(s.server.bind, "0.0.0.0:9999");
        std::fs::write(dir.path().join("local.toml"), "[server]\nbnid = \"x\"\n").unwrap();
        let e = format!("{:#}", Settings::load_from(dir.path(), &HashMap::new()).unwrap_err());
        assert!(e.contains("bnid"), "{e}");
        std::fs::write(dir.path().join("local.toml"), "[database]\npool_size = \"many\"\n").unwrap();
        let e = format!("{:#}", Settings::load_from(dir.path(), &HashMap::new()).unwrap_err());
        assert!(e.contains("pool_size"), "{e}");
    }

    #[test]
    fn the_metrics_token_is_empty_or_long_printable_ascii_and_never_shown() {
        assert_eq!(load(&[]).unwrap().metrics.token, "");
        let s = load(&[("CHARTER_TRACKER__METRICS__TOKEN", "scrape-me-0123456789")]).unwrap();
        assert_eq!(s.metrics.token, "scrape-me-0123456789");
        let shown = format!("{s:?}");
        assert!(!shown.contains("scrape-me") && shown.contains("****"), "{shown}");
        let e = format!("{:#}", load(&[("CHARTER_TRACKER__METRICS__TOKEN", "short")]).unwrap_err());
        assert!(e.contains("metrics.token") && e.contains("16"), "{e}");
        let e = format!("{:#}", load(&[("CHARTER_TRACKER__METRICS__TOKEN", "has a space in it, long")]).unwrap_err());
        assert!(e.contains("metrics.token") && e.contains("printable ASCII"), "{e}");
    }
}
