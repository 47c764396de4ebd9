//! Migration runs for the end-to-end tests: the command, and the accounts
//! a migration moves between.

use std::io::Write;

use crm_testkit::TestDb;
use serde_json::json;

use crate::dialect::Session;
use crate::{Gateway, create_account};

/// Runs `crm-gateway migrate ARGS --quiet` over `database_url`: whether it
/// succeeded, and what it printed.
pub fn migrate(database_url: &str, args: &[&str]) -> (bool, String) {
    let mut all = vec!["migrate", "--quiet"];
    all.extend_from_slice(args);
    crate::operator::run(database_url, &all)
}

/// Every client the REST CRM `session` lists, by name, with its phone and e-mail.
pub async fn listed(session: &Session) -> Vec<(String, String, String)> {
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
#[derive(Debug)]
pub struct RestPair {
    /// The source database.
    pub source_db: TestDb,
    _dbs: TestDb,
    _gateways: (Gateway, Gateway),
    /// The source account, signed in.
    pub writer: Session,
    /// The destination account, signed in.
    pub reader: Session,
    /// The destination endpoint.
    pub to: String,
    /// A file of the destination's REST credentials.
    pub credentials: String,
}

pub async fn rest_pair(dir: &std::path::Path) -> RestPair {
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

/// One database with accounts `acme` and `beta`, a gateway over it, and
/// `acme` signed in; `beta`'s credentials.
pub async fn two_accounts() -> (TestDb, Gateway, Session, serde_json::Value) {
    let db = TestDb::new().await;
    let acme = create_account(db.url(), "acme");
    let beta = create_account(db.url(), "beta");
    let gateway = Gateway::start(db.url());
    let from = Session::open(&gateway.url(""), acme).await;
    (db, gateway, from, beta)
}

/// An `import` file of `clients` clients: `companies` companies, then
/// persons linked to two of them each, every field of docs/mapping.md
/// filled (SalesMan refuses a comma in a value; none holds one).
pub fn write_base(path: &std::path::Path, companies: i64, clients: i64) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for n in 1..=clients {
        let record = if n <= companies {
            json!({
                "id": n, "kind": "company", "name": format!("Компания Номер {n}"),
                "contacts": [
                    {"kind": "phone", "service": "phone", "label": "work", "value": format!("+7 495 {n:07}")},
                    {"kind": "mail", "service": "mail", "value": format!("office{n}@example.com")},
                ],
                "description": format!("поставщик {n}"), "address": format!("Москва улица {n}"),
                "company_address": format!("юридический адрес {n}"),
                "bank_details": format!("БИК 04452{n:04}"),
            })
        } else {
            json!({
                "id": n, "kind": "person", "name": format!("Клиентов Пётр {n}"),
                "contacts": person_points(n),
                "description": format!("клиент {n}"), "address": format!("Тверь дом {n}"),
                "position": "менеджер", "role": "закупки",
                "person_details": format!("паспорт 45{n:08}"),
                "segments": ["vip", format!("s{}", n % 5)],
                "fields": {"1": format!("f1-{n}"), "2": format!("f2-{n}")},
                "companies": [n % companies + 1, (n + 7) % companies + 1],
            })
        };
        writeln!(file, "{record}").unwrap();
    }
    file.flush().unwrap();
}

/// Person `n`'s points: two phones and an e-mail, or (odd `n`) a phone and
/// two e-mails, so that every list a dialect keeps one value of is longer
/// than one somewhere, at three creates a person where a CRM adds points
/// one by one.
fn person_points(n: i64) -> serde_json::Value {
    let phone = |label: &str, value: String| json!({"kind": "phone", "service": "phone", "label": label, "value": value});
    let mail = |value: String| json!({"kind": "mail", "service": "mail", "value": value});
    if n % 2 == 0 {
        json!([
            phone("mobile", format!("+7 916 {n:07}")),
            phone("work", format!("+7 495 1{n:06}")),
            mail(format!("p{n}@example.com")),
        ])
    } else {
        json!([
            phone("mobile", format!("+7 916 {n:07}")),
            mail(format!("p{n}@example.com")),
            mail(format!("p{n}@work.example.com")),
        ])
    }
}

/// What a source account is seeded with.
#[derive(Debug, Clone, Copy)]
pub enum Base {
    /// `write_base`'s clients: every field of the mapping filled.
    Full {
        /// Companies among them.
        companies: i64,
        /// Clients in all.
        clients: i64,
    },
    /// Persons with a name and a phone each.
    Names {
        /// Persons in all.
        clients: i64,
    },
}

/// Persons with a name (`Клиентов Пётр N`) and a phone each, as an
/// `import` file.
fn write_names(path: &std::path::Path, clients: i64) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for n in 1..=clients {
        let record = json!({
            "id": n, "kind": "person", "name": format!("Клиентов Пётр {n}"),
            "contacts": [{"kind": "phone", "service": "phone", "value": format!("+7 916 {n:07}")}],
        });
        writeln!(file, "{record}").unwrap();
    }
    file.flush().unwrap();
}

/// Account `source` of `database_url` holding `base`, imported through
/// `crm-gateway import`, with its files in `dir`.
pub fn seed_source(database_url: &str, dir: &std::path::Path, base: Base) {
    let file = dir.join("base.jsonl");
    match base {
        Base::Full { companies, clients } => write_base(&file, companies, clients),
        Base::Names { clients } => write_names(&file, clients),
    }
    let (ok, printed) = crate::operator::run(
        database_url,
        &[
            "import",
            "--quiet",
            "--in",
            file.to_str().unwrap(),
            "--to",
            "local:source",
            "--state",
            dir.join("seeded.jsonl").to_str().unwrap(),
        ],
    );
    assert!(ok, "{printed}");
}
