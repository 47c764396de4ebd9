//! `crm-gateway account create`: a new account and its credentials for all
//! four dialects, printed once.

use std::sync::Arc;

use crm_core::Crm;
use crm_core::crm::IssuedAccount;
use crm_store::SqlStore;
use serde_json::{Value, json};

use crate::Config;

/// Creates the account and prints its credentials, as text or one JSON object.
pub async fn create(config: &Config, name: &str, as_json: bool) -> anyhow::Result<()> {
    let store = SqlStore::connect(&config.db()).await?;
    let crm = Crm::new(Arc::new(store), config.crm())?;
    let issued = crm.create_account(name).await;
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
        "eadesk": {"token": issued.eadesk_token.expose()},
        "rest": {"access_token": issued.rest_token.expose()},
        "salesman": {"login": login, "apikey": issued.salesman_apikey.expose()},
        "planfix": {
            "account": account,
            "api_key": issued.planfix_api_key.expose(),
            "private_key": issued.planfix_private_key.expose(),
            "login": login,
            "password": password,
            "token": issued.planfix_token.expose(),
        },
    })
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
