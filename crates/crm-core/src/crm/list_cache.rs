//! What a client list costs to learn again for every page: its total, and
//! the anchors from which a deep page is sought instead of counted out.
//! Both are trusted while this replica has written none of the account's
//! clients since they were read; an unfiltered list's also past the clients
//! this replica added since, which its total counts in and its anchors in
//! an order by id or creation stand after or before
//! ([`list_generations`](super::list_generations)). A write through another replica shows in
//! a total `CrmConfig::credential_ttl` later at most (plus the time of one
//! count: while one request counts again, the others take the old total),
//! and in the anchors
//! [`ANCHOR_LIFETIME`] later at most: until then a page sought from an
//! anchor stands where it stood when the anchor was read, shifted by the
//! clients that replica added or removed before it. Its rows show at once.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::gates::{Gates, Turn};
use super::list_generations::Generations;
pub(crate) use super::list_generations::{Change, Generation};
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
    /// A list of every client the visibility allows: one that grows by
    /// exactly the clients added.
    fn is_unfiltered(&self) -> bool {
        self.filters.is_empty() && self.search.is_none()
    }

    /// A total counted at `counted_at`, as it stands at `at`.
    fn total_at(&self, counted_at: Generation, total: u64, at: Generation) -> Option<u64> {
        if counted_at == at {
            return Some(total);
        }
        if !self.is_unfiltered() {
            return None;
        }
        counted_at.added_until(at).map(|added| total + added)
    }

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

/// A list's anchors as they stand now: `shift` clients were added before
/// them since they were read.
#[derive(Debug, Clone)]
pub(crate) struct Anchors {
    list: Arc<Vec<Anchor>>,
    shift: u64,
}

impl Anchors {
    /// The last anchor standing before `offset`, and where it stands.
    pub(crate) fn nearest_before(&self, offset: u64) -> Option<(&Anchor, u64)> {
        let at = |a: &Anchor| a.position + self.shift;
        let after = self.list.partition_point(|a| at(a) < offset);
        let anchor = self.list.get(after.checked_sub(1)?)?;
        Some((anchor, at(anchor)))
    }
}

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

#[derive(Debug)]
pub(crate) struct ListCache {
    totals: TtlMap<ListKey, (Generation, u64)>,
    anchors: TtlMap<AnchorKey, (Generation, Arc<Vec<Anchor>>)>,
    counting: Gates<ListKey>,
    walking: Gates<AnchorKey>,
    generations: Mutex<Generations>,
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
    pub(crate) fn written(&self, account: AccountId, change: Change) {
        self.lock().write(account, change);
    }

    /// Read before the database is, so that a write landing meanwhile
    /// outdates what the read learns.
    pub(crate) fn generation(&self, account: AccountId) -> Generation {
        self.lock().of(account)
    }

    /// The total counted at generation `at`.
    pub(crate) fn total(&self, key: &ListKey, at: Generation) -> Option<u64> {
        self.totals
            .get(key)
            .and_then(|(counted_at, total)| key.total_at(counted_at, total, at))
    }

    /// A total counted at generation `at` longer ago than its lifetime, for
    /// whoever finds another request counting it again.
    pub(crate) fn aged_total(&self, key: &ListKey, at: Generation) -> Option<u64> {
        self.totals
            .get_aged(key)
            .and_then(|((counted_at, total), _)| key.total_at(counted_at, total, at))
    }

    /// The last total kept for the list, however old and whatever was
    /// written since: an estimate, for choosing how to read a page.
    pub(crate) fn last_total(&self, key: &ListKey) -> Option<u64> {
        self.totals.get_aged(key).map(|((_, total), _)| total)
    }

    pub(crate) fn keep_total(&self, key: ListKey, at: Generation, total: u64) {
        self.totals.put(key, (at, total));
    }

    /// The anchors read at generation `at`, or before it and moved on by
    /// the clients added since.
    pub(crate) fn anchors(&self, key: &AnchorKey, at: Generation) -> Option<Anchors> {
        let (read_at, list) = self.anchors.get(key)?;
        if read_at == at {
            return Some(Anchors { list, shift: 0 });
        }
        let (list_key, order) = key;
        if !list_key.is_unfiltered() {
            return None;
        }
        let added = read_at.added_until(at)?;
        let shift = match order.as_slice() {
            [] | [(SortKey::Id | SortKey::Created, Direction::Asc)] => 0,
            [(SortKey::Id | SortKey::Created, Direction::Desc)] => added,
            _ => return None,
        };
        Some(Anchors { list, shift })
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
    use super::super::list_generations::MOST_ACCOUNTS;
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
        cache.written(AccountId(2), Change::Reshaped);
        assert_eq!(total(&cache, 1, 12), 10);
        cache.written(AccountId(1), Change::Reshaped);
        assert_eq!(total(&cache, 1, 13), 13);
    }

    #[test]
    fn a_write_during_a_read_outdates_what_it_learnt() {
        let cache = ListCache::new(Duration::from_secs(60));
        let at = cache.generation(AccountId(1));
        cache.written(AccountId(1), Change::Reshaped);
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
        assert_eq!(cache.anchors(&by_name, at).map(|a| a.list), Some(anchors));
        assert!(cache.anchors(&unsorted, at).is_none());
        cache.written(AccountId(1), Change::Added(1));
        let now = cache.generation(AccountId(1));
        assert!(cache.anchors(&by_name, now).is_none());
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
        cache.written(AccountId(1), Change::Reshaped);
        assert_eq!(total(&cache, 1, 10), 10);
        assert_eq!(total(&cache, 2, 20), 20);
        for account in 3..(MOST_ACCOUNTS as i64 + 4) {
            cache.written(AccountId(account), Change::Reshaped);
        }
        assert_eq!(total(&cache, 1, 11), 11);
        assert_eq!(total(&cache, 2, 21), 21);
    }

    fn at(position: u64) -> Anchor {
        Anchor {
            position,
            id: crate::model::ClientId(i64::try_from(position).unwrap_or(0)),
            key: crate::query::SortValue::IdOnly,
        }
    }

    #[test]
    fn the_nearest_anchor_stands_before_the_page_moved_on_by_the_clients_added() {
        let list = Arc::new(vec![at(511), at(1023), at(1535)]);
        let still = Anchors {
            list: list.clone(),
            shift: 0,
        };
        let position = |a: &Anchors, offset| a.nearest_before(offset).map(|(_, p)| p);
        assert_eq!(position(&still, 511), None);
        assert_eq!(position(&still, 512), Some(511));
        assert_eq!(position(&still, 1023), Some(511));
        assert_eq!(position(&still, 1024), Some(1023));
        assert_eq!(position(&still, 90_000), Some(1535));
        let moved = Anchors { list, shift: 10 };
        assert_eq!(position(&moved, 521), None);
        assert_eq!(position(&moved, 522), Some(521));
        assert_eq!(position(&moved, 1034), Some(1033));
    }

    #[test]
    fn an_unfiltered_lists_total_and_anchors_follow_the_clients_added() {
        let cache = ListCache::new(Duration::from_secs(60));
        let at_start = cache.generation(AccountId(1));
        cache.keep_total(key(1), at_start, 10);
        let newest_first = (key(1), vec![(SortKey::Created, Direction::Desc)]);
        let by_id = (key(1), vec![(SortKey::Id, Direction::Asc)]);
        let by_name = (key(1), vec![(SortKey::Name, Direction::Asc)]);
        for order in [&newest_first, &by_id, &by_name] {
            cache.keep_anchors(order.clone(), at_start, Arc::new(vec![at(511)]));
        }
        cache.written(AccountId(1), Change::Added(3));
        cache.written(AccountId(1), Change::Edited);
        let now = cache.generation(AccountId(1));
        assert_eq!(cache.total(&key(1), now), Some(13));
        let shift = |order| cache.anchors(order, now).map(|a| a.shift);
        assert_eq!(shift(&newest_first), Some(3));
        assert_eq!(shift(&by_id), Some(0));
        assert_eq!(shift(&by_name), None);
        let mut filtered = ClientQuery::new(
            Visibility::LiveOnly,
            Page {
                offset: 0,
                limit: 1,
            },
        );
        filtered
            .filters
            .push(ClientFilter::Kind(crate::model::ClientKind::Person));
        let filtered = ListKey::of(AccountId(1), &filtered);
        cache.keep_total(filtered.clone(), at_start, 4);
        assert_eq!(cache.total(&filtered, now), None);
        cache.written(AccountId(1), Change::Reshaped);
        let reshaped = cache.generation(AccountId(1));
        assert_eq!(cache.total(&key(1), reshaped), None);
        assert!(cache.anchors(&by_id, reshaped).is_none());
    }

    #[test]
    fn anchors_stand_further_apart_in_longer_lists() {
        assert_eq!(anchor_spacing(0), LEAST_SPACING);
        assert_eq!(anchor_spacing(100_000), LEAST_SPACING);
        assert_eq!(anchor_spacing(1_000_000), 977);
        assert!(1_000_000_u64.div_ceil(anchor_spacing(1_000_000)) <= MOST_ANCHORS);
    }
}
