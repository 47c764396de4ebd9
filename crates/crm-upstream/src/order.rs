//! A list's order put on clients read whole from an upstream, where the
//! upstream cannot give it: the store's (crm-store `push_client_order`):
//! folded values, an absent one first ascending and last descending, the
//! id last in the first key's direction.

use std::cmp::Ordering;

use crm_core::{Client, ContactKind, Direction, SortKey, fold_name, normalize_search};

use crate::filters::live_points;

/// Sorts `clients` by `keys`, the id breaking ties.
pub(crate) fn sort(clients: &mut [Client], keys: &[(SortKey, Direction)]) {
    let ties = match keys.first() {
        Some((_, Direction::Desc)) => Direction::Desc,
        _ => Direction::Asc,
    };
    clients.sort_by(|a, b| {
        keys.iter()
            .chain(std::iter::once(&(SortKey::Id, ties)))
            .map(|(key, direction)| match direction {
                Direction::Asc => compare(*key, a, b),
                Direction::Desc => compare(*key, a, b).reverse(),
            })
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    });
}

fn compare(key: SortKey, a: &Client, b: &Client) -> Ordering {
    let text = |t: &Option<String>| t.as_ref().map(|t| t.to_lowercase());
    match key {
        SortKey::Id => a.id.cmp(&b.id),
        SortKey::Name => fold_name(a.name.as_full()).cmp(&fold_name(b.name.as_full())),
        SortKey::Kind => a.kind.as_str().cmp(b.kind.as_str()),
        SortKey::Position => text(&a.attributes.position).cmp(&text(&b.attributes.position)),
        SortKey::Description => {
            text(&a.attributes.description).cmp(&text(&b.attributes.description))
        }
        SortKey::Address => text(&a.attributes.address).cmp(&text(&b.attributes.address)),
        SortKey::Role => text(&a.attributes.role).cmp(&text(&b.attributes.role)),
        SortKey::Responsible => a.attributes.responsible.cmp(&b.attributes.responsible),
        SortKey::Created => a.created_at.cmp(&b.created_at),
        SortKey::Updated => a.updated_at.cmp(&b.updated_at),
        SortKey::Email => first(a, ContactKind::Mail).cmp(&first(b, ContactKind::Mail)),
        SortKey::Phone => first(a, ContactKind::Phone).cmp(&first(b, ContactKind::Phone)),
        SortKey::Loyalty => title(&a.loyalty).cmp(&title(&b.loyalty)),
        SortKey::Source => title(&a.source).cmp(&title(&b.source)),
    }
}

fn first(client: &Client, kind: ContactKind) -> Option<String> {
    live_points(client)
        .filter(|p| p.kind == kind)
        .min_by_key(|p| (p.position, p.id))
        .map(|p| normalize_search(kind, &p.value))
}

fn title(entry: &Option<crm_core::CatalogueEntry>) -> Option<String> {
    entry.as_ref().map(|e| e.title.to_lowercase())
}
