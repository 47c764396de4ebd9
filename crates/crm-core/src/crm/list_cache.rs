//! What a client list costs to learn again for every page: its total, and
//! the anchors from which a deep page is sought instead of counted out.
//! Both are trusted while this replica has written none of the account's
//! clients since they were read. A write through another replica shows in
//! a total `CrmConfig::credential_ttl` later at most (plus the time of one
//! count: while one request counts again, the others take the old total),
//! and in the anchors
//! [`ANCHOR_LIFETIME`] later at most: until then a page sought from an
//! anchor stands where it stood when the anchor was read, shifted by the
//! clients that replica added or removed before it. Its rows show at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::gates::{Gates, Turn};
use super::ttl_map::TtlMap;
use crate::model::AccountId;
use crate::query::{Anchor, ClientFilter, ClientQuery, Direction, SortKey, Visibility};

/// What a total depends on: the page and the order do not change it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ListKey {
    account: AccountId,
    visibility: Visibility,
    filters: Vec<ClientFilter>,
    /// The regular expression and whether it reads deleted contact values.
    search: Option<(String, Visibility)>,
}

impl ListKey {
    pub(crate) fn of(account: AccountId, query: &ClientQuery) -> Self {
        Self {
            account,
            visibility: query.visibility,
            filters: query.filters.clone(),
            search: query
                .search
                .as_ref()
                .map(|p| (p.as_str().to_owned(), query.search_points)),
        }
    }
}

/// What anchors depend on: the list and its order.
pub(crate) type AnchorKey = (ListKey, Vec<(SortKey, Direction)>);

/// Accounts whose last write generation this replica remembers at most;
/// past it, every account starts afresh at a generation nothing has.
const MOST_ACCOUNTS: usize = 10_000;

/// Lists whose anchors are kept at once: a list's anchors take up to
/// [`MOST_ANCHORS`] sort values.
const MOST_ANCHORED_LISTS: usize = 64;

/// How long anchors are trusted, unless `credential_ttl` is longer or zero
/// (which keeps nothing). Reading them costs a walk of the whole list.
pub(crate) const ANCHOR_LIFETIME: Duration = Duration::from_secs(30);

/// Anchors of one list at most: a longer list spaces them further apart.
pub(crate) const MOST_ANCHORS: u64 = 1024;

/// Clients between two anchors at least: a page closer to the start than
/// this is counted out, which costs no more than seeking it.
pub(crate) const LEAST_SPACING: u64 = 512;

/// How far apart the anchors of a list of `total` clients stand.
pub(crate) fn anchor_spacing(total: u64) -> u64 {
    total.div_ceil(MOST_ANCHORS).max(LEAST_SPACING)
}

/// The account's write generation when a read began: what the read learnt
/// is kept with it, and trusted while the account is still at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Generation(u64);

#[derive(Debug)]
pub(crate) struct ListCache {
    totals: TtlMap<ListKey, (Generation, u64)>,
    anchors: TtlMap<AnchorKey, (Generation, Arc<Vec<Anchor>>)>,
    counting: Gates<ListKey>,
    walking: Gates<AnchorKey>,
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

impl ListCache {
    pub(crate) fn new(ttl: Duration) -> Self {
        Self {
            totals: TtlMap::new(ttl),
            anchors: TtlMap::bounded(anchor_lifetime(ttl), MOST_ANCHORED_LISTS),
            counting: Gates::new(),
            walking: Gates::new(),
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

    /// Read before the database is, so that a write landing meanwhile
    /// outdates what the read learns.
    pub(crate) fn generation(&self, account: AccountId) -> Generation {
        let g = self.lock();
        Generation(g.written.get(&account).copied().unwrap_or(g.floor))
    }

    /// The total counted at generation `at`.
    pub(crate) fn total(&self, key: &ListKey, at: Generation) -> Option<u64> {
        self.totals
            .get(key)
            .and_then(|(counted_at, total)| (counted_at == at).then_some(total))
    }

    /// A total counted at generation `at` longer ago than its lifetime, for
    /// whoever finds another request counting it again.
    pub(crate) fn aged_total(&self, key: &ListKey, at: Generation) -> Option<u64> {
        self.totals
            .get_aged(key)
            .and_then(|((counted_at, total), _)| (counted_at == at).then_some(total))
    }

    /// The last total kept for the list, however old and whatever was
    /// written since: an estimate, for choosing how to read a page.
    pub(crate) fn last_total(&self, key: &ListKey) -> Option<u64> {
        self.totals.get_aged(key).map(|((_, total), _)| total)
    }

    pub(crate) fn keep_total(&self, key: ListKey, at: Generation, total: u64) {
        self.totals.put(key, (at, total));
    }

    /// The anchors read at generation `at`.
    pub(crate) fn anchors(&self, key: &AnchorKey, at: Generation) -> Option<Arc<Vec<Anchor>>> {
        self.anchors
            .get(key)
            .and_then(|(read_at, anchors)| (read_at == at).then_some(anchors))
    }

    pub(crate) fn keep_anchors(&self, key: AnchorKey, at: Generation, anchors: Arc<Vec<Anchor>>) {
        self.anchors.put(key, (at, anchors));
    }

    /// The turn to count the list: whoever waits for it finds the total
    /// the one before counted.
    pub(crate) async fn count_turn(&self, key: &ListKey) -> Turn {
        self.counting.turn(key).await
    }

    /// The turn to count the list if nobody is counting it.
    pub(crate) fn try_count_turn(&self, key: &ListKey) -> Option<Turn> {
        self.counting.try_turn(key)
    }

    /// The turn to read the list's anchors, unless they could not be kept.
    pub(crate) async fn walk_turn(&self, key: &AnchorKey) -> Option<Turn> {
        if self.anchors.keeps_nothing() {
            return None;
        }
        Some(self.walking.turn(key).await)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Generations> {
        self.generations.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn anchor_lifetime(ttl: Duration) -> Duration {
    if ttl.is_zero() {
        ttl
    } else {
        ttl.max(ANCHOR_LIFETIME)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Page;

    fn key(account: i64) -> ListKey {
        let query = ClientQuery::new(
            Visibility::LiveOnly,
            Page {
                offset: 0,
                limit: 1,
            },
        );
        ListKey::of(AccountId(account), &query)
    }

    /// The cached total, or `fresh`, which is then kept.
    fn total(cache: &ListCache, account: i64, fresh: u64) -> u64 {
        let at = cache.generation(AccountId(account));
        cache.total(&key(account), at).unwrap_or_else(|| {
            cache.keep_total(key(account), at, fresh);
            fresh
        })
    }

    #[test]
    fn a_total_is_kept_until_its_account_is_written() {
        let cache = ListCache::new(Duration::from_secs(60));
        assert_eq!(total(&cache, 1, 10), 10);
        assert_eq!(total(&cache, 1, 11), 10);
        cache.written(AccountId(2));
        assert_eq!(total(&cache, 1, 12), 10);
        cache.written(AccountId(1));
        assert_eq!(total(&cache, 1, 13), 13);
    }

    #[test]
    fn a_write_during_a_read_outdates_what_it_learnt() {
        let cache = ListCache::new(Duration::from_secs(60));
        let at = cache.generation(AccountId(1));
        cache.written(AccountId(1));
        cache.keep_total(key(1), at, 10);
        assert_eq!(cache.total(&key(1), cache.generation(AccountId(1))), None);
    }

    #[test]
    fn anchors_are_kept_per_order_until_a_write() {
        let cache = ListCache::new(Duration::from_secs(60));
        let by_name = (key(1), vec![(SortKey::Name, Direction::Asc)]);
        let unsorted = (key(1), Vec::new());
        let at = cache.generation(AccountId(1));
        let anchors = Arc::new(vec![Anchor {
            position: 511,
            id: crate::model::ClientId(7),
            key: crate::query::SortValue::Text("b".to_owned()),
        }]);
        cache.keep_anchors(by_name.clone(), at, anchors.clone());
        assert_eq!(cache.anchors(&by_name, at), Some(anchors));
        assert_eq!(cache.anchors(&unsorted, at), None);
        cache.written(AccountId(1));
        let now = cache.generation(AccountId(1));
        assert_eq!(cache.anchors(&by_name, now), None);
    }

    #[tokio::test]
    async fn anchors_that_cannot_be_kept_are_not_read() {
        assert!(
            ListCache::new(Duration::ZERO)
                .walk_turn(&(key(1), Vec::new()))
                .await
                .is_none()
        );
        let cache = ListCache::new(Duration::from_secs(1));
        assert!(cache.walk_turn(&(key(1), Vec::new())).await.is_some());
    }

    #[test]
    fn forgetting_accounts_outdates_everything_kept() {
        let cache = ListCache::new(Duration::from_secs(60));
        cache.written(AccountId(1));
        assert_eq!(total(&cache, 1, 10), 10);
        assert_eq!(total(&cache, 2, 20), 20);
        for account in 3..(MOST_ACCOUNTS as i64 + 4) {
            cache.written(AccountId(account));
        }
        assert_eq!(total(&cache, 1, 11), 11);
        assert_eq!(total(&cache, 2, 21), 21);
    }

    #[test]
    fn anchors_stand_further_apart_in_longer_lists() {
        assert_eq!(anchor_spacing(0), LEAST_SPACING);
        assert_eq!(anchor_spacing(100_000), LEAST_SPACING);
        assert_eq!(anchor_spacing(1_000_000), 977);
        assert!(1_000_000_u64.div_ceil(anchor_spacing(1_000_000)) <= MOST_ANCHORS);
    }
}
