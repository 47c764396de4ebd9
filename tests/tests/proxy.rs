//! The gateway as a translation proxy: gateway B's account is bound to
//! gateway A, which plays the real REST CRM. An integration of each of the
//! four dialects writes, reads, renames and deletes through B; A's own REST
//! answers show what landed there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{ALL, Session, xml_text};
use crm_e2e::operator::{self, account};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use serde_json::{Value, json};

fn bind(database_url: &str, url: &str, credentials: &Value) -> (bool, String) {
    operator::bind(database_url, "rest", url, credentials)
}

/// A's REST view of client `id`: name, phone and e-mail, or `None` once gone.
async fn upstream_view(a: &Gateway, token: &str, id: i64) -> Option<(String, String, String)> {
    let url = a.url(&format!("/rest/client/{id}?access-token={token}"));
    let answer = reqwest::get(url).await.unwrap();
    if answer.status() == 404 {
        return None;
    }
    let body: Value = answer.json().await.unwrap();
    let client = &body["response"];
    let text = |key: &str| client[key].as_str().unwrap_or_default().to_owned();
    Some((text("name"), text("phone"), text("email")))
}

#[tokio::test]
async fn every_dialect_reaches_a_rest_upstream_through_the_proxy() {
    let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
    let upstream_creds = create_account(upstream_db.url(), "acme");
    let proxy_creds = create_account(proxy_db.url(), "acme");
    let a = Gateway::start(upstream_db.url());
    let b = Gateway::start(proxy_db.url());
    let (bound, printed) = bind(proxy_db.url(), &a.url(""), &upstream_creds["rest"]);
    assert!(bound, "{printed}");
    let token = upstream_creds["rest"]["access_token"].as_str().unwrap();
    assert!(
        !printed.contains(token),
        "the bind printed the upstream's token: {printed}"
    );

    let s = Session::open(&b.url(""), proxy_creds).await;
    let mut failures = Vec::new();
    for dialect in ALL {
        let person = Person::sample(&format!("{dialect:?} proxy"));
        let id = s.write(dialect, &person).await;
        let landed = upstream_view(&a, token, id).await;
        let expected = (
            person.full_name(),
            person.phone.clone(),
            person.email.clone(),
        );
        if landed.as_ref() != Some(&expected) {
            failures.push(format!("{dialect:?} write: upstream holds {landed:?}"));
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
        let name = upstream_view(&a, token, id).await.map(|(name, _, _)| name);
        if name.as_deref() != Some(renamed.full_name().as_str()) {
            failures.push(format!("{dialect:?} rename: upstream name {name:?}"));
        }
        s.delete(dialect, id).await;
        if let Some(still) = upstream_view(&a, token, id).await {
            failures.push(format!(
                "{dialect:?} delete: upstream still holds {still:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn a_bind_with_a_wrong_token_is_refused_and_nothing_is_bound() {
    let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
    create_account(upstream_db.url(), "acme");
    create_account(proxy_db.url(), "acme");
    let a = Gateway::start(upstream_db.url());
    let wrong = serde_json::json!({"access_token": "not-the-token"});
    let (bound, printed) = bind(proxy_db.url(), &a.url(""), &wrong);
    assert!(!bound, "{printed}");
    assert!(printed.contains("refused"), "{printed}");
    assert!(!printed.contains("not-the-token"), "{printed}");
    let (_, shown) = account(proxy_db.url(), &["show", "--name", "acme"]);
    assert!(shown.contains("clients: in the gateway"), "{shown}");
}

#[tokio::test]
async fn show_names_the_upstream_and_never_its_credentials() {
    let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
    let upstream_creds = create_account(upstream_db.url(), "acme");
    create_account(proxy_db.url(), "acme");
    let a = Gateway::start(upstream_db.url());
    assert!(bind(proxy_db.url(), &a.url(""), &upstream_creds["rest"]).0);
    let (_, shown) = account(proxy_db.url(), &["show", "--name", "acme"]);
    let token = upstream_creds["rest"]["access_token"].as_str().unwrap();
    assert!(shown.contains("upstream: rest"), "{shown}");
    assert!(!shown.contains(token), "{shown}");
    let (unbound, printed) = account(proxy_db.url(), &["unbind", "--name", "acme"]);
    assert!(unbound, "{printed}");
    let (_, shown) = account(proxy_db.url(), &["show", "--name", "acme"]);
    assert!(shown.contains("clients: in the gateway"), "{shown}");
}

#[tokio::test]
async fn a_dead_upstream_is_answered_in_each_dialects_own_try_later_shape() {
    let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
    let upstream_creds = create_account(upstream_db.url(), "acme");
    let proxy_creds = create_account(proxy_db.url(), "acme");
    let a = Gateway::start(upstream_db.url());
    let b = Gateway::start(proxy_db.url());
    assert!(bind(proxy_db.url(), &a.url(""), &upstream_creds["rest"]).0);
    a.kill();
    let s = Session::open(&b.url(""), proxy_creds).await;

    let eadesk = s
        .eadesk_post("create", json!({"name": "Никуда", "description": ""}))
        .await;
    assert_eq!(eadesk, json!({"err": "ETIMEOUT"}), "eadesk");
    let rest = s
        .rest(
            reqwest::Method::POST,
            "",
            Some(json!({"type": 2, "name": "Никуда"})),
        )
        .await;
    assert_eq!(
        rest,
        json!({"response": {"name": "Service Unavailable", "message": "The request took too long.", "code": 0, "status": 503}}),
        "rest"
    );
    let salesman = s.salesman(&[("action", "add"), ("person", "Никуда")]).await;
    assert_eq!(
        salesman,
        json!({"result": "Error", "error": {"code": "408", "text": "Превышено время ожидания запроса"}}),
        "salesman"
    );
    let planfix = s.planfix_call("contact.add", "<name>Никуда</name>").await;
    assert_eq!(
        xml_text(&planfix, "code").as_deref(),
        Some("0007"),
        "planfix: {planfix}"
    );
}
