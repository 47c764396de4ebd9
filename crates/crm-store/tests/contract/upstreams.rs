//! An account's binding to an upstream CRM is kept per account, replaced by
//! a new bind, removed by unbind, and never touches another account.

use crm_core::{CoreError, DialectName, UpstreamBinding};
use crm_testkit::TestAccount;

use crate::support::Fixture;

fn binding(dialect: &str, url: &str, secret: &str) -> UpstreamBinding {
    UpstreamBinding::new(
        DialectName::parse(dialect).unwrap(),
        url,
        format!(r#"{{"access_token":"{secret}"}}"#),
    )
}

#[tokio::test]
async fn a_binding_is_kept_replaced_and_removed() {
    let f = Fixture::new().await;
    let account = f.who().account;
    assert_eq!(f.crm.upstream_binding(account).await.unwrap(), None);

    let first = binding("rest", "https://a.example/", "one");
    let bound = f.crm.bind_upstream("acme", &first).await.unwrap();
    assert_eq!(bound.id, account);
    let kept = f.crm.upstream_binding(account).await.unwrap().unwrap();
    assert_eq!(kept, first);
    assert_eq!(kept.base_url, "https://a.example");
    assert_eq!(kept.expose_credentials(), r#"{"access_token":"one"}"#);

    let second = binding("planfix", "https://b.example", "two");
    f.crm.bind_upstream("acme", &second).await.unwrap();
    assert_eq!(f.crm.upstream_binding(account).await.unwrap(), Some(second));

    assert!(f.crm.unbind_upstream("acme").await.unwrap());
    assert_eq!(f.crm.upstream_binding(account).await.unwrap(), None);
    assert!(!f.crm.unbind_upstream("acme").await.unwrap());
}

#[tokio::test]
async fn a_binding_belongs_to_its_account_alone() {
    let f = Fixture::new().await;
    let other = TestAccount::create(&f.crm, "other").await;
    f.crm
        .bind_upstream("acme", &binding("rest", "https://a.example", "one"))
        .await
        .unwrap();
    assert_eq!(
        f.crm.upstream_binding(other.admin.account).await.unwrap(),
        None
    );
    assert!(!f.crm.unbind_upstream("other").await.unwrap());
    assert!(
        f.crm
            .upstream_binding(f.who().account)
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn binding_an_unknown_account_is_not_found() {
    let f = Fixture::new().await;
    let err = f
        .crm
        .bind_upstream("nobody", &binding("rest", "https://a.example", "one"))
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::NotFound { .. }), "{err:?}");
}
