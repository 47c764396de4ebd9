//! What a point read costs in SQL, per dialect: the client's one statement
//! once the caller's credentials and the account's directory are cached,
//! counted from the statement log of the real binary on the suite's
//! backend. Figures of speed live in the benchmark; the statement count is
//! what a test can hold steady.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{ALL, Session};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;

/// The client's row with its children, in one statement: whatever else an
/// answer shows (users, fields, the caller's role) comes from the caches.
const MOST_STATEMENTS: usize = 1;

#[tokio::test]
async fn a_point_read_in_every_dialect_costs_one_statement() {
    let db = TestDb::new().await;
    let creds = create_account(db.url(), "acme");
    let gateway = Gateway::start_counting(db.url());
    let s = Session::open(&gateway.url(""), creds).await;
    let id = s.write(ALL[0], &Person::sample("counted")).await;
    let mut costs = Vec::new();
    for dialect in ALL {
        // The first read fills the credential cache.
        assert!(s.read(dialect, id).await.is_some(), "{dialect:?} read");
        let statements = gateway
            .statements_of(async {
                assert!(s.read(dialect, id).await.is_some(), "{dialect:?} read");
            })
            .await;
        costs.push((dialect, statements));
    }
    let over: Vec<_> = costs
        .iter()
        .filter(|(_, statements)| statements.len() > MOST_STATEMENTS)
        .collect();
    assert!(
        over.is_empty(),
        "point reads over {MOST_STATEMENTS} statements: {over:#?}"
    );
    let empty: Vec<_> = costs.iter().filter(|(_, s)| s.is_empty()).collect();
    assert!(
        empty.is_empty(),
        "a read that ran no SQL at all: {empty:#?}"
    );
}
