//! `crm-gateway migrate` from an account of this gateway's database to a
//! REST CRM (a second gateway): every client arrives with its phone and
//! e-mail, a second run creates nothing, a create a kill cut off is found
//! rather than made twice, a run after new clients carries only those, and
//! a dry run writes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{ALL, Dialect, Session};
use crm_e2e::operator;
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;

/// Runs `crm-gateway migrate ARGS --quiet` over `database_url`: whether it
/// succeeded, and what it printed.
fn migrate(database_url: &str, args: &[&str]) -> (bool, String) {
    let mut all = vec!["migrate", "--quiet"];
    all.extend_from_slice(args);
    operator::run(database_url, &all)
}

/// Every client the REST CRM `session` lists, by name, with its phone and e-mail.
async fn listed(session: &Session) -> Vec<(String, String, String)> {
    let answer = session
        .rest(reqwest::Method::GET, "?per_page=50&sort=id", None)
        .await;
    let mut clients: Vec<_> = answer["response"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let text = |key: &str| c[key].as_str().unwrap_or_default().to_owned();
            (text("name"), text("phone"), text("email"))
        })
        .collect();
    clients.sort();
    clients
}

/// A source gateway with account `acme` signed in, and a destination
/// gateway whose `acme` is reached through its REST API: the endpoint and a
/// file of its credentials in `dir`.
struct RestPair {
    source_db: TestDb,
    _dbs: TestDb,
    _gateways: (Gateway, Gateway),
    writer: Session,
    reader: Session,
    to: String,
    credentials: String,
}

async fn rest_pair(dir: &std::path::Path) -> RestPair {
    let (source_db, target_db) = (TestDb::new().await, TestDb::new().await);
    let source_creds = create_account(source_db.url(), "acme");
    let target_creds = create_account(target_db.url(), "acme");
    let source = Gateway::start(source_db.url());
    let target = Gateway::start(target_db.url());
    let writer = Session::open(&source.url(""), source_creds).await;
    let credentials = dir.join("rest.json");
    std::fs::write(&credentials, target_creds["rest"].to_string()).unwrap();
    let reader = Session::open(&target.url(""), target_creds).await;
    RestPair {
        source_db,
        _dbs: target_db,
        to: format!("rest+{}", target.url("")),
        _gateways: (source, target),
        writer,
        reader,
        credentials: credentials.display().to_string(),
    }
}

#[tokio::test]
async fn a_base_is_carried_once_and_then_only_what_is_new() {
    let dir = tempfile::tempdir().unwrap();
    let pair = rest_pair(dir.path()).await;
    let (writer, reader, source_db) = (&pair.writer, &pair.reader, &pair.source_db);
    let mut people: Vec<Person> = Vec::new();
    for dialect in ALL {
        let person = Person::sample(&format!("{dialect:?} migrated"));
        writer.write(dialect, &person).await;
        people.push(person);
    }
    let state = dir.path().join("state.jsonl");
    let (to, credentials) = (&pair.to, &pair.credentials);
    let args = |dry: bool| {
        let mut args = vec![
            "--from".to_owned(),
            "local:acme".to_owned(),
            "--to".to_owned(),
            to.clone(),
            "--to-credentials".to_owned(),
            credentials.clone(),
            "--state".to_owned(),
            state.display().to_string(),
        ];
        if dry {
            args.push("--dry-run".to_owned());
        }
        args
    };
    let run = |dry: bool| {
        let args = args(dry);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        migrate(source_db.url(), &args)
    };

    let (ok, printed) = run(true);
    assert!(ok, "{printed}");
    assert!(
        printed.contains("persons: 4 in the source, would create 4"),
        "{printed}"
    );
    assert!(listed(reader).await.is_empty(), "a dry run wrote");

    let (ok, printed) = run(false);
    assert!(ok, "{printed}");
    assert!(
        printed.contains("persons: 4 in the source, created 4"),
        "{printed}"
    );
    let mut expected: Vec<_> = people
        .iter()
        .map(|p| (p.full_name(), p.phone.clone(), p.email.clone()))
        .collect();
    expected.sort();
    assert_eq!(listed(reader).await, expected);

    let (ok, printed) = run(false);
    assert!(ok, "{printed}");
    assert!(printed.contains("created 0, carried before 4"), "{printed}");
    assert_eq!(listed(reader).await.len(), 4, "a second run created");

    // A kill between a create and its record: the begun create is found on
    // the destination and recorded, not made twice.
    let kept = std::fs::read_to_string(&state).unwrap();
    let mut lines: Vec<&str> = kept.lines().collect();
    let last = lines.iter().rposition(|l| l.contains("\"to\"")).unwrap();
    lines.remove(last);
    std::fs::write(&state, lines.join("\n") + "\n").unwrap();
    let (ok, printed) = run(false);
    assert!(ok, "{printed}");
    assert!(printed.contains("created 0, carried before 4"), "{printed}");
    assert_eq!(
        listed(reader).await.len(),
        4,
        "a begun create was made twice"
    );

    let late = Person::sample("late");
    writer.write(Dialect::Rest, &late).await;
    let (ok, printed) = run(false);
    assert!(ok, "{printed}");
    assert!(printed.contains("created 1, carried before 4"), "{printed}");
    assert_eq!(listed(reader).await.len(), 5);
}

#[tokio::test]
async fn an_unknown_endpoint_or_missing_credentials_is_refused_with_the_reason() {
    let db = TestDb::new().await;
    create_account(db.url(), "acme");
    let (ok, printed) = migrate(db.url(), &["--from", "local:acme", "--to", "ftp://x"]);
    assert!(!ok);
    assert!(printed.contains("local:NAME or DIALECT+URL"), "{printed}");
    let (ok, printed) = migrate(
        db.url(),
        &["--from", "local:acme", "--to", "rest+http://127.0.0.1:9"],
    );
    assert!(!ok);
    assert!(printed.contains("needs its credentials file"), "{printed}");
    let (ok, printed) = migrate(db.url(), &["--from", "local:nobody", "--to", "local:acme"]);
    assert!(!ok);
    assert!(printed.contains("no account nobody"), "{printed}");
}

/// One database with accounts `acme` and `beta`, a gateway over it, and
/// `acme` signed in; `beta`'s credentials.
async fn two_accounts() -> (TestDb, Gateway, Session, serde_json::Value) {
    let db = TestDb::new().await;
    let acme = create_account(db.url(), "acme");
    let beta = create_account(db.url(), "beta");
    let gateway = Gateway::start(db.url());
    let from = Session::open(&gateway.url(""), acme).await;
    (db, gateway, from, beta)
}

#[tokio::test]
async fn companies_come_first_and_a_persons_link_names_the_carried_company() {
    let (db, gateway, from, beta) = two_accounts().await;
    let body = serde_json::json!({"type": 1, "name": "ООО Ромашка"});
    let company = from.rest(reqwest::Method::POST, "", Some(body)).await;
    let company = company["response"]["id"].as_i64().unwrap().to_string();
    let person = from
        .salesman(&[
            ("action", "add"),
            ("person", "Иван Петров"),
            ("clid", &company),
        ])
        .await;
    assert_eq!(person["result"], "Успешно", "{person}");

    let state = tempfile::NamedTempFile::new().unwrap();
    let state = state.path().display().to_string();
    let args = [
        "--from",
        "local:acme",
        "--to",
        "local:beta",
        "--state",
        &state,
    ];
    let (ok, printed) = migrate(db.url(), &args);
    assert!(ok, "{printed}");
    assert!(
        printed.contains("companies: 1 in the source, created 1"),
        "{printed}"
    );
    assert!(
        printed.contains("persons: 1 in the source, created 1"),
        "{printed}"
    );

    let to = Session::open(&gateway.url(""), beta).await;
    let list = to.salesman(&[("action", "list"), ("word", "Петров")]).await;
    let carried = &list["data"][0];
    assert_eq!(carried["person"], "Иван Петров", "{list}");
    let companies = to.rest(reqwest::Method::GET, "?type=1", None).await;
    let beta_company = &companies["response"]["items"][0];
    assert_eq!(beta_company["name"], "ООО Ромашка", "{companies}");
    assert_eq!(
        carried["clid"].to_string().trim_matches('"'),
        beta_company["id"].to_string(),
        "the person's company is beta's copy: {list}"
    );
}

#[tokio::test]
async fn a_run_off_a_terminal_keeps_its_rate_and_reports_plain_lines() {
    let (db, _gateway, from, _) = two_accounts().await;
    for n in 0..4 {
        from.write(Dialect::Rest, &Person::sample(&format!("paced {n}")))
            .await;
    }
    let state = tempfile::NamedTempFile::new().unwrap();
    let state = state.path().display().to_string();
    let args = [
        "migrate",
        "--from",
        "local:acme",
        "--to",
        "local:beta",
        "--state",
        &state,
        "--rate",
        "2",
    ];
    let started = std::time::Instant::now();
    let (ok, printed) = operator::run(db.url(), &args);
    assert!(ok, "{printed}");
    // Four creates at two a second: the last cannot start before 1.5 s.
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(1400),
        "{printed}"
    );
    assert!(printed.contains(" of 4 clients, "), "{printed}");
    assert!(
        printed.contains("persons: 4 in the source, created 4"),
        "{printed}"
    );
}

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

#[tokio::test]
async fn an_export_imported_elsewhere_holds_what_it_held_once() {
    let (db, gateway, from, beta) = two_accounts().await;
    let body = serde_json::json!({"type": 1, "name": "ООО Ромашка"});
    let company = from.rest(reqwest::Method::POST, "", Some(body)).await;
    let company = company["response"]["id"].as_i64().unwrap().to_string();
    let person = Person::sample("exported");
    let added = from
        .salesman(&[
            ("action", "add"),
            ("person", &person.full_name()),
            ("tel", &person.phone),
            ("mail", &person.email),
            ("clid", &company),
        ])
        .await;
    assert_eq!(added["result"], "Успешно", "{added}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.jsonl").display().to_string();
    let state = dir.path().join("import.jsonl").display().to_string();
    let args = ["export", "--quiet", "--from", "local:acme", "--out", &file];
    let (ok, printed) = operator::run(db.url(), &args);
    assert!(ok, "{printed}");
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(
        lines[0]["kind"], "company",
        "companies come first: {lines:?}"
    );
    assert_eq!(lines[1]["companies"][0].to_string(), company, "{lines:?}");

    let import = |state: &str| {
        let args = [
            "import",
            "--quiet",
            "--in",
            &file,
            "--to",
            "local:beta",
            "--state",
            state,
        ];
        operator::run(db.url(), &args)
    };
    let (ok, printed) = import(&state);
    assert!(ok, "{printed}");
    assert!(
        printed.contains("persons: 1 in the source, created 1"),
        "{printed}"
    );
    let (ok, printed) = import(&state);
    assert!(ok, "{printed}");
    assert!(printed.contains("created 0, carried before 1"), "{printed}");

    let to = Session::open(&gateway.url(""), beta).await;
    let list = to
        .salesman(&[("action", "list"), ("word", "exported")])
        .await;
    let carried = &list["data"];
    assert_eq!(carried.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(carried[0]["person"], person.full_name().as_str(), "{list}");
    assert_eq!(carried[0]["mail"], person.email.as_str(), "{list}");
    let companies = to.rest(reqwest::Method::GET, "?type=1", None).await;
    let beta_company = companies["response"]["items"][0]["id"].to_string();
    assert_eq!(
        carried[0]["clid"].to_string().trim_matches('"'),
        beta_company,
        "{list}"
    );

    std::fs::write(&file, "{\"id\": 1, \"kind\": \"robot\", \"name\": \"x\"}\n").unwrap();
    let fresh = dir.path().join("fresh.jsonl").display().to_string();
    let (ok, printed) = import(&fresh);
    assert!(!ok, "{printed}");
    assert!(printed.contains("acme.jsonl:1"), "{printed}");
    assert!(printed.contains("neither person nor company"), "{printed}");
}
