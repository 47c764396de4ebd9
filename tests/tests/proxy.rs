//! The gateway as a translation proxy to a REST CRM: gateway B's account
//! is bound to gateway A, which plays the real REST CRM. An integration of
//! each of the four dialects writes, reads, renames and deletes through B;
//! A's own REST answers show what landed there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crm_e2e::Gateway;
use crm_e2e::dialect::{Dialect, xml_text};
use crm_e2e::operator::account;
use crm_e2e::person::Person;
use crm_e2e::proxy::{Chain, Landed, refused_bind};
use serde_json::{Value, json};

/// A's REST view of client `id`.
async fn landed(a: &Gateway, token: &str, id: i64) -> Landed {
    let url = a.url(&format!("/rest/client/{id}?access-token={token}"));
    let answer = reqwest::get(url).await.unwrap();
    if answer.status() == 404 {
        return Landed::Absent;
    }
    let body: Value = answer.json().await.unwrap();
    let client = &body["response"];
    let text = |key: &str| client[key].as_str().unwrap_or_default().to_owned();
    let some = |key: &str| {
        Some(text(key))
            .filter(|v| !v.is_empty())
            .into_iter()
            .collect()
    };
    Landed::Holds {
        name: text("name"),
        phones: some("phone"),
        emails: some("email"),
    }
}

fn token(chain: &Chain) -> String {
    chain.upstream["rest"]["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn every_dialect_reaches_a_rest_upstream_through_the_proxy() {
    let chain = Chain::bound("rest").await;
    let token = token(&chain);
    let failures = chain.round(|id| landed(&chain.a, &token, id)).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let metrics = upstream_metrics(&chain).await;
    for operation in ["create", "read", "update"] {
        let calls = format!(
            "crm_upstream_calls_total{{upstream=\"rest\",operation=\"{operation}\",outcome=\"ok\"}}"
        );
        assert!(metrics.contains(&calls), "{calls} in {metrics}");
    }
}

/// The proxy's `crm_upstream_*` lines of `/metrics`.
async fn upstream_metrics(chain: &Chain) -> String {
    let text = reqwest::get(chain.b.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .filter(|l| l.starts_with("crm_upstream_"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn a_bind_with_a_wrong_token_is_refused_and_nothing_is_bound() {
    let wrong = |_: &Value| json!({"access_token": "not-the-token"});
    refused_bind("rest", wrong, "not-the-token").await;
}

#[tokio::test]
async fn show_names_the_upstream_and_never_its_credentials() {
    let chain = Chain::bound("rest").await;
    let (_, shown) = account(chain.proxy_url(), &["show", "--name", "acme"]);
    assert!(shown.contains("upstream: rest"), "{shown}");
    assert!(!shown.contains(&token(&chain)), "{shown}");
    let (unbound, printed) = account(chain.proxy_url(), &["unbind", "--name", "acme"]);
    assert!(unbound, "{printed}");
    let (_, shown) = account(chain.proxy_url(), &["show", "--name", "acme"]);
    assert!(shown.contains("clients: in the gateway"), "{shown}");
}

/// Every inbound dialect's answer while the upstream fails: each its own
/// "try later", never a hang and never a 500 in another shape.
async fn answers_try_later_in_every_dialect(s: &crm_e2e::dialect::Session) {
    let eadesk = s
        .eadesk_post("create", json!({"name": "Никуда", "description": ""}))
        .await;
    assert_eq!(eadesk, json!({"err": "ETIMEOUT"}), "eadesk");
    let body = json!({"type": 2, "name": "Никуда"});
    let rest = s.rest(reqwest::Method::POST, "", Some(body)).await;
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
    let code = xml_text(&planfix, "code");
    assert_eq!(code.as_deref(), Some("0007"), "planfix: {planfix}");
}

#[tokio::test]
async fn a_dead_upstream_is_answered_in_each_dialects_own_try_later_shape() {
    let mut chain = Chain::bound("rest").await;
    chain.a.crash();
    answers_try_later_in_every_dialect(&chain.session).await;
    let metrics = upstream_metrics(&chain).await;
    assert!(
        metrics.contains("upstream=\"rest\",operation=\"create\",outcome=\"unavailable\""),
        "{metrics}"
    );
}

/// In A's place, on A's port, a server that answers every call with
/// `status` and `body`; how many calls reached it.
async fn replace_upstream(chain: &mut Chain, status: u16, body: &'static str) -> Arc<AtomicUsize> {
    chain.a.crash();
    let listener = tokio::net::TcpListener::bind(chain.a.addr).await.unwrap();
    let status = axum::http::StatusCode::from_u16(status).unwrap();
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let router = axum::Router::new().fallback(move || {
        counted.fetch_add(1, Ordering::SeqCst);
        async move { (status, body) }
    });
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    calls
}

#[tokio::test]
async fn an_upstream_answering_garbage_is_answered_in_each_dialects_own_try_later_shape() {
    let mut chain = Chain::bound("rest").await;
    let calls = replace_upstream(&mut chain, 200, "<html>not a CRM</html>").await;
    answers_try_later_in_every_dialect(&chain.session).await;
    assert!(
        calls.load(Ordering::SeqCst) > 0,
        "the garbage was never asked for"
    );
}

#[tokio::test]
async fn an_upstream_failing_with_500_is_answered_in_each_dialects_own_try_later_shape() {
    let mut chain = Chain::bound("rest").await;
    let calls = replace_upstream(&mut chain, 500, "Internal Server Error").await;
    answers_try_later_in_every_dialect(&chain.session).await;
    assert!(
        calls.load(Ordering::SeqCst) > 0,
        "the failing upstream was never asked"
    );
}

#[tokio::test]
async fn a_page_past_the_end_of_a_rest_upstream_is_empty() {
    // Yii2 answers a page past the last with the last page again; read as
    // more clients, it made every pager loop.
    let chain = Chain::bound("rest").await;
    let id = chain
        .session
        .write(Dialect::Eadesk, &Person::sample("paged"))
        .await;
    let list = |offset| [("action", "list"), ("offset", offset)];
    let first = chain.session.salesman(&list("0")).await;
    assert_eq!(
        first["data"][0]["pid"].to_string(),
        id.to_string(),
        "{first}"
    );
    let past = chain.session.salesman(&list("1")).await;
    let rows = past
        .get("data")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    assert_eq!((rows, &past["count"]), (0, &json!(1)), "{past}");
}
