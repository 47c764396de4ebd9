//! A list costs a fixed number of statements, however many rows it returns:
//! children (contact points, fields, companies) come with their clients'
//! rows, as JSON aggregates of the page's statement. Counted from sqlx's own statement log, so any backend counts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_core::{
    ClientFilter, ClientKind, ClientQuery, ContactKind, Name, NewClient, NewContactPoint, Origin,
    Page, Service, Visibility,
};
use crm_testkit::{StatementLog, TestAccount, TestDb};

/// The SELECTs among `statements`; the PRAGMAs of a connection the pool
/// happens to open meanwhile are not the operation's cost.
fn selects(statements: &[String]) -> usize {
    statements
        .iter()
        .filter(|s| s.starts_with("select"))
        .count()
}

fn client(n: usize) -> NewClient {
    let mut c = NewClient::new(ClientKind::Person, Name::full(format!("Клиент {n}")));
    c.contacts = ["a@x.ru", "+7 900 000 00 00", "@tg"]
        .iter()
        .zip([Service::Mail, Service::Phone, Service::Telegram])
        .map(|(value, service)| NewContactPoint {
            kind: if service == Service::Telegram {
                ContactKind::Id
            } else {
                service.natural_kind()
            },
            service,
            label: None,
            value: (*value).to_owned(),
            origin: None,
        })
        .collect();
    c
}

#[tokio::test]
async fn a_page_of_clients_costs_the_same_statements_for_5_or_50_rows() {
    let log = StatementLog::global();
    let db = TestDb::new().await;
    let crm = db.crm().await;
    let acme = TestAccount::create(&crm, "acme").await;
    crm.create_clients(acme.admin, Origin::Manual, (0..50).map(client).collect())
        .await
        .unwrap();

    // Each page of a new filter, so that each counts its total afresh.
    let mut cost = Vec::new();
    for (limit, kind) in [(5, ClientKind::Person), (50, ClientKind::Person)] {
        let mut query = ClientQuery::new(Visibility::LiveOnly, Page { offset: 0, limit });
        query.filters.push(ClientFilter::Kind(kind));
        if limit == 50 {
            query
                .filters
                .push(ClientFilter::HasContactKind(vec![ContactKind::Mail]));
        }
        log.take();
        let page = crm.list_clients(acme.admin, &query).await.unwrap();
        cost.push(selects(&log.take()));
        assert_eq!(page.total, 50);
        assert_eq!(page.clients.len() as u64, limit);
        assert!(page.clients.iter().all(|c| c.contacts.len() == 3));
    }
    eprintln!("statements per page: {cost:?}");
    assert_eq!(cost[0], cost[1], "statements for 5 rows vs 50 rows");
    assert!(
        cost[1] > 0 && cost[1] <= 2,
        "{} statements for one page",
        cost[1]
    );

    // The next page of a list already counted reuses the total, until a
    // client of the account is written.
    let mut next = ClientQuery::new(
        Visibility::LiveOnly,
        Page {
            offset: 5,
            limit: 5,
        },
    );
    next.filters.push(ClientFilter::Kind(ClientKind::Person));
    log.take();
    let page = crm.list_clients(acme.admin, &next).await.unwrap();
    let statements = log.take();
    assert_eq!(page.total, 50);
    assert!(
        !statements.iter().any(|s| s.starts_with("select count")),
        "a counted list counts again: {statements:#?}"
    );
    crm.create_clients(acme.admin, Origin::Manual, vec![client(50)])
        .await
        .unwrap();
    log.take();
    let page = crm.list_clients(acme.admin, &next).await.unwrap();
    let statements = log.take();
    assert_eq!(page.total, 51);
    assert!(
        statements.iter().any(|s| s.starts_with("select count")),
        "a list is counted again after a write: {statements:#?}"
    );

    // In the same test: the log is the process's, so tests would mix.
    let query = ClientQuery::new(
        Visibility::LiveOnly,
        Page {
            offset: 0,
            limit: 50,
        },
    );
    log.take();
    let clients = crm.clients(acme.admin, &query).await.unwrap();
    let statements = log.take();
    assert_eq!(clients.len(), 50);
    assert!(
        !statements.iter().any(|s| s.starts_with("select count")),
        "a page without its total counts nothing: {statements:#?}"
    );
    assert_eq!(selects(&statements), cost[1] - 1);

    // A create whose responsible is the caller asks nothing about users:
    // the caller authenticated, and users are never removed.
    log.take();
    crm.create_clients(acme.admin, Origin::Manual, vec![client(51)])
        .await
        .unwrap();
    let statements = log.take();
    assert!(
        !statements.iter().any(|s| s.contains("from users")),
        "a create checked its own caller: {statements:#?}"
    );
}
