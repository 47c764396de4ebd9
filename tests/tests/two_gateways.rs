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
    first.stop_cleanly();
    second.stop_cleanly();
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

#[tokio::test]
async fn concurrent_writes_through_two_gateways_are_all_visible_through_both() {
    use crm_e2e::dialect::{ALL, Session};
    use crm_e2e::person::Person;

    let db = TestDb::new().await;
    let creds = create_account(db.url(), "acme");
    let first = Gateway::start(db.url());
    let second = Gateway::start(db.url());
    let sessions = [
        std::sync::Arc::new(Session::open(&first.url(""), creds.clone()).await),
        std::sync::Arc::new(Session::open(&second.url(""), creds).await),
    ];
    let mut writes = Vec::new();
    for round in 0..5 {
        for (g, session) in sessions.iter().enumerate() {
            for dialect in ALL {
                let session = session.clone();
                let person = Person::sample(&format!("{g} {round} {dialect:?}"));
                writes.push(tokio::spawn(async move {
                    (session.write(dialect, &person).await, person)
                }));
            }
        }
    }
    let mut written = Vec::new();
    for write in writes {
        written.push(write.await.unwrap());
    }
    let ids: HashSet<i64> = written.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), written.len(), "every write got its own id");
    for (id, person) in &written {
        for session in &sessions {
            let seen = session.read(crm_e2e::dialect::Dialect::Rest, *id).await;
            assert!(
                seen.is_some_and(|s| s.shows(person)),
                "{id} through both gateways"
            );
        }
    }
}
