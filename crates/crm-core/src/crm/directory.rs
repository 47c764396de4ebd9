use std::collections::HashSet;
use std::sync::Arc;

use super::Crm;
use crate::model::{
    CatalogueEntry, CatalogueKind, CustomField, NewUser, Principal, Timestamp, User, UserId,
};
use crate::search::SearchPattern;
use crate::{CoreError, CoreResult, storable};

impl Crm {
    /// Creates an employee of the caller's account, with a password when given.
    pub async fn create_user(
        &self,
        who: Principal,
        user: &NewUser,
        password: Option<&str>,
    ) -> CoreResult<User> {
        if storable::holds_nul(&user.login) {
            return Err(CoreError::invalid("login", "contains a NUL character"));
        }
        let hash = match password {
            Some(p) => Some(self.hasher.hash(p).await?),
            None => None,
        };
        let created = self
            .store
            .create_user(who.account, user, hash.as_deref(), Timestamp::now())
            .await;
        self.directory.users.forget(&who.account);
        created
    }

    /// One employee of the caller's account, from the cached directory
    /// (one made through another replica since is read from the store).
    pub async fn user(&self, who: Principal, id: UserId) -> CoreResult<User> {
        if let Some(user) = self.users(who).await?.iter().find(|u| u.id == id) {
            return Ok(user.clone());
        }
        self.store
            .user(who.account, id)
            .await?
            .ok_or(CoreError::not_found("user"))
    }

    /// An employee by login.
    pub async fn user_by_login(&self, who: Principal, login: &str) -> CoreResult<User> {
        if storable::holds_nul(login) {
            return Err(CoreError::not_found("user"));
        }
        self.store
            .user_by_login(who.account, login)
            .await?
            .ok_or(CoreError::not_found("user"))
    }

    /// Every employee of the caller's account, shared with the cache.
    pub async fn users(&self, who: Principal) -> CoreResult<Arc<Vec<User>>> {
        self.directory
            .users
            .get_or_load(who.account, || async {
                Ok(Arc::new(self.store.users(who.account).await?))
            })
            .await
    }

    /// The user and everyone who reports to them, directly or not (SalesMan
    /// `list` without `user`: the caller and their subordinates).
    pub async fn team(&self, who: Principal, head: UserId) -> CoreResult<Vec<UserId>> {
        let users = self.users(who).await?;
        let mut team = vec![head];
        let mut seen: HashSet<UserId> = team.iter().copied().collect();
        let mut i = 0;
        while let Some(&boss) = team.get(i) {
            for u in users.iter().filter(|u| u.manager == Some(boss)) {
                if seen.insert(u.id) {
                    team.push(u.id);
                }
            }
            i += 1;
        }
        Ok(team)
    }

    /// Every entry of a catalogue.
    pub async fn catalogue(
        &self,
        who: Principal,
        kind: CatalogueKind,
    ) -> CoreResult<Vec<CatalogueEntry>> {
        self.store.catalogue(who.account, kind).await
    }

    /// The custom-field registry, shared with the cache.
    pub async fn fields(&self, who: Principal) -> CoreResult<Arc<Vec<CustomField>>> {
        self.directory
            .fields
            .get_or_load(who.account, || async {
                Ok(Arc::new(self.store.fields(who.account).await?))
            })
            .await
    }

    /// Compiles a caller's regular expression under the configured limits.
    pub fn search_pattern(&self, pattern: &str) -> CoreResult<SearchPattern> {
        SearchPattern::new(pattern, &self.config.search)
    }
}
