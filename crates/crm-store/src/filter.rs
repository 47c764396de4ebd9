//! The dynamic parts of list queries. Only `&'static str` fragments chosen by
//! enums are pushed as SQL; every value the caller sent goes through
//! `push_bind`. Written once, generic over the backend.

use crm_core::{
    AccountId, CatalogueKind, ClientFilter, ClientQuery, ContactKind, ContactPointQuery, Direction,
    SortKey, TextField, Visibility, normalize_search,
};
use sqlx::{Database, Encode, QueryBuilder, Type};

use crate::prefilter::{Backend, push_word_candidates, starts_from_candidates};
use crate::sql::filters;

/// `WHERE` for a client list, over `clients c` joined to loyalty `l` and source `s`.
///
/// When an index of trigrams narrows the list, SQLite must start from its
/// candidates unless they are many ([`prefilter::starts_from_candidates`]);
/// without statistics its planner would rather walk the whole account in
/// list order and probe the candidates for each client. The unary `+` keeps
/// it off the account's indexes. (Statistics would steer it too, but ones
/// taken while the tables were small steer other statements wrong as they
/// grow.)
pub(crate) fn push_client_where<'a, DB>(
    qb: &mut QueryBuilder<'a, DB>,
    backend: Backend,
    account: AccountId,
    query: &ClientQuery,
) where
    DB: Database,
    i64: Encode<'a, DB> + Type<DB>,
    String: Encode<'a, DB> + Type<DB>,
{
    qb.push(match backend {
        Backend::Sqlite if starts_from_candidates(query) => "WHERE +c.account_id = ",
        _ => "WHERE c.account_id = ",
    })
    .push_bind(account.get());
    if query.visibility == Visibility::LiveOnly {
        qb.push(" AND c.status = 'active'");
    }
    // One name finds its few clients through the name index; a trigram
    // candidate set beside it could only be larger.
    let candidates = !names_one(query);
    for filter in &query.filters {
        push_filter(qb, backend, account, filter, candidates);
    }
}

pub(crate) fn names_one(query: &ClientQuery) -> bool {
    query
        .filters
        .iter()
        .any(|filter| matches!(filter, ClientFilter::NameIs(_)))
}

fn push_filter<'a, DB>(
    qb: &mut QueryBuilder<'a, DB>,
    backend: Backend,
    account: AccountId,
    filter: &ClientFilter,
    candidates: bool,
) where
    DB: Database,
    i64: Encode<'a, DB> + Type<DB>,
    String: Encode<'a, DB> + Type<DB>,
{
    match filter {
        ClientFilter::Ids(ids) => {
            qb.push(" AND c.id");
            push_in(qb, ids.iter().map(|i| i.get()));
        }
        ClientFilter::Kind(kind) => {
            qb.push(" AND c.kind = ")
                .push_bind(kind.as_str().to_owned());
        }
        ClientFilter::NameIs(name) => {
            qb.push(" AND c.name_folded = ")
                .push_bind(crm_core::fold_name(name));
        }
        ClientFilter::CreatedAfter(at) => {
            qb.push(" AND c.created_at > ").push_bind(at.millis());
        }
        ClientFilter::CreatedBefore(at) => {
            qb.push(" AND c.created_at < ").push_bind(at.millis());
        }
        ClientFilter::ResponsibleIn(users) => {
            qb.push(" AND c.responsible_id");
            push_in(qb, users.iter().map(|u| u.get()));
        }
        ClientFilter::MemberOf(company) => {
            qb.push(filters::MEMBER_OF)
                .push_bind(company.get())
                .push(")");
        }
        ClientFilter::Contains { fields, needle } => {
            if candidates {
                push_word_candidates(qb, backend, account.get(), fields, needle);
            }
            push_contains(qb, fields, needle);
        }
        ClientFilter::ContactIs { kind, value } => {
            qb.push(filters::CONTACT_EXISTS)
                .push(" AND cp.kind = ")
                .push_bind(kind.as_str().to_owned())
                .push(" AND cp.value_folded = ")
                .push_bind(normalize_search(*kind, value))
                .push(")");
        }
        ClientFilter::HasContactKind(kinds) => {
            qb.push(filters::CONTACT_EXISTS).push(" AND cp.kind");
            push_in(qb, kinds.iter().map(|k| k.as_str().to_owned()));
            qb.push(")");
        }
        ClientFilter::HasContactService(services) => {
            qb.push(filters::CONTACT_EXISTS).push(" AND cp.service");
            push_in(qb, services.iter().map(|s| s.as_str().to_owned()));
            qb.push(")");
        }
        ClientFilter::Catalogue { kind, entry } => {
            qb.push(catalogue_column(*kind)).push_bind(entry.get());
        }
        ClientFilter::FieldContains { number, needle } => {
            qb.push(filters::FIELD_EXISTS)
                .push_bind(*number)
                .push(" AND f.value_folded LIKE ")
                .push_bind(like_pattern(needle))
                .push(" ESCAPE '\\')");
        }
        ClientFilter::HasPortalAccess => {
            qb.push(" AND c.portal_login IS NOT NULL");
        }
    }
}

fn catalogue_column(kind: CatalogueKind) -> &'static str {
    match kind {
        CatalogueKind::Loyalty => " AND c.loyalty_id = ",
        CatalogueKind::Source => " AND c.source_id = ",
        CatalogueKind::Group => " AND c.group_id = ",
    }
}

fn push_contains<'a, DB>(qb: &mut QueryBuilder<'a, DB>, fields: &[TextField], needle: &str)
where
    DB: Database,
    i64: Encode<'a, DB> + Type<DB>,
    String: Encode<'a, DB> + Type<DB>,
{
    if fields.is_empty() {
        return;
    }
    qb.push(" AND (");
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            qb.push(" OR ");
        }
        // Phones are stored without `+ ( ) -` and spaces, so the needle drops
        // them too; a needle of nothing but those finds no phone.
        let pattern = match field {
            TextField::Phone => match normalize_search(ContactKind::Phone, needle) {
                folded if folded.is_empty() => {
                    qb.push("1 = 0");
                    continue;
                }
                folded => like_pattern(&folded),
            },
            _ => like_pattern(needle),
        };
        let (column, contact) = text_column(*field);
        match contact {
            None => qb.push(column),
            Some(kind) => qb
                .push(filters::CONTACT_EXISTS.trim_start_matches(" AND "))
                .push(kind)
                .push(" AND cp.value_folded"),
        };
        qb.push(" LIKE ").push_bind(pattern).push(" ESCAPE '\\'");
        if contact.is_some() {
            qb.push(")");
        }
    }
    qb.push(")");
}

/// The folded column of a text field, or the contact-kind condition when the
/// field lives in contact points.
fn text_column(field: TextField) -> (&'static str, Option<&'static str>) {
    match field {
        TextField::Name => ("c.name_folded", None),
        TextField::Position => ("c.position_folded", None),
        TextField::Description => ("c.description_folded", None),
        TextField::Address => ("c.address_folded", None),
        TextField::Role => ("c.role_folded", None),
        TextField::Phone => ("", Some(" AND cp.kind = 'phone'")),
        TextField::Mail => ("", Some(" AND cp.kind = 'mail'")),
        TextField::AnyContact => ("", Some("")),
    }
}

/// `%needle%` with LIKE's own wildcards escaped, folded like the columns.
pub(crate) fn like_pattern(needle: &str) -> String {
    like_contains(&needle.to_lowercase())
}

/// `%text%`, case kept, with LIKE's own wildcards escaped.
pub(crate) fn like_contains(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// ` IN (...)` over bound values; an empty set matches nothing.
pub(crate) fn push_in<'a, DB, T>(qb: &mut QueryBuilder<'a, DB>, values: impl IntoIterator<Item = T>)
where
    DB: Database,
    T: 'a + Encode<'a, DB> + Type<DB>,
{
    let mut values = values.into_iter().peekable();
    if values.peek().is_none() {
        qb.push(" IN (NULL)");
        return;
    }
    qb.push(" IN (");
    let mut list = qb.separated(", ");
    for v in values {
        list.push_bind(v);
    }
    qb.push(")");
}

/// `ORDER BY`, the id last to break ties; NULLs sort as MySQL sorts them
/// (first ascending), the same on both backends.
pub(crate) fn push_client_order<DB: Database>(
    qb: &mut QueryBuilder<'_, DB>,
    sort: &[(SortKey, Direction)],
) {
    qb.push(" ORDER BY ");
    for (key, direction) in sort {
        qb.push(sort_expr(*key)).push(match direction {
            Direction::Asc => " ASC NULLS FIRST, ",
            Direction::Desc => " DESC NULLS LAST, ",
        });
    }
    let id_direction = match sort.first() {
        Some((_, Direction::Desc)) => " DESC",
        _ => " ASC",
    };
    qb.push("c.id").push(id_direction);
}

pub(crate) fn sort_expr(key: SortKey) -> &'static str {
    match key {
        SortKey::Id => "c.id",
        SortKey::Name => "c.name_folded",
        SortKey::Kind => "c.kind",
        SortKey::Position => "c.position_folded",
        SortKey::Description => "c.description_folded",
        SortKey::Address => "c.address_folded",
        SortKey::Role => "c.role_folded",
        SortKey::Responsible => "c.responsible_id",
        SortKey::Created => "c.created_at",
        SortKey::Updated => "c.updated_at",
        SortKey::Email => FIRST_MAIL,
        SortKey::Phone => FIRST_PHONE,
        SortKey::Loyalty => "l.title",
        SortKey::Source => "s.title",
    }
}

const FIRST_MAIL: &str = "(SELECT cp.value_folded FROM contact_points cp \
     WHERE cp.account_id = c.account_id AND cp.client_id = c.id \
     AND cp.kind = 'mail' AND cp.status = 'active' ORDER BY cp.position, cp.id LIMIT 1)";
const FIRST_PHONE: &str = "(SELECT cp.value_folded FROM contact_points cp \
     WHERE cp.account_id = c.account_id AND cp.client_id = c.id \
     AND cp.kind = 'phone' AND cp.status = 'active' ORDER BY cp.position, cp.id LIMIT 1)";

/// `WHERE` for a contact-point list.
pub(crate) fn push_contact_where<'a, DB>(
    qb: &mut QueryBuilder<'a, DB>,
    account: AccountId,
    query: &ContactPointQuery,
) where
    DB: Database,
    i64: Encode<'a, DB> + Type<DB>,
    String: Encode<'a, DB> + Type<DB>,
{
    qb.push("WHERE account_id = ").push_bind(account.get());
    if query.visibility == Visibility::LiveOnly {
        qb.push(" AND status = 'active'");
    }
    if let Some(client) = query.client {
        qb.push(" AND client_id = ").push_bind(client.get());
    }
    if let Some(id) = query.id {
        qb.push(" AND id = ").push_bind(id.get());
    }
    if let Some(value) = &query.value {
        qb.push(" AND value = ").push_bind(value.clone());
    }
    if !query.kinds.is_empty() {
        qb.push(" AND kind");
        push_in(qb, query.kinds.iter().map(|k| k.as_str().to_owned()));
    }
    if !query.services.is_empty() {
        qb.push(" AND service");
        push_in(qb, query.services.iter().map(|s| s.as_str().to_owned()));
    }
}

/// Converts a window to SQL integers; `None` when it starts past any row
/// (an offset beyond `i64`), so the caller answers an empty page.
pub(crate) fn window(offset: u64, limit: u64) -> Option<(i64, i64)> {
    let offset = i64::try_from(offset).ok()?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    Some((offset, limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_contains_keeps_case() {
        assert_eq!(like_contains("50%_Ф\\"), "%50\\%\\_Ф\\\\%");
    }

    #[test]
    fn like_pattern_escapes_wildcards_and_folds_case() {
        assert_eq!(like_pattern("50%_ОФФ\\"), "%50\\%\\_офф\\\\%");
    }

    #[test]
    fn window_refuses_offsets_beyond_i64() {
        assert_eq!(window(u64::MAX, 10), None);
        assert_eq!(window(5, u64::MAX), Some((5, i64::MAX)));
    }
}
