//! The operator interface (DESIGN.md "Operator interface"); keep it stable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use crate::migrate::Format;

mod accounts;

pub use accounts::{
    AccountCommand, AddUserArgs, BindAccountArgs, CreateAccountArgs, ListAccountsArgs,
    ListUsersArgs, NamedAccountArgs, RotateArgs, UserCommand, UserLoginArgs,
};

/// One HTTP service that speaks four legacy CRM APIs over one store of clients.
#[derive(Debug, Parser)]
#[command(name = "crm-gateway", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve all four dialects on one listener.
    Serve(ServeArgs),
    /// Manage accounts.
    #[command(
        subcommand,
        after_help = "Example:\n  crm-gateway account create --name acme --json"
    )]
    Account(AccountCommand),
    /// Manage an account's users.
    #[command(
        subcommand,
        after_help = "Example:\n  crm-gateway user list --account acme"
    )]
    User(UserCommand),
    /// Copy every client of one CRM into another, resumably (docs/migration.md).
    #[command(
        after_help = "Example:\n  crm-gateway migrate --from local:acme --to planfix+https://acme.planfix.ru --to-credentials planfix.json --state acme.jsonl"
    )]
    Migrate(MigrateArgs),
    /// Compare both sides of a migration field by field (docs/migration.md).
    #[command(
        after_help = "Example:\n  crm-gateway verify --from local:acme --to planfix+https://acme.planfix.ru --to-credentials planfix.json --state acme.jsonl --report acme-check.json"
    )]
    Verify(VerifyArgs),
    /// Write every client of a CRM to a JSON Lines, CSV or vCard file (docs/migration.md).
    #[command(after_help = "Example:\n  crm-gateway export --from local:acme --out acme.vcf")]
    Export(ExportArgs),
    /// Create the clients of a JSON Lines, CSV or vCard file in a CRM, resumably.
    #[command(
        after_help = "Example:\n  crm-gateway import --in acme.csv --to local:beta --state beta-import.jsonl"
    )]
    Import(ImportArgs),
    /// Record what an integration sends any server, through a pass-through
    /// proxy (docs/migration-testing.md).
    Record(RecordArgs),
    /// Send a record to another server and report every answer that
    /// differs, as its dialect means it (docs/migration-testing.md).
    Replay(ReplayArgs),
    /// Copy the SQLite database into a new file while the gateway serves.
    #[command(after_help = "Example:\n  crm-gateway backup --to /backups/crm-2026-11-28.db")]
    Backup(BackupArgs),
    /// Check the configuration and the database, and say how to fix what is wrong.
    #[command(after_help = "Example:\n  crm-gateway doctor --config /etc/crm-gateway/gateway.toml")]
    Doctor(Overrides),
    /// Print a completion script for a shell.
    #[command(
        after_help = "Example:\n  crm-gateway completions bash > /etc/bash_completion.d/crm-gateway"
    )]
    Completions(CompletionsArgs),
}

/// `backup` arguments.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new file: refused when it exists.
    #[arg(long)]
    pub to: PathBuf,
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: Overrides,
}

/// `completions` arguments.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Settings every command may override; a flag beats its environment variable,
/// which beats the config file, which beats the default.
#[derive(Debug, Clone, Default, Args)]
pub struct Overrides {
    /// Config file [default: config/gateway.toml when it exists].
    #[arg(long, env = "CRM_CONFIG")]
    pub config: Option<PathBuf>,
    /// Database URL: sqlite://FILE or postgres://...
    #[arg(long, env = "CRM_DATABASE_URL")]
    pub database_url: Option<String>,
}

/// `serve` arguments.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  crm-gateway serve --record traffic/ --shadow http://candidate:8080"
)]
pub struct ServeArgs {
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: ServeOverrides,
    /// Record every request and its answer as JSON Lines in DIR, secrets redacted.
    #[arg(long, value_name = "DIR")]
    pub record: Option<PathBuf>,
    /// Largest record file, in MiB; the next is begun past it.
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    pub record_file_mib: u64,
    /// Send each read, once answered, to the candidate at URL too and
    /// compare the two answers.
    #[arg(long, value_name = "URL")]
    pub shadow: Option<String>,
    /// Send writes to the candidate as well: only to one that may be thrown away.
    #[arg(long, requires = "shadow")]
    pub shadow_writes: bool,
    /// Where the shadow writes summary.json and findings.jsonl.
    #[arg(long, value_name = "DIR", default_value = "shadow")]
    pub shadow_dir: PathBuf,
}

/// `record` arguments.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  crm-gateway record --listen 127.0.0.1:9090 --upstream https://acme.planfix.ru --dir traffic/"
)]
pub struct RecordArgs {
    /// Address the integration is pointed at.
    #[arg(long)]
    pub listen: SocketAddr,
    /// The server's root URL, the real CRM's included.
    #[arg(long)]
    pub upstream: String,
    /// Where the record goes.
    #[arg(long)]
    pub dir: PathBuf,
    /// Largest record file, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    pub record_file_mib: u64,
}

/// `replay` arguments.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  crm-gateway replay traffic/ --target http://127.0.0.1:8080 --credentials acme.json --report findings.json"
)]
pub struct ReplayArgs {
    /// The record's folder.
    pub dir: PathBuf,
    /// The root URL of the server to replay against.
    #[arg(long)]
    pub target: String,
    /// The target account's `account create --json` output, or the same shape
    /// holding a real service's credentials.
    #[arg(long)]
    pub credentials: PathBuf,
    /// A second copy of the recorded server: fields it answers otherwise
    /// than the record are noise, not findings.
    #[arg(long, value_name = "URL")]
    pub reference2: Option<String>,
    /// The second reference's credentials [default: the target's].
    #[arg(long, value_name = "FILE", requires = "reference2")]
    pub reference2_credentials: Option<PathBuf>,
    /// Write the report as JSON to FILE too.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Most time one request may take, in ms.
    #[arg(long, value_name = "MS", default_value_t = 30_000)]
    pub timeout_ms: u64,
}

/// `serve` overrides: the shared ones plus the listen address.
#[derive(Debug, Clone, Default, Args)]
pub struct ServeOverrides {
    /// Shared overrides.
    #[command(flatten)]
    pub common: Overrides,
    /// Address to listen on.
    #[arg(long, env = "CRM_LISTEN")]
    pub listen: Option<SocketAddr>,
}

/// The two sides of a migration and its state file.
#[derive(Debug, Clone, Args)]
pub struct Ends {
    /// Where the clients are: local:NAME (an account of this gateway) or
    /// DIALECT+URL (a real CRM, e.g. planfix+https://acme.planfix.ru).
    #[arg(long)]
    pub from: String,
    /// JSON credentials of --from when it is a CRM: that dialect's member of
    /// `account create --json`.
    #[arg(long)]
    pub from_credentials: Option<PathBuf>,
    /// Where they go, in the same form as --from.
    #[arg(long)]
    pub to: String,
    /// JSON credentials of --to when it is a CRM.
    #[arg(long)]
    pub to_credentials: Option<PathBuf>,
    /// Which client became which, so a run started again goes on.
    #[arg(long, default_value = "crm-migrate.jsonl")]
    pub state: PathBuf,
}

/// `migrate` arguments.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The two sides and the state file.
    #[command(flatten)]
    pub ends: Ends,
    /// Read everything and report what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Most creates a second on the destination.
    #[arg(long)]
    pub rate: Option<f64>,
    /// No progress lines.
    #[arg(long)]
    pub quiet: bool,
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: Overrides,
}

/// `verify` arguments.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The migration's two sides and its state file.
    #[command(flatten)]
    pub ends: Ends,
    /// Also write the report as JSON to this file.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Sample clients kept for each field that was lost or changed.
    #[arg(long, default_value_t = 5)]
    pub samples: usize,
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: Overrides,
}

/// `export` arguments.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Whose clients: local:NAME or DIALECT+URL, as `migrate --from`.
    #[arg(long)]
    pub from: String,
    /// JSON credentials of --from when it is a CRM.
    #[arg(long)]
    pub from_credentials: Option<PathBuf>,
    /// The file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// The file's format [default: from its extension, .csv or .vcf, else jsonl].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// No progress lines.
    #[arg(long)]
    pub quiet: bool,
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: Overrides,
}

/// `import` arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file `export` wrote (or a CSV or vCard file of the same shape).
    #[arg(long = "in")]
    pub input: PathBuf,
    /// The file's format [default: from its extension, .csv or .vcf, else jsonl].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Where the clients go: local:NAME or DIALECT+URL, as `migrate --to`.
    #[arg(long)]
    pub to: String,
    /// JSON credentials of --to when it is a CRM.
    #[arg(long)]
    pub to_credentials: Option<PathBuf>,
    /// Which record became which client, so an import started again goes on.
    #[arg(long, default_value = "crm-import.jsonl")]
    pub state: PathBuf,
    /// No progress lines.
    #[arg(long)]
    pub quiet: bool,
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: Overrides,
}
