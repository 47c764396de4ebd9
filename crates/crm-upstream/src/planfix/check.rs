//! A list condition checked on a contact as the Planfix upstream draws
//! it, for what `contact.getList` cannot filter and for contacts read one
//! by one.

use crm_core::{
    CatalogueKind, Client, ClientFilter, ContactKind, ContactPoint, Status, TextField,
    normalize_search,
};

/// The contact's live points (the upstream keeps no others).
pub(crate) fn live(client: &Client) -> impl Iterator<Item = &ContactPoint> {
    client
        .contacts
        .iter()
        .filter(|p| p.status == Status::Active)
}

/// Whether `filter` holds for `client`, as the gateway's store decides it.
pub(crate) fn holds(filter: &ClientFilter, client: &Client) -> bool {
    let lower = |s: &str| s.to_lowercase();
    match filter {
        ClientFilter::Ids(ids) => ids.contains(&client.id),
        ClientFilter::Kind(kind) => client.kind == *kind,
        ClientFilter::NameIs(name) => lower(client.name.as_full()) == lower(name),
        ClientFilter::CreatedAfter(at) => client.created_at > *at,
        ClientFilter::CreatedBefore(at) => client.created_at < *at,
        ClientFilter::MemberOf(company) => client.companies.iter().any(|c| c.id == *company),
        ClientFilter::Contains { fields, needle } => {
            fields.iter().any(|field| contains(client, *field, needle))
        }
        ClientFilter::ContactIs { kind, value } => {
            live(client).any(|p| p.kind == *kind && lower(&p.value) == lower(value))
        }
        ClientFilter::HasContactKind(kinds) => live(client).any(|p| kinds.contains(&p.kind)),
        ClientFilter::HasContactService(services) => {
            live(client).any(|p| services.contains(&p.service))
        }
        ClientFilter::Catalogue {
            kind: CatalogueKind::Group,
            entry,
        } => client.group.as_ref().is_some_and(|g| g.id == *entry),
        ClientFilter::FieldContains { number, needle } => client
            .fields
            .iter()
            .any(|f| f.number == *number && lower(&f.value).contains(&lower(needle))),
        ClientFilter::HasPortalAccess => client.portal.is_some(),
        ClientFilter::ResponsibleIn(_) | ClientFilter::Catalogue { .. } => false,
    }
}

fn contains(client: &Client, field: TextField, needle: &str) -> bool {
    let needle = needle.to_lowercase();
    let text = |t: Option<&String>| t.is_some_and(|t| t.to_lowercase().contains(&needle));
    let point = |kind: Option<ContactKind>| {
        live(client).any(|p| {
            kind.is_none_or(|k| p.kind == k)
                && normalize_search(p.kind, &p.value).contains(&normalize_search(p.kind, &needle))
        })
    };
    match field {
        TextField::Name => client.name.as_full().to_lowercase().contains(&needle),
        TextField::Position => text(client.position.as_ref()),
        TextField::Description => text(client.description.as_ref()),
        TextField::Address => text(client.address.as_ref()),
        TextField::Role => false,
        TextField::Phone => point(Some(ContactKind::Phone)),
        TextField::Mail => point(Some(ContactKind::Mail)),
        TextField::AnyContact => point(None),
    }
}
