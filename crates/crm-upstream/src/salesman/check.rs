//! The conditions and order of a client list, applied here to persons read
//! from the SalesMan upstream, for the lists its own `list` cannot answer
//! exactly.

use std::cmp::Ordering;

use crm_core::{
    Client, ClientFilter, ContactKind, ContactPoint, Direction, SortKey, Status, TextField,
    normalize_search,
};

use super::query::Plan;

impl Plan {
    /// Whether `client` is in the list.
    pub(super) fn keeps(&self, client: &Client) -> bool {
        self.filters.iter().all(|filter| holds(filter, client))
            && self.search.as_ref().is_none_or(|pattern| {
                pattern.is_match(client.name.as_full())
                    || live_points(client).any(|p| pattern.is_match(&p.value))
            })
    }

    /// Puts `clients` in the list's order, ties by id.
    pub(super) fn sort(&self, clients: &mut [Client]) {
        clients.sort_by(|a, b| {
            self.sort
                .iter()
                .map(|(key, direction)| {
                    let order = compare(*key, a, b);
                    match direction {
                        Direction::Asc => order,
                        Direction::Desc => order.reverse(),
                    }
                })
                .find(|order| order.is_ne())
                .unwrap_or_else(|| a.id.cmp(&b.id))
        });
    }
}

fn holds(filter: &ClientFilter, client: &Client) -> bool {
    let folded = |text: &str| text.to_lowercase();
    match filter {
        ClientFilter::Ids(ids) => ids.contains(&client.id),
        ClientFilter::Kind(kind) => client.kind == *kind,
        ClientFilter::NameIs(name) => folded(client.name.as_full()) == folded(name),
        ClientFilter::CreatedAfter(at) => client.created_at > *at,
        ClientFilter::CreatedBefore(at) => client.created_at < *at,
        ClientFilter::MemberOf(id) => client.companies.iter().any(|c| c.id == *id),
        ClientFilter::Contains { fields, needle } => {
            fields.iter().any(|field| contains(client, *field, needle))
        }
        ClientFilter::ContactIs { kind, value } => {
            live_points(client).any(|p| p.kind == *kind && folded(&p.value) == folded(value))
        }
        ClientFilter::HasContactKind(kinds) => live_points(client).any(|p| kinds.contains(&p.kind)),
        ClientFilter::HasContactService(services) => {
            live_points(client).any(|p| services.contains(&p.service))
        }
        ClientFilter::FieldContains { number, needle } => client
            .fields
            .iter()
            .any(|f| f.number == *number && folded(&f.value).contains(&folded(needle))),
        ClientFilter::HasPortalAccess => client.portal.is_some(),
        ClientFilter::ResponsibleIn(_) | ClientFilter::Catalogue { .. } => false,
    }
}

fn contains(client: &Client, field: TextField, needle: &str) -> bool {
    let needle = needle.to_lowercase();
    let has = |text: Option<&String>| text.is_some_and(|t| t.to_lowercase().contains(&needle));
    let point = |kind: Option<ContactKind>| {
        live_points(client).any(|p| {
            kind.is_none_or(|k| p.kind == k)
                && normalize_search(p.kind, &p.value).contains(&normalize_search(p.kind, &needle))
        })
    };
    match field {
        TextField::Name => client.name.as_full().to_lowercase().contains(&needle),
        TextField::Position => has(client.position.as_ref()),
        TextField::Description => has(client.description.as_ref()),
        TextField::Address => has(client.address.as_ref()),
        TextField::Role => has(client.role.as_ref()),
        TextField::Phone => point(Some(ContactKind::Phone)),
        TextField::Mail => point(Some(ContactKind::Mail)),
        TextField::AnyContact => point(None),
    }
}

fn live_points(client: &Client) -> impl Iterator<Item = &ContactPoint> {
    client
        .contacts
        .iter()
        .filter(|p| p.status == Status::Active)
}

/// The first live value of `kind`, in point order.
fn first_of(client: &Client, kind: ContactKind) -> Option<String> {
    live_points(client)
        .filter(|p| p.kind == kind)
        .min_by_key(|p| p.position)
        .map(|p| p.value.to_lowercase())
}

/// Text keys compare folded to lowercase; an absent value sorts first.
fn compare(key: SortKey, a: &Client, b: &Client) -> Ordering {
    let text = |c: &Client| -> Option<String> {
        match key {
            SortKey::Name => Some(c.name.as_full().to_lowercase()),
            SortKey::Position => c.position.as_ref().map(|v| v.to_lowercase()),
            SortKey::Role => c.role.as_ref().map(|v| v.to_lowercase()),
            SortKey::Description => c.description.as_ref().map(|v| v.to_lowercase()),
            SortKey::Address => c.address.as_ref().map(|v| v.to_lowercase()),
            SortKey::Email => first_of(c, ContactKind::Mail),
            SortKey::Phone => first_of(c, ContactKind::Phone),
            SortKey::Loyalty => c.loyalty.as_ref().map(|e| e.title.to_lowercase()),
            SortKey::Source => c.source.as_ref().map(|e| e.title.to_lowercase()),
            SortKey::Id
            | SortKey::Kind
            | SortKey::Responsible
            | SortKey::Created
            | SortKey::Updated => None,
        }
    };
    match key {
        SortKey::Id => a.id.cmp(&b.id),
        SortKey::Kind => a.kind.as_str().cmp(b.kind.as_str()),
        SortKey::Created => a.created_at.cmp(&b.created_at),
        SortKey::Updated => a.updated_at.cmp(&b.updated_at),
        SortKey::Responsible => a.responsible.cmp(&b.responsible),
        _ => text(a).cmp(&text(b)),
    }
}
