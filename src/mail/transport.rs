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
    let mut batch = EmlBatch::new(dir)?;
    batch.write(row, bytes)?;
    batch.commit().map(|_| ())
}

/// `.eml` files written as one batch, so a batch costs one round of syncs rather than one per
/// email: each file goes to a hidden temporary name first; `commit` makes every file's data
/// durable, renames them into place and syncs the folder once, so a file that is there after a
/// crash is whole and a name that is reported written survives one. Temporary files of a batch
/// that is dropped without `commit` are removed.
pub struct EmlBatch {
    dir: PathBuf,
    /// (temporary path, open file, final name), in the order written.
    pending: Vec<(PathBuf, std::fs::File, String)>,
}

impl EmlBatch {
    pub fn new(dir: &Path) -> anyhow::Result<EmlBatch> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(EmlBatch { dir: dir.to_path_buf(), pending: vec![] })
    }

    /// Writes one email's bytes under a temporary name (not yet durable, not yet visible).
    pub fn write(&mut self, row: &OutboxRow, bytes: &[u8]) -> anyhow::Result<()> {
        let name = eml_file_name(row);
        let tmp = self.dir.join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple()));
        let result = (|| -> std::io::Result<std::fs::File> {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(bytes)?;
            Ok(file)
        })();
        match result {
            Ok(file) => {
                self.pending.push((tmp, file, name));
                Ok(())
            }
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(anyhow::Error::new(e).context(format!("writing {name}")))
            }
        }
    }

    /// How many files are written and not yet committed.
    pub fn len(&self) -> usize {
        self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Syncs every file's data, renames each into place, then syncs the folder once (the
    /// renames). Returns how many files were committed. On an error nothing may be taken as
    /// written: files already renamed are written again, under the same name, when the email
    /// is sent again.
    pub fn commit(mut self) -> anyhow::Result<usize> {
        let pending = std::mem::take(&mut self.pending);
        let n = pending.len();
        if n == 0 {
            return Ok(0);
        }
        let result = (|| -> std::io::Result<()> {
            // Data first: a rename must never reach the disk before the bytes it names.
            sync_all_data(&pending)?;
            for (tmp, _, name) in &pending {
                std::fs::rename(tmp, self.dir.join(name))?;
            }
            std::fs::File::open(&self.dir)?.sync_all()
        })();
        if let Err(e) = result {
            for (tmp, _, _) in &pending {
                let _ = std::fs::remove_file(tmp);
            }
            return Err(anyhow::Error::new(e).context(format!("syncing {n} emails into {}", self.dir.display())));
        }
        Ok(n)
    }
}

/// Syncs the files' data, on up to eight threads at once: each sync waits for the disk, and a
/// disk given several at a time completes them together (a batch of 100 took one sync's wait
/// per file on one thread).
fn sync_all_data(pending: &[(PathBuf, std::fs::File, String)]) -> std::io::Result<()> {
    const THREADS: usize = 8;
    if pending.len() < 2 * THREADS {
        return pending.iter().try_for_each(|(_, file, _)| file.sync_data());
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = pending
            .chunks(pending.len().div_ceil(THREADS))
            .map(|part| scope.spawn(move || part.iter().try_for_each(|(_, file, _)| file.sync_data())))
            .collect();
        parts.into_iter().try_for_each(|p| p.join().unwrap_or_else(|_| Err(std::io::Error::other("a sync panicked"))))
    })
}

impl Drop for EmlBatch {
    fn drop(&mut self) {
        for (tmp, _, _) in &self.pending {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    fn row(id: i64) -> OutboxRow {
        let at: NaiveDateTime = "2027-01-01T00:00:00".parse().unwrap();
        OutboxRow {
            id,
            idempotency_key: format!("k{id}"),
            message_id: format!("m{id}"),
            kind: "round_opened".into(),
            to_address: "a@example.org".into(),
            to_name: "A".into(),
            language: "en".into(),
            subject: "S".into(),
            body_text: "T".into(),
            body_html: "<p>H</p>".into(),
            city_id: None,
            round_id: None,
            status: "sending".into(),
            attempts: 0,
            not_before: at,
            claim_token: None,
            claim_expires_at: None,
            last_error: None,
            created_at: at,
            updated_at: at,
            sent_at: None,
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_batch_is_invisible_until_committed_and_then_every_file_is_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let mut batch = EmlBatch::new(dir.path()).unwrap();
        batch.write(&row(1), b"one").unwrap();
        batch.write(&row(2), b"two").unwrap();
        assert!(names(dir.path()).iter().all(|n| n.starts_with('.') && n.ends_with(".tmp")));
        assert_eq!(batch.commit().unwrap(), 2);
        assert_eq!(names(dir.path()), [eml_file_name(&row(1)), eml_file_name(&row(2))]);
        assert_eq!(std::fs::read(dir.path().join(eml_file_name(&row(2)))).unwrap(), b"two");
        // Written again (after a crash before it was marked sent): the same name, replaced.
        let mut again = EmlBatch::new(dir.path()).unwrap();
        again.write(&row(2), b"two again").unwrap();
        again.commit().unwrap();
        assert_eq!(names(dir.path()).len(), 2);
        assert_eq!(std::fs::read(dir.path().join(eml_file_name(&row(2)))).unwrap(), b"two again");
    }

    #[test]
    fn a_large_batch_is_synced_on_several_threads_and_every_file_is_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut batch = EmlBatch::new(dir.path()).unwrap();
        for i in 1..=50 {
            batch.write(&row(i), format!("email {i}").as_bytes()).unwrap();
        }
        assert_eq!(batch.commit().unwrap(), 50);
        assert_eq!(names(dir.path()).len(), 50, "no temporary file left");
        for i in 1..=50 {
            assert_eq!(
                std::fs::read(dir.path().join(eml_file_name(&row(i)))).unwrap(),
                format!("email {i}").as_bytes()
            );
        }
    }

    #[test]
    fn a_batch_dropped_without_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut batch = EmlBatch::new(dir.path()).unwrap();
        batch.write(&row(1), b"one").unwrap();
        drop(batch);
        assert!(names(dir.path()).is_empty());
    }
}
