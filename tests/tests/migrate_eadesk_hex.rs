//! A real Eadesk names its records by 24 hex digits. A migration into one
//! and back out of it numbers those ids in its state file: both runs and
//! their checks agree on every number, a second run creates nothing, and
//! what comes back is what went in.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use crm_e2e::migration::{Base, migrate, seed_source};
use crm_e2e::{Gateway, create_account, hex_eadesk, operator};
use crm_testkit::TestDb;

const CLIENTS: i64 = 250;

fn ends<'a>(
    from: &'a str,
    to: &'a str,
    credentials: (&'a str, &'a str),
    state: &'a str,
) -> Vec<&'a str> {
    let mut ends = vec!["--from", from, "--to", to, "--state", state];
    if from.starts_with("eadesk+") {
        ends.extend_from_slice(&["--from-credentials", credentials.0]);
    }
    if to.starts_with("eadesk+") {
        ends.extend_from_slice(&["--to-credentials", credentials.1]);
    }
    ends
}

fn verify(db: &TestDb, ends: &[&str], report: &Path) -> (bool, String) {
    let mut args = vec!["verify", "--report", report.to_str().unwrap()];
    args.extend_from_slice(ends);
    operator::run(db.url(), &args)
}

/// The source ids the state file numbered, on `side`.
fn numbered(state: &Path, side: &str) -> Vec<String> {
    std::fs::read_to_string(state)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter(|line| line["side"] == side && line["kind"] == "client")
        .map(|line| line["id"].as_str().unwrap().to_owned())
        .collect()
}

// The hex Eadesk serves on the runtime while the test waits on the command.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_base_goes_into_a_hex_eadesk_and_back_out_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new().await;
    create_account(db.url(), "source");
    let hex = create_account(db.url(), "hex");
    create_account(db.url(), "back");
    seed_source(db.url(), dir.path(), Base::Names { clients: CLIENTS });
    let gateway = Gateway::start(db.url());
    let eadesk = format!("eadesk+{}", hex_eadesk::serve(&gateway.url("")).await);
    let credentials = dir.path().join("hex.json");
    std::fs::write(&credentials, hex["eadesk"].to_string()).unwrap();
    let credentials = credentials.to_str().unwrap();

    let state = dir.path().join("in.jsonl");
    let into = ends(
        "local:source",
        &eadesk,
        ("", credentials),
        state.to_str().unwrap(),
    );
    let (ok, printed) = migrate(db.url(), &into);
    assert!(ok, "{printed}");
    assert!(printed.contains(&format!("created {CLIENTS}")), "{printed}");
    let made = numbered(&state, "to");
    assert_eq!(made.len(), CLIENTS as usize);
    assert!(made.iter().all(|id| id.len() == 24), "{made:?}");
    let (clean, printed) = verify(&db, &into, &dir.path().join("in.json"));
    assert!(clean, "{printed}");

    let (ok, printed) = migrate(db.url(), &into);
    assert!(ok, "{printed}");
    assert!(
        printed.contains(&format!("created 0, carried before {CLIENTS}")),
        "{printed}"
    );
    assert_eq!(numbered(&state, "to"), made, "a second run numbered anew");

    let state = dir.path().join("out.jsonl");
    let out = ends(
        &eadesk,
        "local:back",
        (credentials, ""),
        state.to_str().unwrap(),
    );
    let (ok, printed) = migrate(db.url(), &out);
    assert!(ok, "{printed}");
    assert!(printed.contains(&format!("created {CLIENTS}")), "{printed}");
    let mut read = numbered(&state, "from");
    read.sort();
    let mut made = made;
    made.sort();
    assert_eq!(read, made);
    let report = dir.path().join("out.json");
    let (clean, printed) = verify(&db, &out, &report);
    assert!(clean, "{printed}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["carried"], CLIENTS, "{report}");
}
