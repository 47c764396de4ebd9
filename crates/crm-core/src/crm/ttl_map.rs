//! A map whose entries expire: the building block of the caches that spare
//! a request its database round trips.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::CoreResult;

/// Entries one map holds at most; past it, expired entries go, and if none
/// has expired the map starts again empty (a flood of distinct valid keys
/// costs lookups, never memory).
const MOST_ENTRIES: usize = 10_000;

/// A map whose entries are forgotten `ttl` after they were put.
#[derive(Debug)]
pub(crate) struct TtlMap<K, V> {
    ttl: Duration,
    most: usize,
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash, V: Clone> TtlMap<K, V> {
    pub(crate) fn new(ttl: Duration) -> Self {
        Self::bounded(ttl, MOST_ENTRIES)
    }

    /// A map of `most` entries at most, for values too large for the
    /// default bound.
    pub(crate) fn bounded(ttl: Duration, most: usize) -> Self {
        Self {
            ttl,
            most,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the map forgets whatever is put at once.
    pub(crate) fn keeps_nothing(&self) -> bool {
        self.ttl.is_zero()
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

    /// The value put whenever, while the map still holds it, and whether it
    /// was put less than `ttl` ago.
    pub(crate) fn get_aged(&self, key: &K) -> Option<(V, bool)> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .map(|(at, value)| (value.clone(), at.elapsed() < self.ttl))
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

    /// Forgets `key` at once: this replica changed what it stood for.
    pub(crate) fn forget(&self, key: &K) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.remove(key);
    }

    pub(crate) fn put(&self, key: K, value: V) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.most {
            entries.retain(|_, (at, _)| at.elapsed() < self.ttl);
            if entries.len() >= self.most {
                entries.clear();
            }
        }
        entries.insert(key, (Instant::now(), value));
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
    fn an_aged_entry_is_told_apart() {
        let map = TtlMap::new(Duration::from_millis(30));
        map.put("key", 1);
        assert_eq!(map.get_aged(&"key"), Some((1, true)));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(map.get_aged(&"key"), Some((1, false)));
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
