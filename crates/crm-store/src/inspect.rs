//! What `crm-gateway doctor` reads from a database without changing it:
//! whether it answers, which migrations it has had, and the settings that
//! decide whether an acknowledged write survives a crash.

use std::str::FromStr;

use crm_core::{CoreError, CoreResult};
use sqlx::Connection;
use sqlx::postgres::PgConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};

use crate::migrations::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};

/// A database as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// "sqlite" or "postgres".
    pub backend: &'static str,
    /// Migrations the database has had.
    pub applied: usize,
    /// Migrations this build knows.
    pub known: usize,
    /// Migrations the database has had that this build does not know: a
    /// newer build made it.
    pub unknown: usize,
    /// (name, value) of each durability setting.
    pub durability: Vec<(String, String)>,
}

/// The durability settings of `backend`, read on `connection` (either
/// backend's connection type: sqlx's executors are not generic enough to
/// share a function).
macro_rules! settings {
    ($connection:expr, $backend:expr) => {{
        let mut out = Vec::new();
        for (name, query) in crate::sql::durability::of($backend) {
            let value: String = sqlx::query_scalar(query)
                .fetch_one(&mut *$connection)
                .await
                .map_err(crate::error::db)?;
            out.push(((*name).to_owned(), value));
        }
        out
    }};
}

const APPLIED: &str = "SELECT version FROM _sqlx_migrations WHERE success";

/// Reads the database at `url`, opening a SQLite file read-only (a file
/// that does not exist yet is an error: `serve` creates it).
pub async fn inspect(url: &str) -> CoreResult<Inspection> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let mut connection = PgConnection::connect(url).await.map_err(unreachable)?;
        let applied: Vec<i64> = sqlx::query_scalar(APPLIED)
            .fetch_all(&mut connection)
            .await
            .unwrap_or_default();
        let durability = settings!(&mut connection, "postgres");
        let _ = connection.close().await;
        return Ok(found(
            "postgres",
            &applied,
            &POSTGRES_MIGRATIONS,
            durability,
        ));
    }
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|err| CoreError::invalid("database_url", err.to_string()))?
        .read_only(true);
    let mut connection = SqliteConnection::connect_with(&options)
        .await
        .map_err(unreachable)?;
    let applied: Vec<i64> = sqlx::query_scalar(APPLIED)
        .fetch_all(&mut connection)
        .await
        .unwrap_or_default();
    // Only the journal is kept in the file; the gateway sets `synchronous`
    // on each of its own connections.
    let mut durability = settings!(&mut connection, "sqlite");
    durability.truncate(1);
    let _ = connection.close().await;
    Ok(found("sqlite", &applied, &SQLITE_MIGRATIONS, durability))
}

fn found(
    backend: &'static str,
    applied: &[i64],
    migrator: &sqlx::migrate::Migrator,
    durability: Vec<(String, String)>,
) -> Inspection {
    let known: Vec<i64> = migrator.iter().map(|m| m.version).collect();
    Inspection {
        backend,
        applied: applied.len(),
        known: known.len(),
        unknown: applied.iter().filter(|v| !known.contains(v)).count(),
        durability,
    }
}

fn unreachable(err: sqlx::Error) -> CoreError {
    CoreError::Unavailable(format!("cannot connect: {err}"))
}
