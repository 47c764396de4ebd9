//! What one integration writes, every other reads in its own shape: the 16
//! (writer, reader) pairs, then an update and a delete through each dialect
//! seen by all four, over the real binary on the suite's backend.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{ALL, Session};
use crm_e2e::person::Person;
use crm_e2e::traffic::{renamed_and_read_everywhere, written_and_read_everywhere};
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;

async fn setup(db: &TestDb) -> (Gateway, Session) {
    let creds = create_account(db.url(), "acme");
    let gateway = Gateway::start(db.url());
    let session = Session::open(&gateway.url(""), creds).await;
    (gateway, session)
}

#[tokio::test]
async fn every_reader_sees_what_every_writer_wrote() {
    let db = TestDb::new().await;
    let (_gateway, s) = setup(&db).await;
    let failures = written_and_read_everywhere(&s).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn an_update_in_any_dialect_is_seen_by_all() {
    let db = TestDb::new().await;
    let (_gateway, s) = setup(&db).await;
    let failures = renamed_and_read_everywhere(&s).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn a_delete_in_any_dialect_is_seen_by_all() {
    let db = TestDb::new().await;
    let (_gateway, s) = setup(&db).await;
    let mut failures = Vec::new();
    for deleter in ALL {
        let id = s
            .write(deleter, &Person::sample(&format!("{deleter:?} gone")))
            .await;
        s.delete(deleter, id).await;
        for reader in ALL {
            if let Some(seen) = s.read(reader, id).await {
                failures.push(format!("{deleter:?} -> {reader:?}: still reads {seen:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn data_and_planfix_sessions_survive_a_restart() {
    let db = TestDb::new().await;
    let (gateway, s) = setup(&db).await;
    let person = Person::sample("restart");
    let id = s.write(crm_e2e::dialect::Dialect::Planfix, &person).await;
    gateway.stop_cleanly();

    let again = Gateway::start(db.url());
    let s = s.moved_to(&again.url(""));
    for reader in ALL {
        let seen = s.read(reader, id).await;
        assert!(
            seen.as_ref().is_some_and(|seen| seen.shows(&person)),
            "{reader:?}: {seen:?}"
        );
    }
}

#[tokio::test]
async fn another_accounts_clients_are_invisible_in_every_dialect() {
    let db = TestDb::new().await;
    let (gateway, ours) = setup(&db).await;
    let theirs = Session::open(&gateway.url(""), create_account(db.url(), "other")).await;
    let mut leaks = Vec::new();
    for writer in ALL {
        let person = Person::sample(&format!("{writer:?} private"));
        let id = ours.write(writer, &person).await;
        for reader in ALL {
            if let Some(seen) = theirs.read(reader, id).await {
                leaks.push(format!("{writer:?} -> {reader:?}: {seen:?}"));
            }
            assert!(ours.read(reader, id).await.is_some(), "{reader:?} own read");
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}
