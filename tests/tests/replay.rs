//! Record and replay: the captured sessions of real client libraries, and
//! the cross-dialect traffic, recorded by one gateway and replayed against
//! a fresh gateway on the other backend whose ids run differently: no
//! finding. A difference planted in one dialect's answers is reported once
//! for each request it touched, at its field, and nothing else is.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use crm_e2e::dialect::{Dialect, Session};
use crm_e2e::person::Person;
use crm_e2e::rewriting::{self, EadeskDescription};
use crm_e2e::traffic::written_and_read_everywhere;
use crm_e2e::{Gateway, captures, create_account, operator};
use crm_replay::Exchange;
use crm_replay::journal::read_dir;
use crm_testkit::TestDb;
use serde_json::Value;

/// A record of the captured sessions and the cross-dialect traffic, made
/// by a gateway on the suite's backend; how many requests it holds.
async fn record(dir: &Path) -> usize {
    let db = TestDb::new().await;
    let credentials = create_account(db.url(), "acme");
    let gateway = Gateway::start_args(db.url(), &["--record", dir.to_str().unwrap()]);
    let sent = captures::play(&gateway.url(""), &credentials).await;
    let session = Session::open(&gateway.url(""), credentials).await;
    let failures = written_and_read_everywhere(&session).await;
    assert!(failures.is_empty(), "{failures:?}");
    gateway.stop_cleanly();
    let recorded = read_dir(dir).unwrap();
    assert!(recorded.len() > sent + 32, "{} recorded", recorded.len());
    recorded.len()
}

/// A fresh gateway on the other backend with account `acme`, made after
/// another account and its clients so that no id of the target is the
/// record's; its credentials file in `dir`.
async fn target(dir: &Path) -> (TestDb, Gateway, String) {
    let db = TestDb::other().await;
    let before = create_account(db.url(), "before");
    let credentials = create_account(db.url(), "acme");
    let gateway = Gateway::start(db.url());
    let session = Session::open(&gateway.url(""), before).await;
    for n in 0..3 {
        session
            .write(Dialect::Rest, &Person::sample(&format!("ahead {n}")))
            .await;
    }
    let file = dir.join("target.json");
    std::fs::write(&file, credentials.to_string()).unwrap();
    (db, gateway, file.display().to_string())
}

fn replay(
    db: &TestDb,
    record: &Path,
    url: &str,
    credentials: &str,
    report: &Path,
) -> (bool, Value) {
    let (ok, printed) = operator::run(
        db.url(),
        &[
            "replay",
            record.to_str().unwrap(),
            "--target",
            url,
            "--credentials",
            credentials,
            "--report",
            report.to_str().unwrap(),
        ],
    );
    let report = std::fs::read_to_string(report).unwrap_or_else(|_| panic!("no report: {printed}"));
    (ok, serde_json::from_str(&report).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_replayed_on_the_other_backend_has_no_finding() {
    let dir = tempfile::tempdir().unwrap();
    let traffic = dir.path().join("traffic");
    let recorded = record(&traffic).await;
    let (db, gateway, credentials) = target(dir.path()).await;
    let (ok, report) = replay(
        &db,
        &traffic,
        &gateway.url(""),
        &credentials,
        &dir.path().join("r.json"),
    );
    assert!(ok, "{report:#}");
    assert_eq!(report["findings"], Value::Array(vec![]), "{report:#}");
    assert_eq!(report["compared"], recorded, "{report:#}");
    assert_eq!(report["matched"], recorded, "{report:#}");
}

/// Whether an Eadesk answer holds a `description` the plant changes.
fn touched(exchange: &Exchange) -> bool {
    let value: Value = serde_json::from_str(&exchange.answer.body.text).unwrap_or(Value::Null);
    exchange.dialect == "eadesk"
        && exchange.answer.body.text.contains("\"description\":\"")
        && value != Value::Null
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planted_difference_is_found_once_per_request_and_alone() {
    let dir = tempfile::tempdir().unwrap();
    let traffic = dir.path().join("traffic");
    record(&traffic).await;
    let expected = read_dir(&traffic)
        .unwrap()
        .iter()
        .filter(|e| touched(e))
        .count();
    assert!(
        expected > 3,
        "the record holds {expected} Eadesk descriptions"
    );
    let (db, gateway, credentials) = target(dir.path()).await;
    let planted = rewriting::serve(&gateway.url(""), EadeskDescription).await;
    let (ok, report) = replay(
        &db,
        &traffic,
        &planted,
        &credentials,
        &dir.path().join("r.json"),
    );
    assert!(!ok, "a finding must fail the replay: {report:#}");
    let findings = report["findings"].as_array().unwrap();
    let mut requests = 0;
    for finding in findings {
        assert_eq!(finding["dialect"], "eadesk", "{finding:#}");
        let field = finding["field"].as_str().unwrap();
        assert!(field.ends_with(".description"), "{finding:#}");
        let sample = &finding["samples"][0];
        assert_eq!(
            format!("{}!", sample["recorded"].as_str().unwrap()),
            sample["answered"],
            "{finding:#}"
        );
        requests += finding["requests"].as_u64().unwrap() as usize;
    }
    assert_eq!(requests, expected, "{report:#}");
}
