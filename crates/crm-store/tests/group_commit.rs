//! Creates that arrive together share SQLite commits, and each caller is
//! answered with its own client: durable writes at the disk's flush rate
//! would otherwise be one commit per request.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::sync::Arc;

use crm_core::{ClientKind, Crm, Name, NewClient, Visibility};
use crm_testkit::{Backend, TestAccount, TestDb, cheap_crm_config};

const WRITERS: usize = 64;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_creates_share_commits_and_each_gets_its_own_client() {
    let db = TestDb::new().await;
    let store = Arc::new(db.store().await);
    let crm = Crm::new(store.clone(), cheap_crm_config()).unwrap();
    let acme = TestAccount::create(&crm, "acme").await;
    let before = store.commit_stats();
    let tasks: Vec<_> = (0..WRITERS)
        .map(|n| {
            let crm = crm.clone();
            let who = acme.admin;
            tokio::spawn(async move {
                let name = format!("Клиент {n}");
                let new = NewClient::new(ClientKind::Person, Name::full(&name));
                let client = crm
                    .create_client(who, crm_testkit::origin::REST, new)
                    .await
                    .unwrap();
                (name, client)
            })
        })
        .collect();
    let mut ids = HashSet::new();
    for task in tasks {
        let (name, client) = task.await.unwrap();
        assert_eq!(
            client.name.as_full(),
            name,
            "each caller gets its own client"
        );
        let stored = crm
            .client(acme.admin, client.id, Visibility::LiveOnly)
            .await
            .unwrap();
        assert_eq!(stored.name.as_full(), name);
        ids.insert(client.id);
    }
    assert_eq!(ids.len(), WRITERS);
    let (Some(before), Some(after)) = (before, store.commit_stats()) else {
        assert_eq!(db.backend(), Backend::Postgres, "SQLite commits in groups");
        return;
    };
    let (commits, writes) = (after.commits - before.commits, after.writes - before.writes);
    eprintln!("{writes} creates in {commits} commits");
    assert_eq!(writes, WRITERS as u64);
    assert!(
        commits < writes,
        "{writes} concurrent creates took {commits} commits"
    );
}
