//! `crm-gateway migrate` from an account of this gateway's database to a
//! REST CRM (a second gateway): every client arrives with its phone and
//! e-mail, a second run creates nothing, a create a kill cut off is found
//! rather than made twice, a run after new clients carries only those, and
//! a dry run writes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::create_account;
use crm_e2e::dialect::{ALL, Dialect, Session};
use crm_e2e::migration::{listed, migrate, rest_pair, two_accounts};
use crm_e2e::operator;
use crm_e2e::person::Person;
use crm_testkit::TestDb;

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
