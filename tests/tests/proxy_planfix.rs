//! The gateway as a translation proxy to Planfix: gateway B's account is
//! bound to gateway A, which plays the real Planfix. An integration of
//! each of the four dialects writes, reads, renames and deletes through B;
//! A's own Planfix answers show what landed there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{ALL, Dialect, Session};
use crm_e2e::operator::{self, account};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use serde_json::Value;

fn bind(database_url: &str, url: &str, credentials: &Value) -> (bool, String) {
    operator::bind(database_url, "planfix", url, credentials)
}

#[tokio::test]
async fn every_dialect_reaches_a_planfix_upstream_through_the_proxy() {
    let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
    let upstream_creds = create_account(upstream_db.url(), "acme");
    let proxy_creds = create_account(proxy_db.url(), "acme");
    let a = Gateway::start(upstream_db.url());
    let b = Gateway::start(proxy_db.url());
    let (bound, printed) = bind(proxy_db.url(), &a.url(""), &upstream_creds["planfix"]);
    assert!(bound, "{printed}");
    for secret in ["password", "api_key", "private_key", "token"] {
        let value = upstream_creds["planfix"][secret].as_str().unwrap();
        assert!(
            !printed.contains(value),
            "the bind printed {secret}: {printed}"
        );
    }

    let upstream = Session::open(&a.url(""), upstream_creds).await;
    let s = Session::open(&b.url(""), proxy_creds).await;
    let mut failures = Vec::new();
    for dialect in ALL {
        let person = Person::sample(&format!("{dialect:?} proxy"));
        let id = s.write(dialect, &person).await;
        match upstream.read(Dialect::Planfix, id).await {
            Some(landed) if landed.shows(&person) => {}
            other => failures.push(format!("{dialect:?} write: upstream holds {other:?}")),
        }
        match s.read(dialect, id).await {
            Some(seen) if seen.shows(&person) => {}
            other => failures.push(format!("{dialect:?} read: {other:?}")),
        }
        let renamed = Person {
            given: format!("Пётр {dialect:?}"),
            ..person.clone()
        };
        s.rename(dialect, id, &renamed).await;
        match upstream.read(Dialect::Planfix, id).await {
            Some(landed) if landed.shows(&renamed) => {}
            other => failures.push(format!("{dialect:?} rename: upstream holds {other:?}")),
        }
        s.delete(dialect, id).await;
        if let Some(still) = upstream.read(Dialect::Planfix, id).await {
            failures.push(format!(
                "{dialect:?} delete: upstream still holds {still:?}"
            ));
        }
        if let Some(still) = s.read(dialect, id).await {
            failures.push(format!(
                "{dialect:?} delete: the proxy still reads {still:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn a_planfix_bind_with_a_wrong_password_is_refused_and_nothing_is_bound() {
    let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
    let upstream_creds = create_account(upstream_db.url(), "acme");
    create_account(proxy_db.url(), "acme");
    let a = Gateway::start(upstream_db.url());
    let mut wrong = upstream_creds["planfix"].clone();
    wrong["password"] = Value::from("not-the-password");
    let (bound, printed) = bind(proxy_db.url(), &a.url(""), &wrong);
    assert!(!bound, "{printed}");
    assert!(printed.contains("refused"), "{printed}");
    assert!(!printed.contains("not-the-password"), "{printed}");
    let (_, shown) = account(proxy_db.url(), &["show", "--name", "acme"]);
    assert!(shown.contains("clients: in the gateway"), "{shown}");
}

/// The ids of a REST list answer through the proxy, or the answer itself
/// when it is not a list.
fn ids(answer: &Value) -> Result<Vec<i64>, String> {
    answer["response"]["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|c| c["id"].as_i64()).collect())
        .ok_or_else(|| answer.to_string())
}

#[tokio::test]
async fn lists_are_pushed_to_planfix_checked_here_or_refused() {
    let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
    let upstream_creds = create_account(upstream_db.url(), "acme");
    let proxy_creds = create_account(proxy_db.url(), "acme");
    let a = Gateway::start(upstream_db.url());
    let b = Gateway::start(proxy_db.url());
    assert!(bind(proxy_db.url(), &a.url(""), &upstream_creds["planfix"]).0);
    let s = Session::open(&b.url(""), proxy_creds).await;
    let first = Person::sample("first");
    let second = Person::sample("second");
    let one = s.write(Dialect::Rest, &first).await;
    let two = s.write(Dialect::Planfix, &second).await;
    let get = |query: String| {
        let s = &s;
        async move { s.rest(reqwest::Method::GET, &query, None).await }
    };
    // contact.getList 4001 narrows; REST's default order, newest first, is
    // put here, and two contacts of one minute (Planfix's precision) are
    // ordered by id in the same direction, as the gateway's store does.
    let newest = get("?name=Петров&per_page=1&page=1".to_owned()).await;
    assert_eq!(ids(&newest), Ok(vec![two]), "{newest}");
    let by_name = get("?name=Петров&per_page=1&page=2".to_owned()).await;
    assert_eq!(ids(&by_name), Ok(vec![one]), "{by_name}");
    // 4005 narrows the pages read; the e-mail's equality is checked here.
    let by_mail = get(format!("?email={}", first.email)).await;
    assert_eq!(ids(&by_mail), Ok(vec![one]), "{by_mail}");
    let none = get("?email=ivan.first@example".to_owned()).await;
    assert_eq!(ids(&none), Ok(vec![]), "{none}");
    // Planfix's users are its own: a responsible user cannot be asked for.
    let refused = get("?user_id=1".to_owned()).await;
    assert!(ids(&refused).is_err(), "{refused}");
    assert!(refused.to_string().contains("responsible"), "{refused}");
}
