//! The configured memory bound reaches SQLite. Its soft heap limit belongs
//! to the process, so this test has a binary of its own.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_store::{DbConfig, SqlStore};
use sqlx::Connection;

#[tokio::test]
async fn sqlite_keeps_to_the_configured_heap() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("heap.db").display());
    let config = DbConfig {
        sqlite_heap: 3 << 20,
        ..DbConfig::new(url.clone())
    };
    let store = SqlStore::connect(&config).await.unwrap();
    let mut probe = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let limit: i64 = sqlx::query_scalar("PRAGMA soft_heap_limit")
        .fetch_one(&mut probe)
        .await
        .unwrap();
    assert_eq!(limit, 3 << 20);
    drop(store);
}
