use std::str::FromStr;
use std::time::Duration;

use crm_core::{CoreError, CoreResult};

use crate::{account_scope, migrations};
use futures_util::future::BoxFuture;
use sqlx::pool::PoolConnectionMetadata;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// Runs one body on whichever pool the store has; the body is compiled once
/// per backend, so statements and row types are checked against both.
macro_rules! on_pool {
    ($pool:expr, $p:ident => $body:expr) => {{
        let _timed = $crate::timing::timed!();
        match $pool {
            $crate::pool::Pool::Sqlite($p) => $body,
            $crate::pool::Pool::Postgres($p) => $body,
        }
    }};
}
pub(crate) use on_pool;

/// Opens a write transaction. SQLite needs `BEGIN IMMEDIATE`: a deferred
/// transaction that reads and then writes fails with SQLITE_BUSY at once
/// instead of waiting (reference/reliability.md §2.2).
macro_rules! begin_write {
    (sqlite $p:expr) => {
        $p.begin_with("BEGIN IMMEDIATE")
    };
    (postgres $p:expr) => {
        $p.begin()
    };
}
pub(crate) use begin_write;

/// Runs one transactional body on either pool, opening the write transaction
/// each backend needs; `$tx` is the open transaction inside the body.
macro_rules! in_write_tx {
    ($pool:expr, $tx:ident => $body:expr) => {{
        let _timed = $crate::timing::timed!();
        match $pool {
            $crate::pool::Pool::Sqlite(p) => {
                let mut $tx = $crate::pool::begin_write!(sqlite p).await.map_err($crate::error::db)?;
                let out = $body;
                $tx.commit().await.map_err($crate::error::db)?;
                out
            }
            $crate::pool::Pool::Postgres(p) => {
                let mut $tx = $crate::pool::begin_write!(postgres p).await.map_err($crate::error::db)?;
                let out = $body;
                $tx.commit().await.map_err($crate::error::db)?;
                out
            }
        }
    }};
}
pub(crate) use in_write_tx;

/// The connection pool of one backend.
#[derive(Debug, Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Pool {
    /// Which SQL this pool's database speaks.
    pub(crate) fn backend(&self) -> crate::prefilter::Backend {
        match self {
            Self::Sqlite(_) => crate::prefilter::Backend::Sqlite,
            Self::Postgres(_) => crate::prefilter::Backend::Postgres,
        }
    }

    /// The reads of whole clients in this backend's SQL.
    pub(crate) fn client_reads(&self) -> &'static crate::sql::clients::Reads {
        match self {
            Self::Sqlite(_) => &crate::sql::clients::SQLITE_READS,
            Self::Postgres(_) => &crate::sql::clients::POSTGRES_READS,
        }
    }
}

/// How to reach the database.
#[derive(Debug, Clone)]
pub struct DbConfig {
    /// `sqlite://path/to/file.db` or `postgres://...`.
    pub url: String,
    /// Most connections in the pool; `None`: [`DbConfig::pool_size`]'s
    /// default for the backend.
    pub max_connections: Option<u32>,
    /// How long a request waits for a connection; below the request timeout.
    pub acquire_timeout: Duration,
    /// PostgreSQL `statement_timeout`; SQLite's busy timeout.
    pub statement_timeout: Duration,
    /// What SQLite may hold in memory, all connections together, in bytes
    /// (its soft heap limit: past it, SQLite gives back cached pages
    /// before it takes more).
    pub sqlite_heap: u64,
}

impl DbConfig {
    /// Defaults for `url`: the backend's pool size, 5 s waits.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            max_connections: None,
            acquire_timeout: Duration::from_secs(5),
            statement_timeout: Duration::from_secs(5),
            sqlite_heap: 32 << 20,
        }
    }

    /// The pool's size: as configured, else 8 for PostgreSQL and, for
    /// SQLite, two a core up to 8. SQLite's statements run on the gateway's
    /// own cores, on one worker thread a connection, and each connection
    /// keeps its own page cache (some 9 MiB under heavy searches): past the
    /// cores, connections add memory, not throughput.
    pub fn pool_size(&self) -> u32 {
        self.max_connections.unwrap_or_else(|| {
            if is_postgres(&self.url) {
                MOST_CONNECTIONS
            } else {
                let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
                u32::try_from(cores * 2).map_or(MOST_CONNECTIONS, |n| n.min(MOST_CONNECTIONS))
            }
        })
    }
}

/// A look at the pool's connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    /// Open connections.
    pub open: u32,
    /// Open and idle: the rest run a statement or wait in a transaction.
    pub idle: u32,
    /// The most it may open.
    pub most: u32,
}

/// The default pool size of PostgreSQL and the largest default of SQLite.
const MOST_CONNECTIONS: u32 = 8;

/// The store over SQLite or PostgreSQL.
#[derive(Debug, Clone)]
pub struct SqlStore {
    pub(crate) pool: Pool,
    /// SQLite's group commit, which creates go through.
    pub(crate) writes: Option<crate::group_commit::GroupCommit>,
}

impl SqlStore {
    /// Connects, creating a SQLite file (and its folder) on first start, and
    /// runs the backend's migrations.
    pub async fn connect(config: &DbConfig) -> CoreResult<Self> {
        let pool = if is_postgres(&config.url) {
            Pool::Postgres(connect_postgres(config).await?)
        } else if config.url.starts_with("sqlite:") {
            Pool::Sqlite(connect_sqlite(config).await?)
        } else {
            return Err(CoreError::invalid(
                "database_url",
                "must start with sqlite:// or postgres://",
            ));
        };
        let writes = match &pool {
            Pool::Sqlite(p) => Some(crate::group_commit::GroupCommit::start(p.clone())),
            Pool::Postgres(_) => None,
        };
        let store = Self { pool, writes };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> CoreResult<()> {
        let result = match &self.pool {
            Pool::Sqlite(p) => migrations::sqlite(p).await,
            Pool::Postgres(p) => migrations::postgres(p).await,
        };
        result.map_err(|err| CoreError::Internal(format!("migration failed: {err}")))
    }

    /// Which backend this is: "sqlite" or "postgres".
    pub fn backend(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite(_) => "sqlite",
            Pool::Postgres(_) => "postgres",
        }
    }

    /// The pool's connections now: open in all, idle among them, and the most
    /// it may open.
    pub fn pool_stats(&self) -> PoolStats {
        let (open, idle, most) = match &self.pool {
            Pool::Sqlite(p) => (p.size(), p.num_idle(), p.options().get_max_connections()),
            Pool::Postgres(p) => (p.size(), p.num_idle(), p.options().get_max_connections()),
        };
        PoolStats {
            open,
            idle: u32::try_from(idle).unwrap_or(open),
            most,
        }
    }

    /// SQLite's group commits so far; `None` on PostgreSQL, which commits
    /// each write on its own connection.
    pub fn commit_stats(&self) -> Option<crate::group_commit::CommitStats> {
        self.writes
            .as_ref()
            .map(crate::group_commit::GroupCommit::stats)
    }

    /// A copy of the whole SQLite database in the new file `to`, taken
    /// while it serves (`VACUUM INTO`: one consistent snapshot, compacted).
    /// PostgreSQL is backed up with its own `pg_dump`.
    pub async fn backup_to(&self, to: &std::path::Path) -> CoreResult<()> {
        let Pool::Sqlite(pool) = &self.pool else {
            return Err(CoreError::invalid(
                "backup",
                "PostgreSQL is backed up with pg_dump",
            ));
        };
        if to.exists() {
            return Err(CoreError::invalid(
                "backup",
                format!("{} exists already", to.display()),
            ));
        }
        let path = to
            .to_str()
            .ok_or_else(|| CoreError::invalid("backup", "the path is not UTF-8"))?;
        sqlx::query(crate::sql::durability::BACKUP)
            .bind(path)
            .execute(pool)
            .await
            .map_err(crate::error::db)?;
        Ok(())
    }

    /// Settings that decide whether an acknowledged write survives a crash,
    /// as (name, value) pairs read back from the database.
    pub async fn durability(&self) -> CoreResult<Vec<(String, String)>> {
        on_pool!(&self.pool, p => {
            let mut out = Vec::new();
            for (name, query) in crate::sql::durability::of(self.backend()) {
                let value: String = sqlx::query_scalar(query)
                    .fetch_one(p)
                    .await
                    .map_err(crate::error::db)?;
                out.push(((*name).to_owned(), value));
            }
            Ok(out)
        })
    }
}

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

async fn connect_sqlite(config: &DbConfig) -> CoreResult<SqlitePool> {
    let options = SqliteConnectOptions::from_str(&config.url)
        .map_err(|err| CoreError::invalid("database_url", err.to_string()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(config.statement_timeout)
        .pragma("soft_heap_limit", config.sqlite_heap.to_string());
    if let Some(dir) = options
        .get_filename()
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|err| {
            CoreError::Internal(format!("cannot create {}: {err}", dir.display()))
        })?;
    }
    // Switching a new file to WAL needs it alone, before the busy timeout
    // applies: a second process opening it that moment gets "locked" at once.
    let mut attempt = 1;
    loop {
        // No ping before each checkout: the database is in process, so a
        // connection cannot have been cut, and the ping is a hop to its
        // worker thread and back on every request.
        let opened = SqlitePoolOptions::new()
            .max_connections(config.pool_size())
            .acquire_timeout(config.acquire_timeout)
            .test_before_acquire(false)
            .after_release(outside_transaction)
            .connect_with(options.clone())
            .await;
        match opened {
            Err(err) if attempt < 10 && crate::error::is_busy(&err) => {
                tracing::debug!(%err, attempt, "SQLite file busy while opening; retrying");
                tokio::time::sleep(Duration::from_millis(50 * attempt)).await;
                attempt += 1;
            }
            opened => {
                return opened.map_err(|err| {
                    CoreError::Internal(format!("cannot open SQLite database: {err}"))
                });
            }
        }
    }
}

async fn connect_postgres(config: &DbConfig) -> CoreResult<PgPool> {
    let timeout = format!("{}", config.statement_timeout.as_millis());
    let options = PgConnectOptions::from_str(&config.url)
        .map_err(|err| CoreError::invalid("database_url", err.to_string()))?
        // JIT compiles a plan it deems expensive: 100 ms and more of work for
        // queries that then run in milliseconds, which is what this service runs.
        .options([("statement_timeout", timeout.as_str()), ("jit", "off")]);
    let unreachable = |err| CoreError::Internal(format!("cannot connect to PostgreSQL: {err}"));
    let pool = PgPoolOptions::new()
        .max_connections(config.pool_size())
        .acquire_timeout(config.acquire_timeout)
        .after_release(outside_transaction);
    let pool = if account_scope::policies_bind(&options)
        .await
        .map_err(unreachable)?
    {
        tracing::info!(
            "row-level security binds this role: each connection names its request's account"
        );
        pool.after_connect(account_scope::on_connect)
            .before_acquire(account_scope::on_acquire)
    } else {
        pool
    };
    pool.connect_with(options).await.map_err(unreachable)
}

/// Whether a connection coming back to the pool may be handed out again: only
/// when it is outside any transaction. This is the one place that keeps a
/// request which goes away (its client hung up, its deadline fired) from
/// leaving a connection inside a transaction that nobody will end.
///
/// It is complete because sqlx runs `after_release` on every connection a
/// `PoolConnection` gives back, whatever dropped it: a finished statement, a
/// committed or dropped `Transaction`, or a future cancelled at any `.await`,
/// including the one sqlx-sqlite 0.8 leaves between an acknowledged
/// `BEGIN IMMEDIATE` and the `Transaction` guard existing (its
/// `SqliteTransactionManager::begin` awaits the connection lock there). A
/// dropped `Transaction` only queues its rollback, so a connection that still
/// counts a transaction first runs a round trip, which flushes that queue; one
/// that counts a transaction after it has an orphan, and is refused: the pool
/// closes it, which rolls the orphan back, and opens a fresh one on demand.
/// So a write whose client went away either committed whole or rolls back
/// whole, and the next request never inherits its transaction.
fn outside_transaction<C: sqlx::Connection>(
    conn: &mut C,
    _: PoolConnectionMetadata,
) -> BoxFuture<'_, Result<bool, sqlx::Error>> {
    Box::pin(async move {
        if !conn.is_in_transaction() {
            return Ok(true);
        }
        conn.ping().await?;
        let orphaned = conn.is_in_transaction();
        if orphaned {
            tracing::warn!("a connection came back inside a transaction; closing it");
        }
        Ok(!orphaned)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pool_size_is_the_configured_one_or_the_backend_s() {
        let mut sqlite = DbConfig::new("sqlite://x.db");
        assert!((1..=MOST_CONNECTIONS).contains(&sqlite.pool_size()));
        sqlite.max_connections = Some(20);
        assert_eq!(sqlite.pool_size(), 20);
        let postgres = DbConfig::new("postgres://u@h/db");
        assert_eq!(postgres.pool_size(), MOST_CONNECTIONS);
    }
}
