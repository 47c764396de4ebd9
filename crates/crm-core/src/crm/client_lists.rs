//! Client lists: a page costs about the same wherever it stands, and paging
//! does not count the list again, through what
//! [`ListCache`](super::list_cache::ListCache) keeps.

use std::sync::Arc;

use super::Crm;
use super::list_cache::{Anchors, Generation, LEAST_SPACING, ListKey, anchor_spacing};
use crate::CoreResult;
use crate::model::{AccountId, Client, Principal};
use crate::query::{ClientFilter, ClientPage, ClientQuery, Share};
use crate::storable;

/// One list request, with what the cache knows it by and the account's
/// write generation when it began.
struct Listing<'q> {
    account: AccountId,
    query: &'q ClientQuery,
    key: ListKey,
    at: Generation,
}

/// A list's total, and the page when counting read it too.
enum Tallied {
    Known(u64),
    WithPage(ClientPage),
}

impl Crm {
    /// One page of clients and the total.
    pub async fn list_clients(
        &self,
        who: Principal,
        query: &ClientQuery,
    ) -> CoreResult<ClientPage> {
        if storable::seeks_nul(query) {
            return Ok(ClientPage {
                total: 0,
                clients: Vec::new(),
            });
        }
        let list = self.listing(who.account, query);
        match self.total(&list).await? {
            Tallied::Known(total) => {
                let clients = self.window(&list, total).await?;
                Ok(ClientPage { total, clients })
            }
            Tallied::WithPage(page) => Ok(page),
        }
    }

    /// One page of clients, without the total.
    pub async fn clients(&self, who: Principal, query: &ClientQuery) -> CoreResult<Vec<Client>> {
        if storable::seeks_nul(query) {
            return Ok(Vec::new());
        }
        if !query.seekable() || query.page.offset < LEAST_SPACING {
            return self
                .data(who.account)
                .await?
                .window_clients(who.account, query)
                .await;
        }
        let list = self.listing(who.account, query);
        match self.total(&list).await? {
            Tallied::Known(total) => self.window(&list, total).await,
            Tallied::WithPage(page) => Ok(page.clients),
        }
    }

    fn listing<'q>(&self, account: AccountId, query: &'q ClientQuery) -> Listing<'q> {
        Listing {
            account,
            query,
            key: ListKey::of(account, query),
            at: self.lists.generation(account),
        }
    }

    /// The list's total: kept, or (while another request counts it again)
    /// the last one kept, or counted now, by one request at a time. The one
    /// that finds another counting takes a total at most one count old: a
    /// filtered list is counted again after every write, and under steady
    /// writes requests queued for their own count one behind another.
    async fn total(&self, list: &Listing<'_>) -> CoreResult<Tallied> {
        if let Some(total) = self.lists.total(&list.key, list.at) {
            return Ok(Tallied::Known(total));
        }
        let aged = self
            .lists
            .aged_total(&list.key, list.at)
            .or_else(|| self.lists.last_total(&list.key));
        let _turn = match (aged, self.lists.try_count_turn(&list.key)) {
            (_, Some(turn)) => turn,
            (Some(aged), None) => return Ok(Tallied::Known(aged)),
            (None, None) => self.lists.count_turn(&list.key).await,
        };
        if let Some(total) = self.lists.total(&list.key, list.at) {
            return Ok(Tallied::Known(total));
        }
        if list.query.search.is_some() {
            // Only reading every match counts a regex search: the page
            // comes with it.
            let page = self
                .data(list.account)
                .await?
                .list_clients(list.account, list.query)
                .await?;
            self.lists.keep_total(list.key.clone(), list.at, page.total);
            return Ok(Tallied::WithPage(page));
        }
        let total = self
            .data(list.account)
            .await?
            .count_clients(list.account, list.query)
            .await?;
        self.lists.keep_total(list.key.clone(), list.at, total);
        Ok(Tallied::Known(total))
    }

    /// The page, sought from the nearest anchor before it when it stands
    /// past the first one.
    async fn window(&self, list: &Listing<'_>, total: u64) -> CoreResult<Vec<Client>> {
        let account = list.account;
        let shared;
        let query = match self.share(list, total).await? {
            None => list.query,
            share => {
                shared = ClientQuery {
                    share,
                    ..list.query.clone()
                };
                &shared
            }
        };
        let offset = query.page.offset;
        let data = self.data(account).await?;
        if !query.seekable() || offset < anchor_spacing(total) || offset >= total {
            return data.window_clients(account, query).await;
        }
        let anchors = self.anchors(list, total).await?;
        let Some((anchor, position)) = anchors.as_ref().and_then(|a| a.nearest_before(offset))
        else {
            return data.window_clients(account, query).await;
        };
        let mut rest = query.clone();
        rest.page.offset = offset - position - 1;
        data.window_clients_after(account, &rest, anchor).await
    }

    /// The list's [`Share`] of the account's whole list, when it has a
    /// substring filter that the store might serve either way.
    async fn share(&self, list: &Listing<'_>, matches: u64) -> CoreResult<Option<Share>> {
        let query = list.query;
        let substring = |filter: &ClientFilter| matches!(filter, ClientFilter::Contains { .. });
        if query.search.is_some() || !query.filters.iter().any(substring) {
            return Ok(None);
        }
        // The account's size only steers the plan: the last count of it
        // serves, stale or not, so a write does not cost a count of the
        // whole account at the next search.
        let whole = ClientQuery::new(query.visibility, query.page);
        let whole = self.listing(list.account, &whole);
        let of = match self.lists.last_total(&whole.key) {
            Some(of) => of,
            None => match self.total(&whole).await? {
                Tallied::Known(of) => of,
                Tallied::WithPage(page) => page.total,
            },
        };
        Ok(Some(Share { matches, of }))
    }

    /// The list's anchors, read by one request at a time; none when they
    /// could not be kept.
    async fn anchors(&self, list: &Listing<'_>, total: u64) -> CoreResult<Option<Anchors>> {
        let key = (list.key.clone(), list.query.sort.clone());
        if let Some(anchors) = self.lists.anchors(&key, list.at) {
            return Ok(Some(anchors));
        }
        let Some(_turn) = self.lists.walk_turn(&key).await else {
            return Ok(None);
        };
        if let Some(anchors) = self.lists.anchors(&key, list.at) {
            return Ok(Some(anchors));
        }
        let every = anchor_spacing(total);
        let anchors = self
            .data(list.account)
            .await?
            .client_anchors(list.account, list.query, every)
            .await?;
        self.lists
            .keep_anchors(key.clone(), list.at, Arc::new(anchors));
        Ok(self.lists.anchors(&key, list.at))
    }
}
