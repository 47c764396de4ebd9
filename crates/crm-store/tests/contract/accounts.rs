use crm_core::CoreError;
use crm_testkit::{TestAccount, TestDb, credentials};

use crate::support::Fixture;

#[tokio::test]
async fn every_issued_token_authenticates_as_the_admin() {
    let f = Fixture::new().await;
    let issued = &f.acme.issued;
    for kind in [credentials::TOKEN, credentials::OTHER_TOKEN] {
        let who = f
            .crm
            .authenticate_token(kind, issued.key(kind).unwrap().expose())
            .await
            .unwrap();
        assert_eq!(who, f.who(), "{kind:?}");
    }
    let account = f
        .crm
        .account_by_key(
            credentials::ACCOUNT_KEY,
            issued.key(credentials::ACCOUNT_KEY).unwrap().expose(),
        )
        .await
        .unwrap();
    assert_eq!(account, f.who().account);
}

#[tokio::test]
async fn a_token_of_one_kind_is_not_a_token_of_another() {
    let f = Fixture::new().await;
    let token = f.acme.key(credentials::TOKEN);
    let err = f
        .crm
        .authenticate_token(credentials::OTHER_TOKEN, token)
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::Unauthenticated(_)), "{err:?}");
}

#[tokio::test]
async fn account_names_are_unique() {
    let f = Fixture::new().await;
    let err = f
        .crm
        .create_account("acme", credentials::SAMPLE)
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::Duplicate { .. }), "{err:?}");
}

#[tokio::test]
async fn an_account_secret_is_kept_as_issued() {
    let f = Fixture::new().await;
    let secret = f
        .crm
        .account_secret(f.who().account, credentials::SECRET)
        .await
        .unwrap();
    let issued = f.acme.issued.secret(credentials::SECRET).unwrap();
    assert_eq!(secret, issued.expose());
}

#[tokio::test]
async fn session_opens_with_the_password_and_resumes_by_sid() {
    let f = Fixture::new().await;
    let account = f.who().account;
    let login = f.acme.issued.admin.login.clone();
    let sid = f
        .crm
        .open_session(account, &login, f.acme.issued.password.expose())
        .await
        .unwrap();
    assert_eq!(sid.expose().len(), 32);
    let who = f.crm.resume_session(account, sid.expose()).await.unwrap();
    assert_eq!(who, f.who());

    let wrong = f
        .crm
        .open_session(account, &login, "wrong")
        .await
        .unwrap_err();
    assert!(matches!(wrong, CoreError::Unauthenticated(_)));
    let unknown = f.crm.resume_session(account, "0".repeat(32).as_str()).await;
    assert!(matches!(unknown, Err(CoreError::Unauthenticated(_))));
}

#[tokio::test]
async fn session_of_one_account_does_not_open_another() {
    let db = TestDb::new().await;
    let crm = db.crm().await;
    let acme = TestAccount::create(&crm, "acme").await;
    let other = TestAccount::create(&crm, "other").await;
    let sid = crm
        .open_session(
            acme.admin.account,
            &acme.issued.admin.login,
            acme.issued.password.expose(),
        )
        .await
        .unwrap();
    let err = crm.resume_session(other.admin.account, sid.expose()).await;
    assert!(matches!(err, Err(CoreError::Unauthenticated(_))));
}

#[tokio::test]
async fn expired_session_is_refused() {
    let db = TestDb::new().await;
    let mut config = crm_testkit::cheap_crm_config();
    config.session_idle = std::time::Duration::from_millis(1);
    let crm = db.crm_with(config).await;
    let acme = TestAccount::create(&crm, "acme").await;
    let sid = crm
        .open_session(
            acme.admin.account,
            &acme.issued.admin.login,
            acme.issued.password.expose(),
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let err = crm.resume_session(acme.admin.account, sid.expose()).await;
    assert!(matches!(err, Err(CoreError::Unauthenticated(_))), "{err:?}");
}

#[tokio::test]
async fn accounts_start_with_ten_custom_fields() {
    let f = Fixture::new().await;
    let fields = f.crm.fields(f.who()).await.unwrap();
    let numbers: Vec<i64> = fields.iter().map(|f| f.number).collect();
    assert_eq!(numbers, (1..=10).collect::<Vec<_>>());
}

async fn stored_sessions(db: &TestDb) -> i64 {
    use sqlx::Connection;
    const COUNT: &str = "SELECT COUNT(*) FROM sessions";
    match db.backend() {
        crm_testkit::Backend::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(db.url()).await.unwrap();
            sqlx::query_scalar(COUNT)
                .fetch_one(&mut conn)
                .await
                .unwrap()
        }
        crm_testkit::Backend::Postgres => {
            let mut conn = sqlx::PgConnection::connect(db.url()).await.unwrap();
            sqlx::query_scalar(COUNT)
                .fetch_one(&mut conn)
                .await
                .unwrap()
        }
    }
}

#[tokio::test]
async fn opening_a_session_forgets_the_accounts_expired_ones() {
    let db = TestDb::new().await;
    let mut config = crm_testkit::cheap_crm_config();
    config.session_idle = std::time::Duration::from_millis(500);
    let crm = db.crm_with(config).await;
    let acme = TestAccount::create(&crm, "acme").await;
    let login = || {
        crm.open_session(
            acme.admin.account,
            &acme.issued.admin.login,
            acme.issued.password.expose(),
        )
    };
    login().await.unwrap();
    login().await.unwrap();
    assert_eq!(stored_sessions(&db).await, 2);
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    let fresh = login().await.unwrap();
    assert_eq!(
        stored_sessions(&db).await,
        1,
        "the two expired sessions are gone"
    );
    assert!(
        crm.resume_session(acme.admin.account, fresh.expose())
            .await
            .is_ok()
    );
}
