//! A database made by an older schema opens with today's store, its rows
//! carried into the new shape.

use std::path::Path;
use std::str::FromStr;

use crm_core::credential::SecretName;
use crm_testkit::{Backend, TestDb};
use sqlx::Connection;
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;

/// The first migration that is not in the older schema.
const FIRST_NEW: &str = "0007";

/// The older schema: this backend's migrations before [`FIRST_NEW`].
async fn older_schema(backend: Backend) -> (tempfile::TempDir, Migrator) {
    let folder = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let all = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(folder);
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(all).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.as_str() < FIRST_NEW {
            std::fs::copy(&path, dir.path().join(&name)).unwrap();
        }
    }
    let migrator = Migrator::new(dir.path()).await.unwrap();
    (dir, migrator)
}

const OLD_ACCOUNT: &str = "INSERT INTO accounts (name, planfix_private_key, created_at) \
     VALUES ('acme', 'the-old-private-key', 0)";

#[tokio::test]
async fn an_older_database_keeps_its_accounts_private_keys() {
    let db = TestDb::new().await;
    let (_dir, older) = older_schema(db.backend()).await;
    match db.backend() {
        Backend::Sqlite => {
            let options = SqliteConnectOptions::from_str(db.url())
                .unwrap()
                .create_if_missing(true);
            let mut conn = sqlx::SqliteConnection::connect_with(&options)
                .await
                .unwrap();
            older.run(&mut conn).await.unwrap();
            sqlx::query(OLD_ACCOUNT).execute(&mut conn).await.unwrap();
            conn.close().await.unwrap();
        }
        Backend::Postgres => {
            let mut conn = sqlx::PgConnection::connect(db.url()).await.unwrap();
            older.run(&mut conn).await.unwrap();
            sqlx::query(OLD_ACCOUNT).execute(&mut conn).await.unwrap();
            conn.close().await.unwrap();
        }
    }
    let crm = db.crm().await;
    let account = crm.account_by_name("acme").await.unwrap().unwrap();
    let key = crm
        .account_secret(account.id, SecretName("planfix_private_key"))
        .await
        .unwrap();
    assert_eq!(key, "the-old-private-key");
}
