//! Client lists: filters in SQL, the caller's regex (if any) in Rust, then one
//! page with its children. A fixed number of queries whatever the page size.

use std::collections::{HashMap, HashSet};

use crm_core::{AccountId, ClientPage, ClientQuery, CoreResult, SearchPattern, Visibility};

use super::children::{assemble, load_children};
use crate::SqlStore;
use crate::error::db;
use crate::filter::{push_client_order, push_client_where, push_in, window};
use crate::pool::on_pool;
use crate::rows::ClientRow;
use crate::sql::clients;

/// Whether a list counts all its matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tally {
    /// `ClientPage::total` is the number of matches.
    Count,
    /// The caller shows no total: `ClientPage::total` is left 0 unless the
    /// matches were counted anyway (a regex search counts them in Rust).
    Skip,
}

impl SqlStore {
    pub(crate) async fn list(
        &self,
        account: AccountId,
        query: &ClientQuery,
        tally: Tally,
    ) -> CoreResult<ClientPage> {
        let Some((offset, limit)) = window(query.page.offset, query.page.limit) else {
            return Ok(ClientPage {
                total: self.tally(account, query, tally).await?,
                clients: Vec::new(),
            });
        };
        match &query.search {
            None => {
                self.list_filtered(account, query, offset, limit, tally)
                    .await
            }
            Some(pattern) => {
                self.list_searched(account, query, pattern, offset, limit)
                    .await
            }
        }
    }

    async fn tally(
        &self,
        account: AccountId,
        query: &ClientQuery,
        tally: Tally,
    ) -> CoreResult<u64> {
        match tally {
            Tally::Count => self.count(account, query).await,
            Tally::Skip => Ok(0),
        }
    }

    async fn count(&self, account: AccountId, query: &ClientQuery) -> CoreResult<u64> {
        let total: i64 = on_pool!(&self.pool, p => {
            let mut q = sqlx::QueryBuilder::new(clients::COUNT);
            push_client_where(&mut q, account, query);
            q.build_query_scalar().fetch_one(p).await.map_err(db)?
        });
        Ok(u64::try_from(total).unwrap_or(0))
    }

    async fn list_filtered(
        &self,
        account: AccountId,
        query: &ClientQuery,
        offset: i64,
        limit: i64,
        tally: Tally,
    ) -> CoreResult<ClientPage> {
        let total = self.tally(account, query, tally).await?;
        let clients = on_pool!(&self.pool, p => {
            let mut q = sqlx::QueryBuilder::new(clients::PAGE_IDS);
            push_client_where(&mut q, account, query);
            push_client_order(&mut q, &query.sort);
            q.push(" LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
            q.push(clients::PAGE_ROWS);
            push_client_order(&mut q, &query.sort);
            let mut conn = p.acquire().await.map_err(db)?;
            let rows: Vec<ClientRow> = q.build_query_as().fetch_all(&mut *conn).await.map_err(db)?;
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let children = load_children!(&mut *conn, account.get(), &ids);
            assemble(rows, children)?
        });
        Ok(ClientPage { total, clients })
    }

    /// The regex runs here, never in the database: candidates passing the
    /// filters are matched on their name and every contact value.
    async fn list_searched(
        &self,
        account: AccountId,
        query: &ClientQuery,
        pattern: &SearchPattern,
        offset: i64,
        limit: i64,
    ) -> CoreResult<ClientPage> {
        let (names, values): (Vec<IdText>, Vec<IdText>) = on_pool!(&self.pool, p => {
            let mut q = sqlx::QueryBuilder::new(clients::SEARCH_NAMES);
            push_client_where(&mut q, account, query);
            push_client_order(&mut q, &query.sort);
            let names = q.build_query_as().fetch_all(p).await.map_err(db)?;
            let values = sqlx::query_as(clients::SEARCH_VALUES)
                .bind(account.get())
                .bind(query.search_points == Visibility::IncludeDeleted)
                .fetch_all(p)
                .await
                .map_err(db)?;
            (names, values)
        });
        let matched = matching_ids(pattern, names, values);
        let total = u64::try_from(matched.len()).unwrap_or(u64::MAX);
        let page: Vec<i64> = matched
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect();
        let clients = on_pool!(&self.pool, p => {
            let mut q = sqlx::QueryBuilder::new(clients::SELECT);
            q.push("WHERE c.account_id = ").push_bind(account.get()).push(" AND c.id");
            push_in(&mut q, page.iter().copied());
            let mut conn = p.acquire().await.map_err(db)?;
            let rows: Vec<ClientRow> = q.build_query_as().fetch_all(&mut *conn).await.map_err(db)?;
            let children = load_children!(&mut *conn, account.get(), &page);
            assemble(rows, children)?
        });
        let mut by_id: HashMap<i64, _> = clients.into_iter().map(|c| (c.id.get(), c)).collect();
        let clients = page.iter().filter_map(|id| by_id.remove(id)).collect();
        Ok(ClientPage { total, clients })
    }
}

/// A client id with one of its texts (its name, or one contact value).
type IdText = (i64, String);

/// Ids, in the candidates' order, whose name or any contact value matches.
fn matching_ids(
    pattern: &SearchPattern,
    names: Vec<(i64, String)>,
    values: Vec<(i64, String)>,
) -> Vec<i64> {
    let by_value: HashSet<i64> = values
        .into_iter()
        .filter(|(_, v)| pattern.is_match(v))
        .map(|(id, _)| id)
        .collect();
    names
        .into_iter()
        .filter(|(id, name)| by_value.contains(id) || pattern.is_match(name))
        .map(|(id, _)| id)
        .collect()
}
