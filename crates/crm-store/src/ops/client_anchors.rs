//! Anchors of a client list: every n-th client with its sort value, found
//! in one walk of the order's index, so that a deep page is sought from the
//! nearest one instead of skipping every client before it.

use crm_core::{AccountId, Anchor, ClientId, ClientQuery, CoreResult, SortValue, Timestamp};
use sqlx::{Database, Encode, QueryBuilder, Type};

use crate::SqlStore;
use crate::error::db;
use crate::filter::{push_client_order, push_client_where};
use crate::pool::on_pool;
use crate::prefilter::Backend;
use crate::seek::{Past, SeekKey, push_seek};
use crate::sql::clients;

impl SqlStore {
    /// The clients at positions `every - 1`, `2 * every - 1`, … of a
    /// seekable list.
    pub(crate) async fn anchors(
        &self,
        account: AccountId,
        query: &ClientQuery,
        every: u64,
    ) -> CoreResult<Vec<Anchor>> {
        let every = i64::try_from(every.max(1)).unwrap_or(i64::MAX);
        let backend = self.pool.backend();
        let key = SeekKey::of(&query.sort);
        let rows: Vec<(i64, i64, Option<i64>, Option<String>)> = on_pool!(&self.pool, p => {
            let mut q = QueryBuilder::new(clients::ANCHORS_HEAD);
            q.push_bind(every).push(", ");
            push_columns(&mut q, key);
            q.push(clients::ANCHORS_FIRST).push_bind(account.get()).push(clients::ANCHORS_ID);
            push_next(&mut q, backend, account, query, None, every);
            q.push(clients::ANCHORS_STEP).push_bind(every).push(", ");
            push_columns(&mut q, key);
            q.push(clients::ANCHORS_STEP_ROW).push_bind(account.get()).push(clients::ANCHORS_ID);
            push_next(&mut q, backend, account, query, Some(Past::Previous), every);
            q.push(clients::ANCHORS_END);
            q.build_query_as().fetch_all(p).await.map_err(db)?
        });
        Ok(rows
            .into_iter()
            .map(|(n, id, instant, text)| Anchor {
                position: u64::try_from(n - 1).unwrap_or(0),
                id: ClientId(id),
                key: match (key, instant, text) {
                    (SeekKey::Instant(_), Some(at), _) => SortValue::Instant(Timestamp(at)),
                    (SeekKey::Text(_), _, Some(text)) => SortValue::Text(text),
                    _ => SortValue::IdOnly,
                },
            })
            .collect())
    }
}

/// The id and sort value columns of the anchor `c2`.
fn push_columns<DB: Database>(q: &mut QueryBuilder<'_, DB>, key: SeekKey) {
    q.push("c2.id, ");
    match key {
        SeekKey::Id => q
            .push(clients::NO_INSTANT)
            .push(", ")
            .push(clients::NO_TEXT),
        SeekKey::Instant(column) => q.push("c2.").push(column).push(", ").push(clients::NO_TEXT),
        SeekKey::Text(column) => q.push(clients::NO_INSTANT).push(", c2.").push(column),
    };
}

/// The id `every` clients on from `past` (or from the list's start).
fn push_next<'a, DB>(
    q: &mut QueryBuilder<'a, DB>,
    backend: Backend,
    account: AccountId,
    query: &'a ClientQuery,
    past: Option<Past<'a>>,
    every: i64,
) where
    DB: Database,
    i64: Encode<'a, DB> + Type<DB>,
    String: Encode<'a, DB> + Type<DB>,
    &'a str: Encode<'a, DB> + Type<DB>,
{
    q.push(clients::NEXT_ID);
    push_client_where(q, backend, account, query);
    if let Some(past) = past {
        push_seek(q, &query.sort, past);
    }
    push_client_order(q, &query.sort);
    q.push(" LIMIT 1 OFFSET ").push_bind(every - 1);
}
