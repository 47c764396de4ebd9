//! `crm-gateway export` and `import`: a base through a JSON Lines file,
//! companies first, imported once however often it is run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::Session;
use crm_e2e::migration::two_accounts;
use crm_e2e::operator;
use crm_e2e::person::Person;

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
