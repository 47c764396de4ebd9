//! How fast `crm-gateway migrate` carries the seeded base, and in how much
//! memory: into a second account of the same database, and into an
//! account of the measured gateway through its REST dialect. Each run is a
//! child process of this binary (the migration's own code, as the
//! command runs it), which reports its peak resident memory.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use crm_core::Crm;
use crm_gateway::migrate::{Ends, Plan};
use crm_store::SqlStore;

use crate::cli::MigrateArgs;
use crate::seed::Seeded;
use crate::servers::Server;

/// One measured migration.
#[derive(Debug)]
pub struct Migration {
    /// What was carried where.
    pub name: &'static str,
    /// Clients carried.
    pub clients: u64,
    /// Wall time of the whole run.
    pub took: Duration,
    /// The migrating process's peak resident memory, in KiB.
    pub peak_kib: u64,
}

impl Migration {
    /// Clients a second.
    pub fn rate(&self) -> f64 {
        self.clients as f64 / self.took.as_secs_f64().max(1e-9)
    }
}

/// Both migrations of the seeded base.
pub async fn measure(seeded: &Seeded, gateway: &Server) -> anyhow::Result<Vec<Migration>> {
    let dir = tempfile::tempdir()?;
    let source = format!("local:{}", account_name(seeded)?);
    let local = new_account(&seeded.url, "copy").await?;
    let local = run(
        "local account to local account",
        seeded,
        &source,
        &format!("local:{}", local["account"].as_str().unwrap_or_default()),
        None,
        &dir.path().join("local.jsonl"),
    )?;
    let upstream = new_account(&seeded.url, "upstream").await?;
    let credentials = dir.path().join("rest.json");
    std::fs::write(&credentials, upstream["rest"].to_string())?;
    let upstream = run(
        "local account to a gateway's REST on loopback",
        seeded,
        &source,
        &format!("rest+http://{}", gateway.addr),
        Some(&credentials),
        &dir.path().join("upstream.jsonl"),
    )?;
    Ok(vec![local, upstream])
}

fn account_name(seeded: &Seeded) -> anyhow::Result<&str> {
    seeded.creds["account"]
        .as_str()
        .context("the seeded account has no name")
}

async fn new_account(url: &str, prefix: &str) -> anyhow::Result<serde_json::Value> {
    let mut config = crm_gateway::Config::default();
    config.database.url = url.to_owned();
    let crm = Crm::new(
        Arc::new(SqlStore::connect(&config.db()).await?),
        config.crm(),
    )?;
    let name = format!("{prefix}-{:x}", std::process::id());
    let issued = crm
        .create_account(&name, &crm_gateway::account::credentials())
        .await?;
    crm.close().await;
    Ok(crm_gateway::account::credentials_json(&issued))
}

/// Runs `crm-bench migrate` on the load core and waits for it.
fn run(
    name: &'static str,
    seeded: &Seeded,
    from: &str,
    to: &str,
    to_credentials: Option<&Path>,
    state: &Path,
) -> anyhow::Result<Migration> {
    let mut command = Command::new(std::env::current_exe()?);
    command
        .args(["migrate", "--database-url", &seeded.url, "--from", from])
        .args(["--to", to, "--state"])
        .arg(state)
        .stdout(Stdio::piped());
    if let Some(file) = to_credentials {
        command.arg("--to-credentials").arg(file);
    }
    let started = Instant::now();
    let output = command.output().context("start a migration")?;
    let took = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!("{name}: the migration failed: {stdout}");
    }
    let peak_kib = stdout
        .lines()
        .find_map(|l| l.strip_prefix("peak_kib="))
        .and_then(|v| v.trim().parse().ok())
        .context("the migration reported no peak memory")?;
    let clients = std::fs::read_to_string(state)?
        .lines()
        .filter(|l| l.contains("\"to\""))
        .count() as u64;
    eprintln!(
        "{name:<44} {:>9.0} clients/s",
        clients as f64 / took.as_secs_f64()
    );
    Ok(Migration {
        name,
        clients,
        took,
        peak_kib,
    })
}

/// `crm-bench migrate`: the migration, then its peak memory on stdout.
pub async fn serve_migrate(args: MigrateArgs) -> anyhow::Result<()> {
    let mut config = crm_gateway::Config::default();
    config.database.url = args.database_url;
    let plan = Plan {
        ends: Ends {
            from: args.from,
            from_credentials: None,
            to: args.to,
            to_credentials: args.to_credentials,
            state: args.state,
        },
        dry_run: false,
        rate: None,
        quiet: true,
    };
    crm_gateway::migrate::run(&config, &plan).await?;
    let status = std::fs::read_to_string("/proc/self/status")?;
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .unwrap_or("0");
    println!("peak_kib={peak}");
    Ok(())
}
