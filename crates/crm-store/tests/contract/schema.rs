use std::collections::BTreeSet;

use crm_core::{ClientKind, Name, NewClient, Origin};
use crm_store::{DbConfig, SqlStore};
use crm_testkit::{Backend, TestAccount, TestDb};
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

/// Runs one statement with `id` bound as `$1` on the test's database.
async fn execute(db: &TestDb, statement: &str, id: i64) -> Result<(), sqlx::Error> {
    match db.backend() {
        Backend::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(db.url()).await?;
            sqlx::query(statement).bind(id).execute(&mut conn).await?;
        }
        Backend::Postgres => {
            let mut conn = sqlx::PgConnection::connect(db.url()).await?;
            sqlx::query(statement).bind(id).execute(&mut conn).await?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn closed_columns_refuse_a_value_the_gateway_never_writes() {
    let db = TestDb::new().await;
    let crm = db.crm().await;
    let acme = TestAccount::create(&crm, "acme").await;
    let person = NewClient::new(ClientKind::Person, Name::full("Кто-то"));
    let id = crm
        .create_client(acme.admin, Origin::Manual, person)
        .await
        .unwrap()
        .id
        .get();
    for refused in [
        "UPDATE clients SET kind = 'robot' WHERE id = $1",
        "UPDATE clients SET status = 'archived' WHERE id = $1",
        "INSERT INTO documents (account_id, client_id, kind, title, created_at) \
         SELECT account_id, id, 'memo', 'x', 0 FROM clients WHERE id = $1",
    ] {
        assert!(execute(&db, refused, id).await.is_err(), "{refused}");
    }
    execute(
        &db,
        "UPDATE clients SET status = 'deleted' WHERE id = $1",
        id,
    )
    .await
    .unwrap();
}

/// The build's SQLite keeps a statement's plan whatever values are bound
/// (`.cargo/config.toml`), so the store can keep its search statements
/// prepared: without it, each new `LIKE` pattern prepares them again.
#[tokio::test]
async fn sqlite_plans_do_not_depend_on_bound_values() {
    let db = TestDb::new().await;
    if db.backend() != Backend::Sqlite {
        return;
    }
    drop(db.store().await);
    let mut conn = sqlx::SqliteConnection::connect(db.url()).await.unwrap();
    let options: Vec<String> = sqlx::query_scalar("SELECT * FROM pragma_compile_options")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert!(
        options.iter().any(|o| o == "ENABLE_QPSG"),
        "SQLite built without SQLITE_ENABLE_QPSG: {options:?}"
    );
}
