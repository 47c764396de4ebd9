//! `crm-gateway verify` after a migration to a REST CRM: what REST cannot
//! hold is told apart from what was lost, and a change on the destination
//! fails the check with a sample.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::Dialect;
use crm_e2e::migration::{migrate, rest_pair};
use crm_e2e::operator;
use crm_e2e::person::Person;

#[tokio::test]
async fn verify_tells_what_was_lost_by_design_from_what_was_lost() {
    let dir = tempfile::tempdir().unwrap();
    let pair = rest_pair(dir.path()).await;
    let (writer, reader, source_db) = (&pair.writer, &pair.reader, &pair.source_db);
    writer
        .write(Dialect::Eadesk, &Person::sample("checked"))
        .await;
    let added = writer
        .salesman(&[
            ("action", "add"),
            ("person", "Пётр Директоров"),
            ("ptitle", "директор"),
        ])
        .await;
    assert_eq!(added["result"], "Успешно", "{added}");
    let state = dir.path().join("state.jsonl").display().to_string();
    let report = dir.path().join("report.json");
    let (to, credentials) = (&pair.to, &pair.credentials);
    let ends = [
        "--from",
        "local:acme",
        "--to",
        to,
        "--to-credentials",
        credentials,
        "--state",
        &state,
    ];
    let (ok, printed) = migrate(source_db.url(), &ends);
    assert!(ok, "{printed}");
    let verify = || {
        let mut args = vec!["verify"];
        args.extend_from_slice(&ends);
        args.extend_from_slice(&["--report", report.to_str().unwrap()]);
        operator::run(source_db.url(), &args)
    };
    let field = |report: &serde_json::Value, name: &str| {
        report["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == name)
            .cloned()
            .unwrap()
    };

    let (ok, printed) = verify();
    assert!(
        ok,
        "a REST copy loses only what REST cannot hold: {printed}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(
        (json["carried"].as_u64(), json["clean"].as_bool()),
        (Some(2), Some(true)),
        "{json}"
    );
    assert_eq!(field(&json, "name")["matches"], 2, "{json}");
    assert_eq!(field(&json, "emails")["matches"], 2, "{json}");
    assert_eq!(field(&json, "position")["lost_by_design"], 1, "{json}");

    // A name changed on the destination is a difference, and the check fails.
    let first = reader.rest(reqwest::Method::GET, "?sort=id", None).await;
    let id = first["response"]["items"][0]["id"].as_i64().unwrap();
    let body = serde_json::json!({"name": "Кто-то другой"});
    reader
        .rest(reqwest::Method::PUT, &format!("/{id}"), Some(body))
        .await;
    let (ok, printed) = verify();
    assert!(!ok, "{printed}");
    assert!(printed.contains("| name | 1 | 0 | 0 | 1 |"), "{printed}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let sample = &field(&json, "name")["samples"][0];
    assert_eq!(sample["to"][0], "Кто-то другой", "{json}");
}
