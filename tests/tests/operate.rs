//! The operator's tools: `backup` while the gateway serves, `doctor` on a
//! sound and on a faulty setup, shell completions, and an example in every
//! command's `--help`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use crm_e2e::dialect::{Dialect, Session};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account, gateway_binary, operator};
use crm_testkit::{Backend, TestDb};

#[tokio::test]
async fn a_backup_taken_while_serving_holds_the_account() {
    let db = TestDb::new().await;
    let credentials = create_account(db.url(), "acme");
    let gateway = Gateway::start(db.url());
    let session = Session::open(&gateway.url(""), credentials).await;
    session
        .write(Dialect::Rest, &Person::sample("backed up"))
        .await;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    let (ok, printed) = operator::run(db.url(), &["backup", "--to", copy.to_str().unwrap()]);
    if db.backend() == Backend::Postgres {
        assert!(!ok && printed.contains("pg_dump"), "{printed}");
        return;
    }
    assert!(ok, "{printed}");
    let url = format!("sqlite://{}", copy.display());
    let (ok, shown) = operator::account(&url, &["show", "--name", "acme"]);
    assert!(ok && shown.contains("account: acme"), "{shown}");
    let (ok, printed) = operator::run(db.url(), &["backup", "--to", copy.to_str().unwrap()]);
    assert!(!ok && printed.contains("exists already"), "{printed}");
}

#[tokio::test]
async fn account_list_names_every_account_and_where_its_clients_live() {
    let db = TestDb::new().await;
    create_account(db.url(), "beta");
    create_account(db.url(), "acme");
    let (ok, printed) = operator::account(db.url(), &["list", "--json"]);
    assert!(ok, "{printed}");
    // Standard output (the one JSON line) comes first; the log follows it.
    let first = printed.lines().next().unwrap_or_default();
    let listed: serde_json::Value =
        serde_json::from_str(first).unwrap_or_else(|_| panic!("{printed}"));
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["account"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["acme", "beta"]);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["clients"] == "gateway"),
        "{listed}"
    );
    let (ok, table) = operator::account(db.url(), &["list"]);
    assert!(
        ok && table.starts_with("NAME") && table.contains("\nacme ") && table.contains("\nbeta "),
        "{table}"
    );
}

#[tokio::test]
async fn doctor_says_what_is_wrong_and_how_to_fix_it() {
    let db = TestDb::new().await;
    create_account(db.url(), "acme");
    if let Some(file) = db.url().strip_prefix("sqlite://") {
        use std::os::unix::fs::PermissionsExt;
        let private = std::fs::Permissions::from_mode(0o600);
        std::fs::set_permissions(file, private).unwrap();
        let wal = format!("{file}-wal");
        if std::path::Path::new(&wal).exists() {
            std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let (ok, printed) = operator::run(db.url(), &["doctor"]);
        assert!(ok, "{printed}");
        assert!(
            printed.contains("migrations applied") && !printed.contains("PROBLEM"),
            "{printed}"
        );
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let (ok, printed) = operator::run(db.url(), &["doctor"]);
        assert!(!ok, "{printed}");
        assert!(
            printed.contains(&format!("fix: chmod o-rwx {file}")),
            "{printed}"
        );
    } else {
        let (ok, printed) = operator::run(db.url(), &["doctor"]);
        assert!(ok && printed.contains("fsync = on"), "{printed}");
    }
    let (ok, printed) = operator::run("postgres://postgres@127.0.0.1:1/none", &["doctor"]);
    assert!(!ok, "{printed}");
    assert!(
        printed.contains("PROBLEM database") && printed.contains("fix: check database.url"),
        "{printed}"
    );
}

#[test]
fn completions_and_an_example_in_every_help() {
    let run = |args: &[&str]| {
        let output = Command::new(gateway_binary()).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let bash = run(&["completions", "bash"]);
    assert!(
        bash.contains("crm-gateway") && bash.contains("migrate"),
        "{bash}"
    );
    let commands = every_command(
        &<crm_gateway::cli::Cli as clap::CommandFactory>::command(),
        &[],
    );
    assert!(commands.len() > 20, "{commands:?}");
    for command in commands {
        let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
        args.push("--help");
        let help = run(&args);
        assert!(
            help.contains("Example:\n  crm-gateway "),
            "{command:?}: {help}"
        );
    }
}

/// The path of every command and subcommand below `command`, `help` aside.
fn every_command(command: &clap::Command, path: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for sub in command.get_subcommands().filter(|c| c.get_name() != "help") {
        let mut inner = path.to_vec();
        inner.push(sub.get_name().to_owned());
        found.extend(every_command(sub, &inner));
        found.push(inner);
    }
    found
}
