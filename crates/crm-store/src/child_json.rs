//! A client's children as the read statements aggregate them: one JSON
//! array of arrays per kind (`sql::clients` builds them), in the order the
//! dialects show.

use crm_core::{Client, ClientId, CompanyRef, CoreResult, FieldValue};
use serde::de::DeserializeOwned;

use crate::error::corrupt;
use crate::rows::ContactRow;

/// `[id, kind, service, label, value, origin, status, position, created_at]`.
type ContactTuple = (
    i64,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    i64,
    i64,
);

/// Fills the client's contact points, companies and field values.
pub(crate) fn attach(
    client: &mut Client,
    contacts: &str,
    companies: &str,
    fields: &str,
) -> CoreResult<()> {
    client.contacts = decode::<ContactTuple>("contact points", contacts)?
        .into_iter()
        .map(|t| contact_row(client.id, t).into_point())
        .collect::<CoreResult<_>>()?;
    client.companies = decode::<(i64, String)>("company links", companies)?
        .into_iter()
        .map(|(id, name)| CompanyRef {
            id: ClientId(id),
            name,
        })
        .collect();
    client.fields = decode::<(i64, String)>("field values", fields)?
        .into_iter()
        .map(|(number, value)| FieldValue { number, value })
        .collect();
    Ok(())
}

fn decode<T: DeserializeOwned>(what: &'static str, json: &str) -> CoreResult<Vec<T>> {
    serde_json::from_str(json).map_err(|_| corrupt(what, json))
}

fn contact_row(client: ClientId, t: ContactTuple) -> ContactRow {
    let (id, kind, service, label, value, origin, status, position, created_at) = t;
    ContactRow {
        id,
        client_id: client.get(),
        kind,
        service,
        label,
        value,
        origin,
        status,
        position,
        created_at,
    }
}
