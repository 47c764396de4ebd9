//! A migration of 10,000 clients killed (SIGKILL) at a random point and
//! started again: every client arrives once, none twice, none missing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crm_e2e::migration::{Base, migrate, seed_source};
use crm_e2e::{create_account, empty_config, gateway_binary, operator};
use crm_testkit::TestDb;

const CLIENTS: i64 = 10_000;

/// How many clients the state file records as carried.
fn carried(state: &Path) -> usize {
    std::fs::read_to_string(state)
        .unwrap_or_default()
        .lines()
        .filter(|line| line.contains("\"to\""))
        .count()
}

/// A point between the first pages and the last, different each run.
fn random_point() -> usize {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as usize;
    500 + nanos % 8_500
}

/// Each name of the account, with how many clients bear it.
fn names(db: &TestDb, account: &str, dir: &Path) -> BTreeMap<String, usize> {
    let out = dir.join(format!("{account}.jsonl"));
    let from = format!("local:{account}");
    let (ok, printed) = operator::run(
        db.url(),
        &[
            "export",
            "--quiet",
            "--from",
            &from,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(ok, "{printed}");
    let mut names = BTreeMap::new();
    for line in std::fs::read_to_string(&out).unwrap().lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        *names
            .entry(record["name"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    names
}

#[tokio::test]
async fn a_migration_killed_anywhere_finishes_with_no_duplicate_and_no_loss() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new().await;
    create_account(db.url(), "source");
    create_account(db.url(), "copy");
    seed_source(db.url(), dir.path(), Base::Names { clients: CLIENTS });

    let state = dir.path().join("state.jsonl");
    let args = [
        "--from",
        "local:source",
        "--to",
        "local:copy",
        "--state",
        state.to_str().unwrap(),
    ];
    let point = random_point();
    let mut child = Command::new(gateway_binary())
        .args(["migrate", "--quiet"])
        .args(args)
        .env("CRM_DATABASE_URL", db.url())
        .env("CRM_CONFIG", empty_config())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while carried(&state) < point {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the migration ended before {point} clients were carried"
        );
        assert!(started.elapsed() < Duration::from_secs(120), "stuck");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let at_kill = carried(&state);
    assert!(
        at_kill < CLIENTS as usize,
        "killed at {point}, after the end"
    );

    let (ok, printed) = migrate(db.url(), &args);
    assert!(ok, "killed after {at_kill} (aimed at {point}): {printed}");

    let (source, copy) = (
        names(&db, "source", dir.path()),
        names(&db, "copy", dir.path()),
    );
    let twice: Vec<_> = copy.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.is_empty(),
        "killed after {at_kill}: made twice: {twice:?}"
    );
    assert_eq!(copy.len(), CLIENTS as usize, "killed after {at_kill}");
    assert_eq!(copy, source, "killed after {at_kill}");
}
