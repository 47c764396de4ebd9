use super::Crm;
use crate::CoreResult;
use crate::credential::{KeyKind, Secret};
use crate::model::{Account, AccountName, CustomField, NewAccount, NewUser, Role, Timestamp, User};
use crate::store::{AccountSeed, NewKey};

/// A new account and the secrets issued for it, shown to the operator once.
#[derive(Debug)]
pub struct IssuedAccount {
    /// The account.
    pub account: Account,
    /// Its administrator.
    pub admin: User,
    /// The administrator's password (SalesMan and Planfix logins use it).
    pub password: Secret,
    /// Eadesk `?token=`.
    pub eadesk_token: Secret,
    /// REST `access-token`.
    pub rest_token: Secret,
    /// SalesMan `apikey`.
    pub salesman_apikey: Secret,
    /// Planfix API key.
    pub planfix_api_key: Secret,
    /// Planfix private key for signatures.
    pub planfix_private_key: Secret,
    /// Planfix token: the HTTP Basic password that stands in for a session.
    pub planfix_token: Secret,
}

// reference/salesman.md §5: SalesMan exposes input1..input10; DECISIONS.md makes
// them the same fields as Planfix customData ids 1..10.
fn default_fields() -> Vec<CustomField> {
    (1..=10)
        .map(|number| CustomField {
            number,
            title: if number == 1 {
                "Дата рождения".to_owned()
            } else {
                "доп.поле".to_owned()
            },
        })
        .collect()
}

fn key(kind: KeyKind, secret: &Secret, names_user: bool) -> NewKey {
    NewKey {
        kind,
        digest: secret.digest(),
        names_user,
    }
}

impl Crm {
    /// Creates an account with an administrator `admin@<name>` and fresh
    /// credentials for all four dialects.
    pub async fn create_account(&self, name: &str) -> CoreResult<IssuedAccount> {
        let name = AccountName::parse(name)?;
        let password = Secret::generate()?;
        let eadesk_token = Secret::generate()?;
        let rest_token = Secret::generate()?;
        let salesman_apikey = Secret::generate()?;
        let planfix_api_key = Secret::generate()?;
        let planfix_private_key = Secret::generate()?;
        let planfix_token = Secret::generate()?;
        let seed = AccountSeed {
            admin: NewUser {
                login: format!("admin@{}", name.as_str()),
                first_name: "Admin".to_owned(),
                last_name: name.as_str().to_owned(),
                email: format!("admin@{}", name.as_str()),
                role: Role::Admin,
                manager: None,
            },
            account: NewAccount {
                name,
                planfix_private_key: planfix_private_key.expose().to_owned(),
            },
            admin_password_hash: self.hasher.hash(password.expose()).await?,
            keys: vec![
                key(KeyKind::EadeskToken, &eadesk_token, true),
                key(KeyKind::RestToken, &rest_token, true),
                key(KeyKind::SalesmanApiKey, &salesman_apikey, false),
                key(KeyKind::PlanfixApiKey, &planfix_api_key, false),
                key(KeyKind::PlanfixToken, &planfix_token, true),
            ],
            fields: default_fields(),
        };
        let (account, admin) = self.store.create_account(&seed, Timestamp::now()).await?;
        Ok(IssuedAccount {
            account,
            admin,
            password,
            eadesk_token,
            rest_token,
            salesman_apikey,
            planfix_api_key,
            planfix_private_key,
            planfix_token,
        })
    }
}
