//! The operator's hold on an account's life: switching it off and on, new
//! credentials for one dialect, and its people. Other replicas refuse what
//! was taken away within `CrmConfig::credential_ttl`, as their caches expire.

use std::collections::BTreeMap;

use super::Crm;
use super::accounts::Issued;
use crate::credential::{Credential, KeyKind, Secret, SecretName};
use crate::model::{Account, NewUser, Timestamp, User, UserStatus};
use crate::{CoreError, CoreResult, storable};

/// Credentials issued in place of others, shown to the operator once.
#[derive(Debug, Default)]
pub struct Rotated {
    /// The new keys, by kind.
    pub keys: BTreeMap<KeyKind, Secret>,
    /// The new secrets, by name.
    pub secrets: BTreeMap<SecretName, Secret>,
}

/// A user the operator added, with the password made for them.
#[derive(Debug)]
pub struct AddedUser {
    /// The user.
    pub user: User,
    /// Their password, shown once.
    pub password: Secret,
}

impl Crm {
    /// Account `name`, enabled or not: the operator's lookup.
    pub async fn named_account(&self, name: &str) -> CoreResult<Account> {
        self.store
            .account_by_name(name)
            .await?
            .ok_or(CoreError::not_found("account"))
    }

    /// Refuses every credential of account `name` from now on (true), or
    /// accepts them again (false).
    pub async fn set_account_disabled(&self, name: &str, disabled: bool) -> CoreResult<Account> {
        let account = self.named_account(name).await?;
        let since = disabled.then(Timestamp::now);
        self.store.set_account_disabled(account.id, since).await?;
        Ok(Account {
            disabled_at: since,
            ..account
        })
    }

    /// New credentials of the kinds `credentials` names (one dialect's), in
    /// place of the ones account `name` had.
    pub async fn rotate_credentials(
        &self,
        name: &str,
        credentials: &[Credential],
    ) -> CoreResult<Rotated> {
        let account = self.named_account(name).await?;
        let issued = Issued::fresh(credentials)?;
        self.store
            .replace_credentials(
                account.id,
                &issued.new_keys,
                &issued.stored_secrets(),
                Timestamp::now(),
            )
            .await?;
        let rotated = Rotated {
            keys: issued.keys,
            secrets: issued.secrets,
        };
        for name in rotated.secrets.keys() {
            self.cache.secrets.forget(&(account.id, *name));
        }
        Ok(rotated)
    }

    /// Adds a user with a fresh password to account `name`.
    pub async fn add_user(&self, name: &str, user: &NewUser) -> CoreResult<AddedUser> {
        let account = self.named_account(name).await?;
        if storable::holds_nul(&user.login) || user.login.trim().is_empty() {
            return Err(CoreError::invalid("login", "give a login without NUL"));
        }
        let password = Secret::generate()?;
        let hash = self.hasher.hash(password.expose()).await?;
        let user = self
            .store
            .create_user(account.id, user, Some(&hash), Timestamp::now())
            .await?;
        self.directory.users.forget(&account.id);
        Ok(AddedUser { user, password })
    }

    /// Every user of account `name`, by id.
    pub async fn account_users(&self, name: &str) -> CoreResult<Vec<User>> {
        let account = self.named_account(name).await?;
        self.store.users(account.id).await
    }

    /// Lets the user with `login` of account `name` sign in, or not.
    pub async fn set_user_status(
        &self,
        name: &str,
        login: &str,
        status: UserStatus,
    ) -> CoreResult<()> {
        let account = self.named_account(name).await?;
        if !self
            .store
            .set_user_status(account.id, login, status)
            .await?
        {
            return Err(CoreError::not_found("user"));
        }
        self.directory.users.forget(&account.id);
        Ok(())
    }
}
