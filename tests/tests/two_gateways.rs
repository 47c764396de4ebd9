//! Two gateway processes over one database: nothing the gateway keeps in
//! process memory may break that (DESIGN.md, the scale-out path).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;

use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;

#[tokio::test]
async fn two_gateways_on_one_database_both_answer() {
    let db = TestDb::new().await;
    let first = Gateway::start(db.url());
    let second = Gateway::start(db.url());
    for gateway in [&first, &second] {
        let response = reqwest::get(gateway.url("/healthz")).await.unwrap();
        assert_eq!(response.status(), 200);
    }
    assert!(first.terminate().success());
    assert!(second.terminate().success());
}

#[tokio::test]
async fn concurrent_account_creation_gives_distinct_ids() {
    let db = TestDb::new().await;
    let url = db.url().to_owned();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || create_account(&url, &format!("tenant-{i}")))
        })
        .collect();
    let ids: HashSet<i64> = handles
        .into_iter()
        .map(|h| h.join().unwrap()["account_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 4);
}
