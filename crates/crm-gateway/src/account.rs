//! `crm-gateway account create`: a new account and its credentials for all
//! four dialects, printed once.

use std::collections::BTreeMap;

use crm_core::credential::{Credential, KeyKind, Secret, SecretName};
use crm_core::crm::IssuedAccount;
use serde_json::{Value, json};

use crate::Config;
use crate::service::with_crm;

/// Creates the account and prints its credentials, as text or one JSON object.
pub async fn create(config: &Config, name: &str, as_json: bool) -> anyhow::Result<()> {
    let issued = with_crm(config, async |crm| {
        Ok(crm.create_account(name, &credentials()).await?)
    })
    .await?;
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
    let keys = Issued {
        account: issued.account.name.as_str(),
        login: issued.admin.login.as_str(),
        password: Some(issued.password.expose()),
        keys: &issued.keys,
        secrets: &issued.secrets,
    };
    let mut out = json!({
        "account": keys.account,
        "account_id": issued.account.id.get(),
        "login": keys.login,
        "password": issued.password.expose(),
    });
    for dialect in DIALECTS {
        out[dialect] = member(dialect, &keys);
    }
    out
}

/// The dialects whose credentials an account holds, as `account create
/// --json` names its members.
pub const DIALECTS: [&str; 4] = ["eadesk", "rest", "salesman", "planfix"];

/// The credentials one dialect's clients send, as issued.
pub fn dialect_credentials(dialect: &str) -> Option<&'static [Credential]> {
    match dialect {
        "eadesk" => Some(crm_eadesk::auth::CREDENTIALS),
        "rest" => Some(crm_rest::auth::CREDENTIALS),
        "salesman" => Some(crm_salesman::auth::CREDENTIALS),
        "planfix" => Some(crm_planfix::CREDENTIALS),
        _ => None,
    }
}

/// What one member of the credentials object is made of.
#[derive(Debug)]
pub struct Issued<'a> {
    /// The account's name.
    pub account: &'a str,
    /// The login the dialect signs in as.
    pub login: &'a str,
    /// The login's password, when it was just made.
    pub password: Option<&'a str>,
    /// Keys, by kind.
    pub keys: &'a BTreeMap<KeyKind, Secret>,
    /// Secrets, by name.
    pub secrets: &'a BTreeMap<SecretName, Secret>,
}

/// One dialect's member of `account create --json`; a credential not in
/// `issued` is left out.
pub fn member(dialect: &str, issued: &Issued) -> Value {
    let key = |kind: KeyKind| issued.keys.get(&kind).map(Secret::expose);
    let mut member = match dialect {
        "eadesk" => json!({"token": key(crm_eadesk::auth::TOKEN)}),
        "rest" => json!({"access_token": key(crm_rest::auth::TOKEN)}),
        "salesman" => json!({"login": issued.login, "apikey": key(crm_salesman::auth::API_KEY)}),
        _ => json!({
            "account": issued.account,
            "api_key": key(crm_planfix::API_KEY),
            "private_key": issued.secrets.get(&crm_planfix::PRIVATE_KEY).map(Secret::expose),
            "login": issued.login,
            "password": issued.password,
            "token": key(crm_planfix::TOKEN),
        }),
    };
    if let Value::Object(fields) = &mut member {
        fields.retain(|_, value| !value.is_null());
    }
    member
}

/// The credentials as `key.sub: value` lines.
pub fn credentials_text(credentials: &Value) -> String {
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
