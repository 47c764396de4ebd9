//! Figures for the store on the backend `CRM_TEST_DATABASE_URL` names
//! (unset: a temporary SQLite file). `cargo bench -p crm-store` prints them;
//! nothing here asserts a time.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use crm_core::{
    ClientFilter, ClientKind, ClientQuery, Crm, Name, NewClient, NewContactPoint, Origin, Page,
    Principal, Service, TextField, Visibility,
};
use crm_testkit::{TestAccount, TestDb};

const BATCHES: usize = 20;
const BATCH: usize = 500;

fn client(n: usize) -> NewClient {
    let mut c = NewClient::new(ClientKind::Person, Name::full(format!("Клиент {n}")));
    c.contacts = vec![
        NewContactPoint {
            kind: Service::Mail.natural_kind(),
            service: Service::Mail,
            label: None,
            value: format!("client{n}@example.com"),
            origin: None,
        },
        NewContactPoint {
            kind: Service::Phone.natural_kind(),
            service: Service::Phone,
            label: None,
            value: format!("+7 900 {n:07}"),
            origin: None,
        },
    ];
    c
}

fn report(what: &str, runs: usize, took: Duration) {
    let each = took / u32::try_from(runs).unwrap();
    println!("{what:<44} {runs:>6} runs  {each:>12.2?} each");
}

async fn timed<F, Fut>(what: &str, runs: usize, mut f: F)
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let start = Instant::now();
    for n in 0..runs {
        f(n).await;
    }
    report(what, runs, start.elapsed());
}

async fn list(crm: &Crm, who: Principal, query: ClientQuery) {
    let page = crm.list_clients(who, &query).await.unwrap();
    assert!(page.total > 0);
}

#[tokio::main]
async fn main() {
    let db = TestDb::new().await;
    let crm = db.crm().await;
    let who = TestAccount::create(&crm, "bench").await.admin;
    println!("backend: {:?}", db.backend());

    timed(&format!("bulk insert of {BATCH} clients"), BATCHES, |b| {
        let crm = crm.clone();
        async move {
            let batch = (b * BATCH..(b + 1) * BATCH).map(client).collect();
            crm.create_clients(who, Origin::Manual, batch)
                .await
                .unwrap();
        }
    })
    .await;
    timed("single create", 200, |n| {
        let crm = crm.clone();
        async move {
            crm.create_client(who, Origin::Manual, client(1_000_000 + n))
                .await
                .unwrap();
        }
    })
    .await;
    let page = |offset| ClientQuery::new(Visibility::LiveOnly, Page { offset, limit: 50 });
    timed("page of 50 with contacts, 10 000 clients", 100, |n| {
        list(&crm, who, page(n as u64 * 50))
    })
    .await;
    timed("substring filter on name", 50, |_| {
        let mut q = page(0);
        q.filters = vec![ClientFilter::Contains {
            fields: vec![TextField::Name],
            needle: "нт 99".to_owned(),
        }];
        list(&crm, who, q)
    })
    .await;
    timed("regex over names and contacts", 20, |_| {
        let mut q = page(0);
        q.search = Some(crm.search_pattern(r"client9\d+@").unwrap());
        list(&crm, who, q)
    })
    .await;
}
