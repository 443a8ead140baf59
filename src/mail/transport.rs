//! Turning an outbox row into a message and handing it over: to an SMTP server, or to a
//! folder of `.eml` files.

use super::outbox::OutboxRow;
use crate::config::{MailSettings, MailTransportKind, SmtpSecurity};
use anyhow::Context;
use chrono::{DateTime, Utc};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::PoolConfig;
use lettre::{Address, Message, SmtpTransport};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where emails go.
pub enum Transport {
    /// One `.eml` file per email in this folder.
    File(PathBuf),
    /// An SMTP server, through lettre's connection pool (connections are reused).
    Smtp(SmtpTransport),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::File(dir) => write!(f, "Transport::File({})", dir.display()),
            Transport::Smtp(_) => f.write_str("Transport::Smtp"),
        }
    }
}

/// How a delivery attempt went wrong.
#[derive(Debug)]
pub enum SendError {
    /// Worth trying again later: the server could not be reached, timed out, or answered 4xx.
    Transient {
        message: String,
        /// True when no SMTP conversation happened at all (refused, timed out, TLS): other
        /// emails would fail the same way now.
        unreachable: bool,
    },
    /// Will never work as it is: a 5xx answer, an invalid address.
    Permanent(String),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::Transient { message, .. } | SendError::Permanent(message) => f.write_str(message),
        }
    }
}

impl Transport {
    /// Builds the configured transport. Nothing is connected yet: an unreachable server shows
    /// up as transient failures in the outbox, not as a start-up error.
    pub fn from_settings(settings: &MailSettings) -> anyhow::Result<Transport> {
        match settings.transport {
            MailTransportKind::File => Ok(Transport::File(settings.outbox_dir.clone())),
            MailTransportKind::Smtp => {
                let smtp = &settings.smtp;
                let host = smtp.host.trim();
                let tls = match smtp.security {
                    SmtpSecurity::None => Tls::None,
                    SmtpSecurity::Starttls | SmtpSecurity::Tls => {
                        let params = TlsParameters::new(host.to_string())
                            .with_context(|| format!("configuration key mail.smtp.host: TLS for `{host}`"))?;
                        if smtp.security == SmtpSecurity::Tls {
                            Tls::Wrapper(params)
                        } else {
                            Tls::Required(params)
                        }
                    }
                };
                let mut builder = SmtpTransport::builder_dangerous(host)
                    .port(smtp.port)
                    .tls(tls)
                    .timeout(Some(Duration::from_secs(smtp.timeout_seconds)))
                    .pool_config(PoolConfig::new().max_size(4).idle_timeout(Duration::from_secs(60)));
                if !smtp.username.is_empty() {
                    builder = builder.credentials(Credentials::new(smtp.username.clone(), smtp.password.clone()));
                }
                Ok(Transport::Smtp(builder.build()))
            }
        }
    }

    /// An SMTP transport without TLS or login to `host:port`, as tests and benchmarks use.
    pub fn smtp_plain(host: &str, port: u16, timeout: Duration) -> Transport {
        Transport::Smtp(SmtpTransport::builder_dangerous(host).port(port).tls(Tls::None).timeout(Some(timeout)).build())
    }

    /// Hands one email over. `now` becomes its Date header.
    pub fn send(
        &self,
        from: &Mailbox,
        from_domain: &str,
        row: &OutboxRow,
        now: DateTime<Utc>,
    ) -> Result<(), SendError> {
        let message = build_message(from, from_domain, row, now)?;
        match self {
            Transport::Smtp(smtp) => {
                use lettre::Transport as _;
                smtp.send(&message).map(|_| ()).map_err(classify_smtp_error)
            }
            Transport::File(dir) => write_eml(dir, row, &message.formatted()).map_err(|e| SendError::Transient {
                message: format!("writing the email into {}: {e:#}", dir.display()),
                unreachable: true,
            }),
        }
    }
}

/// From, To (name and address), Subject, Date, Message-ID, Content-Language, and the text and
/// HTML bodies as multipart/alternative.
pub fn build_message(
    from: &Mailbox,
    from_domain: &str,
    row: &OutboxRow,
    now: DateTime<Utc>,
) -> Result<Message, SendError> {
    let address: Address = row
        .to_address
        .parse()
        .map_err(|e| SendError::Permanent(format!("`{}` is not a valid email address: {e}", row.to_address)))?;
    let name = Some(row.to_name.trim().to_string()).filter(|n| !n.is_empty());
    Message::builder()
        .from(from.clone())
        .to(Mailbox::new(name, address))
        .subject(row.subject.clone())
        .date(now.into())
        .message_id(Some(format!("<{}@{}>", row.message_id, from_domain)))
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Content-Language"), row.language.clone()))
        .multipart(MultiPart::alternative_plain_html(row.body_text.clone(), row.body_html.clone()))
        .map_err(|e| SendError::Permanent(format!("the email cannot be built: {e}")))
}

/// lettre's error, sorted into retry later or give up.
///
/// Permanent: a 5xx answer to this message, or a message the client itself cannot send (a
/// non-ASCII address or body the server cannot take). Problems of the connection rather than
/// the message (refused, timeout, TLS, STARTTLS missing, login refused with 530/534/535/538)
/// are transient and `unreachable`: every email would fail the same way until the
/// configuration or the server is fixed, so they wait instead of failing one by one.
fn classify_smtp_error(e: lettre::transport::smtp::Error) -> SendError {
    let message = smtp_error_text(&e);
    let code = e.status().map(|c| c.to_string()).unwrap_or_default();
    let login_refused = matches!(code.as_str(), "530" | "534" | "535" | "538");
    let message_specific_client_error = e.is_client() && message.contains("contains non-ascii");
    if (e.is_permanent() && !login_refused) || message_specific_client_error {
        SendError::Permanent(message)
    } else {
        let unreachable = login_refused || !(e.is_transient() || e.is_permanent() || e.is_response());
        SendError::Transient { message, unreachable }
    }
}

/// lettre's message with its causes, e.g. "Connection error: Connection refused (os error 111)".
fn smtp_error_text(e: &lettre::transport::smtp::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let s_text = s.to_string();
        if !text.contains(&s_text) {
            text.push_str(": ");
            text.push_str(&s_text);
        }
        source = s.source();
    }
    text
}

/// `{created_at:%Y%m%dT%H%M%S}-{id:010}-{kind}.eml`: sorts by time, unique by id, and the same
/// name when an email is written again after a crash (it replaces the earlier file).
pub fn eml_file_name(row: &OutboxRow) -> String {
    let kind: String =
        row.kind.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect();
    format!("{}-{:010}-{kind}.eml", row.created_at.format("%Y%m%dT%H%M%S"), row.id)
}

/// Writes the file atomically: a hidden temporary file in the same folder, then a rename.
fn write_eml(dir: &Path, row: &OutboxRow, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let name = eml_file_name(row);
    let tmp = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple()));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, dir.join(&name))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("writing {name}"))
}
