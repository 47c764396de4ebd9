//! A substring search weighs its matches against the account's size to
//! choose how to read a page; after a write it takes the last count of the
//! account as it is rather than counting the whole account again. Alone in
//! its test binary, since the statement log is the process's.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_core::{
    ClientFilter, ClientKind, ClientQuery, Name, NewClient, Origin, Page, TextField, Visibility,
};
use crm_testkit::{StatementLog, TestAccount, TestDb};

fn counts(statements: &[String]) -> usize {
    statements
        .iter()
        .filter(|s| s.starts_with("select count"))
        .count()
}

#[tokio::test]
async fn a_write_does_not_make_the_next_search_count_the_whole_account() {
    let log = StatementLog::global();
    let db = TestDb::new().await;
    let crm = db.crm().await;
    let acme = TestAccount::create(&crm, "acme").await;
    let clients = (0..30)
        .map(|n| {
            let name = if n % 3 == 0 {
                "Прочий"
            } else {
                "Маркеров"
            };
            NewClient::new(ClientKind::Person, Name::full(format!("{name} {n}")))
        })
        .collect();
    crm.create_clients(acme.admin, Origin::Manual, clients)
        .await
        .unwrap();
    let mut query = ClientQuery::new(
        Visibility::LiveOnly,
        Page {
            offset: 0,
            limit: 5,
        },
    );
    query.filters.push(ClientFilter::Contains {
        fields: vec![TextField::Name],
        needle: "маркеров".to_owned(),
    });

    log.take();
    let first = crm.list_clients(acme.admin, &query).await.unwrap();
    assert_eq!(first.total, 20);
    assert_eq!(
        counts(&log.take()),
        2,
        "the first search counts its matches and the account"
    );

    crm.create_client(
        acme.admin,
        Origin::Manual,
        NewClient::new(ClientKind::Person, Name::full("Маркеров новый")),
    )
    .await
    .unwrap();
    log.take();
    let after = crm.list_clients(acme.admin, &query).await.unwrap();
    assert_eq!(after.total, 21);
    assert_eq!(
        counts(&log.take()),
        1,
        "after a write only the matches are counted again"
    );
}
