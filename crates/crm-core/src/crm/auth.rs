use super::Crm;
use crate::credential::{KeyKind, Secret, SecretName, digest};
use crate::model::{Account, AccountId, Principal, Timestamp, User, UserStatus};
use crate::{CoreError, CoreResult, storable};

impl Crm {
    /// A bearer token that names both account and user (Eadesk, REST, Planfix token).
    pub async fn authenticate_token(&self, kind: KeyKind, token: &str) -> CoreResult<Principal> {
        let key = (kind, digest(token));
        let digest = key.1.clone();
        let principal = self
            .cache
            .tokens
            .get_or_load(key, || async move {
                let owner = self
                    .store
                    .key_owner(kind, &digest)
                    .await?
                    .ok_or(CoreError::Unauthenticated("unknown token"))?;
                let user = owner
                    .user
                    .ok_or(CoreError::Unauthenticated("key names no user"))?;
                self.active_principal(owner.account, user).await
            })
            .await?;
        signed_in(principal.account);
        self.spend_quota(principal.account)?;
        Ok(principal)
    }

    /// A key that names only an account (SalesMan `apikey`, Planfix API key).
    pub async fn account_by_key(&self, kind: KeyKind, key: &str) -> CoreResult<AccountId> {
        let key = (kind, digest(key));
        let digest = key.1.clone();
        let account = self
            .cache
            .keys
            .get_or_load(key, || async move {
                self.store
                    .key_owner(kind, &digest)
                    .await?
                    .map(|owner| owner.account)
                    .ok_or(CoreError::Unauthenticated("unknown key"))
            })
            .await?;
        signed_in(account);
        self.spend_quota(account)?;
        Ok(account)
    }

    /// An account in use by name (Planfix `<account>`); a disabled one is
    /// not found. The request acts for the account it names from then on.
    pub async fn account_by_name(&self, name: &str) -> CoreResult<Option<Account>> {
        if storable::holds_nul(name) {
            return Ok(None);
        }
        let account = match self.cache.accounts.get(&name.to_owned()) {
            Some(account) => Some(account),
            None => self.load_account_by_name(name).await?,
        };
        if let Some(account) = &account {
            crate::scope::enter(account.id);
        }
        Ok(account)
    }

    async fn load_account_by_name(&self, name: &str) -> CoreResult<Option<Account>> {
        let account = self.store.account_by_name(name).await?;
        let account = account.filter(|a| a.disabled_at.is_none());
        if let Some(account) = &account {
            self.cache.accounts.put(name.to_owned(), account.clone());
        }
        Ok(account)
    }

    /// One of the account's secrets (a dialect's private key).
    pub async fn account_secret(&self, account: AccountId, name: SecretName) -> CoreResult<String> {
        self.cache
            .secrets
            .get_or_load((account, name), || async move {
                self.store
                    .account_secret(account, name)
                    .await?
                    .ok_or(CoreError::not_found("account secret"))
            })
            .await
    }

    /// The active user with this login (SalesMan `login`), as the acting
    /// principal and the user's record.
    pub async fn principal_by_login(
        &self,
        account: AccountId,
        login: &str,
    ) -> CoreResult<(Principal, User)> {
        if storable::holds_nul(login) {
            return Err(CoreError::Unauthenticated("unknown user"));
        }
        let key = (account, login.to_owned());
        self.cache
            .logins
            .get_or_load(key, || async move {
                let user = self
                    .store
                    .user_by_login(account, login)
                    .await?
                    .filter(|u| u.status == UserStatus::Active)
                    .ok_or(CoreError::Unauthenticated("unknown user"))?;
                let principal = Principal {
                    account,
                    user: user.id,
                };
                Ok((principal, user))
            })
            .await
    }

    /// Checks a login and password (Planfix `auth.login`) and opens a session.
    /// This is the only call that pays for a password hash.
    pub async fn open_session(
        &self,
        account: AccountId,
        login: &str,
        password: &str,
    ) -> CoreResult<Secret> {
        let refused = CoreError::Unauthenticated("wrong login or password");
        let tried = (account, login.to_owned());
        if let Some(wait) = self.rates.logins.as_ref().and_then(|l| l.held_for(&tried)) {
            return Err(CoreError::Unavailable(format!(
                "too many wrong passwords for this login; try again in {} s",
                wait.as_secs().max(1)
            )));
        }
        let Some((user, stored)) = self.password_of(account, login).await? else {
            self.hasher.verify_decoy(password).await?;
            self.login_refused(tried);
            return Err(refused);
        };
        if !self.hasher.verify(password, &stored).await? {
            self.login_refused(tried);
            return Err(refused);
        }
        let sid = Secret::generate()?;
        let now = Timestamp::now();
        self.store
            .create_session(account, user.id, &sid.digest(), now, self.idle_since(now))
            .await?;
        Ok(sid)
    }

    /// The session's principal; use extends its life, recorded at most once
    /// a minute per replica (`auth_cache::SESSION_TOUCH`).
    pub async fn resume_session(&self, account: AccountId, sid: &str) -> CoreResult<Principal> {
        let key = (account, digest(sid));
        if let Some(principal) = self.cache.sessions.get(&key) {
            return Ok(principal);
        }
        let now = Timestamp::now();
        let idle_since = self.idle_since(now);
        let user = if self.cache.touched.get(&key).is_some() {
            self.store.session_user(account, &key.1, idle_since).await?
        } else {
            let user = self
                .store
                .resume_session(account, &key.1, idle_since, now)
                .await?;
            if user.is_some() {
                self.cache.touched.put(key.clone(), ());
            }
            user
        };
        let user = user.ok_or(CoreError::Unauthenticated("unknown or expired session"))?;
        let principal = self.active_principal(account, user).await?;
        self.cache.sessions.put(key, principal);
        Ok(principal)
    }

    fn login_refused(&self, tried: (AccountId, String)) {
        if let Some(logins) = &self.rates.logins {
            logins.refused(tried);
        }
    }

    /// Takes one request of the account's quota, when it has one; a spent
    /// quota is answered as each dialect's "try later".
    fn spend_quota(&self, account: AccountId) -> CoreResult<()> {
        let Some(quota) = &self.rates.quota else {
            return Ok(());
        };
        quota.spend(&account).map_err(|wait| {
            CoreError::Unavailable(format!(
                "the account's request quota is spent; try again in {} ms",
                wait.as_millis().max(1)
            ))
        })
    }

    /// The active user with this login and their password hash, if both exist.
    async fn password_of(
        &self,
        account: AccountId,
        login: &str,
    ) -> CoreResult<Option<(crate::model::User, String)>> {
        if storable::holds_nul(login) {
            return Ok(None);
        }
        let user = self.store.user_by_login(account, login).await?;
        let Some(user) = user.filter(|u| u.status == UserStatus::Active) else {
            return Ok(None);
        };
        let stored = self.store.password_hash(account, user.id).await?;
        Ok(stored.map(|hash| (user, hash)))
    }

    /// The instant before which an unused session has expired.
    fn idle_since(&self, now: Timestamp) -> Timestamp {
        let idle = i64::try_from(self.config.session_idle.as_millis()).unwrap_or(i64::MAX);
        now.plus_millis(-idle)
    }

    async fn active_principal(
        &self,
        account: AccountId,
        user: crate::model::UserId,
    ) -> CoreResult<Principal> {
        match self.store.user(account, user).await? {
            Some(u) if u.status == UserStatus::Active => Ok(Principal { account, user }),
            _ => Err(CoreError::Unauthenticated("user is not active")),
        }
    }
}

/// Names the caller's account on the request's span (its `account` field),
/// so every log line of the request carries it, and on the request's scope,
/// so every connection the request takes names it to the database.
fn signed_in(account: AccountId) {
    tracing::Span::current().record("account", account.get());
    crate::scope::enter(account);
}
