//! Row-level security (G9) from the store's side: on a role the policies
//! bind, a pooled connection names the account of the request that takes
//! it, `all` before the request has signed in and outside requests; on an
//! exempt role (a superuser) the store names nothing. PostgreSQL only.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_core::{AccountId, scope};
use crm_store::{DbConfig, SqlStore};
use crm_testkit::{Backend, GrantedRole, TestDb};

#[tokio::test]
async fn a_bound_role_names_the_signed_in_account_on_every_connection() {
    let db = TestDb::new().await;
    if db.backend() != Backend::Postgres {
        eprintln!("row-level security is PostgreSQL's; skipped on SQLite");
        return;
    }
    let exempt = db.store().await;
    assert_eq!(
        exempt.account_scope().await.unwrap(),
        None,
        "a superuser is exempt"
    );
    let role = GrantedRole::on(&db, "store_rls").await;
    let store = SqlStore::connect(&DbConfig::new(role.url())).await.unwrap();
    assert_eq!(store.account_scope().await.unwrap().as_deref(), Some("all"));
    for account in [7, 8, 7] {
        let named = scope::request(async {
            let before = store.account_scope().await.unwrap();
            scope::enter(AccountId(account));
            (before, store.account_scope().await.unwrap())
        })
        .await;
        let expected = (Some("all".to_owned()), Some(account.to_string()));
        assert_eq!(named, expected);
    }
    assert_eq!(store.account_scope().await.unwrap().as_deref(), Some("all"));
}
