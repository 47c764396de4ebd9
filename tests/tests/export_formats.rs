//! `crm-gateway export` and `import` through CSV and vCard files: an
//! account's company and person, every value filled, carried into another
//! account and exported again the same, imported once however often.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use crm_e2e::migration::two_accounts;
use crm_e2e::operator;
use serde_json::{Value, json};

/// A company and a person of it, every attribute, point and field filled,
/// with the characters CSV and vCard escape.
fn seed(path: &Path) {
    let company = json!({
        "id": 1, "kind": "company", "name": "ООО \"Ромашка\", филиал", "origin": "rest",
        "contacts": [
            {"kind": "phone", "service": "phone", "label": "work", "value": "+7 495 000 00 01", "origin": "rest"},
            {"kind": "mail", "service": "mail", "value": "office@example.com", "origin": "rest"},
        ],
        "description": "поставщик", "address": "Москва, улица 1",
        "company_address": "юридический адрес; корпус 2", "bank_details": "БИК 044525000",
        "fields": {"3": "ИНН 7700000000"},
        "created_at": "2023-01-02T03:04:05.006Z",
    });
    let person = json!({
        "id": 2, "kind": "person", "name": "Клиентов Пётр", "origin": "salesman",
        "contacts": [
            {"kind": "phone", "service": "phone", "label": "mobile", "value": "+7 916 000-00-02", "origin": "salesman"},
            {"kind": "phone", "service": "phone", "label": "work", "value": "+7 495 000 00 03", "origin": "pbx"},
            {"kind": "mail", "service": "mail", "value": "petr@example.com", "origin": "salesman"},
            {"kind": "mail", "service": "mail", "label": "work", "value": "p@acme.example", "origin": "salesman"},
            {"kind": "id", "service": "telegram", "value": "@klientov", "origin": "telegram"},
        ],
        "description": "первая строка\nвторая, с запятой", "address": "Тверь; дом 5",
        "position": "менеджер", "role": "закупки", "person_details": "паспорт 4500 000000",
        "segments": ["vip", "опт, крупный"],
        "fields": {"1": "1990-01-02", "2": "второе; поле", "10": "десятое"},
        "companies": [1],
        "created_at": "2024-05-06T07:08:09.010Z",
    });
    std::fs::write(path, format!("{company}\n{person}\n")).unwrap();
}

/// `import ARGS --quiet --to local:ACCOUNT --state STATE`.
fn import(db: &str, file: &Path, account: &str, state: &Path) -> (bool, String) {
    let (file, state) = (file.to_str().unwrap(), state.to_str().unwrap());
    let to = format!("local:{account}");
    let args = [
        "import", "--quiet", "--in", file, "--to", &to, "--state", state,
    ];
    operator::run(db, &args)
}

fn export(db: &str, account: &str, file: &Path) {
    let (from, out) = (format!("local:{account}"), file.to_str().unwrap());
    let (ok, printed) = operator::run(db, &["export", "--quiet", "--from", &from, "--out", out]);
    assert!(ok, "{printed}");
}

/// The clients of a JSON Lines export, ids aside: each company id is
/// replaced by that company's name.
fn without_ids(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let names: BTreeMap<i64, Value> = lines
        .iter()
        .map(|l| (l["id"].as_i64().unwrap(), l["name"].clone()))
        .collect();
    for line in &mut lines {
        line.as_object_mut().unwrap().remove("id");
        if let Some(companies) = line["companies"].as_array_mut() {
            for company in companies {
                *company = names[&company.as_i64().unwrap()].clone();
            }
        }
    }
    lines
}

/// The rows of a CSV export, its `id` and `companies` cells blanked.
fn csv_without_ids(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let mut rows = vec![header.iter().map(str::to_owned).collect()];
    for row in reader.records() {
        let row = row.unwrap();
        let cells = row.iter().zip(&header).map(|(cell, column)| {
            let id = column == "id" || column == "companies";
            if id { String::new() } else { cell.to_owned() }
        });
        rows.push(cells.collect());
    }
    rows
}

/// The unfolded lines of a vCard export but those naming ids.
fn vcard_without_ids(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap().replace("\r\n ", "");
    let ids = |line: &&str| line.starts_with("X-CRM-ID:") || line.starts_with("X-CRM-COMPANY-ID:");
    vec![
        text.lines()
            .filter(|l| !ids(l))
            .map(str::to_owned)
            .collect(),
    ]
}

/// The round trip through a file of extension `extension`, its exports
/// compared by `same`; importing `damaged` must fail naming `place`.
async fn carries_everything(
    extension: &str,
    same: fn(&Path) -> Vec<Vec<String>>,
    (damaged_text, place): (String, &str),
) {
    let (db, _gateway, _acme, _beta) = two_accounts().await;
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name);
    seed(&at("seed.jsonl"));
    let (ok, printed) = import(db.url(), &at("seed.jsonl"), "acme", &at("seeded.jsonl"));
    assert!(ok, "{printed}");

    let file = at(&format!("acme.{extension}"));
    export(db.url(), "acme", &file);
    let (ok, printed) = import(db.url(), &file, "beta", &at("state.jsonl"));
    assert!(ok, "{printed}");
    assert!(
        printed.contains("companies: 1 in the source, created 1"),
        "{printed}"
    );
    assert!(
        printed.contains("persons: 1 in the source, created 1"),
        "{printed}"
    );
    let (ok, printed) = import(db.url(), &file, "beta", &at("state.jsonl"));
    assert!(ok, "{printed}");
    assert!(printed.contains("created 0, carried before 1"), "{printed}");

    let again = at(&format!("beta.{extension}"));
    export(db.url(), "beta", &again);
    let first = same(&file);
    assert_eq!(same(&again), first);
    assert!(first.iter().map(Vec::len).sum::<usize>() > 3, "{first:?}");
    export(db.url(), "acme", &at("acme.jsonl"));
    export(db.url(), "beta", &at("beta.jsonl"));
    let (acme, beta) = (
        without_ids(&at("acme.jsonl")),
        without_ids(&at("beta.jsonl")),
    );
    assert_eq!(beta, acme);
    assert_eq!(
        acme[1]["companies"][0], "ООО \"Ромашка\", филиал",
        "{acme:?}"
    );
    assert_eq!(acme[1]["fields"]["10"], "десятое", "{acme:?}");

    let damaged = at(&format!("damaged.{extension}"));
    std::fs::write(&damaged, damaged_text).unwrap();
    let (ok, printed) = import(db.url(), &damaged, "beta", &at("fresh.jsonl"));
    assert!(!ok, "{printed}");
    assert!(
        printed.contains(&format!("damaged.{extension}{place}")),
        "{printed}"
    );
}

#[tokio::test]
async fn a_csv_export_imported_elsewhere_holds_what_it_held_once() {
    let damaged = "id,kind,name\n1,company,a\nx,person,b\n".to_owned();
    carries_everything("csv", csv_without_ids, (damaged, ":3 (row 2)")).await;
}

#[tokio::test]
async fn a_vcard_export_imported_elsewhere_holds_what_it_held_once() {
    let card = |body: &str| format!("BEGIN:VCARD\r\nVERSION:4.0\r\n{body}END:VCARD\r\n");
    let damaged = card("FN:a\r\n") + &card("FN:b\r\nTEL;PREF=x:1\r\n");
    carries_everything("vcf", vcard_without_ids, (damaged, ":5 (card 2)")).await;
}
