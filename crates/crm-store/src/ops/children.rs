//! The rows that hang off clients, loaded for a whole page at once: three
//! queries per page whatever its size.

use std::collections::HashMap;

use crm_core::{Client, ClientId, CompanyRef, CoreResult, FieldValue};

use crate::rows::{ClientRow, CompanyLinkRow, ContactRow, FieldValueRow};

/// Contact points, company links and field values of some clients.
#[derive(Debug, Default)]
pub(crate) struct Children {
    pub contacts: Vec<ContactRow>,
    pub companies: Vec<CompanyLinkRow>,
    pub fields: Vec<FieldValueRow>,
}

/// Loads [`Children`] for client ids `$ids` (`&[i64]`) through executor
/// expression `$ex` (re-evaluated per query, so `&mut *tx` works).
macro_rules! load_children {
    ($ex:expr, $account:expr, $ids:expr) => {{
        let ids: &[i64] = $ids;
        let account: i64 = $account;
        let mut q = sqlx::QueryBuilder::new(crate::sql::contacts::SELECT);
        q.push("WHERE account_id = ")
            .push_bind(account)
            .push(" AND client_id");
        crate::filter::push_in(&mut q, ids.iter().copied());
        q.push(" ORDER BY client_id, position, id");
        let contacts = q
            .build_query_as()
            .fetch_all($ex)
            .await
            .map_err(crate::error::db)?;
        let mut q = sqlx::QueryBuilder::new(crate::sql::clients::COMPANIES_OF);
        q.push_bind(account).push(" AND cc.person_id");
        crate::filter::push_in(&mut q, ids.iter().copied());
        q.push(" ORDER BY cc.person_id, cc.position");
        let companies = q
            .build_query_as()
            .fetch_all($ex)
            .await
            .map_err(crate::error::db)?;
        let mut q = sqlx::QueryBuilder::new(crate::sql::clients::FIELDS_OF);
        q.push_bind(account).push(" AND client_id");
        crate::filter::push_in(&mut q, ids.iter().copied());
        q.push(" ORDER BY client_id, number");
        let fields = q
            .build_query_as()
            .fetch_all($ex)
            .await
            .map_err(crate::error::db)?;
        crate::ops::children::Children {
            contacts,
            companies,
            fields,
        }
    }};
}
pub(crate) use load_children;

/// Puts each client together with its children, keeping the rows' order.
pub(crate) fn assemble(rows: Vec<ClientRow>, children: Children) -> CoreResult<Vec<Client>> {
    let mut clients = rows
        .into_iter()
        .map(ClientRow::into_client)
        .collect::<CoreResult<Vec<_>>>()?;
    let index: HashMap<ClientId, usize> =
        clients.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let slot = |id: i64| index.get(&ClientId(id)).copied();
    for row in children.contacts {
        if let Some(i) = slot(row.client_id) {
            clients[i].contacts.push(row.into_point()?);
        }
    }
    for row in children.companies {
        if let Some(i) = slot(row.person_id) {
            clients[i].companies.push(CompanyRef {
                id: ClientId(row.company_id),
                name: row.name,
            });
        }
    }
    for row in children.fields {
        if let Some(i) = slot(row.client_id) {
            clients[i].fields.push(FieldValue {
                number: row.number,
                value: row.value,
            });
        }
    }
    Ok(clients)
}
