//! A list's order: the one `contact.getList` gives (creation order, or
//! `sortType` by name), or one put here on a list read whole.

use std::cmp::Ordering;

use crm_core::{Client, ContactKind, Direction, SortKey, fold_name};

use super::check::live;

/// Keys this side can sort a contact by; the others (role, responsible,
/// loyalty, source, last change) Planfix does not carry.
pub(crate) fn locally_sortable(key: SortKey) -> bool {
    matches!(
        key,
        SortKey::Id
            | SortKey::Name
            | SortKey::Kind
            | SortKey::Position
            | SortKey::Description
            | SortKey::Address
            | SortKey::Created
            | SortKey::Email
            | SortKey::Phone
    )
}

/// The `sortType` giving `keys`' order, when the upstream gives it: its
/// own order is creation order, and the 2010 `NAME_ASC`/`NAME_DESC` sort
/// by name with ties in that order. `None`: sorted here.
pub(crate) fn native_sort(keys: &[(SortKey, Direction)]) -> Option<Option<String>> {
    match keys {
        [] | [(SortKey::Id, Direction::Asc)] => Some(None),
        [(SortKey::Name, direction)]
        | [(SortKey::Name, direction), (SortKey::Id, Direction::Asc)] => {
            Some(Some(match direction {
                Direction::Asc => "NAME_ASC".to_owned(),
                Direction::Desc => "NAME_DESC".to_owned(),
            }))
        }
        _ => None,
    }
}

fn first(client: &Client, kind: ContactKind) -> Option<String> {
    live(client)
        .find(|p| p.kind == kind)
        .map(|p| p.value.to_lowercase())
}

fn compare(a: &Client, b: &Client, key: SortKey) -> Ordering {
    let text = |t: &Option<String>| t.as_ref().map(|t| t.to_lowercase());
    match key {
        SortKey::Name => fold_name(a.name.as_full()).cmp(&fold_name(b.name.as_full())),
        SortKey::Kind => a.kind.as_str().cmp(b.kind.as_str()),
        SortKey::Position => text(&a.position).cmp(&text(&b.position)),
        SortKey::Description => text(&a.description).cmp(&text(&b.description)),
        SortKey::Address => text(&a.address).cmp(&text(&b.address)),
        SortKey::Created => a.created_at.cmp(&b.created_at),
        SortKey::Email => first(a, ContactKind::Mail).cmp(&first(b, ContactKind::Mail)),
        SortKey::Phone => first(a, ContactKind::Phone).cmp(&first(b, ContactKind::Phone)),
        _ => a.id.cmp(&b.id),
    }
}

/// Sorts `clients` by `keys`, the id breaking ties.
pub(crate) fn sort(clients: &mut [Client], keys: &[(SortKey, Direction)]) {
    clients.sort_by(|a, b| {
        keys.iter()
            .map(|(key, direction)| match direction {
                Direction::Asc => compare(a, b, *key),
                Direction::Desc => compare(a, b, *key).reverse(),
            })
            .find(|o| o.is_ne())
            .unwrap_or_else(|| a.id.cmp(&b.id))
    });
}
