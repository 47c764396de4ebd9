//! Seeking a list past a client by its sort value and id: one row-value
//! comparison that the order's index answers as a range, in place of
//! skipping every client before it.

use crm_core::{Anchor, Direction, SortKey, SortValue};
use sqlx::{Database, Encode, QueryBuilder, Type};

/// What a [`crm_core::ClientQuery::seekable`] order sorts by before the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SeekKey {
    /// The id alone.
    Id,
    /// An instant column of `clients`.
    Instant(&'static str),
    /// A folded text column of `clients`.
    Text(&'static str),
}

impl SeekKey {
    pub(crate) fn of(sort: &[(SortKey, Direction)]) -> Self {
        match sort.first() {
            Some((SortKey::Name, _)) => Self::Text("name_folded"),
            Some((SortKey::Created, _)) => Self::Instant("created_at"),
            Some((SortKey::Updated, _)) => Self::Instant("updated_at"),
            _ => Self::Id,
        }
    }

    /// Whether `value` is a value of this key.
    pub(crate) fn fits(self, value: &SortValue) -> bool {
        matches!(
            (self, value),
            (Self::Id, SortValue::IdOnly)
                | (Self::Instant(_), SortValue::Instant(_))
                | (Self::Text(_), SortValue::Text(_))
        )
    }
}

/// What the list goes on past.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Past<'a> {
    /// An anchor the caller holds.
    Anchor(&'a Anchor),
    /// The previous row of the anchors' walk: columns `a.id`, `a.instant`
    /// and `a.text` (`sql::clients::ANCHORS_*`).
    Previous,
}

/// `AND` the list `c` goes on past `past`.
pub(crate) fn push_seek<'a, DB>(
    qb: &mut QueryBuilder<'a, DB>,
    sort: &[(SortKey, Direction)],
    past: Past<'a>,
) where
    DB: Database,
    i64: Encode<'a, DB> + Type<DB>,
    &'a str: Encode<'a, DB> + Type<DB>,
{
    let beyond = match sort.first() {
        Some((_, Direction::Desc)) => " < ",
        _ => " > ",
    };
    let (column, previous) = match SeekKey::of(sort) {
        SeekKey::Id => (None, "a.id"),
        SeekKey::Instant(column) => (Some(column), "a.instant, a.id"),
        SeekKey::Text(column) => (Some(column), "a.text, a.id"),
    };
    qb.push(" AND ((");
    if let Some(column) = column {
        qb.push("c.").push(column).push(", ");
    }
    qb.push("c.id)").push(beyond).push("(");
    match past {
        Past::Anchor(anchor) => {
            match &anchor.key {
                SortValue::Text(text) if column.is_some() => {
                    qb.push_bind(text.as_str()).push(", ");
                }
                SortValue::Instant(at) if column.is_some() => {
                    qb.push_bind(at.0).push(", ");
                }
                _ => {}
            }
            qb.push_bind(anchor.id.get());
        }
        Past::Previous => {
            qb.push(previous);
        }
    }
    qb.push("))");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::sort_expr;

    /// The seek compares the very expression the order sorts by.
    #[test]
    fn a_seek_key_is_the_order_s_column() {
        for key in [SortKey::Name, SortKey::Created, SortKey::Updated] {
            let column = match SeekKey::of(&[(key, Direction::Asc)]) {
                SeekKey::Instant(column) | SeekKey::Text(column) => column,
                SeekKey::Id => panic!("{key:?} has a column"),
            };
            assert_eq!(format!("c.{column}"), sort_expr(key));
        }
        assert_eq!(SeekKey::of(&[]), SeekKey::Id);
        assert_eq!(SeekKey::of(&[(SortKey::Id, Direction::Desc)]), SeekKey::Id);
    }
}
