//! PostgreSQL's row-level security as the backstop behind every statement's
//! own account condition (G9): a gateway whose role the policies bind (here
//! one with the tables granted and nothing owned) names each request's
//! account on its connections and serves all four dialects; a statement on
//! such a connection that names no account sees no row of any table, and
//! one that names an account sees that account's rows alone and cannot
//! write another's.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{ALL, Session};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::{Backend, GrantedRole, TestDb};
use sqlx::{Connection, PgConnection};

/// Every table of the schema; each has a policy.
const TABLES: [&str; 14] = [
    "accounts",
    "users",
    "api_keys",
    "sessions",
    "catalogue_entries",
    "custom_fields",
    "clients",
    "client_companies",
    "client_fields",
    "contact_points",
    "documents",
    "account_secrets",
    "account_upstreams",
    "upstream_ids",
];

async fn count(conn: &mut PgConnection, table: &str) -> i64 {
    // Table names come from TABLES, never input.
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(conn)
        .await
        .unwrap()
}

async fn scope(conn: &mut PgConnection, value: &str) {
    sqlx::query("SELECT set_config('crm.account', $1, false)")
        .bind(value)
        .execute(conn)
        .await
        .unwrap();
}

async fn account_id(db: &TestDb, name: &str) -> i64 {
    let mut admin = PgConnection::connect(db.url()).await.unwrap();
    sqlx::query_scalar("SELECT id FROM accounts WHERE name = $1")
        .bind(name)
        .fetch_one(&mut admin)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_statement_without_the_account_scope_sees_nothing() {
    let db = TestDb::new().await;
    if db.backend() != Backend::Postgres {
        eprintln!("row-level security is PostgreSQL's; skipped on SQLite");
        return;
    }
    let acme = create_account(db.url(), "acme");
    let globex = create_account(db.url(), "globex");
    let role = GrantedRole::on(&db, "rls").await;
    let gateway = Gateway::start(&role.url());

    // Every dialect signs in, writes and reads through the scoped role.
    let ours = Session::open(&gateway.url(""), acme).await;
    let theirs = Session::open(&gateway.url(""), globex).await;
    for (n, dialect) in ALL.into_iter().enumerate() {
        let person = Person::sample(&format!("scoped {n}"));
        let id = ours.write(dialect, &person).await;
        let seen = ours.read(dialect, id).await.expect("our own client");
        assert!(seen.shows(&person), "{dialect:?}: {seen:?}");
        assert!(theirs.read(dialect, id).await.is_none(), "{dialect:?}");
    }
    theirs.write(ALL[0], &Person::sample("theirs")).await;

    let mut conn = PgConnection::connect(&role.url()).await.unwrap();
    for table in TABLES {
        assert_eq!(count(&mut conn, table).await, 0, "{table} without a scope");
    }
    let (acme_id, globex_id) = (
        account_id(&db, "acme").await,
        account_id(&db, "globex").await,
    );
    scope(&mut conn, &acme_id.to_string()).await;
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM clients")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert_eq!(names.len(), ALL.len(), "{names:?}");
    assert!(names.iter().all(|n| n.contains("scoped")), "{names:?}");
    assert_eq!(count(&mut conn, "accounts").await, 1);
    let foreign = sqlx::query(
        "INSERT INTO catalogue_entries (account_id, kind, title) VALUES ($1, 'group', 'x')",
    )
    .bind(globex_id)
    .execute(&mut conn)
    .await;
    assert!(
        foreign.is_err_and(|e| e.to_string().contains("row-level security")),
        "a row of another account written"
    );

    // A superuser is exempt, as PostgreSQL makes it.
    let mut admin = PgConnection::connect(db.url()).await.unwrap();
    assert_eq!(
        count(&mut admin, "clients").await,
        i64::try_from(ALL.len()).unwrap() + 1
    );
}
