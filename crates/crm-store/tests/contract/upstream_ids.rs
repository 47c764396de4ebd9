//! An upstream's own ids are numbered per account and kind, the same number
//! every time, and each number names its id back; numbering many ids at
//! once gives each its own number.

use std::collections::HashSet;
use std::sync::Arc;

use crm_core::store::{IdKind, UpstreamIdStore};
use crm_testkit::{TestAccount, TestDb};

#[tokio::test]
async fn ids_are_numbered_once_per_account_and_kind_and_read_back() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let crm =
        crm_core::Crm::new(Arc::new(db.store().await), crm_testkit::cheap_crm_config()).unwrap();
    let acme = TestAccount::create(&crm, "acme").await.admin.account;
    let other = TestAccount::create(&crm, "other").await.admin.account;
    let hex = "5f1d7a3c9b1e4a0012345678";

    let first = store.local_id(acme, IdKind::Client, hex).await.unwrap();
    let second = store.local_id(acme, IdKind::Client, "5f1d7a3c9b1e4a0087654321");
    assert_ne!(second.await.unwrap(), first);
    let again = store.local_id(acme, IdKind::Client, hex).await.unwrap();
    assert_eq!(again, first, "the same id, the same number");
    let point = store
        .local_id(acme, IdKind::ContactPoint, hex)
        .await
        .unwrap();
    let named = store
        .upstream_id(acme, IdKind::ContactPoint, point)
        .await
        .unwrap();
    assert_eq!(named.as_deref(), Some(hex));
    let across = store
        .upstream_id(acme, IdKind::Client, point)
        .await
        .unwrap();
    assert_eq!(across, None, "kinds are kept apart");
    let theirs = store.local_id(other, IdKind::Client, hex).await.unwrap();
    assert_ne!(theirs, first, "accounts are numbered apart");

    let named = store
        .upstream_id(acme, IdKind::Client, first)
        .await
        .unwrap();
    assert_eq!(named.as_deref(), Some(hex));
    let foreign = store
        .upstream_id(acme, IdKind::Client, theirs)
        .await
        .unwrap();
    assert_eq!(foreign, None, "another account's numbers are not ours");
}

#[tokio::test]
async fn ids_numbered_at_once_each_get_their_own_number() {
    let db = TestDb::new().await;
    let store = Arc::new(db.store().await);
    let crm = crm_core::Crm::new(store.clone(), crm_testkit::cheap_crm_config()).unwrap();
    let acme = TestAccount::create(&crm, "acme").await.admin.account;
    let tasks: Vec<_> = (0..16)
        .map(|n| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .local_id(acme, IdKind::Client, &format!("id-{n}"))
                    .await
            })
        })
        .collect();
    let mut numbers = HashSet::new();
    for task in tasks {
        numbers.insert(task.await.unwrap().unwrap());
    }
    assert_eq!(numbers.len(), 16, "{numbers:?}");
}
