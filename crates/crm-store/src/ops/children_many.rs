//! A batch's children (contact points, custom-field values, company links)
//! written with multi-row `INSERT`s once its clients have ids: a statement
//! a table and a thousand rows, where one a row cost a hop to SQLite's
//! worker thread or a round trip to PostgreSQL each. Ids and positions come
//! out as the one-row way gave them: each table's rows go in batch order.

/// Rows a statement: within SQLite's 32,766 bound values and PostgreSQL's
/// 65,535 at 11 a contact point.
pub(crate) const CHILD_ROWS: usize = 1_000;

/// Inserts the children of `$rows`, `(client id, &NewClient)` pairs,
/// through `$tx`; points the batch does not give an origin take `$origin`.
macro_rules! insert_children_many {
    ($tx:expr, $account:expr, $origin:expr, $now:expr, $rows:expr) => {{
        let (account, origin, now): (crm_core::AccountId, crm_core::Origin, crm_core::Timestamp) =
            ($account, $origin, $now);
        let rows: &[(i64, &crm_core::NewClient)] = $rows;
        let points: Vec<(i64, &crm_core::NewContactPoint, i64)> = rows
            .iter()
            .flat_map(|(id, client)| {
                client
                    .contacts
                    .iter()
                    .zip(1_i64..)
                    .map(move |(p, n)| (*id, p, n))
            })
            .collect();
        for chunk in points.chunks($crate::ops::children_many::CHILD_ROWS) {
            let mut q = sqlx::QueryBuilder::new($crate::sql::contacts::INSERT_MANY);
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
            q.build()
                .execute(&mut *$tx)
                .await
                .map_err($crate::error::db)?;
        }
        let fields: Vec<(i64, &crm_core::FieldValue)> = rows
            .iter()
            .flat_map(|(id, client)| client.fields.iter().map(move |f| (*id, f)))
            .collect();
        for chunk in fields.chunks($crate::ops::children_many::CHILD_ROWS) {
            let mut q = sqlx::QueryBuilder::new($crate::sql::clients::INSERT_FIELD_VALUES_MANY);
            q.push_values(chunk, |mut row, (client, field)| {
                row.push_bind(account.get())
                    .push_bind(*client)
                    .push_bind(field.number)
                    .push_bind(field.value.clone())
                    .push_bind(field.value.to_lowercase());
            });
            q.build()
                .execute(&mut *$tx)
                .await
                .map_err($crate::error::db)?;
        }
        let links: Vec<(i64, i64, i64)> = rows
            .iter()
            .flat_map(|(id, client)| {
                client
                    .companies
                    .iter()
                    .zip(0_i64..)
                    .map(move |(c, n)| (*id, c.get(), n))
            })
            .collect();
        for chunk in links.chunks($crate::ops::children_many::CHILD_ROWS) {
            let mut q = sqlx::QueryBuilder::new($crate::sql::clients::INSERT_COMPANY_LINKS_MANY);
            q.push_values(chunk, |mut row, (person, company, position)| {
                row.push_bind(account.get())
                    .push_bind(*person)
                    .push_bind(*company)
                    .push_bind(*position);
            });
            q.build()
                .execute(&mut *$tx)
                .await
                .map_err($crate::error::db)?;
        }
    }};
}

pub(crate) use insert_children_many;
