//! `serve --shadow`: the cross-dialect suite's traffic through a gateway
//! shadowing every read to a second gateway over the same database finds
//! nothing; a candidate that changes one field is caught at that field.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use crm_e2e::dialect::Session;
use crm_e2e::rewriting::{self, Rewrite};
use crm_e2e::traffic::{renamed_and_read_everywhere, written_and_read_everywhere};
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use serde_json::Value;

/// Runs the cross-dialect traffic through a gateway over `db` shadowing to
/// `candidate`, stops it, and returns its summary and findings.
async fn shadowed(
    db: &TestDb,
    credentials: Value,
    candidate: &str,
    dir: &Path,
) -> (Value, Vec<Value>) {
    let primary = Gateway::start_args(
        db.url(),
        &["--shadow", candidate, "--shadow-dir", dir.to_str().unwrap()],
    );
    let session = Session::open(&primary.url(""), credentials).await;
    let mut failures = written_and_read_everywhere(&session).await;
    failures.extend(renamed_and_read_everywhere(&session).await);
    assert!(failures.is_empty(), "{failures:?}");
    primary.stop_cleanly();
    let summary =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    let findings = std::fs::read_to_string(dir.join("findings.jsonl"))
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    (summary, findings)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_identical_candidate_answers_every_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new().await;
    let credentials = create_account(db.url(), "acme");
    let candidate = Gateway::start(db.url());
    let (summary, findings) = shadowed(&db, credentials, &candidate.url(""), dir.path()).await;
    let total = &summary["total"];
    assert_eq!(findings, Vec::<Value>::new(), "{summary:#}");
    assert_eq!(total["findings"], 0, "{summary:#}");
    assert_eq!(total["failed"], 0, "{summary:#}");
    assert_eq!(total["requests"], total["matches"], "{summary:#}");
    // 16 reads after the writes and 16 after the renames, each through one
    // of the four dialects; the writes stay on the primary.
    assert_eq!(total["requests"], 32, "{summary:#}");
    assert!(total["not_sent"].as_u64().unwrap() >= 20, "{summary:#}");
    let operations: Vec<&String> = summary["by_operation"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    for dialect in ["eadesk", "rest", "salesman", "planfix"] {
        assert!(
            operations.iter().any(|op| op.starts_with(dialect)),
            "{dialect} missing from {operations:?}"
        );
    }
}

/// Appends `!` to every REST `name`.
struct Renamed;

impl Rewrite for Renamed {
    fn outbound(&self, path: &str, answer: &mut Value) {
        if !path.starts_with("/rest/client") {
            return;
        }
        // A view answers the client itself, or wrapped in `response`.
        let client = match answer.get_mut("response") {
            Some(inner) => inner,
            None => answer,
        };
        if let Some(Value::String(name)) = client.get_mut("name") {
            name.push('!');
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_that_answers_otherwise_is_caught_at_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new().await;
    let credentials = create_account(db.url(), "acme");
    let candidate = Gateway::start(db.url());
    let changed = rewriting::serve(&candidate.url(""), Renamed).await;
    let (summary, findings) = shadowed(&db, credentials, &changed, dir.path()).await;
    assert!(!findings.is_empty(), "{summary:#}");
    for finding in &findings {
        assert_eq!(finding["dialect"], "rest", "{finding:#}");
        assert_eq!(finding["operation"], "GET /rest/client/{id}", "{finding:#}");
        let differences = finding["differences"].as_array().unwrap();
        assert_eq!(differences.len(), 1, "{finding:#}");
        let path = differences[0]["path"].as_str().unwrap();
        assert!(
            path == "body.name" || path == "body.response.name",
            "{finding:#}"
        );
        assert!(
            !finding["request"]
                .as_str()
                .unwrap()
                .contains("access-token=")
                || finding["request"].as_str().unwrap().contains("REDACTED")
        );
    }
    assert_eq!(summary["total"]["findings"], findings.len(), "{summary:#}");
}
