//! The gateway as a translation proxy to Eadesk: gateway B's account is
//! bound to gateway A, which plays the real Eadesk CRM. An integration of
//! each of the four dialects writes, reads, renames and deletes through B;
//! A's own Eadesk answers show what landed there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{ALL, Dialect, Session};
use crm_e2e::operator::{self, account};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use serde_json::{Value, json};

fn bind(database_url: &str, url: &str, credentials: &Value) -> (bool, String) {
    operator::bind(database_url, "eadesk", url, credentials)
}

/// What A's Eadesk read shows of person `id`.
#[derive(Debug, PartialEq, Eq)]
struct Landed {
    name: String,
    phones: Vec<String>,
    emails: Vec<String>,
    deleted: bool,
}

/// A's Eadesk view of person `id`, deleted or not; `None` when A has none.
async fn upstream_view(a: &Gateway, token: &str, id: i64) -> Option<Landed> {
    let url = a.url(&format!("/api/clients/person/read?id={id}&token={token}"));
    let answer: Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    let person = answer.as_array().unwrap().first()?.clone();
    let points = person["contacts"].as_array().cloned().unwrap_or_default();
    let live = |kind: &str| -> Vec<String> {
        points
            .iter()
            .filter(|p| p["type"] == kind && p["status"] != "deleted")
            .map(|p| p["value"].as_str().unwrap().to_owned())
            .collect()
    };
    Some(Landed {
        name: person["name"].as_str().unwrap().to_owned(),
        phones: live("phone"),
        emails: live("mail"),
        deleted: person["status"] == "deleted",
    })
}

/// Gateway A (the upstream) and B (the proxy, its `acme` bound to A's
/// `acme`) over their databases, B's session and credentials, and A's
/// Eadesk token.
struct Pair {
    _dbs: (TestDb, TestDb),
    a: Gateway,
    b: Gateway,
    s: Session,
    proxy_creds: Value,
    token: String,
}

async fn bound_pair() -> Pair {
    let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
    let upstream_creds = create_account(upstream_db.url(), "acme");
    let proxy_creds = create_account(proxy_db.url(), "acme");
    let a = Gateway::start(upstream_db.url());
    let b = Gateway::start(proxy_db.url());
    let (bound, printed) = bind(proxy_db.url(), &a.url(""), &upstream_creds["eadesk"]);
    assert!(bound, "{printed}");
    let token = upstream_creds["eadesk"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        !printed.contains(&token),
        "the bind printed the upstream's token: {printed}"
    );
    let s = Session::open(&b.url(""), proxy_creds.clone()).await;
    Pair {
        _dbs: (upstream_db, proxy_db),
        a,
        b,
        s,
        proxy_creds,
        token,
    }
}

#[tokio::test]
async fn every_dialect_reaches_an_eadesk_upstream_through_the_proxy() {
    let pair = bound_pair().await;
    let (a, s, token) = (&pair.a, &pair.s, pair.token.as_str());
    let mut failures = Vec::new();
    for dialect in ALL {
        let person = Person::sample(&format!("{dialect:?} proxy"));
        let id = s.write(dialect, &person).await;
        let landed = upstream_view(a, token, id).await;
        let expected = Landed {
            name: person.full_name(),
            phones: vec![person.phone.clone()],
            emails: vec![person.email.clone()],
            deleted: false,
        };
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
        let after = upstream_view(a, token, id).await;
        let kept = Landed {
            name: renamed.full_name(),
            ..expected
        };
        if after.as_ref() != Some(&kept) {
            failures.push(format!("{dialect:?} rename: upstream holds {after:?}"));
        }
        s.delete(dialect, id).await;
        let gone = upstream_view(a, token, id).await;
        if !gone.as_ref().is_some_and(|l| l.deleted) {
            failures.push(format!("{dialect:?} delete: upstream holds {gone:?}"));
        }
        if let Some(seen) = s.read(dialect, id).await {
            failures.push(format!("{dialect:?} read after delete: {seen:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn lists_through_the_proxy_are_counted_and_ordered_by_reading_the_upstream() {
    let pair = bound_pair().await;
    let (b, s) = (&pair.b, &pair.s);
    let mut ids = Vec::new();
    for tag in ["first", "second", "third"] {
        ids.push(s.write(Dialect::Eadesk, &Person::sample(tag)).await);
    }
    // REST lists newest first with a total: both worked out here, as
    // Eadesk counts nothing and answers in creation order.
    let rest_token = pair.proxy_creds["rest"]["access_token"].as_str().unwrap();
    let url = b.url(&format!(
        "/rest/client?per_page=2&access-token={rest_token}"
    ));
    let answer = reqwest::get(url).await.unwrap();
    assert_eq!(answer.headers()["X-Pagination-Total-Count"], "3");
    let body: Value = answer.json().await.unwrap();
    let listed: Vec<i64> = body["response"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, vec![ids[2], ids[1]]);
}

#[tokio::test]
async fn contact_data_written_through_the_proxy_lands_one_to_one() {
    let pair = bound_pair().await;
    let (a, s, token) = (&pair.a, &pair.s, pair.token.as_str());
    let person = Person::sample("points");
    let id = s.write(Dialect::Eadesk, &person).await;
    let body = json!({"value": "ivan_tg", "type": "id", "service": "telegram"});
    let added = s.eadesk_post(&format!("contacts/create/{id}"), body).await;
    let point = added["result"]["id"].as_str().unwrap().to_owned();
    let body = json!({"value": "ivan_tg2", "type": "id", "service": "telegram"});
    let updated = s
        .eadesk_post(&format!("contacts/update/{point}"), body)
        .await;
    assert_eq!(updated["result"]["value"], "ivan_tg2", "{updated}");
    let read = s.eadesk_get(&format!("contacts/read?id={point}")).await;
    assert_eq!(read["result"][0]["value"], "ivan_tg2", "{read}");
    let listed = s
        .eadesk_get(&format!("contacts/read?contact_id={id}"))
        .await;
    assert_eq!(listed["result"].as_array().unwrap().len(), 3, "{listed}");
    let deleted = s
        .eadesk_post(&format!("contacts/delete/{point}"), json!({}))
        .await;
    assert_eq!(deleted, json!({"result": true}));
    let url = a.url(&format!(
        "/api/clients/person/contacts/read?id={point}&token={token}"
    ));
    let upstream: Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    let datum = &upstream["result"][0];
    assert_eq!(
        (&datum["value"], &datum["service"], &datum["status"]),
        (&json!("ivan_tg2"), &json!("telegram"), &json!("deleted")),
        "{upstream}"
    );
    let missing = s.eadesk_post("contacts/delete/999999", json!({})).await;
    assert_eq!(missing, json!({"err": "ENOT_FOUND"}));
}

#[tokio::test]
async fn a_bind_with_a_wrong_token_is_refused_and_nothing_is_bound() {
    let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
    create_account(upstream_db.url(), "acme");
    create_account(proxy_db.url(), "acme");
    let a = Gateway::start(upstream_db.url());
    let wrong = json!({"token": "not-the-token"});
    let (bound, printed) = bind(proxy_db.url(), &a.url(""), &wrong);
    assert!(!bound, "{printed}");
    assert!(printed.contains("refused"), "{printed}");
    assert!(!printed.contains("not-the-token"), "{printed}");
    let (_, shown) = account(proxy_db.url(), &["show", "--name", "acme"]);
    assert!(shown.contains("clients: in the gateway"), "{shown}");
}
