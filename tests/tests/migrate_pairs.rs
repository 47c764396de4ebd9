//! Every ordered pair of the four dialects, one gateway playing both real
//! CRMs: a base of 2,000 generated clients, every field of the mapping
//! filled, is migrated from an account through dialect S into a fresh
//! account through dialect D and verified. The fields the report finds
//! lost by design must be exactly those docs/mapping.md ("What a migration
//! carries") predicts for S → D, and nothing may be lost otherwise.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crm_e2e::migration::write_base;
use crm_e2e::{Gateway, create_account, operator};
use crm_testkit::TestDb;
use serde_json::Value;

const DIALECTS: [&str; 4] = ["eadesk", "rest", "salesman", "planfix"];
const COMPANIES: i64 = 200;
const CLIENTS: i64 = 2_000;

/// A level of the mapping's migration table, ordered by how much it keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Nothing,
    One,
    All,
}

/// The table of docs/mapping.md, "What a migration carries": each row's
/// level for each dialect, in the order of `DIALECTS`.
fn mapping() -> BTreeMap<String, [Level; 4]> {
    let doc = include_str!("../../docs/mapping.md");
    let section = doc
        .split("## What a migration carries")
        .nth(1)
        .expect("docs/mapping.md has the migration table");
    let level = |cell: &str| match cell.trim() {
        "all" => Level::All,
        "one" => Level::One,
        "—" => Level::Nothing,
        other => panic!("docs/mapping.md: unknown level {other:?}"),
    };
    section
        .lines()
        .take_while(|line| !line.starts_with("## "))
        .filter(|line| line.starts_with("| ") && !line.starts_with("| field"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').collect();
            let levels = [1, 2, 3, 4].map(|i| level(cells[i]));
            (cells[0].trim().to_owned(), levels)
        })
        .collect()
}

fn at(dialect: &str) -> usize {
    DIALECTS.iter().position(|d| *d == dialect).unwrap()
}

/// What the table predicts a migration from `from` to `to` loses by
/// design: the fields `to` keeps less of. A company's own fields go with
/// the companies when `to` keeps none (the report counts those apart).
fn predicted(table: &BTreeMap<String, [Level; 4]>, from: &str, to: &str) -> BTreeSet<String> {
    let keeps_companies = table["companies as clients"][at(to)] == Level::All;
    table
        .iter()
        .filter(|(field, _)| *field != "companies as clients")
        .filter(|(field, _)| {
            keeps_companies || !matches!(field.as_str(), "company_address" | "bank_details")
        })
        .filter(|(_, levels)| levels[at(to)] < levels[at(from)])
        .map(|(field, _)| field.clone())
        .collect()
}

fn credentials(dir: &Path, name: &str, creds: &Value) -> String {
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, creds.to_string()).unwrap();
    path.display().to_string()
}

fn lost_by_design(report: &Value) -> BTreeSet<String> {
    report["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["lost_by_design"].as_u64() > Some(0))
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn every_pair_of_dialects_loses_only_what_the_mapping_predicts() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new().await;
    let source = create_account(db.url(), "source");
    let base = dir.path().join("base.jsonl");
    write_base(&base, COMPANIES, CLIENTS);
    let (ok, printed) = operator::run(
        db.url(),
        &[
            "import",
            "--quiet",
            "--in",
            base.to_str().unwrap(),
            "--to",
            "local:source",
            "--state",
            dir.path().join("import.jsonl").to_str().unwrap(),
        ],
    );
    assert!(ok, "{printed}");
    let gateway = Gateway::start(db.url());
    let table = mapping();

    let mut failures = Vec::new();
    for from in DIALECTS {
        for to in DIALECTS {
            let name = format!("{from}-{to}");
            let destination = create_account(db.url(), &name);
            let ends = [
                "--from".to_owned(),
                format!("{from}+{}", gateway.url("")),
                "--from-credentials".to_owned(),
                credentials(dir.path(), &format!("{name}-from"), &source[from]),
                "--to".to_owned(),
                format!("{to}+{}", gateway.url("")),
                "--to-credentials".to_owned(),
                credentials(dir.path(), &format!("{name}-to"), &destination[to]),
                "--state".to_owned(),
                dir.path()
                    .join(format!("{name}.jsonl"))
                    .display()
                    .to_string(),
            ];
            let ends: Vec<&str> = ends.iter().map(String::as_str).collect();
            let mut args = vec!["migrate", "--quiet"];
            args.extend_from_slice(&ends);
            let (ok, printed) = operator::run(db.url(), &args);
            if !ok {
                failures.push(format!("{name}: the migration failed: {printed}"));
                continue;
            }
            let report_path = dir.path().join(format!("{name}.report.json"));
            let mut args = vec!["verify", "--report", report_path.to_str().unwrap()];
            args.extend_from_slice(&ends);
            let (clean, printed) = operator::run(db.url(), &args);
            let report: Value =
                serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap()).unwrap();
            if !clean {
                failures.push(format!("{name}: not clean: {printed}\n{report}"));
            }
            let (found, expected) = (lost_by_design(&report), predicted(&table, from, to));
            if found != expected {
                failures.push(format!(
                    "{name}: lost by design {found:?}, the mapping predicts {expected:?}"
                ));
            }
            let keeps = |d: &str| table["companies as clients"][at(d)] == Level::All;
            let left_behind = if keeps(from) && !keeps(to) {
                COMPANIES
            } else {
                0
            };
            let companies = if keeps(from) && keeps(to) {
                COMPANIES
            } else {
                0
            };
            let carried = (CLIENTS - COMPANIES + companies, left_behind);
            let reported = (
                report["carried"].as_i64().unwrap(),
                report["companies_not_kept"].as_i64().unwrap(),
            );
            if reported != carried {
                failures.push(format!(
                    "{name}: carried and left behind {reported:?}, expected {carried:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
