//! A client list as the Eadesk upstream can serve it: what its `read`
//! filters itself (`id`, `search`, `type`, `service`, `needExistingRecords`,
//! `offset`/`limit` in creation order), what is checked and ordered here
//! over persons read from it, and what is refused because neither can
//! answer it truly.

use std::cmp::Ordering;

use crm_core::{
    Client, ClientFilter, ClientId, ClientKind, ClientQuery, ContactKind, ContactPoint, CoreError,
    CoreResult, Direction, SearchPattern, SortKey, Status, TextField, Visibility, fold_name,
    normalize_search,
};
use crm_eadesk::client::PersonFilter;

use super::map::keeps;

/// How one list is read.
#[derive(Debug)]
pub(crate) struct Plan {
    /// `read`'s filters, without the window.
    pub filter: PersonFilter,
    /// Only these clients, read one by one.
    pub ids: Option<Vec<ClientId>>,
    /// Conditions checked here on every person read.
    pub local: Vec<ClientFilter>,
    /// The caller's regular expression, matched here too: Eadesk's search
    /// reads deleted contact values, which this list must not.
    pub search: Option<SearchPattern>,
    /// The order, when it is not the upstream's creation order.
    pub sort: Option<Vec<(SortKey, Direction)>>,
    /// Nothing can match (Eadesk holds no companies).
    pub none: bool,
}

impl Plan {
    /// Whether the upstream's own pages are the list's pages.
    pub(crate) fn is_native(&self) -> bool {
        self.ids.is_none() && self.local.is_empty() && self.search.is_none() && self.sort.is_none()
    }

    /// Whether `client`, read through `filter`, is in the list.
    pub(crate) fn keeps(&self, client: &Client) -> bool {
        self.local.iter().all(|filter| holds(filter, client))
            && self.search.as_ref().is_none_or(|pattern| {
                pattern.is_match(client.name.as_full())
                    || live_points(client).any(|p| pattern.is_match(&p.value))
            })
    }

    /// Puts `clients` in the list's order.
    pub(crate) fn order(&self, clients: &mut [Client]) {
        if let Some(sort) = &self.sort {
            clients.sort_by(|a, b| compare(sort, a, b));
        }
    }
}

/// The plan of `query`, or why the Eadesk upstream cannot answer it.
pub(crate) fn plan(query: &ClientQuery) -> CoreResult<Plan> {
    let mut plan = Plan {
        filter: PersonFilter {
            visibility: query.visibility,
            search: query.search.as_ref().map(|p| p.as_str().to_owned()),
            ..PersonFilter::default()
        },
        ids: None,
        local: Vec::new(),
        // Eadesk's search also reads deleted values: exact only where the
        // query reads them too, a narrowing pre-filter elsewhere.
        search: query
            .search
            .clone()
            .filter(|_| query.search_points == Visibility::LiveOnly),
        sort: order(&query.sort),
        none: false,
    };
    for filter in &query.filters {
        match filter {
            ClientFilter::Kind(ClientKind::Person) => {}
            ClientFilter::Kind(ClientKind::Company) => plan.none = true,
            ClientFilter::Ids(ids) => {
                plan.ids = Some(match plan.ids.take() {
                    None => ids.clone(),
                    Some(kept) => kept.into_iter().filter(|id| ids.contains(id)).collect(),
                });
            }
            ClientFilter::HasContactKind(kinds) if plan.filter.kinds.is_empty() => {
                plan.filter.kinds = kinds.iter().map(|k| k.as_str().to_owned()).collect();
            }
            ClientFilter::HasContactService(services)
                if plan.filter.services.is_empty() && services.iter().all(|s| keeps(*s)) =>
            {
                plan.filter.services = services.iter().map(|s| s.as_str().to_owned()).collect();
            }
            other if checkable(other) => plan.local.push(other.clone()),
            other => return Err(refused(other)),
        }
    }
    Ok(plan)
}

/// The order unless it is the upstream's own: creation order, ascending.
fn order(sort: &[(SortKey, Direction)]) -> Option<Vec<(SortKey, Direction)>> {
    match sort {
        [] | [(SortKey::Id | SortKey::Created, Direction::Asc)] => None,
        [
            (SortKey::Created, Direction::Asc),
            (SortKey::Id, Direction::Asc),
        ] => None,
        other => Some(other.to_vec()),
    }
}

/// Conditions this side can check on a person as the upstream draws it.
fn checkable(filter: &ClientFilter) -> bool {
    matches!(
        filter,
        ClientFilter::NameIs(_)
            | ClientFilter::CreatedAfter(_)
            | ClientFilter::CreatedBefore(_)
            | ClientFilter::Contains { .. }
            | ClientFilter::ContactIs { .. }
            | ClientFilter::HasContactKind(_)
            | ClientFilter::HasContactService(_)
    )
}

// The checks below are those of the REST adapter (rest/query.rs), kept
// here so each adapter's filters change with its upstream.
fn holds(filter: &ClientFilter, client: &Client) -> bool {
    match filter {
        ClientFilter::NameIs(name) => fold_name(client.name.as_full()) == fold_name(name),
        ClientFilter::CreatedAfter(at) => client.created_at > *at,
        ClientFilter::CreatedBefore(at) => client.created_at < *at,
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
        _ => false,
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
        TextField::Description => has(client.description.as_ref()),
        TextField::Position | TextField::Address | TextField::Role => false,
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

/// The store's order (crm-store `push_client_order`): folded values, an
/// absent one first ascending and last descending, the id last in the
/// first key's direction. Attributes Eadesk does not carry are absent on
/// every person, so they leave the order to the id.
fn compare(sort: &[(SortKey, Direction)], a: &Client, b: &Client) -> Ordering {
    for (key, direction) in sort {
        let ordering = sort_value(*key, a).cmp(&sort_value(*key, b));
        let ordering = match direction {
            Direction::Asc => ordering,
            Direction::Desc => ordering.reverse(),
        };
        if ordering != Ordering::Equal {
            return ordering;
        }
    }
    match sort.first() {
        Some((_, Direction::Desc)) => b.id.cmp(&a.id),
        _ => a.id.cmp(&b.id),
    }
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SortValue {
    Number(i64),
    Text(String),
}

fn sort_value(key: SortKey, client: &Client) -> Option<SortValue> {
    let first = |kind: ContactKind| {
        live_points(client)
            .filter(|p| p.kind == kind)
            .min_by_key(|p| (p.position, p.id))
            .map(|p| SortValue::Text(normalize_search(kind, &p.value)))
    };
    match key {
        SortKey::Id => Some(SortValue::Number(client.id.get())),
        SortKey::Name => Some(SortValue::Text(fold_name(client.name.as_full()))),
        SortKey::Kind => Some(SortValue::Text(client.kind.as_str().to_owned())),
        SortKey::Description => client
            .description
            .as_ref()
            .map(|d| SortValue::Text(d.to_lowercase())),
        SortKey::Created | SortKey::Updated => Some(SortValue::Number(client.created_at.millis())),
        SortKey::Email => first(ContactKind::Mail),
        SortKey::Phone => first(ContactKind::Phone),
        SortKey::Position
        | SortKey::Address
        | SortKey::Role
        | SortKey::Responsible
        | SortKey::Loyalty
        | SortKey::Source => None,
    }
}

fn refused(filter: &ClientFilter) -> CoreError {
    let what = match filter {
        ClientFilter::ResponsibleIn(_) => "responsible user (Eadesk shows none)",
        ClientFilter::MemberOf(_) => "company membership (Eadesk keeps no companies)",
        ClientFilter::Catalogue { .. } => "catalogue entry (Eadesk keeps none)",
        ClientFilter::FieldContains { .. } => "custom field (Eadesk keeps none)",
        ClientFilter::HasPortalAccess => "portal access (Eadesk keeps none)",
        _ => "this condition",
    };
    CoreError::invalid(
        "filter",
        format!("the Eadesk upstream cannot filter by {what}"),
    )
}
