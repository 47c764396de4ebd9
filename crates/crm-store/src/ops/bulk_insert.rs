//! PostgreSQL's path for a batch of new clients: ids reserved in one
//! statement, then each table written with multi-row `INSERT`s, so that a
//! batch of 500 costs a handful of round trips instead of one per row.
//! (SQLite runs in process, where a statement costs no round trip.)

use crm_core::{AccountId, ClientId, CoreResult, NewClient, Origin, Timestamp};
use sqlx::postgres::Postgres;
use sqlx::{PgPool, QueryBuilder};

use super::children_many::insert_children_many;
use crate::error::db;
use crate::sql::client_columns::{self, Columns, bind_columns};
use crate::sql::clients;

/// Client rows a statement: PostgreSQL takes at most 65,535 bound values
/// and a client row has 36.
const CLIENT_ROWS: usize = 1_000;

/// One new client, its columns worked out beforehand.
pub(crate) type Prepared<'a> = (Columns, &'a NewClient);

/// Inserts every client of `prepared` and its children in one transaction;
/// the ids come back in the batch's order.
pub(crate) async fn insert_postgres(
    pool: &PgPool,
    account: AccountId,
    origin: Origin,
    now: Timestamp,
    prepared: &[Prepared<'_>],
) -> CoreResult<Vec<ClientId>> {
    let mut tx = pool.begin().await.map_err(db)?;
    let ids: Vec<i64> = sqlx::query_scalar(clients::RESERVE_IDS_POSTGRES)
        .bind(i64::try_from(prepared.len()).unwrap_or(i64::MAX))
        .fetch_all(&mut *tx)
        .await
        .map_err(db)?;
    let rows: Vec<(i64, &Prepared<'_>)> = ids.iter().copied().zip(prepared).collect();
    for chunk in rows.chunks(CLIENT_ROWS) {
        let mut q = QueryBuilder::<Postgres>::new(clients::INSERT_MANY_HEAD_POSTGRES);
        q.push(client_columns::NAMES).push(") ");
        q.push_values(chunk, |mut row, (id, (columns, client))| {
            row.push_bind(*id)
                .push_bind(account.get())
                .push_bind(client.kind.as_str())
                .push_bind(client.avatar.clone())
                .push_bind(origin.as_str())
                .push("'active'")
                .push_bind(client.created_at.unwrap_or(now).millis())
                .push_bind(now.millis());
            bind_columns!(push_bind: row, columns);
        });
        q.build().execute(&mut *tx).await.map_err(db)?;
    }
    let children: Vec<(i64, &NewClient)> = rows
        .iter()
        .map(|(id, (_, client))| (*id, *client))
        .collect();
    insert_children_many!(tx, account, origin, now, &children);
    tx.commit().await.map_err(db)?;
    Ok(ids.into_iter().map(ClientId).collect())
}
