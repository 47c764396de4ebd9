//! The base the cases run over: an account of its own and N clients with a
//! phone and an e-mail each, written through the store's bulk path. One in a
//! hundred bears the word the searches look for.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use crm_core::{ClientKind, Crm, Name, NewClient, NewContactPoint, Origin, Principal, Service};
use crm_store::SqlStore;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::Connection;

use crate::cli::RunArgs;

/// The word one client in a hundred has in its name.
pub const MARKER: &str = "Маркеров";
const BATCH: u64 = 500;

/// A seeded database.
#[derive(Debug)]
pub struct Seeded {
    /// Its URL.
    pub url: String,
    /// `account create --json` of the benchmark's account.
    pub creds: Value,
    /// The first and last id seeded.
    pub ids: (i64, i64),
    /// How long seeding took.
    pub took: Duration,
    cleanup: Option<(String, String)>,
    dir: Option<tempfile::TempDir>,
}

impl Seeded {
    /// Drops the PostgreSQL database the run made; a SQLite folder goes with `self`.
    pub async fn remove(self) -> anyhow::Result<()> {
        if let Some((admin_url, name)) = &self.cleanup {
            let mut admin = sqlx::PgConnection::connect(admin_url).await?;
            // The name is ours (hex digits), never input: identifiers cannot be bound.
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut admin)
                .await?;
        }
        Ok(())
    }
}

/// What `--base` keeps of a seeded database.
#[derive(Debug, Serialize, Deserialize)]
struct Kept {
    url: String,
    clients: u64,
    creds: Value,
    ids: (i64, i64),
    seeded_seconds: f64,
}

/// The database `--base` names, or a new one seeded with `args.clients`
/// clients (kept when `--base` is given).
pub async fn prepare(args: &RunArgs) -> anyhow::Result<Seeded> {
    let Some(path) = &args.base else {
        return seed(args).await;
    };
    if path.exists() {
        let kept: Kept = serde_json::from_slice(&std::fs::read(path)?)
            .with_context(|| format!("{} is not a kept base", path.display()))?;
        anyhow::ensure!(
            kept.clients == args.clients,
            "{} holds {} clients, not {}",
            path.display(),
            kept.clients,
            args.clients
        );
        return Ok(Seeded {
            url: kept.url,
            creds: kept.creds,
            ids: kept.ids,
            took: Duration::from_secs_f64(kept.seeded_seconds),
            cleanup: None,
            dir: None,
        });
    }
    let mut seeded = seed(args).await?;
    let kept = Kept {
        url: seeded.url.clone(),
        clients: args.clients,
        creds: seeded.creds.clone(),
        ids: seeded.ids,
        seeded_seconds: seeded.took.as_secs_f64(),
    };
    std::fs::write(path, serde_json::to_vec_pretty(&kept)?)?;
    seeded.cleanup = None;
    if let Some(dir) = seeded.dir.take() {
        eprintln!("kept the base in {}", dir.keep().display());
    }
    Ok(seeded)
}

async fn seed(args: &RunArgs) -> anyhow::Result<Seeded> {
    let (url, cleanup, dir) = database(args.database_url.as_deref()).await?;
    let mut config = crm_gateway::Config::default();
    config.database.url.clone_from(&url);
    let store = SqlStore::connect(&config.db()).await?;
    let crm = Crm::new(Arc::new(store), config.crm())?;
    let credentials = crm_gateway::account::credentials();
    let issued = crm
        .create_account(&format!("bench-{}", nonce()), &credentials)
        .await?;
    let creds = crm_gateway::account::credentials_json(&issued);
    let who = Principal {
        account: issued.account.id,
        user: issued.admin.id,
    };
    let start = Instant::now();
    let mut ids = (i64::MAX, i64::MIN);
    let mut next = 0;
    while next < args.clients {
        let end = (next + BATCH).min(args.clients);
        let batch = (next..end).map(client).collect();
        for id in crm.create_clients(who, Origin::Manual, batch).await? {
            ids = (ids.0.min(id.get()), ids.1.max(id.get()));
        }
        next = end;
        if next % (args.clients / 10).max(BATCH) < BATCH {
            eprintln!(
                "seeded {next} of {} clients in {:.1?}",
                args.clients,
                start.elapsed()
            );
        }
    }
    let took = start.elapsed();
    crm.close().await;
    settle(&url).await?;
    Ok(Seeded {
        url,
        creds,
        ids,
        took,
        cleanup,
        dir,
    })
}

/// PostgreSQL as autovacuum leaves a table some minutes after a bulk load:
/// planner statistics and a visibility map, without which every index scan
/// visits the heap. SQLite keeps neither.
async fn settle(url: &str) -> anyhow::Result<()> {
    if url.starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(url).await?;
        sqlx::query("VACUUM ANALYZE").execute(&mut conn).await?;
    }
    Ok(())
}

type Database = (String, Option<(String, String)>, Option<tempfile::TempDir>);

async fn database(url: Option<&str>) -> anyhow::Result<Database> {
    match url {
        Some(admin_url) if admin_url.starts_with("postgres") => {
            let name = format!("crm_bench_{}", nonce());
            let mut admin = sqlx::PgConnection::connect(admin_url).await?;
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await?;
            let mut url = url::Url::parse(admin_url)?;
            url.set_path(&name);
            Ok((url.to_string(), Some((admin_url.to_owned(), name)), None))
        }
        Some(url) => Ok((url.to_owned(), None, None)),
        None => {
            let dir = tempfile::tempdir()?;
            let url = format!("sqlite://{}", dir.path().join("bench.db").display());
            Ok((url, None, Some(dir)))
        }
    }
}

fn nonce() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    format!("{:x}", now.as_nanos() & 0xffff_ffff_ffff)
}

fn client(n: u64) -> NewClient {
    let last = if n.is_multiple_of(100) {
        MARKER
    } else {
        "Клиентов"
    };
    let mut c = NewClient::new(ClientKind::Person, Name::full(format!("{last} Иван {n}")));
    c.contacts = vec![
        point(Service::Phone, format!("+7 9{n:09}")),
        point(Service::Mail, format!("client{n}@example.com")),
    ];
    c
}

fn point(service: Service, value: String) -> NewContactPoint {
    NewContactPoint {
        kind: service.natural_kind(),
        service,
        label: None,
        value,
        origin: None,
    }
}
