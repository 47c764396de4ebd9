//! An account's life after its creation: disabled and enabled, credentials
//! of one kind replaced, users switched off. The service here trusts no
//! credential for any time, so each answer is the store's.

use std::time::Duration;

use crm_core::crm::CrmConfig;
use crm_core::{CoreError, Crm, NewUser, Role, UserStatus};
use crm_testkit::{TestAccount, TestDb, cheap_crm_config, credentials};

async fn uncached() -> (TestDb, Crm, TestAccount) {
    let db = TestDb::new().await;
    let crm = db
        .crm_with(CrmConfig {
            credential_ttl: Duration::ZERO,
            ..cheap_crm_config()
        })
        .await;
    let acme = TestAccount::with_credentials(&crm, "acme", credentials::SAMPLE).await;
    (db, crm, acme)
}

fn refused<T: std::fmt::Debug>(answer: Result<T, CoreError>) -> bool {
    matches!(answer, Err(CoreError::Unauthenticated(_)))
}

#[tokio::test]
async fn a_disabled_account_has_no_key_and_no_name_until_enabled() {
    let (_db, crm, acme) = uncached().await;
    let token = acme.key(credentials::TOKEN).to_owned();
    let key = acme.key(credentials::ACCOUNT_KEY).to_owned();
    let disabled = crm.set_account_disabled("acme", true).await.unwrap();
    assert!(disabled.disabled_at.is_some());
    assert!(refused(
        crm.authenticate_token(credentials::TOKEN, &token).await
    ));
    assert!(refused(
        crm.account_by_key(credentials::ACCOUNT_KEY, &key).await
    ));
    assert_eq!(crm.account_by_name("acme").await.unwrap(), None);
    let kept = crm.named_account("acme").await.unwrap();
    assert!(kept.disabled_at.is_some(), "{kept:?}");

    crm.set_account_disabled("acme", false).await.unwrap();
    let who = crm
        .authenticate_token(credentials::TOKEN, &token)
        .await
        .unwrap();
    assert_eq!(who, acme.admin);
    assert_eq!(
        crm.account_by_key(credentials::ACCOUNT_KEY, &key)
            .await
            .unwrap(),
        acme.admin.account
    );
    assert!(crm.account_by_name("acme").await.unwrap().is_some());
}

#[tokio::test]
async fn disabling_one_account_leaves_another_alone() {
    let (_db, crm, _acme) = uncached().await;
    let beta = TestAccount::with_credentials(&crm, "beta", credentials::SAMPLE).await;
    crm.set_account_disabled("acme", true).await.unwrap();
    let who = crm
        .authenticate_token(credentials::TOKEN, beta.key(credentials::TOKEN))
        .await
        .unwrap();
    assert_eq!(who, beta.admin);
}

#[tokio::test]
async fn a_rotated_kind_refuses_its_old_key_and_keeps_its_user() {
    let (_db, crm, acme) = uncached().await;
    let old = acme.key(credentials::TOKEN).to_owned();
    let other = acme.key(credentials::OTHER_TOKEN).to_owned();
    let old_secret = crm
        .account_secret(acme.admin.account, credentials::SECRET)
        .await
        .unwrap();
    let rotated = crm
        .rotate_credentials(
            "acme",
            &[
                crm_core::credential::Credential::Key {
                    kind: credentials::TOKEN,
                    names_user: true,
                },
                crm_core::credential::Credential::Secret(credentials::SECRET),
            ],
        )
        .await
        .unwrap();
    assert!(refused(
        crm.authenticate_token(credentials::TOKEN, &old).await
    ));
    let new = rotated.keys[&credentials::TOKEN].expose();
    let who = crm
        .authenticate_token(credentials::TOKEN, new)
        .await
        .unwrap();
    assert_eq!(who, acme.admin);
    let who = crm
        .authenticate_token(credentials::OTHER_TOKEN, &other)
        .await
        .unwrap();
    assert_eq!(who, acme.admin, "a kind not rotated keeps its key");
    let secret = crm
        .account_secret(acme.admin.account, credentials::SECRET)
        .await
        .unwrap();
    assert_ne!(secret, old_secret);
    assert_eq!(secret, rotated.secrets[&credentials::SECRET].expose());
}

#[tokio::test]
async fn an_added_user_signs_in_until_disabled() {
    let (_db, crm, acme) = uncached().await;
    let user = NewUser {
        login: "ivan@acme".to_owned(),
        first_name: "Иван".to_owned(),
        last_name: "Петров".to_owned(),
        email: "ivan@acme".to_owned(),
        role: Role::User,
        manager: None,
    };
    let added = crm.add_user("acme", &user).await.unwrap();
    let account = acme.admin.account;
    crm.open_session(account, "ivan@acme", added.password.expose())
        .await
        .unwrap();
    let logins: Vec<String> = crm
        .account_users("acme")
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.login)
        .collect();
    assert_eq!(logins, ["admin@acme", "ivan@acme"]);

    crm.set_user_status("acme", "ivan@acme", UserStatus::Inactive)
        .await
        .unwrap();
    let answer = crm
        .open_session(account, "ivan@acme", added.password.expose())
        .await;
    assert!(refused(answer));
    assert!(refused(crm.principal_by_login(account, "ivan@acme").await));
    let err = crm
        .set_user_status("acme", "nobody@acme", UserStatus::Inactive)
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::NotFound { .. }), "{err:?}");
    let err = crm.add_user("acme", &user).await.unwrap_err();
    assert!(matches!(err, CoreError::Duplicate { .. }), "{err:?}");
}

#[tokio::test]
async fn a_login_given_wrong_passwords_past_its_rate_is_held_back_and_others_are_not() {
    let db = TestDb::new().await;
    let crm = db
        .crm_with(CrmConfig {
            failed_logins_per_minute: 2,
            ..cheap_crm_config()
        })
        .await;
    let acme = TestAccount::with_credentials(&crm, "acme", credentials::SAMPLE).await;
    let user = NewUser {
        login: "ivan@acme".to_owned(),
        first_name: String::new(),
        last_name: String::new(),
        email: "ivan@acme".to_owned(),
        role: Role::User,
        manager: None,
    };
    let added = crm.add_user("acme", &user).await.unwrap();
    let account = acme.admin.account;
    for _ in 0..3 {
        let answer = crm.open_session(account, "admin@acme", "wrong").await;
        assert!(refused(answer));
    }
    let held = crm.open_session(account, "admin@acme", "wrong").await;
    assert!(matches!(held, Err(CoreError::Unavailable(_))), "{held:?}");
    crm.open_session(account, "ivan@acme", added.password.expose())
        .await
        .expect("another login signs in");
}

#[tokio::test]
async fn an_account_past_its_quota_is_told_to_try_later_and_another_is_not() {
    let db = TestDb::new().await;
    let crm = db
        .crm_with(CrmConfig {
            account_requests_per_second: 2,
            ..cheap_crm_config()
        })
        .await;
    let acme = TestAccount::with_credentials(&crm, "acme", credentials::SAMPLE).await;
    let beta = TestAccount::with_credentials(&crm, "beta", credentials::SAMPLE).await;
    let token = acme.key(credentials::TOKEN).to_owned();
    let answers: Vec<_> = three_sign_ins(&crm, &token).await;
    assert!(answers[..2].iter().all(Result::is_ok), "{answers:?}");
    assert!(
        matches!(answers[2], Err(CoreError::Unavailable(_))),
        "{answers:?}"
    );
    crm.authenticate_token(credentials::TOKEN, beta.key(credentials::TOKEN))
        .await
        .expect("beta has its own quota");
}

async fn three_sign_ins(crm: &Crm, token: &str) -> Vec<Result<crm_core::Principal, CoreError>> {
    let mut answers = Vec::new();
    for _ in 0..3 {
        answers.push(crm.authenticate_token(credentials::TOKEN, token).await);
    }
    answers
}
