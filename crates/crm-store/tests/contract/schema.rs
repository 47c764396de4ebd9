use std::collections::BTreeSet;

use crm_store::{DbConfig, SqlStore};
use crm_testkit::{Backend, TestDb};
use sqlx::Connection;

/// Ordinary tables only: the FTS5 search indexes (virtual tables and their
/// shadow tables) are SQLite's counterpart of PostgreSQL's `pg_trgm`
/// indexes, not data.
const SQLITE_COLUMNS: &str = "SELECT t.name, p.name FROM pragma_table_list t \
     JOIN pragma_table_info(t.name) p \
     WHERE t.type = 'table' AND t.schema = 'main' \
     AND t.name NOT LIKE 'sqlite_%' AND t.name NOT LIKE '_sqlx%'";
const POSTGRES_COLUMNS: &str = "SELECT table_name::text, column_name::text \
     FROM information_schema.columns \
     WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'";

type Columns = BTreeSet<(String, String)>;

async fn sqlite_columns() -> Columns {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("parity.db").display());
    let store = SqlStore::connect(&DbConfig::new(&url)).await.unwrap();
    drop(store);
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let rows: Vec<(String, String)> = sqlx::query_as(SQLITE_COLUMNS)
        .fetch_all(&mut conn)
        .await
        .unwrap();
    rows.into_iter().collect()
}

#[tokio::test]
async fn both_backends_have_the_same_tables_and_columns() {
    let db = TestDb::new().await;
    if db.backend() != Backend::Postgres {
        eprintln!("schema parity needs CRM_TEST_DATABASE_URL=postgres://...; run on SQLite only");
        assert!(!sqlite_columns().await.is_empty());
        return;
    }
    drop(db.store().await);
    let mut conn = sqlx::PgConnection::connect(db.url()).await.unwrap();
    let rows: Vec<(String, String)> = sqlx::query_as(POSTGRES_COLUMNS)
        .fetch_all(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let postgres: Columns = rows.into_iter().collect();
    let sqlite = sqlite_columns().await;
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "only on SQLite: {only_sqlite:?}; only on PostgreSQL: {only_postgres:?}"
    );
}

#[tokio::test]
async fn writes_are_durable_on_this_backend() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let settings = store.durability().await.unwrap();
    let get = |name: &str| {
        settings
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.to_lowercase())
            .unwrap_or_default()
    };
    match db.backend() {
        Backend::Sqlite => {
            assert_eq!(get("journal_mode"), "wal");
            assert_eq!(get("synchronous"), "2", "FULL: a commit reaches the disk");
        }
        Backend::Postgres => {
            assert_eq!(get("fsync"), "on");
            assert_eq!(get("synchronous_commit"), "on");
        }
    }
}

#[tokio::test]
async fn data_survives_reopening_the_store() {
    let db = TestDb::new().await;
    let crm = db.crm().await;
    let acme = crm_testkit::TestAccount::create(&crm, "acme").await;
    let created = crm
        .create_client(
            acme.admin,
            crm_core::Origin::Manual,
            crate::support::person("Постоянный", &[(crm_core::Service::Mail, "p@x.ru")]),
        )
        .await
        .unwrap();
    crm.close().await;
    let reopened = db.crm().await;
    let read = reopened
        .client(acme.admin, created.id, crm_core::Visibility::LiveOnly)
        .await
        .unwrap();
    assert_eq!(read, created);
}
