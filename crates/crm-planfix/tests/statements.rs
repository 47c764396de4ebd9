//! A page of contacts costs the same statements whether or not its persons
//! belong to companies: the companies come with the page's rows, never one
//! lookup a company. Alone in its test binary, since the statement log is
//! the process's.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use crm_core::{ClientKind, Name, NewClient};
use crm_testkit::StatementLog;
use support::Env;

const PERSONS: usize = 50;

/// `PERSONS` companies, then `PERSONS` persons, each linked to its own
/// company when `linked`.
async fn seeded(linked: bool) -> Env {
    let env = Env::new().await;
    let who = env.acct.admin;
    let companies: Vec<NewClient> = (0..PERSONS)
        .map(|n| NewClient::new(ClientKind::Company, Name::full(format!("Фирма {n}"))))
        .collect();
    let companies = env
        .crm
        .create_clients(who, crm_testkit::origin::PLANFIX, companies)
        .await
        .unwrap();
    let persons: Vec<NewClient> = companies
        .iter()
        .enumerate()
        .map(|(n, company)| {
            let mut person = NewClient::new(ClientKind::Person, Name::full(format!("Лицо {n}")));
            if linked {
                person.companies = vec![*company];
            }
            person
        })
        .collect();
    env.crm
        .create_clients(who, crm_testkit::origin::PLANFIX, persons)
        .await
        .unwrap();
    env
}

/// The statements that read clients in one `contact.getList` of every
/// contact; those that refill the caches of sessions, users and settings,
/// which expire on their own clock, are not the list's cost.
async fn list_cost(env: &Env, log: &StatementLog) -> Vec<String> {
    let sid = env.login().await;
    let list = "<pageCurrent>1</pageCurrent><pageSize>100</pageSize>";
    let first = env.call(&sid, "contact.getList", list).await;
    assert!(
        first.contains(&format!("count=\"{}\"", 2 * PERSONS)),
        "{first}"
    );
    log.take();
    let again = env.call(&sid, "contact.getList", list).await;
    assert_eq!(first, again);
    let mut reads = log.take();
    reads.retain(|statement| statement.starts_with("select c.id"));
    reads
}

#[tokio::test]
async fn a_page_of_persons_in_companies_costs_what_a_page_without_them_costs() {
    let log = StatementLog::global();
    let alone = seeded(false).await;
    let without = list_cost(&alone, &log).await;
    let linked = seeded(true).await;
    let with = list_cost(&linked, &log).await;
    assert_eq!(
        with.len(),
        without.len(),
        "statements with companies: {with:#?}"
    );
}
