//! A list's conditions checked on clients as an upstream draws them, for
//! what the upstream cannot check itself: what the gateway's store means
//! by each condition, decided in memory. Which conditions an upstream may
//! have checked here is its adapter's choice (an upstream's users and
//! catalogues are its own, so a condition naming the gateway's is refused
//! before it gets here).

use crm_core::{
    CatalogueKind, Client, ClientFilter, ContactKind, ContactPoint, ContactPointQuery,
    SearchPattern, Status, TextField, Visibility, fold_name, normalize_search,
};

/// The client's live points (upstreams keep no others, or show them apart).
pub(crate) fn live_points(client: &Client) -> impl Iterator<Item = &ContactPoint> {
    client
        .contacts
        .iter()
        .filter(|p| p.status == Status::Active)
}

/// Whether the caller's regular expression finds the client's name or one
/// of its live contact values.
pub(crate) fn found(pattern: &SearchPattern, client: &Client) -> bool {
    pattern.is_match(client.name.as_full())
        || live_points(client).any(|p| pattern.is_match(&p.value))
}

/// Whether `point` is one `query` asks for, its paging aside.
pub(crate) fn wanted(query: &ContactPointQuery, point: &ContactPoint) -> bool {
    query.id.is_none_or(|id| id == point.id)
        && query.value.as_ref().is_none_or(|v| *v == point.value)
        && (query.kinds.is_empty() || query.kinds.contains(&point.kind))
        && (query.services.is_empty() || query.services.contains(&point.service))
        && (query.visibility == Visibility::IncludeDeleted || point.status == Status::Active)
        && query
            .search
            .as_ref()
            .is_none_or(|s| s.is_match(&point.value))
}

/// Whether `filter` holds for `client`.
pub(crate) fn holds(filter: &ClientFilter, client: &Client) -> bool {
    match filter {
        ClientFilter::Ids(ids) => ids.contains(&client.id),
        ClientFilter::Kind(kind) => client.kind == *kind,
        ClientFilter::NameIs(name) => fold_name(client.name.as_full()) == fold_name(name),
        ClientFilter::CreatedAfter(at) => client.created_at > *at,
        ClientFilter::CreatedBefore(at) => client.created_at < *at,
        ClientFilter::ResponsibleIn(users) => client
            .attributes
            .responsible
            .is_some_and(|u| users.contains(&u)),
        ClientFilter::MemberOf(company) => client.companies.iter().any(|c| c.id == *company),
        ClientFilter::Contains { fields, needle } => {
            fields.iter().any(|field| contains(client, *field, needle))
        }
        ClientFilter::ContactIs { kind, value } => live_points(client).any(|p| {
            p.kind == *kind && normalize_search(p.kind, &p.value) == normalize_search(*kind, value)
        }),
        ClientFilter::HasContactKind(kinds) => live_points(client).any(|p| kinds.contains(&p.kind)),
        ClientFilter::HasContactService(services) => {
            live_points(client).any(|p| services.contains(&p.service))
        }
        ClientFilter::Catalogue { kind, entry } => match kind {
            CatalogueKind::Loyalty => &client.loyalty,
            CatalogueKind::Source => &client.source,
            CatalogueKind::Group => &client.group,
        }
        .as_ref()
        .is_some_and(|e| e.id == *entry),
        ClientFilter::FieldContains { number, needle } => client.fields.iter().any(|f| {
            f.number == *number && f.value.to_lowercase().contains(&needle.to_lowercase())
        }),
        ClientFilter::HasPortalAccess => client.attributes.portal.is_some(),
    }
}

fn contains(client: &Client, field: TextField, needle: &str) -> bool {
    let needle = needle.to_lowercase();
    let text = |t: Option<&String>| t.is_some_and(|t| t.to_lowercase().contains(&needle));
    let point = |kind: Option<ContactKind>| {
        live_points(client).any(|p| {
            kind.is_none_or(|k| p.kind == k)
                && normalize_search(p.kind, &p.value).contains(&normalize_search(p.kind, &needle))
        })
    };
    match field {
        TextField::Name => client.name.as_full().to_lowercase().contains(&needle),
        TextField::Position => text(client.attributes.position.as_ref()),
        TextField::Description => text(client.attributes.description.as_ref()),
        TextField::Address => text(client.attributes.address.as_ref()),
        TextField::Role => text(client.attributes.role.as_ref()),
        TextField::Phone => point(Some(ContactKind::Phone)),
        TextField::Mail => point(Some(ContactKind::Mail)),
        TextField::AnyContact => point(None),
    }
}
