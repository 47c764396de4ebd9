//! Answers of credential lookups, trusted for a short, stated time so that a
//! request authenticates without a database round trip. Each replica keeps
//! its own; nothing is shared, so the bound on staleness is the lifetime:
//! a key revoked or a user disabled in the database is refused by every
//! replica at most `CrmConfig::credential_ttl` later.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::CoreResult;
use crate::credential::KeyKind;
use crate::model::{Account, AccountId, Principal, User};

/// Entries one map holds at most; past it, expired entries go, and if none
/// has expired the map starts again empty (a flood of distinct valid keys
/// costs lookups, never memory).
const MOST_ENTRIES: usize = 10_000;

/// A map whose entries are forgotten `ttl` after they were put.
#[derive(Debug)]
pub(crate) struct TtlMap<K, V> {
    ttl: Duration,
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash, V: Clone> TtlMap<K, V> {
    pub(crate) fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The value put less than `ttl` ago.
    pub(crate) fn get(&self, key: &K) -> Option<V> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, value)| value.clone())
    }

    /// The value put less than `ttl` ago, or `load`'s, which is then put.
    /// A failed load is not kept: a refused credential is asked again.
    pub(crate) async fn get_or_load<Fut>(&self, key: K, load: impl FnOnce() -> Fut) -> CoreResult<V>
    where
        Fut: Future<Output = CoreResult<V>>,
    {
        if let Some(value) = self.get(&key) {
            return Ok(value);
        }
        let value = load().await?;
        self.put(key, value.clone());
        Ok(value)
    }

    pub(crate) fn put(&self, key: K, value: V) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MOST_ENTRIES {
            entries.retain(|_, (at, _)| at.elapsed() < self.ttl);
            if entries.len() >= MOST_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, (Instant::now(), value));
    }
}

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
    pub(crate) private_keys: TtlMap<AccountId, String>,
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
            private_keys: TtlMap::new(ttl),
            sessions: TtlMap::new(ttl),
            touched: TtlMap::new(SESSION_TOUCH),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_forgotten_after_its_lifetime() {
        let map = TtlMap::new(Duration::from_millis(30));
        map.put("key", 1);
        assert_eq!(map.get(&"key"), Some(1));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(map.get(&"key"), None);
    }

    #[test]
    fn a_zero_lifetime_keeps_nothing() {
        let map = TtlMap::new(Duration::ZERO);
        map.put("key", 1);
        assert_eq!(map.get(&"key"), None);
    }

    #[test]
    fn a_full_map_starts_again_instead_of_growing() {
        let map = TtlMap::new(Duration::from_secs(60));
        for n in 0..MOST_ENTRIES + 5 {
            map.put(n, n);
        }
        let len = map.entries.lock().map(|e| e.len()).unwrap_or(0);
        assert!(len <= MOST_ENTRIES, "{len}");
        assert_eq!(map.get(&(MOST_ENTRIES + 4)), Some(MOST_ENTRIES + 4));
    }
}
