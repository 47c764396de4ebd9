//! Every ordered pair of the four dialects, one gateway playing both real
//! CRMs: a base of 2,000 generated clients, every field of the mapping
//! filled, is migrated from an account through dialect S into a fresh
//! account through dialect D and verified. The fields the report finds
//! lost by design must be exactly those docs/mapping.md ("What a migration
//! carries") predicts for S → D, and nothing may be lost otherwise.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crm_e2e::migration::{Base, seed_source};
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
        .filter(|(field, _)| !field.starts_with("companies as "))
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
    seed_source(
        db.url(),
        dir.path(),
        Base::Full {
            companies: COMPANIES,
            clients: CLIENTS,
        },
    );
    let gateway = Gateway::start(db.url());
    let table = mapping();

    let url = gateway.url("");
    // One thread a source: the four migrations out of it run in turn.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = DIALECTS
            .map(|from| {
                let run = Run {
                    db: &db,
                    url: &url,
                    dir: dir.path(),
                    source: &source,
                    table: &table,
                };
                scope.spawn(move || {
                    DIALECTS
                        .iter()
                        .flat_map(|to| run.pair(from, to))
                        .collect::<Vec<_>>()
                })
            })
            .into();
        runs.into_iter()
            .flat_map(|run| run.join().unwrap())
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// What every pair's run shares.
#[derive(Clone, Copy)]
struct Run<'a> {
    db: &'a TestDb,
    /// The gateway playing every real CRM.
    url: &'a str,
    dir: &'a Path,
    source: &'a Value,
    table: &'a BTreeMap<String, [Level; 4]>,
}

impl Run<'_> {
    /// Migrates the source through `from` into a new account through
    /// `to`, verifies, and returns what went wrong.
    fn pair(&self, from: &str, to: &str) -> Vec<String> {
        let name = format!("{from}-{to}");
        let destination = create_account(self.db.url(), &name);
        let ends = [
            "--from".to_owned(),
            format!("{from}+{}", self.url),
            "--from-credentials".to_owned(),
            credentials(self.dir, &format!("{name}-from"), &self.source[from]),
            "--to".to_owned(),
            format!("{to}+{}", self.url),
            "--to-credentials".to_owned(),
            credentials(self.dir, &format!("{name}-to"), &destination[to]),
            "--state".to_owned(),
            self.dir.join(format!("{name}.jsonl")).display().to_string(),
        ];
        let ends: Vec<&str> = ends.iter().map(String::as_str).collect();
        let mut args = vec!["migrate", "--quiet"];
        args.extend_from_slice(&ends);
        let (ok, printed) = operator::run(self.db.url(), &args);
        if !ok {
            return vec![format!("{name}: the migration failed: {printed}")];
        }
        let report_path = self.dir.join(format!("{name}.report.json"));
        let mut args = vec!["verify", "--report", report_path.to_str().unwrap()];
        args.extend_from_slice(&ends);
        let (clean, printed) = operator::run(self.db.url(), &args);
        let report: Value =
            serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap()).unwrap();
        let mut failures = Vec::new();
        if !clean {
            failures.push(format!("{name}: not clean: {printed}\n{report}"));
        }
        let (found, expected) = (lost_by_design(&report), predicted(self.table, from, to));
        if found != expected {
            failures.push(format!(
                "{name}: lost by design {found:?}, the mapping predicts {expected:?}"
            ));
        }
        let row = |row: &str, d: &str| self.table[row][at(d)] == Level::All;
        let keeps = |d: &str| row("companies as clients", d);
        let companies = |when: bool| if when { COMPANIES } else { 0 };
        let carried = (
            CLIENTS - COMPANIES
                + companies(keeps(from) && keeps(to))
                + companies(row("companies as persons", from)),
            companies(keeps(from) && !keeps(to)),
        );
        let reported = (
            report["carried"].as_i64().unwrap(),
            report["companies_not_kept"].as_i64().unwrap(),
        );
        if reported != carried {
            failures.push(format!(
                "{name}: carried and left behind {reported:?}, expected {carried:?}"
            ));
        }
        failures
    }
}
