//! An account bound to an upstream reaches its client data there, and only
//! there; other accounts, and the account once unbound, reach the gateway's
//! own store. The "upstream" here is a second database opened as another
//! gateway's store: both databases are fresh, so `acme` is account 1 and
//! its admin user 1 in each.

use std::sync::Arc;

use crm_core::crm::Upstreams;
use crm_core::store::{ClientData, ClientStore};
use crm_core::{
    AccountId, ClientKind, ClientQuery, CoreError, CoreResult, Crm, DialectName, Name, NewClient,
    Page, UpstreamBinding, Visibility,
};
use crm_store::SqlStore;
use crm_testkit::{TestAccount, TestDb, cheap_crm_config};

#[derive(Debug)]
struct OtherDatabase(Arc<SqlStore>);

impl Upstreams for OtherDatabase {
    fn open(&self, _: AccountId, _: &UpstreamBinding) -> CoreResult<Arc<dyn ClientData>> {
        Ok(self.0.clone())
    }
}

fn every_client() -> ClientQuery {
    ClientQuery::new(
        Visibility::LiveOnly,
        Page {
            offset: 0,
            limit: 100,
        },
    )
}

fn binding() -> UpstreamBinding {
    UpstreamBinding::new(
        DialectName::new("rest"),
        "https://upstream.example",
        r#"{"access_token":"t"}"#.to_owned(),
    )
}

async fn create(crm: &Crm, who: &TestAccount, name: &str) -> crm_core::ClientId {
    let new = NewClient::new(ClientKind::Person, Name::full(name));
    crm.create_client(who.admin, crm_testkit::origin::REST, new)
        .await
        .unwrap()
        .id
}

/// Whether `store` holds client `id` of `account` under `name` (ids are
/// each database's own, so the name tells the rows apart).
async fn holds(store: &SqlStore, account: AccountId, id: crm_core::ClientId, name: &str) -> bool {
    store
        .client(account, id, Visibility::LiveOnly)
        .await
        .unwrap()
        .is_some_and(|c| c.name.as_full() == name)
}

#[tokio::test]
async fn a_bound_account_writes_and_reads_upstream_and_no_other_does() {
    let (local_db, upstream_db) = (TestDb::new().await, TestDb::new().await);
    let upstream = Arc::new(upstream_db.store().await);
    let upstream_crm = Crm::new(upstream.clone(), cheap_crm_config()).unwrap();
    TestAccount::create(&upstream_crm, "acme").await;
    let local = Arc::new(local_db.store().await);
    let crm = Crm::new(local.clone(), cheap_crm_config())
        .unwrap()
        .with_upstreams(Arc::new(OtherDatabase(upstream.clone())));
    let acme = TestAccount::create(&crm, "acme").await;
    let other = TestAccount::create(&crm, "other").await;
    let account = acme.admin.account;

    let before = create(&crm, &acme, "До привязки").await;
    assert!(holds(&local, account, before, "До привязки").await);
    crm.bind_upstream("acme", &binding()).await.unwrap();
    let bound = create(&crm, &acme, "После привязки").await;
    assert!(
        holds(&upstream, account, bound, "После привязки").await,
        "the bound write is upstream"
    );
    assert!(
        !holds(&local, account, bound, "После привязки").await,
        "and not in the gateway's store"
    );
    let page = crm.clients(acme.admin, &every_client()).await.unwrap();
    let names: Vec<&str> = page.iter().map(|c| c.name.as_full()).collect();
    assert_eq!(
        names,
        ["После привязки"],
        "the bound account lists its upstream's clients only"
    );

    let theirs = create(&crm, &other, "Чужой").await;
    assert!(holds(&local, other.admin.account, theirs, "Чужой").await);

    assert!(crm.unbind_upstream("acme").await.unwrap());
    let after = create(&crm, &acme, "После отвязки").await;
    assert!(
        holds(&local, account, after, "После отвязки").await,
        "unbound, the account is local again"
    );
    assert!(!holds(&upstream, account, after, "После отвязки").await);
}

#[tokio::test]
async fn a_bound_account_without_upstreams_is_unavailable_not_local() {
    let db = TestDb::new().await;
    let crm = db.crm().await;
    let acme = TestAccount::create(&crm, "acme").await;
    crm.bind_upstream("acme", &binding()).await.unwrap();
    let new = NewClient::new(ClientKind::Person, Name::full("Никуда"));
    let err = crm
        .create_client(acme.admin, crm_testkit::origin::REST, new)
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::Unavailable(_)), "{err:?}");
    assert!(err.to_string().contains("rest"), "{err}");
}
