//! The schema's migrations, one folder a backend, and how each backend
//! applies them at start.

use std::time::Duration;

use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;

pub(crate) static SQLITE_MIGRATIONS: sqlx::migrate::Migrator =
    sqlx::migrate!("./migrations/sqlite");
pub(crate) static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator =
    sqlx::migrate!("./migrations/postgres");

/// Applies the migrations a PostgreSQL database lacks. One that has them all,
/// unchanged, is left alone: even with nothing to apply, sqlx asks for the
/// right to create in the schema, which a role that only has the tables
/// granted to it (one the row-level security policies bind) lacks.
pub(crate) async fn postgres(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    let applied: Vec<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations WHERE success")
            .fetch_all(pool)
            .await
            .unwrap_or_default();
    let up_to_date = POSTGRES_MIGRATIONS.iter().all(|known| {
        applied
            .iter()
            .any(|(version, checksum)| *version == known.version && **checksum == *known.checksum)
    });
    if up_to_date {
        return Ok(());
    }
    POSTGRES_MIGRATIONS.run(pool).await
}

/// PostgreSQL migrations take an advisory lock; SQLite's take none, so two
/// processes starting on one new file race. The loser's migration rolls back
/// and, run again, finds the winner's work recorded.
pub(crate) async fn sqlite(pool: &SqlitePool) -> Result<(), sqlx::migrate::MigrateError> {
    let mut attempt = 1;
    loop {
        match SQLITE_MIGRATIONS.run(pool).await {
            Err(err) if attempt < 5 => {
                tracing::debug!(%err, attempt, "SQLite migration raced another process; retrying");
                tokio::time::sleep(Duration::from_millis(100 * attempt)).await;
                attempt += 1;
            }
            result => return result,
        }
    }
}
