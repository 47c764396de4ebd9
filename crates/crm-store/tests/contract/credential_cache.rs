//! Verified credentials are trusted for `CrmConfig::credential_ttl` without
//! asking the database, and no longer: a key removed from the database is
//! refused once that lifetime has passed, on any replica.

use std::sync::Arc;
use std::time::Duration;

use crm_core::crm::CrmConfig;
use crm_core::{CoreError, Crm};
use crm_store::{DbConfig, SqlStore};
use crm_testkit::{TestAccount, TestDb, cheap_crm_config, credentials};
use sqlx::Connection;

async fn crm_with_ttl(db: &TestDb, credential_ttl: Duration) -> Crm {
    let store = SqlStore::connect(&DbConfig::new(db.url())).await.unwrap();
    Crm::new(
        Arc::new(store),
        CrmConfig {
            credential_ttl,
            ..cheap_crm_config()
        },
    )
    .unwrap()
}

/// Removes every API key of every account, as a revocation would.
async fn revoke_all_keys(db: &TestDb) {
    if db.url().starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(db.url()).await.unwrap();
        sqlx::query("DELETE FROM api_keys")
            .execute(&mut conn)
            .await
            .unwrap();
    } else {
        let mut conn = sqlx::SqliteConnection::connect(db.url()).await.unwrap();
        sqlx::query("DELETE FROM api_keys")
            .execute(&mut conn)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_revoked_token_is_refused_once_the_credential_lifetime_has_passed() {
    let db = TestDb::new().await;
    let crm = crm_with_ttl(&db, Duration::from_millis(300)).await;
    let acme = TestAccount::with_credentials(&crm, "acme", credentials::SAMPLE).await;
    let token = acme.key(credentials::TOKEN).to_owned();
    let key = acme.key(credentials::ACCOUNT_KEY).to_owned();
    assert_eq!(
        crm.authenticate_token(credentials::TOKEN, &token)
            .await
            .unwrap(),
        acme.admin
    );
    assert_eq!(
        crm.account_by_key(credentials::ACCOUNT_KEY, &key)
            .await
            .unwrap(),
        acme.admin.account
    );

    revoke_all_keys(&db).await;
    // Within the lifetime the answer comes from memory; this replica may
    // still accept what the database no longer holds.
    assert!(
        crm.authenticate_token(credentials::TOKEN, &token)
            .await
            .is_ok()
    );

    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        crm.authenticate_token(credentials::TOKEN, &token).await,
        Err(CoreError::Unauthenticated("unknown token"))
    );
    assert_eq!(
        crm.account_by_key(credentials::ACCOUNT_KEY, &key).await,
        Err(CoreError::Unauthenticated("unknown key"))
    );
}

#[tokio::test]
async fn a_zero_credential_lifetime_asks_the_database_every_time() {
    let db = TestDb::new().await;
    let crm = crm_with_ttl(&db, Duration::ZERO).await;
    let acme = TestAccount::with_credentials(&crm, "acme", credentials::SAMPLE).await;
    let token = acme.key(credentials::TOKEN).to_owned();
    assert!(
        crm.authenticate_token(credentials::TOKEN, &token)
            .await
            .is_ok()
    );
    revoke_all_keys(&db).await;
    assert_eq!(
        crm.authenticate_token(credentials::TOKEN, &token).await,
        Err(CoreError::Unauthenticated("unknown token"))
    );
}
