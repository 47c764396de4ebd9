//! `crm-gateway record` in front of a server: the captured sessions of real
//! client libraries pass through unchanged, the record keeps no secret of
//! the account, and a replay whose second reference answers a field
//! otherwise than the record counts that field as noise, not a finding.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use crm_e2e::rewriting::{self, EadeskDescription};
use crm_e2e::{Gateway, captures, create_account, operator};
use crm_replay::journal::read_dir;
use crm_testkit::TestDb;
use serde_json::Value;

/// Every secret `credentials` (`account create --json`) holds.
fn secrets(credentials: &Value) -> Vec<String> {
    let mut found = Vec::new();
    for dialect in ["eadesk", "rest", "salesman", "planfix"] {
        for (key, value) in credentials[dialect].as_object().unwrap() {
            if !matches!(key.as_str(), "account" | "login") {
                found.push(value.as_str().unwrap().to_owned());
            }
        }
    }
    found
}

/// A fresh gateway with account `acme` behind the planted proxy, and its
/// credentials file `name` in `dir`.
async fn planted(dir: &Path, name: &str) -> (TestDb, Gateway, String, String) {
    let db = TestDb::other().await;
    let credentials = create_account(db.url(), "acme");
    let gateway = Gateway::start(db.url());
    let url = rewriting::serve(&gateway.url(""), EadeskDescription).await;
    let file = dir.join(name);
    std::fs::write(&file, credentials.to_string()).unwrap();
    (db, gateway, url, file.display().to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recorded_session_keeps_no_secret_and_replays_with_its_noise_learned() {
    let dir = tempfile::tempdir().unwrap();
    let traffic = dir.path().join("traffic");
    let db = TestDb::new().await;
    let credentials = create_account(db.url(), "acme");
    let server = Gateway::start(db.url());
    let proxy = Gateway::record(&server.url(""), &traffic);
    let sent = captures::play(&proxy.url(""), &credentials).await;
    proxy.stop_cleanly();
    let recorded = read_dir(&traffic).unwrap();
    assert_eq!(recorded.len(), sent);
    let text: String = recorded
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    for secret in secrets(&credentials) {
        assert!(!text.contains(&secret), "a secret is in the record");
    }
    let dialects: Vec<&str> = recorded.iter().map(|e| e.dialect.as_str()).collect();
    assert!(
        dialects.contains(&"eadesk") && dialects.contains(&"planfix"),
        "{dialects:?}"
    );

    let (_a, _target, target, target_credentials) = planted(dir.path(), "target.json").await;
    let (_b, _reference2, reference2, reference2_credentials) =
        planted(dir.path(), "reference2.json").await;
    let report = dir.path().join("report.json");
    let (ok, printed) = operator::run(
        db.url(),
        &[
            "replay",
            traffic.to_str().unwrap(),
            "--target",
            &target,
            "--credentials",
            &target_credentials,
            "--reference2",
            &reference2,
            "--reference2-credentials",
            &reference2_credentials,
            "--report",
            report.to_str().unwrap(),
        ],
    );
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert!(ok, "{printed}\n{report:#}");
    assert_eq!(report["findings"], Value::Array(vec![]), "{report:#}");
    let noise = report["noise"].as_array().unwrap();
    assert!(!noise.is_empty(), "{report:#}");
    assert!(
        noise
            .iter()
            .all(|n| n.as_str().unwrap().ends_with(".description")),
        "{report:#}"
    );
    assert_eq!(report["matched"], sent, "{report:#}");
}
