//! Migration runs for the end-to-end tests: the command, and the accounts
//! a migration moves between.

use crm_testkit::TestDb;

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
