//! A caller that goes away mid-write (a client hung up, a deadline fired)
//! drops the write's future at whatever `.await` it had reached. The write
//! is then there whole or not at all, and the store goes on writing.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use crm_core::query::ClientQuery;
use crm_core::{Crm, Origin, Page, Service, Visibility};
use crm_store::{DbConfig, SqlStore};
use crm_testkit::{TestAccount, TestDb, cheap_crm_config};

use crate::support::person;

async fn poll_once<F: Future>(future: Pin<&mut F>) -> Poll<F::Output> {
    let mut future = Some(future);
    std::future::poll_fn(|cx| Poll::Ready(future.take().map(|f| f.poll(cx))))
        .await
        .unwrap_or(Poll::Pending)
}

/// One connection, so a connection left inside a transaction is the one the
/// next write gets.
async fn one_connection_crm(db: &TestDb) -> Crm {
    let config = DbConfig {
        max_connections: Some(1),
        acquire_timeout: Duration::from_secs(3),
        ..DbConfig::new(db.url())
    };
    let store = SqlStore::connect(&config).await.unwrap();
    Crm::new(Arc::new(store), cheap_crm_config()).unwrap()
}

#[tokio::test]
async fn a_write_dropped_at_any_await_is_whole_or_absent_and_the_store_goes_on() {
    let db = TestDb::new().await;
    let crm = one_connection_crm(&db).await;
    let acme = TestAccount::create(&crm, "acme").await;
    let contacts = [
        (Service::Phone, "+79001234567"),
        (Service::Mail, "cut@example.com"),
    ];
    for polls in 1..=16 {
        {
            let write = crm.create_client(
                acme.admin,
                Origin::Manual,
                person(&format!("Cut {polls}"), &contacts),
            );
            let mut write = pin!(write);
            for _ in 0..polls {
                if poll_once(write.as_mut()).await.is_ready() {
                    break;
                }
                // Lets the database thread finish the step the write awaits.
                tokio::time::sleep(Duration::from_millis(3)).await;
            }
        }
        let after = crm.create_client(
            acme.admin,
            Origin::Manual,
            person(&format!("After {polls}"), &contacts),
        );
        if let Err(err) = tokio::time::timeout(Duration::from_secs(10), after)
            .await
            .expect("an answer")
        {
            panic!("a write after one dropped at await {polls} failed: {err}");
        }
    }
    let page = crm
        .list_clients(
            acme.admin,
            &ClientQuery::new(
                Visibility::LiveOnly,
                Page {
                    offset: 0,
                    limit: 100,
                },
            ),
        )
        .await
        .unwrap();
    assert_eq!(
        page.clients
            .iter()
            .filter(|c| c.name.as_full().starts_with("After"))
            .count(),
        16
    );
    for client in &page.clients {
        assert_eq!(
            client.contacts.len(),
            2,
            "{} is not whole",
            client.name.as_full()
        );
    }
}
