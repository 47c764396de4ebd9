//! PostgreSQL's path for a batch of new clients: ids reserved in one
//! statement, then each table written with multi-row `INSERT`s, so that a
//! batch of 500 costs a handful of round trips instead of one per row.
//! (SQLite runs in process, where a statement costs no round trip.)

use crm_core::{AccountId, ClientId, CoreResult, NewClient, Origin, Timestamp};
use sqlx::postgres::Postgres;
use sqlx::{PgPool, QueryBuilder};

use crate::error::db;
use crate::sql::client_columns::{self, Columns, bind_columns};
use crate::sql::clients;

/// Rows per statement: PostgreSQL takes at most 65,535 bound values, a
/// client row has 36 and a contact point 11.
const CLIENT_ROWS: usize = 1_000;
const CHILD_ROWS: usize = 4_000;

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
    let points: Vec<PointRow<'_>> = rows
        .iter()
        .flat_map(|(id, (_, client))| {
            client
                .contacts
                .iter()
                .zip(1_i64..)
                .map(move |(point, position)| (*id, point, position))
        })
        .collect();
    for chunk in points.chunks(CHILD_ROWS) {
        let mut q = QueryBuilder::<Postgres>::new(crate::sql::contacts::INSERT_MANY);
        q.push_values(chunk, |mut row, (client, point, position)| {
            row.push_bind(account.get())
                .push_bind(*client)
                .push_bind(point.kind.as_str())
                .push_bind(point.service.as_str())
                .push_bind(point.label.map(|l| l.as_str()))
                .push_bind(point.value.clone())
                .push_bind(crm_core::normalize_search(point.kind, &point.value))
                .push_bind(point.origin.as_ref().unwrap_or(&origin).as_str())
                .push("'active'")
                .push_bind(*position)
                .push_bind(now.millis())
                .push_bind(now.millis());
        });
        q.build().execute(&mut *tx).await.map_err(db)?;
    }
    insert_fields(&mut tx, account, &rows).await?;
    insert_company_links(&mut tx, account, &rows).await?;
    tx.commit().await.map_err(db)?;
    Ok(ids.into_iter().map(ClientId).collect())
}

/// A contact point to insert: its client's id, the point, its position.
type PointRow<'a> = (i64, &'a crm_core::NewContactPoint, i64);

async fn insert_fields(
    tx: &mut sqlx::PgConnection,
    account: AccountId,
    rows: &[(i64, &Prepared<'_>)],
) -> CoreResult<()> {
    let fields: Vec<(i64, &crm_core::FieldValue)> = rows
        .iter()
        .flat_map(|(id, (_, client))| client.fields.iter().map(move |f| (*id, f)))
        .collect();
    for chunk in fields.chunks(CHILD_ROWS) {
        let mut q = QueryBuilder::<Postgres>::new(clients::INSERT_FIELD_VALUES_MANY);
        q.push_values(chunk, |mut row, (client, field)| {
            row.push_bind(account.get())
                .push_bind(*client)
                .push_bind(field.number)
                .push_bind(field.value.clone())
                .push_bind(field.value.to_lowercase());
        });
        q.build().execute(&mut *tx).await.map_err(db)?;
    }
    Ok(())
}

async fn insert_company_links(
    tx: &mut sqlx::PgConnection,
    account: AccountId,
    rows: &[(i64, &Prepared<'_>)],
) -> CoreResult<()> {
    let links: Vec<(i64, i64, i64)> = rows
        .iter()
        .flat_map(|(id, (_, client))| {
            client
                .companies
                .iter()
                .zip(0_i64..)
                .map(move |(company, position)| (*id, company.get(), position))
        })
        .collect();
    for chunk in links.chunks(CHILD_ROWS) {
        let mut q = QueryBuilder::<Postgres>::new(clients::INSERT_COMPANY_LINKS_MANY);
        q.push_values(chunk, |mut row, (person, company, position)| {
            row.push_bind(account.get())
                .push_bind(*person)
                .push_bind(*company)
                .push_bind(*position);
        });
        q.build().execute(&mut *tx).await.map_err(db)?;
    }
    Ok(())
}
