//! Any valid write reads back identically through the same dialect: names
//! with Cyrillic, quotes, `&<>` and emoji, phones in any punctuation, e-mails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{Dialect, Session};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn name_part() -> impl Strategy<Value = String> {
    "[А-Яа-яЁёA-Za-z'\"&<>🚀-]{1,12}( [А-Яа-яA-Za-z'\"&<>🙂]{1,8})?"
}

fn person() -> impl Strategy<Value = Person> {
    (
        name_part(),
        name_part(),
        "\\+?[0-9]{1,3}[ (]{0,2}[0-9]{3}[) -]{0,2}[0-9]{3}-?[0-9]{2}-?[0-9]{2}",
        // Yii's EmailValidator: dot-separated atoms, no IDN domains.
        "[a-z0-9_-]{1,8}(\\.[a-z0-9_-]{1,8})?@[a-z0-9]{1,10}\\.(ru|com|org)",
    )
        .prop_map(|(last, given, phone, email)| Person {
            last,
            given,
            phone,
            email,
        })
}

fn round_trips(dialect: Dialect) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let db = runtime.block_on(TestDb::new());
    let creds = create_account(db.url(), "acme");
    let gateway = Gateway::start(db.url());
    let session = runtime.block_on(Session::open(&gateway.url(""), creds));
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&person(), |person| {
            let seen = runtime.block_on(async {
                let id = session.write(dialect, &person).await;
                session.read(dialect, id).await
            });
            prop_assert!(
                seen.as_ref().is_some_and(|seen| seen.shows(&person)),
                "{dialect:?}: wrote {person:?}, read {seen:?}"
            );
            Ok(())
        })
        .unwrap();
}

#[test]
fn eadesk_round_trips() {
    round_trips(Dialect::Eadesk);
}

#[test]
fn rest_round_trips() {
    round_trips(Dialect::Rest);
}

#[test]
fn salesman_round_trips() {
    round_trips(Dialect::Salesman);
}

#[test]
fn planfix_round_trips() {
    round_trips(Dialect::Planfix);
}
