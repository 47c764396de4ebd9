//! A list that takes several statements reads them from one snapshot: while
//! another connection creates and deletes clients, a counted page never
//! disagrees with its total. (A search's candidates and its page share the
//! same snapshot; the race there is too narrow for a test to hit.)

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crm_core::{
    ClientKind, ClientQuery, Crm, Name, NewClient, Page, Principal, Store, Timestamp, Visibility,
};
use crm_testkit::{TestAccount, TestDb, cheap_crm_config};

/// Reads raced against the writer; a torn read shows up within a few.
const READS: usize = 60;
const SEEDED: usize = 40;

fn every_client() -> ClientQuery {
    ClientQuery::new(
        Visibility::LiveOnly,
        Page {
            offset: 0,
            limit: 10_000,
        },
    )
}

/// Creates a client and deletes it again, over and over, until told to stop.
fn churn(
    store: Arc<dyn Store>,
    crm: Crm,
    who: Principal,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<usize> {
    tokio::spawn(async move {
        let mut writes = 0;
        while !stop.load(Ordering::Relaxed) {
            let new = NewClient::new(ClientKind::Person, Name::full("Мимолётный"));
            let made = crm
                .create_client(who, crm_testkit::origin::REST, new)
                .await
                .unwrap();
            store
                .delete_client(who.account, made.id, Visibility::LiveOnly, Timestamp::now())
                .await
                .unwrap();
            writes += 2;
        }
        writes
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_counted_page_agrees_with_its_total_under_writes() {
    let db = TestDb::new().await;
    let store: Arc<dyn Store> = Arc::new(db.store().await);
    let crm = Crm::new(store.clone(), cheap_crm_config()).unwrap();
    let acme = TestAccount::create(&crm, "acme").await;
    let seeded = (0..SEEDED)
        .map(|n| NewClient::new(ClientKind::Person, Name::full(format!("Постоянный {n}"))))
        .collect();
    crm.create_clients(acme.admin, crm_testkit::origin::REST, seeded)
        .await
        .unwrap();
    let query = every_client();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = churn(store.clone(), crm.clone(), acme.admin, stop.clone());
    let mut torn = Vec::new();
    for _ in 0..READS {
        let page = store
            .list_clients(acme.admin.account, &query)
            .await
            .unwrap();
        if page.clients.len() as u64 != page.total {
            torn.push((page.total, page.clients.len()));
        }
        tokio::task::yield_now().await;
    }
    stop.store(true, Ordering::Relaxed);
    let writes = writer.await.unwrap();
    assert!(writes > 0, "the writer never ran");
    assert!(
        torn.is_empty(),
        "pages of another snapshot than their totals (total, rows): {torn:?}"
    );
}
