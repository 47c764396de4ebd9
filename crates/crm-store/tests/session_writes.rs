//! A Planfix session in use writes its `last_used_at` at most once a minute
//! per gateway, not on every request: each write is an fsync on SQLite.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use crm_core::Crm;
use crm_core::crm::CrmConfig;
use crm_store::{DbConfig, SqlStore};
use crm_testkit::{StatementLog, TestAccount, TestDb, cheap_crm_config};

#[tokio::test]
async fn resuming_a_session_writes_its_last_use_once_a_minute() {
    let log = StatementLog::global();
    let db = TestDb::new().await;
    let store = SqlStore::connect(&DbConfig::new(db.url())).await.unwrap();
    // No credential lifetime: every resume reaches the store.
    let config = CrmConfig {
        credential_ttl: Duration::ZERO,
        ..cheap_crm_config()
    };
    let crm = Crm::new(Arc::new(store), config).unwrap();
    let acme = TestAccount::create(&crm, "acme").await;
    let account = acme.issued.account.id;
    let sid = crm
        .open_session(
            account,
            &acme.issued.admin.login,
            acme.issued.password.expose(),
        )
        .await
        .unwrap();

    log.take();
    for _ in 0..5 {
        assert_eq!(
            crm.resume_session(account, sid.expose()).await.unwrap(),
            acme.admin
        );
    }
    let statements = log.take();
    let writes = statements
        .iter()
        .filter(|s| s.starts_with("update sessions"))
        .count();
    let reads = statements
        .iter()
        .filter(|s| s.starts_with("select user_id from sessions"))
        .count();
    assert_eq!((writes, reads), (1, 4), "{statements:#?}");

    assert!(crm.resume_session(account, "not a session").await.is_err());
}
