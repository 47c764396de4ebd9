//! The servers under test, each a child process of this binary pinned to
//! core 0 while the load runs on core 1, so that a ratio between them holds
//! on a noisy machine.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::str::FromStr;

use anyhow::{Context, bail};
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::cli::ServerArgs;

const PINNED: &str = "CRM_BENCH_PINNED";

/// Runs this very command again under `taskset -c 1` unless it already is,
/// so the load never shares a core with the server it measures.
pub fn pin_this_process_to_the_load_core() -> anyhow::Result<()> {
    if std::env::var_os(PINNED).is_some() || !taskset_works() {
        if std::env::var_os(PINNED).is_none() {
            eprintln!("taskset is missing: server and load share the cores");
        }
        return Ok(());
    }
    let status = Command::new("taskset")
        .args(["-c", "1"])
        .arg(std::env::current_exe()?)
        .args(std::env::args_os().skip(1))
        .env(PINNED, "1")
        .status()?;
    std::process::exit(status.code().unwrap_or(1));
}

fn taskset_works() -> bool {
    Command::new("taskset")
        .args(["-c", "0", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A server child process.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// Held open: the child stops when it closes, even if this process is
    /// killed before `Drop` runs.
    _lifeline: Option<ChildStdin>,
    /// Where it listens.
    pub addr: SocketAddr,
    /// Its log (stderr), when asked for.
    pub log: Option<std::sync::mpsc::Receiver<String>>,
}

impl Server {
    /// Starts `crm-bench KIND` on `database_url`, on core 0 when `taskset`
    /// works; `statement_log` has it log every SQL statement to stderr.
    pub fn start(kind: &str, database_url: &str, statement_log: bool) -> anyhow::Result<Self> {
        Self::start_with(kind, database_url, statement_log, &[])
    }

    /// Same, with more of `crm-bench KIND`'s flags.
    pub fn start_with(
        kind: &str,
        database_url: &str,
        statement_log: bool,
        flags: &[&str],
    ) -> anyhow::Result<Self> {
        let exe = std::env::current_exe()?;
        let mut command = if taskset_works() {
            let mut c = Command::new("taskset");
            c.args(["-c", "0"]).arg(exe);
            c
        } else {
            Command::new(exe)
        };
        command
            .args([
                kind,
                "--listen",
                "127.0.0.1:0",
                "--database-url",
                database_url,
                "--until-stdin-closes",
            ])
            .args(flags)
            .env(
                "RUST_LOG",
                if statement_log {
                    "sqlx::query=debug,warn"
                } else {
                    "warn"
                },
            )
            .env_remove(PINNED)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if statement_log {
                Stdio::piped()
            } else {
                Stdio::inherit()
            });
        let mut child = command.spawn().context("start a server")?;
        let stdout = child.stdout.take().context("server stdout")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let Some(addr) = line.trim().strip_prefix("listen=") else {
            bail!("the {kind} server did not start: {line:?}");
        };
        let log = child.stderr.take().map(|stderr| {
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
            rx
        });
        Ok(Self {
            addr: addr.parse()?,
            _lifeline: child.stdin.take(),
            child,
            log,
        })
    }

    /// CPU time the process has used so far (user + system), in microseconds.
    pub fn cpu_micros(&self) -> u64 {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        // Fields 14 and 15, counted after the parenthesised command name.
        let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        let ticks: u64 = [11, 12]
            .iter()
            .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
            .sum();
        ticks * 1_000_000 / clock_ticks_per_second()
    }

    /// Resident memory now and at its peak, in KiB.
    pub fn memory_kib(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    /// SQL statements logged since the last call.
    pub fn statements_logged(&self) -> usize {
        self.log
            .as_ref()
            .map(|log| log.try_iter().filter(|l| l.contains("sqlx::query")).count())
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `getconf CLK_TCK`, asked once.
fn clock_ticks_per_second() -> u64 {
    static TICKS: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(100)
    })
}

async fn bind(listen: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    println!("listen={}", listener.local_addr()?);
    Ok(listener)
}

/// `crm-bench gateway`: the real gateway with its default configuration.
pub async fn serve_gateway(args: ServerArgs) -> anyhow::Result<()> {
    let mut config = crm_gateway::Config::default();
    config.database.url = args.database_url;
    config.traffic.record = args.record.map(crm_replay::JournalConfig::new);
    crm_gateway::telemetry::init(&config.log);
    let signal = crm_gateway::server::shutdown_signal()?;
    let orphaned = orphaned(args.until_stdin_closes);
    let shutdown = async move {
        tokio::select! {
            () = signal => {}
            () = orphaned => {}
        }
    };
    let listener = bind(args.listen).await?;
    crm_gateway::server::run(listener, config, shutdown).await
}

/// Resolves when standard input closes, if `watch`; never otherwise.
async fn orphaned(watch: bool) {
    use tokio::io::AsyncReadExt;
    if !watch {
        return std::future::pending().await;
    }
    let mut stdin = tokio::io::stdin();
    let mut buf = [0_u8; 64];
    while matches!(stdin.read(&mut buf).await, Ok(n) if n > 0) {}
}

/// `crm-bench bare`: `GET /clients/{account}/{id}` answers one client's id
/// and name as JSON, with one statement and nothing else.
pub async fn serve_bare(args: ServerArgs) -> anyhow::Result<()> {
    let router = if args.database_url.starts_with("postgres") {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .connect(&args.database_url)
            .await?;
        Router::new()
            .route("/clients/{account}/{id}", get(read_postgres))
            .with_state(pool)
    } else {
        let options = SqliteConnectOptions::from_str(&args.database_url)?
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        Router::new()
            .route("/clients/{account}/{id}", get(read_sqlite))
            .with_state(pool)
    };
    let listener = bind(args.listen).await?;
    axum::serve(listener, router)
        .with_graceful_shutdown(orphaned(args.until_stdin_closes))
        .await?;
    Ok(())
}

const BARE_READ: &str = "SELECT id, name FROM clients WHERE account_id = $1 AND id = $2";

async fn read_sqlite(
    State(pool): State<sqlx::SqlitePool>,
    Path((account, id)): Path<(i64, i64)>,
) -> axum::response::Response {
    let row: Result<Option<(i64, String)>, _> = sqlx::query_as(BARE_READ)
        .bind(account)
        .bind(id)
        .fetch_optional(&pool)
        .await;
    bare_answer(row)
}

async fn read_postgres(
    State(pool): State<sqlx::PgPool>,
    Path((account, id)): Path<(i64, i64)>,
) -> axum::response::Response {
    let row: Result<Option<(i64, String)>, _> = sqlx::query_as(BARE_READ)
        .bind(account)
        .bind(id)
        .fetch_optional(&pool)
        .await;
    bare_answer(row)
}

fn bare_answer(row: Result<Option<(i64, String)>, sqlx::Error>) -> axum::response::Response {
    use axum::response::IntoResponse;
    match row {
        Ok(Some((id, name))) => {
            axum::Json(serde_json::json!({"id": id, "name": name})).into_response()
        }
        Ok(None) => http::StatusCode::NOT_FOUND.into_response(),
        Err(_) => http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
