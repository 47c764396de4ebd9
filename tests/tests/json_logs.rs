//! `[log] format = "json"`: every line is a JSON object, and each answer's
//! line names its request id, dialect, operation and outcome, never a
//! secret of the request.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use crm_e2e::dialect::{Dialect, Session};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use serde_json::Value;

#[tokio::test]
async fn each_answer_is_one_json_line_with_its_names_and_no_secret() {
    let db = TestDb::new().await;
    let credentials = create_account(db.url(), "acme");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("gateway.toml");
    std::fs::write(&config, "[log]\nformat = \"json\"\n").unwrap();
    let gateway = Gateway::start_with(db.url(), &config);
    let session = Session::open(&gateway.url(""), credentials.clone()).await;
    let id = session
        .write(Dialect::Eadesk, &Person::sample("logged"))
        .await;
    assert!(session.read(Dialect::Rest, id).await.is_some());

    let deadline = Instant::now() + Duration::from_secs(10);
    let mut lines = Vec::new();
    let answered = loop {
        lines.extend(gateway.log_lines());
        let answered: Vec<Value> = lines
            .iter()
            .map(|line| {
                serde_json::from_str::<Value>(line).unwrap_or_else(|_| panic!("not JSON: {line}"))
            })
            .filter(|line| line["fields"]["message"] == "answered")
            .collect();
        if answered.iter().any(|l| l["fields"]["dialect"] == "rest") || Instant::now() > deadline {
            break answered;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let rest = answered
        .iter()
        .find(|l| l["fields"]["dialect"] == "rest")
        .unwrap_or_else(|| panic!("no REST answer in {lines:#?}"));
    assert_eq!(
        rest["fields"]["operation"], "GET /rest/client/{id}",
        "{rest}"
    );
    assert_eq!(rest["fields"]["outcome"], "ok", "{rest}");
    let account = credentials["account_id"].as_i64().unwrap();
    assert_eq!(rest["span"]["account"], account, "{rest}");
    assert!(
        rest["span"]["id"].as_str().is_some_and(|id| !id.is_empty()),
        "{rest}"
    );
    let eadesk = answered
        .iter()
        .find(|l| l["fields"]["dialect"] == "eadesk")
        .unwrap();
    assert_eq!(eadesk["fields"]["operation"], "create", "{eadesk}");
    let all = lines.join("\n");
    for secret in [
        &credentials["eadesk"]["token"],
        &credentials["rest"]["access_token"],
    ] {
        assert!(
            !all.contains(secret.as_str().unwrap()),
            "a secret is in the log"
        );
    }
}
