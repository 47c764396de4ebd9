//! The command line: the benchmark run, and the two servers it starts as
//! child processes of itself.

use std::net::SocketAddr;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

/// Throughput and latency of every dialect against a bare axum + sqlx read.
#[derive(Debug, Parser)]
#[command(
    name = "crm-bench",
    after_help = "Example:\n  cargo run --release -p crm-bench -- --clients 100000\n  cargo run --release -p crm-bench -- --database-url postgres://postgres@127.0.0.1:5432/test"
)]
pub struct Cli {
    /// A server to run (the benchmark starts these itself).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The benchmark's settings.
    #[command(flatten)]
    pub run: RunArgs,
}

impl Cli {
    /// Tokio workers: one for a server on its core, two for the load.
    pub fn threads(&self) -> usize {
        match self.command {
            None | Some(Command::Soak(_)) => 2,
            Some(_) => 1,
        }
    }
}

/// The benchmark's settings.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Clients to seed before measuring.
    #[arg(long, default_value_t = 100_000)]
    pub clients: u64,
    /// Database: a `postgres://` URL whose server may create databases, or a
    /// `sqlite://` file; by default a new SQLite file in a temporary folder.
    #[arg(long, env = "CRM_BENCH_DATABASE_URL")]
    pub database_url: Option<String>,
    /// A base kept between runs: when this file exists, the run measures the
    /// database and account it names instead of seeding; otherwise the run
    /// seeds, keeps its database and writes the file. Seeding a million
    /// clients takes minutes; this spends them once.
    #[arg(long)]
    pub base: Option<std::path::PathBuf>,
    /// Connections of the concurrent cases.
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    /// Seconds each case runs.
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// Run only the cases whose name contains one of these words.
    #[arg(long)]
    pub only: Vec<String>,
}

impl RunArgs {
    /// How long each case runs.
    pub fn duration(&self) -> Duration {
        Duration::from_secs(self.seconds.max(1))
    }
}

/// The servers the benchmark starts, and the soak.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Mixed traffic through all four dialects for a long time, then every
    /// acknowledged write read back; fails on a 5xx, a lost write or a bound.
    Soak(SoakArgs),
    /// The gateway, on the database it is given.
    #[command(hide = true)]
    Gateway(ServerArgs),
    /// A bare axum + sqlx point read of the same rows.
    #[command(hide = true)]
    Bare(ServerArgs),
    /// One migration, then its peak resident memory.
    #[command(hide = true)]
    Migrate(MigrateArgs),
}

/// What a measured migration carries.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The database of the local accounts.
    #[arg(long)]
    pub database_url: String,
    /// The source endpoint.
    #[arg(long)]
    pub from: String,
    /// The destination endpoint.
    #[arg(long)]
    pub to: String,
    /// The destination's credentials, when it is a CRM.
    #[arg(long)]
    pub to_credentials: Option<std::path::PathBuf>,
    /// The state file.
    #[arg(long)]
    pub state: std::path::PathBuf,
}

/// Where a server listens and what it reads.
#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Address to listen on.
    #[arg(long)]
    pub listen: SocketAddr,
    /// The database.
    #[arg(long)]
    pub database_url: String,
    /// Stop when standard input closes. The benchmark holds its servers'
    /// input open, so none outlives a benchmark that was killed.
    #[arg(long)]
    pub until_stdin_closes: bool,
    /// Record every exchange into this folder (`serve --record`).
    #[arg(long)]
    pub record: Option<std::path::PathBuf>,
}

/// The soak's settings.
#[derive(Debug, Clone, Args)]
pub struct SoakArgs {
    /// Clients to seed before the traffic.
    #[arg(long, default_value_t = 10_000)]
    pub clients: u64,
    /// Database: as the benchmark's `--database-url`.
    #[arg(long, env = "CRM_BENCH_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Connections of mixed traffic.
    #[arg(long, default_value_t = 64)]
    pub connections: usize,
    /// Seconds of traffic.
    #[arg(long, default_value_t = 600)]
    pub seconds: u64,
    /// Slow connections beside the traffic, half trickling a request head
    /// and half a body, a byte a second.
    #[arg(long, default_value_t = 0)]
    pub slow: usize,
    /// Fail when the traffic's p99 passes this many milliseconds.
    #[arg(long)]
    pub max_p99_ms: Option<f64>,
    /// Fail when resident memory grows more than this many percent from
    /// the end of the warm-up (a tenth of the run, at most a minute) to the end.
    #[arg(long)]
    pub max_memory_growth: Option<f64>,
}

impl SoakArgs {
    /// How long the traffic runs.
    pub fn duration(&self) -> Duration {
        Duration::from_secs(self.seconds.max(1))
    }

    /// The part of the run before memory is first taken.
    pub fn warmup(&self) -> Duration {
        (self.duration() / 10).min(Duration::from_secs(60))
    }

    /// The seeding the benchmark does, for this soak's base.
    pub fn seeding(&self) -> RunArgs {
        RunArgs {
            clients: self.clients,
            database_url: self.database_url.clone(),
            base: None,
            connections: self.connections,
            seconds: self.seconds,
            only: Vec::new(),
        }
    }
}
