//! `crm-gateway account create`: a new account and its credentials for all
//! four dialects, printed once.

use std::sync::Arc;

use crm_core::Crm;
use crm_core::credential::{Credential, KeyKind, Secret};
use crm_core::crm::IssuedAccount;
use crm_store::SqlStore;
use serde_json::{Value, json};

use crate::Config;

/// Creates the account and prints its credentials, as text or one JSON object.
pub async fn create(config: &Config, name: &str, as_json: bool) -> anyhow::Result<()> {
    let store = SqlStore::connect(&config.db()).await?;
    let crm = Crm::new(Arc::new(store), config.crm())?;
    let issued = crm.create_account(name, &credentials()).await;
    crm.close().await;
    let issued = issued?;
    let credentials = credentials_json(&issued);
    if as_json {
        println!("{credentials}");
    } else {
        print!("{}", credentials_text(&credentials));
    }
    Ok(())
}

/// What a new account gets: the credentials of every dialect served.
pub fn credentials() -> Vec<Credential> {
    [
        crm_eadesk::auth::CREDENTIALS,
        crm_rest::auth::CREDENTIALS,
        crm_salesman::auth::CREDENTIALS,
        crm_planfix::CREDENTIALS,
    ]
    .concat()
}

/// The shape of DESIGN.md "Operator interface".
pub fn credentials_json(issued: &IssuedAccount) -> Value {
    let account = issued.account.name.as_str();
    let login = issued.admin.login.as_str();
    let password = issued.password.expose();
    json!({
        "account": account,
        "account_id": issued.account.id.get(),
        "login": login,
        "password": password,
        "eadesk": {"token": key(issued, crm_eadesk::auth::TOKEN)},
        "rest": {"access_token": key(issued, crm_rest::auth::TOKEN)},
        "salesman": {"login": login, "apikey": key(issued, crm_salesman::auth::API_KEY)},
        "planfix": {
            "account": account,
            "api_key": key(issued, crm_planfix::API_KEY),
            "private_key": issued.secret(crm_planfix::PRIVATE_KEY).map_or("", Secret::expose),
            "login": login,
            "password": password,
            "token": key(issued, crm_planfix::TOKEN),
        },
    })
}

/// An issued key; every account this command makes has each of them.
fn key(issued: &IssuedAccount, kind: KeyKind) -> &str {
    issued.key(kind).map_or("", Secret::expose)
}

fn credentials_text(credentials: &Value) -> String {
    let mut out = String::new();
    flatten("", credentials, &mut out);
    out
}

fn flatten(prefix: &str, value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let name = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&name, inner, out);
            }
        }
        Value::String(s) => out.push_str(&format!("{prefix}: {s}\n")),
        other => out.push_str(&format!("{prefix}: {other}\n")),
    }
}
