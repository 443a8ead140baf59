//! The command line: `serve`, `user`, `token`, `migrate`, `backup`, `outbox`.

use crate::auth::{self, Role};
use crate::config::Settings;
use crate::startup::{self, Application};
use crate::{mail, validation};
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "charter-tracker",
    version,
    about = "Cities' action plans against the EUROCITIES Charter on Integrating Cities"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (SQLite under ./data by default; DATABASE_URL for PostgreSQL).
    Serve {
        /// Address to listen on, overriding server.bind (e.g. 0.0.0.0:8080).
        #[arg(long)]
        bind: Option<String>,
        /// Do not deliver the outbox from this process (another instance or a scheduled
        /// `outbox deliver` does it).
        #[arg(long)]
        no_worker: bool,
        /// Do not run the check-in scheduler here (for extra web instances; one instance, or
        /// system cron calling `tick`, is enough).
        #[arg(long)]
        no_scheduler: bool,
        /// Load the demo network first if the database holds no cities yet (see `demo`).
        #[arg(long)]
        demo: bool,
    },
    /// Fill an empty database with a demo network (about forty cities with invented plans, a
    /// year of check-ins, indicator values and a published report) and print its accounts.
    Demo,
    /// One scheduler pass: close finished rounds, open the round the schedule calls for, queue
    /// due reminders, and deliver what is due. For system cron, and for travelling in time.
    Tick {
        /// Run as if it were this instant (RFC 3339, e.g. 2026-04-01T06:00:00Z) instead of now.
        #[arg(long)]
        at: Option<String>,
    },
    /// Apply database migrations and load the charters, then exit.
    Migrate,
    /// Copy the SQLite database into FILE (a new file), consistently, while `serve` runs. On
    /// PostgreSQL it prints the pg_dump command to use instead.
    Backup {
        /// Where to write the copy; must not exist yet.
        file: std::path::PathBuf,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// The outbox of emails.
    Outbox {
        #[command(subcommand)]
        command: OutboxCommand,
    },
    /// Outcomes reports: compile a draft, publish it, list them.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Import cities or a plan's actions from an XLSX or CSV file: prints the preview and
    /// writes nothing unless --apply is given (exit status 1 when a row has a mistake).
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Export everything as one XLSX workbook, or as a zip of CSVs with datapackage.json.
    Export {
        /// xlsx or csv.
        #[arg(long, default_value = "xlsx")]
        format: String,
        /// The file to write.
        #[arg(long)]
        out: std::path::PathBuf,
        /// Only the public open data (no personal data), as /open-data serves it.
        #[arg(long)]
        public: bool,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Cities with their contacts (a workbook may add signatures, plans and actions sheets).
    Cities {
        file: std::path::PathBuf,
        /// Write the rows (all or none); without it only the preview is printed.
        #[arg(long)]
        apply: bool,
    },
    /// One plan's actions.
    Actions {
        /// The plan's id.
        #[arg(long)]
        plan: i64,
        file: std::path::PathBuf,
        #[arg(long)]
        apply: bool,
    },
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Compile (or recompile) the draft report of a framework for a period; prints the draft's id.
    Compile {
        /// Framework code, e.g. eurocities-integrating-cities.
        #[arg(long)]
        framework: String,
        /// First day of the period (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Last day of the period (YYYY-MM-DD).
        #[arg(long)]
        to: String,
    },
    /// Publish a draft by the id `report compile` printed; prints the public URL.
    Publish {
        id: i64,
        /// What this version corrects (required from the second version on).
        #[arg(long)]
        changelog: Option<String>,
    },
    /// List every report: id, slug, latest published version, draft version and draft id.
    List,
}

#[derive(Subcommand)]
enum OutboxCommand {
    /// Deliver the emails that are due, once, and print what happened.
    Deliver {
        /// Deliver as if it were this instant (RFC 3339, e.g. 2026-06-30T08:00:00Z) instead of now.
        #[arg(long)]
        at: Option<String>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user. The password is read from standard input when it is piped in;
    /// otherwise one is generated and printed once.
    Add {
        #[arg(long)]
        email: String,
        /// secretariat, city-editor or observer.
        #[arg(long)]
        role: String,
        /// The city a city editor edits (its id).
        #[arg(long)]
        city: Option<i64>,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Issue an API token for a user; it is printed once, on standard output.
    Issue {
        #[arg(long)]
        email: String,
        /// A note to recognise the token by later.
        #[arg(long, default_value = "")]
        label: String,
    },
    /// List a user's tokens (never the tokens themselves).
    List {
        #[arg(long)]
        email: String,
    },
    /// Revoke a token by its id.
    Revoke {
        #[arg(long)]
        id: i64,
    },
}

pub fn main() -> ExitCode {
    // Before any thread exists: a limit set later leaves the arenas threads already made.
    crate::allocator::limit_arenas();
    let cli = Cli::parse();
    if let Command::Import { command } = cli.command {
        return match import(command) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(2)
            }
        };
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::load()?;
    crate::telemetry::init(&settings.log);
    match cli.command {
        Command::Serve { bind, no_worker, no_scheduler, demo } => {
            serve(settings, bind, !no_worker, !no_scheduler, demo)
        }
        Command::Demo => {
            let templates = mail::load_templates(&settings.mail)?;
            let now = crate::clock::Clock::System.now();
            let pool = startup::prepare(&settings, now)?;
            let summary = crate::demo::load(&pool, &settings, &templates, now)?;
            print_demo(&summary, &settings);
            Ok(())
        }
        Command::Tick { at } => {
            let now = parse_at(at)?;
            let templates = mail::load_templates(&settings.mail)?;
            let pool = startup::prepare(&settings, crate::clock::Clock::System.now())?;
            let transport = mail::transport::Transport::from_settings(&settings.mail)?;
            let report = crate::scheduler::tick(&pool, &settings, &templates, &transport, now)?;
            println!("{report}");
            Ok(())
        }
        Command::Outbox { command: OutboxCommand::Deliver { at } } => {
            let now = parse_at(at)?;
            let pool = startup::prepare(&settings, crate::clock::Clock::System.now())?;
            let transport = mail::transport::Transport::from_settings(&settings.mail)?;
            let report = mail::worker::deliver_due(&pool, &transport, &settings.mail, now)?;
            println!("{report}");
            Ok(())
        }
        Command::Report { command } => report(settings, command),
        Command::Import { .. } => unreachable!("handled in main"),
        Command::Export { format, out, public } => {
            use crate::exchange::export::{self, ExportFormat, Scope};
            let format = ExportFormat::parse_field("--format", &format).map_err(|e| {
                anyhow::anyhow!("--format: {} (accepted: {})", e.reason, e.accepted.unwrap_or_default())
            })?;
            let pool = startup::prepare(&settings, crate::clock::Clock::System.now())?;
            let scope = if public { Scope::Public } else { Scope::All };
            let mut conn = pool.get()?;
            let (bytes, _, _) = export::export(&mut conn, scope, format, &settings).map_err(cli_error)?;
            std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
            eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
            Ok(())
        }
        Command::Migrate => {
            startup::prepare(&settings, crate::clock::Clock::System.now())?;
            eprintln!("database is up to date and the charters are loaded");
            Ok(())
        }
        Command::Backup { file } => {
            // No migrations and no charter loading: a backup reads the database as it is.
            let url = settings.database_url()?;
            crate::db::backup(&url, &file)?;
            let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
            eprintln!("backed up {} to {} ({size} bytes)", url.redacted(), file.display());
            Ok(())
        }
        Command::User { command: UserCommand::Add { email, role, city } } => {
            let role = Role::parse(&role)
                .with_context(|| format!("--role `{role}` is not a role; accepted: {}", Role::ACCEPTED))?;
            let email = validation::email("--email", &email).map_err(|e| anyhow::anyhow!("--email: {}", e.reason))?;
            let (password, generated) = read_or_generate_password()?;
            let pool = startup::prepare(&settings, crate::clock::Clock::System.now())?;
            let mut conn = pool.get()?;
            let id = auth::store::add(&mut conn, &email, role, city, &password, crate::clock::Clock::System.now())?;
            eprintln!("added user {id}: {email} ({})", role.as_str());
            if generated {
                // The password alone on standard output, so a script can capture it.
                eprintln!("its password follows on standard output, shown once; store it safely");
                println!("{password}");
            }
            Ok(())
        }
        Command::Token { command } => {
            let pool = startup::prepare(&settings, crate::clock::Clock::System.now())?;
            let mut conn = pool.get()?;
            match command {
                TokenCommand::Issue { email, label } => {
                    let user = auth::store::by_email(&mut conn, &email)?.with_context(|| {
                        format!("no user with email {email}; add one with `charter-tracker user add`")
                    })?;
                    if user.disabled {
                        anyhow::bail!("user {email} is disabled");
                    }
                    let (id, token) =
                        auth::tokens::issue(&mut conn, user.id, &label, crate::clock::Clock::System.now())?;
                    eprintln!("token {id} issued for {email}; it is shown once:");
                    println!("{token}");
                    Ok(())
                }
                TokenCommand::List { email } => {
                    let user = auth::store::by_email(&mut conn, &email)?
                        .with_context(|| format!("no user with email {email}"))?;
                    for t in auth::tokens::list_for_user(&mut conn, user.id)? {
                        let state = t.revoked_at.map(|r| format!("revoked {r}")).unwrap_or_else(|| "active".into());
                        println!("{}\t{}\t{}\t{}", t.id, t.created_at, state, t.label);
                    }
                    Ok(())
                }
                TokenCommand::Revoke { id } => {
                    if auth::tokens::revoke(&mut conn, id, crate::clock::Clock::System.now())? {
                        eprintln!("token {id} revoked");
                        Ok(())
                    } else {
                        anyhow::bail!("no active token with id {id}")
                    }
                }
            }
        }
    }
}

/// A CLI-facing message for an API error: the problem's fields, or the detail.
fn cli_error(e: crate::error::ApiError) -> anyhow::Error {
    match e {
        crate::error::ApiError::Validation(errors) => anyhow::anyhow!(
            "{}",
            errors
                .iter()
                .map(|f| format!(
                    "--{}: {}{}",
                    f.field,
                    f.reason,
                    f.accepted.as_ref().map(|a| format!(" (accepted: {a})")).unwrap_or_default()
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        crate::error::ApiError::Unexpected(e) => e,
        other => anyhow::anyhow!("{other}"),
    }
}

fn report(settings: Settings, command: ReportCommand) -> anyhow::Result<()> {
    let pool = startup::prepare(&settings, crate::clock::Clock::System.now())?;
    let mut conn = pool.get()?;
    let now = crate::clock::Clock::System.now();
    let by = "command line";
    match command {
        ReportCommand::Compile { framework, from, to } => {
            let date = |flag: &str, v: &str| {
                validation::date(flag, v).map_err(|e| {
                    anyhow::anyhow!("--{flag} `{v}`: {} (accepted: {})", e.reason, e.accepted.unwrap_or_default())
                })
            };
            let (from, to) = (date("from", &from)?, date("to", &to)?);
            let c = crate::reports::store::compile(&mut conn, &settings, &framework, from, to, by, now)
                .map_err(cli_error)?;
            eprintln!(
                "report {}: draft version {} {}",
                c.report_id,
                c.number,
                if c.created { "compiled" } else { "recompiled" }
            );
            println!("{}", c.draft_id);
            Ok(())
        }
        ReportCommand::Publish { id, changelog } => {
            let templates = crate::reports::render::Templates::load(&settings.reports.templates_dir)?;
            crate::reports::store::require_draft(&mut conn, id).map_err(cli_error)?;
            let p = crate::reports::store::publish(&mut conn, &settings, &templates, id, changelog.as_deref(), by, now)
                .map_err(cli_error)?;
            eprintln!("published version {}: {}", p.number, p.version_url);
            println!("{}", p.url);
            Ok(())
        }
        ReportCommand::List => {
            for r in crate::reports::store::list(&mut conn, &settings, true).map_err(cli_error)? {
                let draft = match r.draft {
                    Some(n) => format!(
                        "draft v{n} (id {})",
                        crate::reports::store::draft_id(&mut conn, r.id).map_err(cli_error)?
                    ),
                    None => "no draft".into(),
                };
                let published =
                    r.latest_published.map(|n| format!("published v{n}")).unwrap_or_else(|| "unpublished".into());
                println!("{}\t{}\t{published}\t{draft}", r.id, r.slug);
            }
            Ok(())
        }
    }
}

/// `import`: prints the preview on standard output; 0 when it has no mistake (and, with
/// --apply, was written), 1 when a row has a mistake, 2 when the file cannot be read at all.
fn import(command: ImportCommand) -> anyhow::Result<ExitCode> {
    use crate::exchange::commands::{self as x, Upload};
    use crate::exchange::Who;
    let settings = Settings::load()?;
    crate::telemetry::init(&settings.log);
    let (file, apply) = match &command {
        ImportCommand::Cities { file, apply } | ImportCommand::Actions { file, apply, .. } => (file.clone(), *apply),
    };
    let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let now = crate::clock::Clock::System.now();
    let pool = startup::prepare(&settings, now)?;
    let mut conn = pool.get()?;
    let tz = settings.time_zone();
    let today = now.with_timezone(&tz).date_naive();
    let upload = Upload { file_name: &name, bytes: &bytes };
    let preview = match command {
        ImportCommand::Cities { .. } => x::import_cities(&mut conn, Who::CommandLine, upload, apply, today, now),
        ImportCommand::Actions { plan, .. } => {
            x::import_actions(&mut conn, Who::CommandLine, plan, upload, apply, today, now)
        }
    }
    .map_err(cli_error)?;
    print!("{}", crate::exchange::preview_text(&preview));
    if !preview.ok {
        eprintln!("{} mistake(s): nothing was written; correct the file and run again", preview.mistakes.len());
        return Ok(ExitCode::from(1));
    }
    if preview.applied {
        eprintln!("written: all rows in one transaction");
    } else {
        eprintln!("nothing was written; run again with --apply to write these changes");
    }
    Ok(ExitCode::SUCCESS)
}

fn read_or_generate_password() -> anyhow::Result<(String, bool)> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut line = String::new();
        stdin.lock().read_line(&mut line).context("reading the password from standard input")?;
        let line = line.trim_end_matches(['\r', '\n']).to_string();
        if !line.is_empty() {
            if line.chars().count() < 10 {
                anyhow::bail!("the password from standard input is shorter than 10 characters");
            }
            return Ok((line, false));
        }
    }
    Ok((auth::password::generate(), true))
}

/// `--at` as an instant, or now.
fn parse_at(at: Option<String>) -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
    match at {
        None => Ok(crate::clock::Clock::System.now()),
        Some(at) => Ok(chrono::DateTime::parse_from_rfc3339(&at)
            .map_err(|e| anyhow::anyhow!("--at `{at}` is not an RFC 3339 instant such as 2026-06-30T08:00:00Z ({e})"))?
            .with_timezone(&chrono::Utc)),
    }
}

fn serve(
    mut settings: Settings,
    bind: Option<String>,
    with_worker: bool,
    with_scheduler: bool,
    demo: bool,
) -> anyhow::Result<()> {
    if let Some(b) = &bind {
        settings.server.follow_bind(b);
    }
    let bind = bind.unwrap_or_else(|| settings.server.bind.clone());
    bind.parse::<std::net::SocketAddr>()
        .map_err(|_| anyhow::anyhow!("--bind `{bind}` is not an address; expected HOST:PORT such as 127.0.0.1:8080"))?;
    // Before anything else: a broken template stops start-up with the file's name.
    let templates = Arc::new(mail::load_templates(&settings.mail)?);
    let pool = startup::prepare(&settings, crate::clock::Clock::System.now())?;
    if demo {
        let empty = {
            use diesel::prelude::*;
            let n: i64 = crate::db::schema::cities::table.count().get_result(&mut pool.get()?)?;
            n == 0
        };
        if empty {
            let summary = crate::demo::load(&pool, &settings, &templates, crate::clock::Clock::System.now())?;
            print_demo(&summary, &settings);
        } else {
            eprintln!("--demo: the database already holds cities, so the demo was not loaded again");
        }
    }
    crate::allocator::trim_when_quiet().context("starting the allocator's trimmer")?;
    let stop = Arc::new(AtomicBool::new(false));
    let worker = if with_worker {
        Some(mail::worker::spawn(pool.clone(), settings.mail.clone(), crate::clock::Clock::System, stop.clone())?)
    } else {
        tracing::info!("outbox worker not started (--no-worker)");
        None
    };
    let scheduler = if with_scheduler {
        Some(crate::scheduler::spawn(
            pool.clone(),
            Arc::new(settings.clone()),
            templates.clone(),
            crate::clock::Clock::System,
            stop.clone(),
        ))
    } else {
        tracing::info!("check-in scheduler not started (--no-scheduler)");
        None
    };
    let served = actix_web::rt::System::new().block_on(async move {
        let app = Application::build_with(settings, pool, templates, crate::clock::Clock::System, &bind)?;
        tracing::info!("charter-tracker listening on http://{bind}");
        app.run_until_stopped().await.context("running the HTTP server")
    });
    // The server has stopped (a signal, or an error): let the worker finish its email.
    stop.store(true, Ordering::Relaxed);
    if let Some(worker) = worker {
        if worker.join().is_err() {
            tracing::error!("the outbox worker thread panicked");
        }
    }
    if let Some(scheduler) = scheduler {
        if scheduler.join().is_err() {
            tracing::error!("the scheduler thread panicked");
        }
    }
    served
}

/// The demo's accounts and what it made, on standard output (logs go to standard error).
fn print_demo(s: &crate::demo::Summary, settings: &Settings) {
    println!(
        "Demo network loaded: {} cities, {} plans, {} actions, {} check-in rounds, {} check-ins submitted.",
        s.cities, s.plans, s.actions, s.rounds, s.check_ins_submitted
    );
    if let Some(url) = &s.report_url {
        println!("Published outcomes report: {url}");
    }
    println!("The plans are invented; every page says so while the demo data is loaded.");
    println!("Sign in at {}/login with:", settings.public_base());
    for a in &s.accounts {
        let who = match (&a.role, &a.city) {
            (_, Some(city)) => format!("city editor of {city}"),
            (role, None) => role.as_str().replace('-', " "),
        };
        println!("  {who:<28} {:<36} password: {}", a.email, a.password);
    }
}
