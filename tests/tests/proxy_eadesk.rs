//! The gateway as a translation proxy to Eadesk: gateway B's account is
//! bound to gateway A, which plays the real Eadesk. An integration of each
//! of the four dialects writes, reads, renames and deletes through B; A's
//! own Eadesk answers show what landed there, deleted persons included.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::Gateway;
use crm_e2e::dialect::Dialect;
use crm_e2e::person::Person;
use crm_e2e::proxy::{Chain, Landed, refused_bind};
use serde_json::{Value, json};

/// A's Eadesk view of person `id`, deleted or not.
async fn landed(a: &Gateway, token: &str, id: i64) -> Landed {
    let url = a.url(&format!("/api/clients/person/read?id={id}&token={token}"));
    let answer: Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    let Some(person) = answer.as_array().unwrap().first().cloned() else {
        return Landed::Absent;
    };
    if person["status"] == "deleted" {
        return Landed::Deleted;
    }
    let points = person["contacts"].as_array().cloned().unwrap_or_default();
    let live = |kind: &str| -> Vec<String> {
        points
            .iter()
            .filter(|p| p["type"] == kind && p["status"] != "deleted")
            .map(|p| p["value"].as_str().unwrap().to_owned())
            .collect()
    };
    Landed::Holds {
        name: person["name"].as_str().unwrap().to_owned(),
        phones: live("phone"),
        emails: live("mail"),
    }
}

fn token(chain: &Chain) -> String {
    chain.upstream["eadesk"]["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn every_dialect_reaches_an_eadesk_upstream_through_the_proxy() {
    let chain = Chain::bound("eadesk").await;
    let token = token(&chain);
    let failures = chain.round(|id| landed(&chain.a, &token, id)).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn lists_through_the_proxy_are_counted_and_ordered_by_reading_the_upstream() {
    let chain = Chain::bound("eadesk").await;
    let (b, s) = (&chain.b, &chain.session);
    let mut ids = Vec::new();
    for tag in ["first", "second", "third"] {
        ids.push(s.write(Dialect::Eadesk, &Person::sample(tag)).await);
    }
    // REST lists newest first with a total: both worked out here, as
    // Eadesk counts nothing and answers in creation order.
    let rest_token = chain.proxy["rest"]["access_token"].as_str().unwrap();
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
    let chain = Chain::bound("eadesk").await;
    let (a, s, token) = (&chain.a, &chain.session, token(&chain));
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
    refused_bind(
        "eadesk",
        |_| json!({"token": "not-the-token"}),
        "not-the-token",
    )
    .await;
}
