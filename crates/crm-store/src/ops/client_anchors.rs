//! Anchors of a client list: every n-th client with its sort value, numbered
//! by the database in one walk of the order's index, so that a deep page is
//! sought from the nearest one instead of skipping every client before it.

use crm_core::{AccountId, Anchor, ClientId, ClientQuery, CoreResult, SortValue, Timestamp};

use crate::SqlStore;
use crate::error::db;
use crate::filter::{push_client_order, push_client_where, seek_key};
use crate::pool::on_pool;
use crate::sql::clients;

/// Which sort value an anchor row carries.
#[derive(Debug, Clone, Copy)]
enum KeyKind {
    IdOnly,
    Instant,
    Text,
}

impl KeyKind {
    fn of(query: &ClientQuery) -> Self {
        use crm_core::SortKey;
        match query.sort.first() {
            Some((SortKey::Name, _)) => Self::Text,
            Some((SortKey::Created | SortKey::Updated, _)) => Self::Instant,
            _ => Self::IdOnly,
        }
    }
}

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
        let kind = KeyKind::of(query);
        let rows: Vec<(i64, i64, Option<i64>, Option<String>)> = on_pool!(&self.pool, p => {
            let mut q = sqlx::QueryBuilder::new(clients::ANCHORS_HEAD);
            q.push(match kind {
                KeyKind::Instant => seek_key(&query.sort).unwrap_or(clients::NO_INSTANT),
                _ => clients::NO_INSTANT,
            });
            q.push(" AS instant, ").push(match kind {
                KeyKind::Text => seek_key(&query.sort).unwrap_or(clients::NO_TEXT),
                _ => clients::NO_TEXT,
            });
            q.push(" AS text, ROW_NUMBER() OVER (");
            push_client_order(&mut q, &query.sort);
            q.push(") AS n ").push(clients::ANCHORS_FROM);
            push_client_where(&mut q, self.pool.backend(), account, query);
            q.push(clients::ANCHORS_TAIL).push_bind(every).push(" = 0 ORDER BY n");
            q.build_query_as().fetch_all(p).await.map_err(db)?
        });
        Ok(rows
            .into_iter()
            .map(|(n, id, instant, text)| Anchor {
                position: u64::try_from(n - 1).unwrap_or(0),
                id: ClientId(id),
                key: match (kind, instant, text) {
                    (KeyKind::Instant, Some(at), _) => SortValue::Instant(Timestamp(at)),
                    (KeyKind::Text, _, Some(text)) => SortValue::Text(text),
                    _ => SortValue::IdOnly,
                },
            })
            .collect())
    }
}
