//! A real, minimal SMTP server on 127.0.0.1 for tests: it speaks enough ESMTP (no TLS, no AUTH)
//! for lettre's `SmtpTransport::builder_dangerous(host).port(p)`, keeps every accepted message,
//! can be told to refuse mail, and can go down and come back on the same port.
//!
//! One thread accepts connections, one thread serves each connection; std only.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// The server's name in its greeting and EHLO reply.
const SERVER_NAME: &str = "smtp-sink.localhost";

/// One message the sink accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMail {
    /// Envelope sender (`MAIL FROM`), without the angle brackets; empty for the null sender.
    pub from: String,
    /// Envelope recipients (`RCPT TO`), in order.
    pub to: Vec<String>,
    /// The raw message (headers and body) as sent after `DATA`, dot-unstuffed, CRLF line ends.
    pub data: String,
}

/// How the sink answers from now on, on new and open connections alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Accept every message.
    #[default]
    Accept,
    /// `451` on `MAIL FROM`: a transient failure, the sender should retry later.
    TempFail,
    /// `550` on `RCPT TO`: a permanent failure, the mailbox does not exist.
    PermFail,
}

/// A running (or stopped) SMTP server on 127.0.0.1; stops when dropped.
pub struct SmtpSink {
    port: u16,
    shared: Arc<Shared>,
    listening: Option<Listening>,
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<ReceivedMail>>,
    mode: Mutex<Mode>,
    connections: AtomicUsize,
    /// How long the sink takes over each message before it answers the end of `DATA`, as a
    /// slow relay does (zero: at once).
    delay: Mutex<Duration>,
    /// Open connections by number, so `stop` can cut them as a crashed server would.
    sessions: Mutex<HashMap<usize, TcpStream>>,
}

struct Listening {
    stopping: Arc<AtomicBool>,
    acceptor: JoinHandle<()>,
}

impl SmtpSink {
    /// Listen on 127.0.0.1 on a free port.
    pub fn start() -> Self {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind an SMTP sink on 127.0.0.1:0");
        let port = listener.local_addr().expect("local address of the SMTP sink").port();
        let shared = Arc::new(Shared::default());
        let listening = Some(listen(listener, Arc::clone(&shared)));
        Self { port, shared, listening }
    }

    /// The port the sink listens on, the same after [`SmtpSink::restart`].
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Every message accepted so far, oldest first, across restarts.
    pub fn received(&self) -> Vec<ReceivedMail> {
        lock(&self.shared.received).clone()
    }

    /// Change how the sink answers; applies to open connections too.
    pub fn set_mode(&self, mode: Mode) {
        *lock(&self.shared.mode) = mode;
    }

    /// Take this long over every message from now on (answering the end of `DATA` only then),
    /// as a slow relay does; `Duration::ZERO` answers at once again.
    pub fn set_delay(&self, delay: Duration) {
        *lock(&self.shared.delay) = delay;
    }

    /// Close the listener, so connecting is refused, and cut open connections.
    /// Does nothing if already stopped.
    pub fn stop(&mut self) {
        let Some(listening) = self.listening.take() else {
            return;
        };
        listening.stopping.store(true, Ordering::SeqCst);
        // `accept` blocks: a connection of our own wakes it to see the flag; the acceptor then
        // returns and drops the listener.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        let _ = listening.acceptor.join();
        for (_, stream) in lock(&self.shared.sessions).drain() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }

    /// Listen again on the same port (stopping first if running). Received mail, the mode
    /// and the connection count are kept.
    pub fn restart(&mut self) {
        self.stop();
        let mut attempts = 0;
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", self.port)) {
                Ok(listener) => break listener,
                // The port may take a moment to be free again after the old listener closed.
                Err(_) if attempts < 50 => {
                    attempts += 1;
                    thread::sleep(Duration::from_millis(20));
                }
                Err(e) => panic!("SMTP sink cannot listen again on 127.0.0.1:{}: {e}", self.port),
            }
        };
        self.listening = Some(listen(listener, Arc::clone(&self.shared)));
    }

    /// How many connections the sink has accepted since it started.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A poisoned lock only means another session thread panicked; the data is still usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn listen(listener: TcpListener, shared: Arc<Shared>) -> Listening {
    let stopping = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stopping);
    let acceptor = thread::Builder::new()
        .name("smtp-sink-accept".into())
        .spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else {
                    // e.g. too many open files: wait rather than spin.
                    thread::sleep(Duration::from_millis(10));
                    continue;
                };
                let id = shared.connections.fetch_add(1, Ordering::SeqCst);
                if let Ok(clone) = stream.try_clone() {
                    lock(&shared.sessions).insert(id, clone);
                }
                let session_shared = Arc::clone(&shared);
                let spawned = thread::Builder::new().name(format!("smtp-sink-session-{id}")).spawn(move || {
                    // An I/O error means the client went away; nothing to report.
                    let _ = Session::new(&session_shared).serve(&stream);
                    lock(&session_shared.sessions).remove(&id);
                });
                if spawned.is_err() {
                    // The stream went down with the closure; forget its clone too.
                    lock(&shared.sessions).remove(&id);
                }
            }
        })
        .expect("spawn the SMTP sink acceptor thread");
    Listening { stopping, acceptor }
}

/// Reads from a connection, asking Linux before every read to acknowledge incoming data at
/// once rather than after the delayed-ACK timer (40 ms).
///
/// lettre ends a message with two writes (the message, then `\r\n.\r\n`) and waits for
/// the reply; with Nagle's algorithm on its side the second write waits for the ACK of the
/// first, and with delayed ACKs on ours that ACK came 40 ms later: every message took at
/// least 40 ms, about 25 messages a second whoever sent them. Linux resets the flag as it
/// goes, hence before every read.
struct QuickAck<'a>(&'a TcpStream);

impl Read for QuickAck<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        #[cfg(target_os = "linux")]
        {
            use std::os::linux::net::TcpStreamExt;
            let _ = self.0.set_quickack(true);
        }
        let mut stream = self.0;
        stream.read(buf)
    }
}

/// Sender and recipients of the message being assembled.
struct Envelope {
    from: String,
    to: Vec<String>,
}

/// One SMTP conversation.
struct Session<'a> {
    shared: &'a Shared,
    greeted: bool,
    envelope: Option<Envelope>,
}

impl<'a> Session<'a> {
    fn new(shared: &'a Shared) -> Self {
        Self { shared, greeted: false, envelope: None }
    }

    fn serve(mut self, stream: &TcpStream) -> io::Result<()> {
        // Replies go out at once, and what the client sends is acknowledged at once (see
        // `QuickAck`).
        let _ = stream.set_nodelay(true);
        let mut reader = BufReader::new(QuickAck(stream));
        let mut writer = stream;
        reply(&mut writer, &format!("220 {SERVER_NAME} ESMTP smtp-sink ready"))?;
        let mut line = Vec::new();
        loop {
            line.clear();
            if reader.read_until(b'\n', &mut line)? == 0 {
                return Ok(());
            }
            let text = String::from_utf8_lossy(&line);
            let command = text.trim_end_matches(['\r', '\n']);
            let (verb, arg) = command.split_once(' ').unwrap_or((command, ""));
            let answer = match verb.to_ascii_uppercase().as_str() {
                "EHLO" => self.hello(arg, true),
                "HELO" => self.hello(arg, false),
                "MAIL" => self.mail(arg),
                "RCPT" => self.rcpt(arg),
                "DATA" => match &self.envelope {
                    None => "503 5.5.1 Need MAIL before DATA".to_owned(),
                    Some(envelope) if envelope.to.is_empty() => "503 5.5.1 Need RCPT before DATA".to_owned(),
                    Some(_) => {
                        reply(&mut writer, "354 End data with <CR><LF>.<CR><LF>")?;
                        let Some(data) = read_data(&mut reader)? else {
                            return Ok(()); // the client went away in the middle of the message
                        };
                        let delay = *lock(&self.shared.delay);
                        if !delay.is_zero() {
                            thread::sleep(delay);
                        }
                        if let Some(Envelope { from, to }) = self.envelope.take() {
                            lock(&self.shared.received).push(ReceivedMail { from, to, data });
                        }
                        "250 2.0.0 OK: message accepted".to_owned()
                    }
                },
                "RSET" => {
                    self.envelope = None;
                    "250 2.0.0 OK".to_owned()
                }
                "NOOP" => "250 2.0.0 OK".to_owned(),
                "QUIT" => {
                    reply(&mut writer, "221 2.0.0 Bye")?;
                    return Ok(());
                }
                "VRFY" => "252 2.5.0 Cannot verify the user, but will accept the message".to_owned(),
                _ => "500 5.5.2 Command not recognised".to_owned(),
            };
            reply(&mut writer, &answer)?;
        }
    }

    fn hello(&mut self, client: &str, extended: bool) -> String {
        let client = client.trim();
        if client.is_empty() {
            return format!("501 5.5.4 Syntax: {} hostname", if extended { "EHLO" } else { "HELO" });
        }
        self.greeted = true;
        self.envelope = None;
        if extended {
            format!("250-{SERVER_NAME} greets {client}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 ENHANCEDSTATUSCODES")
        } else {
            format!("250 {SERVER_NAME}")
        }
    }

    fn mail(&mut self, arg: &str) -> String {
        if !self.greeted {
            return "503 5.5.1 Send EHLO or HELO first".to_owned();
        }
        if self.envelope.is_some() {
            return "503 5.5.1 Sender already given".to_owned();
        }
        let Some(from) = path_argument(arg, "FROM:") else {
            return "501 5.5.4 Syntax: MAIL FROM:<address>".to_owned();
        };
        if *lock(&self.shared.mode) == Mode::TempFail {
            return "451 4.3.0 Mail service temporarily unavailable, please try again later".to_owned();
        }
        self.envelope = Some(Envelope { from, to: Vec::new() });
        "250 2.1.0 Sender OK".to_owned()
    }

    fn rcpt(&mut self, arg: &str) -> String {
        let mode = *lock(&self.shared.mode);
        let Some(envelope) = self.envelope.as_mut() else {
            return "503 5.5.1 Need MAIL before RCPT".to_owned();
        };
        let Some(to) = path_argument(arg, "TO:").filter(|to| !to.is_empty()) else {
            return "501 5.5.4 Syntax: RCPT TO:<address>".to_owned();
        };
        if mode == Mode::PermFail {
            return "550 5.1.1 Mailbox unavailable".to_owned();
        }
        envelope.to.push(to);
        "250 2.1.5 Recipient OK".to_owned()
    }
}

/// The address in `FROM:<address> [parameters]` or `TO:<address> [parameters]`.
fn path_argument(arg: &str, keyword: &str) -> Option<String> {
    let head = arg.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = arg[keyword.len()..].trim_start().strip_prefix('<')?;
    let end = rest.find('>')?;
    Some(rest[..end].to_owned())
}

/// Message lines up to the lone `.`, dot-unstuffed; `None` if the connection ends first.
fn read_data(reader: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(Some(String::from_utf8_lossy(&data).into_owned()));
        }
        // RFC 5321 4.5.2: the client doubled every dot that starts a line.
        data.extend_from_slice(line.strip_prefix(b".").unwrap_or(&line));
    }
}

fn reply(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(format!("{text}\r\n").as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lettre::message::header::ContentType;
    use lettre::{Message, SmtpTransport, Transport};

    fn transport(sink: &SmtpSink) -> SmtpTransport {
        SmtpTransport::builder_dangerous("127.0.0.1").port(sink.port()).timeout(Some(Duration::from_secs(10))).build()
    }

    fn message(to: &str, subject: &str, body: &str) -> Message {
        Message::builder()
            .from("EUROCITIES secretariat <secretariat@example.org>".parse().unwrap())
            .to(to.parse().unwrap())
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .unwrap()
    }

    #[test]
    fn lettre_sends_three_messages_over_one_pooled_connection() {
        let sink = SmtpSink::start();
        let mailer = transport(&sink);
        for (i, city) in ["ghent", "lisbon", "malmo"].iter().enumerate() {
            let body = format!("Message {i}.\r\n.a line that starts with a dot\r\n..and one with two\r\nEnd.\r\n");
            mailer
                .send(&message(&format!("{city}@example.org"), &format!("Check-in {i}"), &body))
                .unwrap_or_else(|e| panic!("message {i}: {e}"));
        }

        let received = sink.received();
        assert_eq!(received.len(), 3);
        assert_eq!(sink.connections(), 1, "the pool should reuse one connection");
        for (i, (mail, city)) in received.iter().zip(["ghent", "lisbon", "malmo"]).enumerate() {
            assert_eq!(mail.from, "secretariat@example.org");
            assert_eq!(mail.to, [format!("{city}@example.org")]);
            assert!(mail.data.contains(&format!("Subject: Check-in {i}\r\n")), "{}", mail.data);
            assert!(mail.data.contains(&format!("To: {city}@example.org\r\n")), "{}", mail.data);
            assert!(
                mail.data.contains("\r\n.a line that starts with a dot\r\n..and one with two\r\nEnd.\r\n"),
                "dot-unstuffing: {:?}",
                mail.data
            );
        }
    }

    #[test]
    fn temporary_failure_is_transient_for_lettre() {
        let sink = SmtpSink::start();
        let mailer = transport(&sink);
        sink.set_mode(Mode::TempFail);
        let err = mailer.send(&message("ghent@example.org", "Hi", "Hello")).unwrap_err();
        assert!(err.is_transient(), "{err}");
        assert!(!err.is_permanent(), "{err}");
        assert_eq!(err.status().map(|code| code.to_string()).as_deref(), Some("451"));
        assert!(sink.received().is_empty());

        sink.set_mode(Mode::Accept);
        mailer.send(&message("ghent@example.org", "Hi", "Hello")).unwrap();
        assert_eq!(sink.received().len(), 1);
    }

    #[test]
    fn permanent_failure_is_permanent_for_lettre() {
        let sink = SmtpSink::start();
        let mailer = transport(&sink);
        sink.set_mode(Mode::PermFail);
        let err = mailer.send(&message("nobody@example.org", "Hi", "Hello")).unwrap_err();
        assert!(err.is_permanent(), "{err}");
        assert!(!err.is_transient(), "{err}");
        assert_eq!(err.status().map(|code| code.to_string()).as_deref(), Some("550"));
        assert!(sink.received().is_empty());
    }

    #[test]
    fn stopped_sink_refuses_connections_and_restart_brings_it_back() {
        let mut sink = SmtpSink::start();
        let port = sink.port();
        let mailer = transport(&sink);
        mailer.send(&message("ghent@example.org", "Before", "1")).unwrap();

        sink.stop();
        let refused = TcpStream::connect(("127.0.0.1", port)).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::ConnectionRefused);
        // The pooled connection was cut, and a new one is refused.
        let err = mailer.send(&message("ghent@example.org", "While down", "2")).unwrap_err();
        assert!(!err.is_permanent() && !err.is_transient(), "a connection error, not an SMTP reply: {err}");

        sink.restart();
        assert_eq!(sink.port(), port);
        mailer.send(&message("ghent@example.org", "After", "3")).unwrap();
        let subjects: Vec<bool> = sink.received().iter().map(|mail| mail.data.contains("Subject: After\r\n")).collect();
        assert_eq!(subjects, [false, true]);
        assert_eq!(sink.connections(), 2);
    }

    /// Commands lettre does not send (RSET, HELO, VRFY) and the error replies, over a raw socket.
    #[test]
    fn speaks_smtp_over_a_raw_socket() {
        let sink = SmtpSink::start();
        let stream = TcpStream::connect(("127.0.0.1", sink.port())).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut reader = BufReader::new(&stream);
        let mut writer = &stream;
        let mut say = |command: &str| -> String {
            if !command.is_empty() {
                writer.write_all(command.as_bytes()).unwrap();
            }
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            line
        };

        assert!(say("").starts_with("220 "));
        assert!(say("MAIL FROM:<a@example.org>\r\n").starts_with("503 "));
        assert!(say("HELO client.example\r\n").starts_with("250 "));
        assert!(say("NOOP\r\n").starts_with("250 "));
        assert!(say("RCPT TO:<b@example.org>\r\n").starts_with("503 "));
        assert!(say("mail from:<dropped@example.org>\r\n").starts_with("250 "));
        assert!(say("RSET\r\n").starts_with("250 "));
        assert!(say("DATA\r\n").starts_with("503 "));
        assert!(say("MAIL FROM: <a@example.org> BODY=8BITMIME\r\n").starts_with("250 "));
        assert!(say("RCPT TO:<b@example.org>\r\n").starts_with("250 "));
        assert!(say("RCPT TO:<c@example.org>\r\n").starts_with("250 "));
        assert!(say("DATA\r\n").starts_with("354 "));
        assert!(say("Subject: one\r\n\r\n..dot\r\nZürich & Łódź\r\n.\r\n").starts_with("250 "));
        assert!(say("MAIL FROM:<>\r\n").starts_with("250 "));
        assert!(say("RCPT TO:<d@example.org>\r\n").starts_with("250 "));
        assert!(say("DATA\r\n").starts_with("354 "));
        assert!(say("Subject: two\r\n\r\nbody\r\n.\r\n").starts_with("250 "));
        assert!(say("VRFY someone\r\n").starts_with("252 "));
        assert!(say("STARTTLS\r\n").starts_with("500 "));
        assert!(say("QUIT\r\n").starts_with("221 "));
        assert_eq!(say(""), "", "the server closes the connection after QUIT");

        assert_eq!(
            sink.received(),
            [
                ReceivedMail {
                    from: "a@example.org".into(),
                    to: vec!["b@example.org".into(), "c@example.org".into()],
                    data: "Subject: one\r\n\r\n.dot\r\nZürich & Łódź\r\n".into(),
                },
                ReceivedMail {
                    from: String::new(),
                    to: vec!["d@example.org".into()],
                    data: "Subject: two\r\n\r\nbody\r\n".into(),
                },
            ]
        );
    }
}
