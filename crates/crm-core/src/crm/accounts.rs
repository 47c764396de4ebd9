use std::collections::BTreeMap;

use super::Crm;
use crate::CoreResult;
use crate::credential::{Credential, KeyKind, Secret, SecretName};
use crate::model::{
    Account, AccountId, AccountName, CustomField, NewAccount, NewUser, Role, Timestamp,
    UpstreamBinding, User,
};
use crate::store::{AccountSeed, NewKey};

/// A new account and the secrets issued for it, shown to the operator once.
#[derive(Debug)]
pub struct IssuedAccount {
    /// The account.
    pub account: Account,
    /// Its administrator.
    pub admin: User,
    /// The administrator's password (the logins of some dialects use it).
    pub password: Secret,
    /// The keys issued, by kind.
    pub keys: BTreeMap<KeyKind, Secret>,
    /// The secrets the account keeps, by name.
    pub secrets: BTreeMap<SecretName, Secret>,
}

impl IssuedAccount {
    /// The key of `kind`, when one was issued.
    pub fn key(&self, kind: KeyKind) -> Option<&Secret> {
        self.keys.get(&kind)
    }

    /// The secret named `name`, when the account has one.
    pub fn secret(&self, name: SecretName) -> Option<&Secret> {
        self.secrets.get(&name)
    }
}

/// Fresh secrets for credentials, and the digests of the keys to store.
pub(super) struct Issued {
    pub(super) keys: BTreeMap<KeyKind, Secret>,
    pub(super) secrets: BTreeMap<SecretName, Secret>,
    pub(super) new_keys: Vec<NewKey>,
}

impl Issued {
    pub(super) fn fresh(credentials: &[Credential]) -> CoreResult<Self> {
        let mut issued = Self {
            keys: BTreeMap::new(),
            secrets: BTreeMap::new(),
            new_keys: Vec::new(),
        };
        for credential in credentials {
            let secret = Secret::generate()?;
            match *credential {
                Credential::Key { kind, names_user } => {
                    issued.new_keys.push(NewKey {
                        kind,
                        digest: secret.digest(),
                        names_user,
                    });
                    issued.keys.insert(kind, secret);
                }
                Credential::Secret(name) => {
                    issued.secrets.insert(name, secret);
                }
            }
        }
        Ok(issued)
    }

    /// The secrets as the store keeps them.
    pub(super) fn stored_secrets(&self) -> Vec<(SecretName, String)> {
        self.secrets
            .iter()
            .map(|(name, secret)| (*name, secret.expose().to_owned()))
            .collect()
    }
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

impl Crm {
    /// Creates an account with an administrator `admin@<name>`, and fresh
    /// credentials of every kind `credentials` names (the dialects served
    /// ask for theirs).
    pub async fn create_account(
        &self,
        name: &str,
        credentials: &[Credential],
    ) -> CoreResult<IssuedAccount> {
        let name = AccountName::parse(name)?;
        let password = Secret::generate()?;
        let issued = Issued::fresh(credentials)?;
        let seed = AccountSeed {
            admin: NewUser {
                login: format!("admin@{}", name.as_str()),
                first_name: "Admin".to_owned(),
                last_name: name.as_str().to_owned(),
                email: format!("admin@{}", name.as_str()),
                role: Role::Admin,
                manager: None,
            },
            account: NewAccount { name },
            admin_password_hash: self.hasher.hash(password.expose()).await?,
            secrets: issued.stored_secrets(),
            keys: issued.new_keys,
            fields: default_fields(),
        };
        let (account, admin) = self.store.create_account(&seed, Timestamp::now()).await?;
        Ok(IssuedAccount {
            account,
            admin,
            password,
            keys: issued.keys,
            secrets: issued.secrets,
        })
    }
}

impl Crm {
    /// Binds account `name` to an upstream CRM, replacing any binding it
    /// had. The caller has checked that the upstream signs these
    /// credentials in.
    pub async fn bind_upstream(
        &self,
        name: &str,
        binding: &UpstreamBinding,
    ) -> CoreResult<Account> {
        let account = self.named_account(name).await?;
        self.store
            .bind_upstream(account.id, binding, Timestamp::now())
            .await?;
        self.rerouted(account.id);
        Ok(account)
    }

    /// Removes account `name`'s binding; false when it had none.
    pub async fn unbind_upstream(&self, name: &str) -> CoreResult<bool> {
        let account = self.named_account(name).await?;
        let removed = self.store.unbind_upstream(account.id).await;
        self.rerouted(account.id);
        removed
    }

    /// Every account, by name: the operator's list.
    pub async fn accounts(&self) -> CoreResult<Vec<Account>> {
        self.store.accounts().await
    }

    /// The account's binding, when its client data lives upstream.
    pub async fn upstream_binding(
        &self,
        account: AccountId,
    ) -> CoreResult<Option<UpstreamBinding>> {
        self.store.upstream_binding(account).await
    }
}
