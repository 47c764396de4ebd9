//! Totals of client lists, so that paging through a list does not count the
//! account again for every page. A total is trusted while this replica has
//! written none of the account's clients since it was counted, and for at
//! most `CrmConfig::credential_ttl`: a write through another replica shows
//! in the totals that much later at most; its rows show at once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use super::ttl_map::TtlMap;
use crate::CoreResult;
use crate::model::AccountId;
use crate::query::{ClientFilter, Visibility};

/// What a total depends on: the page and the order do not change it.
pub(crate) type CountKey = (AccountId, Visibility, Vec<ClientFilter>);

/// Accounts whose last write generation this replica remembers at most;
/// past it, every account starts afresh at a generation no total has.
const MOST_ACCOUNTS: usize = 10_000;

#[derive(Debug)]
pub(crate) struct CountCache {
    totals: TtlMap<CountKey, (u64, u64)>,
    generations: Mutex<Generations>,
}

/// A clock that ticks on every client write of this replica, and the tick of
/// each account's last write.
#[derive(Debug, Default)]
struct Generations {
    clock: u64,
    /// The generation of an account not in `written`.
    floor: u64,
    written: HashMap<AccountId, u64>,
}

impl CountCache {
    pub(crate) fn new(ttl: Duration) -> Self {
        Self {
            totals: TtlMap::new(ttl),
            generations: Mutex::new(Generations::default()),
        }
    }

    /// The account's clients changed through this replica.
    pub(crate) fn written(&self, account: AccountId) {
        let mut g = self.lock();
        g.clock += 1;
        if g.written.len() >= MOST_ACCOUNTS && !g.written.contains_key(&account) {
            g.written.clear();
            g.floor = g.clock;
            g.clock += 1;
        }
        let tick = g.clock;
        g.written.insert(account, tick);
    }

    /// The cached total, or `count`'s, which is then kept. The generation is
    /// read before counting, so a write that lands meanwhile outdates it.
    pub(crate) async fn total<Fut>(
        &self,
        key: CountKey,
        count: impl FnOnce() -> Fut,
    ) -> CoreResult<u64>
    where
        Fut: Future<Output = CoreResult<u64>>,
    {
        let generation = self.generation(key.0);
        if let Some((counted_at, total)) = self.totals.get(&key)
            && counted_at == generation
        {
            return Ok(total);
        }
        let total = count().await?;
        self.totals.put(key, (generation, total));
        Ok(total)
    }

    fn generation(&self, account: AccountId) -> u64 {
        let g = self.lock();
        g.written.get(&account).copied().unwrap_or(g.floor)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Generations> {
        self.generations.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(account: i64) -> CountKey {
        (AccountId(account), Visibility::LiveOnly, Vec::new())
    }

    async fn total(cache: &CountCache, account: i64, fresh: u64) -> u64 {
        cache
            .total(key(account), || async move { Ok(fresh) })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_total_is_kept_until_its_account_is_written() {
        let cache = CountCache::new(Duration::from_secs(60));
        assert_eq!(total(&cache, 1, 10).await, 10);
        assert_eq!(total(&cache, 1, 11).await, 10);
        cache.written(AccountId(2));
        assert_eq!(total(&cache, 1, 12).await, 10);
        cache.written(AccountId(1));
        assert_eq!(total(&cache, 1, 13).await, 13);
    }

    #[tokio::test]
    async fn forgetting_accounts_outdates_every_total() {
        let cache = CountCache::new(Duration::from_secs(60));
        cache.written(AccountId(1));
        assert_eq!(total(&cache, 1, 10).await, 10);
        assert_eq!(total(&cache, 2, 20).await, 20);
        for account in 3..(MOST_ACCOUNTS as i64 + 4) {
            cache.written(AccountId(account));
        }
        assert_eq!(total(&cache, 1, 11).await, 11);
        assert_eq!(total(&cache, 2, 21).await, 21);
    }
}
