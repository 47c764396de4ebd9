//! A list's order: the one `contact.getList` gives (creation order, or
//! `sortType` by name), or one put here on a list read whole.

use crm_core::{Direction, SortKey};

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
