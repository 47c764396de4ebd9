//! Answers of credential lookups, trusted for a short, stated time so that a
//! request authenticates without a database round trip. Each replica keeps
//! its own; nothing is shared, so the bound on staleness is the lifetime:
//! a key revoked or a user disabled in the database is refused by every
//! replica at most `CrmConfig::credential_ttl` later.

use std::time::Duration;

use super::ttl_map::TtlMap;
use crate::credential::{KeyKind, SecretName};
use crate::model::{Account, AccountId, Principal, User};

/// How often a Planfix session's `last_used_at` is written at most: its idle
/// hour may then end up to this much early.
pub(crate) const SESSION_TOUCH: Duration = Duration::from_secs(60);

/// The lookups one request may otherwise make before it reaches its data.
/// Keys are digests of the credentials, never the credentials.
#[derive(Debug)]
pub(crate) struct AuthCache {
    pub(crate) tokens: TtlMap<(KeyKind, String), Principal>,
    pub(crate) keys: TtlMap<(KeyKind, String), AccountId>,
    pub(crate) logins: TtlMap<(AccountId, String), (Principal, User)>,
    pub(crate) accounts: TtlMap<String, Account>,
    pub(crate) secrets: TtlMap<(AccountId, SecretName), String>,
    pub(crate) sessions: TtlMap<(AccountId, String), Principal>,
    /// Sessions whose `last_used_at` this replica wrote less than
    /// [`SESSION_TOUCH`] ago.
    pub(crate) touched: TtlMap<(AccountId, String), ()>,
}

impl AuthCache {
    pub(crate) fn new(ttl: Duration) -> Self {
        Self {
            tokens: TtlMap::new(ttl),
            keys: TtlMap::new(ttl),
            logins: TtlMap::new(ttl),
            accounts: TtlMap::new(ttl),
            secrets: TtlMap::new(ttl),
            sessions: TtlMap::new(ttl),
            touched: TtlMap::new(SESSION_TOUCH),
        }
    }
}
