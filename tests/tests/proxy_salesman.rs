//! The gateway as a translation proxy to SalesMan: gateway B's account is
//! bound to gateway A, which plays the real SalesMan CRM. An integration of
//! each of the four dialects writes, reads, renames and deletes through B;
//! A's own SalesMan answers show what landed there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::Gateway;
use crm_e2e::proxy::{Chain, Landed, refused_bind};
use serde_json::{Value, json};

/// What A's SalesMan `info` says of person `pid`: its name, phones (`tel`
/// and `mob`) and e-mails, or deleted.
async fn landed(a: &Gateway, creds: &Value, pid: i64) -> Landed {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let form = [
        ("action", "info".to_owned()),
        ("login", text(&creds["login"])),
        ("apikey", text(&creds["apikey"])),
        ("pid", pid.to_string()),
    ];
    let answer: Value = reqwest::Client::new()
        .post(a.url("/developer/v2/person"))
        .form(&form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // spec/salesman-person.txt, "info": a deleted pid is "403".
    if answer.get("error").is_some_and(Value::is_object) {
        let code = text(&answer["error"]["code"]);
        assert_eq!(code, "403", "{answer}");
        return Landed::Deleted;
    }
    let data = &answer["data"];
    let split = |key: &str| -> Vec<String> {
        text(&data[key])
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let mut phones = split("tel");
    phones.extend(split("mob"));
    Landed::Holds {
        name: text(&data["person"]),
        phones,
        emails: split("mail"),
    }
}

#[tokio::test]
async fn every_dialect_reaches_a_salesman_upstream_through_the_proxy() {
    let chain = Chain::bound("salesman").await;
    let creds = &chain.upstream["salesman"];
    let failures = chain.round(|id| landed(&chain.a, creds, id)).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn a_bind_with_a_wrong_apikey_is_refused_and_nothing_is_bound() {
    let wrong = |right: &Value| json!({"login": right["login"], "apikey": "not-the-apikey"});
    refused_bind("salesman", wrong, "not-the-apikey").await;
}
