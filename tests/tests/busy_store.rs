//! A database that stays busy past the configured wait is answered with each
//! dialect's own "try later" error, never an HTTP 500: a write lock held by
//! another process (SQLite) or a table lock held by another session
//! (PostgreSQL) outlasts `database.statement_timeout_ms`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use crm_e2e::dialect::{Session, xml_text};
use crm_e2e::{Gateway, create_account};
use crm_testkit::{Backend, TestDb};
use serde_json::json;
use sqlx::Connection;

/// Another process's connection, holding the write lock until it closes.
async fn hold_the_write_lock(db: &TestDb) -> Box<dyn std::any::Any> {
    let url = db.url();
    match db.backend() {
        Backend::Sqlite => {
            Box::new(locked(sqlx::SqliteConnection::connect(url), "BEGIN IMMEDIATE").await)
        }
        Backend::Postgres => Box::new(
            locked(
                sqlx::PgConnection::connect(url),
                "BEGIN; LOCK TABLE clients IN ACCESS EXCLUSIVE MODE",
            )
            .await,
        ),
    }
}

async fn locked<C>(
    connect: impl std::future::Future<Output = sqlx::Result<C>>,
    sql: &'static str,
) -> C
where
    C: sqlx::Connection,
    for<'c> &'c mut C: sqlx::Executor<'c>,
{
    let mut conn = connect.await.unwrap();
    sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
    conn
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_store_answers_each_dialects_try_later_error() {
    let db = TestDb::new().await;
    let creds = create_account(db.url(), "acme");
    let config = std::env::temp_dir().join("crm-e2e-busy.toml");
    std::fs::write(&config, "[database]\nstatement_timeout_ms = 300\n").unwrap();
    let gateway = Gateway::start_with(db.url(), &config);
    let session = Session::open(&gateway.url(""), creds).await;
    let holder = hold_the_write_lock(&db).await;

    let eadesk = session
        .eadesk_post("create", json!({"name": "Занято", "description": ""}))
        .await;
    assert_eq!(eadesk, json!({"err": "ETIMEOUT"}), "eadesk");

    let body = json!({"type": 2, "name": "Занято"});
    let rest = session.rest(reqwest::Method::POST, "", Some(body)).await;
    assert_eq!(
        rest,
        json!({"response": {"name": "Service Unavailable", "message": "The request took too long.", "code": 0, "status": 503}}),
        "rest"
    );

    let salesman = session
        .salesman(&[("action", "add"), ("person", "Занято")])
        .await;
    assert_eq!(
        salesman,
        json!({"result": "Error", "error": {"code": "408", "text": "Превышено время ожидания запроса"}}),
        "salesman"
    );

    let planfix = session
        .planfix_call("contact.add", "<name>Занято</name>")
        .await;
    assert_eq!(
        xml_text(&planfix, "code").as_deref(),
        Some("0007"),
        "planfix: {planfix}"
    );

    drop(holder);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let rest = session
        .rest(
            reqwest::Method::POST,
            "",
            Some(json!({"type": 2, "name": "Свободно"})),
        )
        .await;
    assert!(
        rest["response"]["id"].is_i64(),
        "a write once the lock is gone: {rest}"
    );
    gateway.stop_cleanly();
}
