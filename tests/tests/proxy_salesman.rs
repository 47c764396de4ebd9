//! The gateway as a translation proxy to SalesMan: gateway B's account is
//! bound to gateway A, which plays the real SalesMan CRM. An integration of
//! each of the four dialects writes, reads, renames and deletes through B;
//! A's own SalesMan answers show what landed there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{ALL, Session};
use crm_e2e::operator::{self, account};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use serde_json::{Value, json};

fn bind(database_url: &str, url: &str, credentials: &Value) -> (bool, String) {
    operator::bind(database_url, "salesman", url, credentials)
}

/// What A's SalesMan `info` says of person `pid`.
#[derive(Debug, PartialEq, Eq)]
enum Upstream {
    /// Name, phones (`tel` and `mob`) and e-mails.
    Person(String, Vec<String>, Vec<String>),
    /// Refused with this error code.
    Refused(String),
}

async fn upstream_info(a: &Gateway, creds: &Value, pid: i64) -> Upstream {
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
    if answer.get("error").is_some_and(Value::is_object) {
        return Upstream::Refused(text(&answer["error"]["code"]));
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
    Upstream::Person(text(&data["person"]), phones, split("mail"))
}

/// A's person named `name` with `person`'s one phone and one e-mail.
fn holding(name: &str, person: &Person) -> Upstream {
    Upstream::Person(
        name.to_owned(),
        vec![person.phone.clone()],
        vec![person.email.clone()],
    )
}

#[tokio::test]
async fn every_dialect_reaches_a_salesman_upstream_through_the_proxy() {
    let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
    let upstream_creds = create_account(upstream_db.url(), "acme");
    let proxy_creds = create_account(proxy_db.url(), "acme");
    let a = Gateway::start(upstream_db.url());
    let b = Gateway::start(proxy_db.url());
    let salesman = &upstream_creds["salesman"];
    let (bound, printed) = bind(proxy_db.url(), &a.url(""), salesman);
    assert!(bound, "{printed}");
    let apikey = salesman["apikey"].as_str().unwrap();
    assert!(
        !printed.contains(apikey),
        "the bind printed the upstream's apikey: {printed}"
    );

    let s = Session::open(&b.url(""), proxy_creds).await;
    let mut failures = Vec::new();
    for dialect in ALL {
        let person = Person::sample(&format!("{dialect:?} proxy"));
        let id = s.write(dialect, &person).await;
        let landed = upstream_info(&a, salesman, id).await;
        if landed != holding(&person.full_name(), &person) {
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
        let after = upstream_info(&a, salesman, id).await;
        if after != holding(&renamed.full_name(), &person) {
            failures.push(format!("{dialect:?} rename: upstream holds {after:?}"));
        }
        s.delete(dialect, id).await;
        // spec/salesman-person.txt, "info": a deleted pid is "403".
        let gone = upstream_info(&a, salesman, id).await;
        if gone != Upstream::Refused("403".to_owned()) {
            failures.push(format!("{dialect:?} delete: upstream answers {gone:?}"));
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
async fn a_bind_with_a_wrong_apikey_is_refused_and_nothing_is_bound() {
    let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
    let upstream_creds = create_account(upstream_db.url(), "acme");
    create_account(proxy_db.url(), "acme");
    let a = Gateway::start(upstream_db.url());
    let login = upstream_creds["salesman"]["login"].clone();
    let wrong = json!({"login": login, "apikey": "not-the-apikey"});
    let (bound, printed) = bind(proxy_db.url(), &a.url(""), &wrong);
    assert!(!bound, "{printed}");
    assert!(printed.contains("refused"), "{printed}");
    assert!(!printed.contains("not-the-apikey"), "{printed}");
    let (_, shown) = account(proxy_db.url(), &["show", "--name", "acme"]);
    assert!(shown.contains("clients: in the gateway"), "{shown}");
}
