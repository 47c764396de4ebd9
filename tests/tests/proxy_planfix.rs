//! The gateway as a translation proxy to Planfix: gateway B's account is
//! bound to gateway A, which plays the real Planfix. An integration of
//! each of the four dialects writes, reads, renames and deletes through B;
//! A's own Planfix answers show what landed there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{Dialect, Session};
use crm_e2e::person::Person;
use crm_e2e::proxy::{Chain, Landed, refused_bind};
use serde_json::Value;

/// A's Planfix view of contact `id`, through A's own `contact.get`.
async fn landed(upstream: &Session, id: i64) -> Landed {
    match upstream.read(Dialect::Planfix, id).await {
        Some(seen) => Landed::Holds {
            name: seen.name,
            phones: seen.phones,
            emails: seen.emails,
        },
        None => Landed::Absent,
    }
}

#[tokio::test]
async fn every_dialect_reaches_a_planfix_upstream_through_the_proxy() {
    let chain = Chain::bound("planfix").await;
    let upstream = Session::open(&chain.a.url(""), chain.upstream.clone()).await;
    let failures = chain.round(|id| landed(&upstream, id)).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn a_planfix_bind_with_a_wrong_password_is_refused_and_nothing_is_bound() {
    let wrong = |right: &Value| {
        let mut wrong = right.clone();
        wrong["password"] = Value::from("not-the-password");
        wrong
    };
    refused_bind("planfix", wrong, "not-the-password").await;
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
    let chain = Chain::bound("planfix").await;
    let s = &chain.session;
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
