//! A client list as the SalesMan upstream can serve it. Its `list` filters
//! by substrings (`filter[person|ptitle|rol|mail|inputN]`, LIKE), company
//! (`filter[clid]`), creation dates and one `order`; those conditions are
//! sent, and when each means exactly what the core asks, its pages and
//! `count` are the list's. Conditions it has no exact spelling for are sent
//! as a wider LIKE where one exists, and checked here over every page read
//! from it; what neither side can answer is refused.

use crm_core::{
    ClientFilter, ClientId, ClientKind, ClientQuery, ContactKind, CoreError, CoreResult, Direction,
    SearchPattern, SortKey, TextField, Timestamp,
};
use crm_salesman::op::{ListArgs, ListFilter};

use super::full_view;

/// How one list is read.
#[derive(Debug)]
pub(super) struct Plan {
    /// The upstream's list call: filters, dates and order.
    pub args: ListArgs,
    /// Whether the call's pages and `count` are exactly the list's.
    pub exact: bool,
    /// The list is empty whatever the upstream holds (companies).
    pub empty: bool,
    /// Only these clients, read one by one.
    pub ids: Option<Vec<ClientId>>,
    /// Every condition of the query, checked here on what is read
    /// unless the call is exact.
    pub filters: Vec<ClientFilter>,
    /// The caller's regular expression, matched here.
    pub search: Option<SearchPattern>,
    /// The list's order, applied here to what is read unless exact.
    pub sort: Vec<(SortKey, Direction)>,
}

/// The plan of `query`, or why the SalesMan upstream cannot answer it.
pub(super) fn plan(query: &ClientQuery) -> CoreResult<Plan> {
    let mut plan = Plan {
        args: ListArgs {
            view: full_view(),
            ..ListArgs::default()
        },
        exact: query.search.is_none(),
        empty: false,
        ids: None,
        filters: query.filters.clone(),
        search: query.search.clone(),
        sort: query.sort.clone(),
    };
    let (mut after, mut before) = (None, None);
    for filter in &query.filters {
        let pushed = match filter {
            ClientFilter::Kind(ClientKind::Person) => true,
            ClientFilter::Kind(ClientKind::Company) => {
                plan.empty = true;
                true
            }
            ClientFilter::Ids(ids) => {
                plan.ids = Some(match plan.ids.take() {
                    None => ids.clone(),
                    Some(kept) => kept.into_iter().filter(|id| ids.contains(id)).collect(),
                });
                true
            }
            ClientFilter::MemberOf(id) => push(&mut plan.args, ListFilter::Company(*id)),
            ClientFilter::Contains { fields, needle } => match fields.as_slice() {
                [field] => text_filter(*field)
                    .is_some_and(|f| push(&mut plan.args, f(needle.clone())) && literal(needle)),
                _ => false,
            },
            // A LIKE that finds the name or the address among more: narrows
            // the pages read, checked here.
            ClientFilter::NameIs(name) => {
                push(
                    &mut plan.args,
                    ListFilter::Text(TextField::Name, name.clone()),
                );
                false
            }
            ClientFilter::ContactIs {
                kind: ContactKind::Mail,
                value,
            } => {
                push(
                    &mut plan.args,
                    ListFilter::Text(TextField::Mail, value.clone()),
                );
                false
            }
            ClientFilter::FieldContains { number, needle } if (1..=10).contains(number) => {
                push(&mut plan.args, ListFilter::Field(*number, needle.clone())) && literal(needle)
            }
            ClientFilter::CreatedAfter(at) if after.is_none() => {
                after = Some(*at);
                true
            }
            ClientFilter::CreatedBefore(at) if before.is_none() => {
                before = Some(*at);
                true
            }
            other if checkable(other) => false,
            other => return Err(refused(other)),
        };
        plan.exact &= pushed;
    }
    dates(&mut plan.args, after, before);
    match order(&query.sort) {
        Some((key, direction)) => {
            plan.args.order = key;
            plan.args.direction = direction;
        }
        None => plan.exact = false,
    }
    if plan
        .sort
        .iter()
        .any(|(key, _)| *key == SortKey::Responsible)
    {
        return Err(CoreError::invalid(
            "sort",
            "the SalesMan upstream's responsible users are its own; the gateway cannot sort by them",
        ));
    }
    Ok(plan)
}

/// Adds `filter` to the call unless its key is taken; whether it was.
fn push(args: &mut ListArgs, filter: ListFilter) -> bool {
    let key = |f: &ListFilter| match f {
        ListFilter::Company(_) => "clid".to_owned(),
        ListFilter::Loyalty(_) => "loyalty".to_owned(),
        ListFilter::Source(_) => "clientpath".to_owned(),
        ListFilter::Text(field, _) => format!("{field:?}"),
        ListFilter::Field(n, _) => format!("input{n}"),
    };
    if args.filters.iter().any(|f| key(f) == key(&filter)) {
        return false;
    }
    args.filters.push(filter);
    true
}

/// The `filter[...]` key that is a LIKE over exactly one core field.
/// `tel` is not one: it misses `mob` and `fax`, and compares phones as
/// written, where the core ignores their punctuation.
fn text_filter(field: TextField) -> Option<impl Fn(String) -> ListFilter> {
    matches!(
        field,
        TextField::Name | TextField::Position | TextField::Role | TextField::Mail
    )
    .then_some(move |needle| ListFilter::Text(field, needle))
}

/// A needle LIKE reads as itself: `%`, `_` and `\` are its wildcards.
fn literal(needle: &str) -> bool {
    !needle.contains(['%', '_', '\\'])
}

/// reference/salesman.md §6 "list": `dateStart` alone is `>`, `dateEnd`
/// alone `<`, both are `BETWEEN` (inclusive), over `date_create` in whole
/// seconds. Strict millisecond bounds become the whole seconds that hold.
fn dates(args: &mut ListArgs, after: Option<Timestamp>, before: Option<Timestamp>) {
    let floor = |at: Timestamp| Timestamp(at.millis().div_euclid(1000) * 1000);
    let ceil = |at: Timestamp| floor(at.plus_millis(999));
    match (after, before) {
        (Some(a), Some(b)) => {
            args.date_start = Some(floor(a).plus_millis(1000));
            args.date_end = Some(ceil(b).plus_millis(-1000));
        }
        (Some(a), None) => args.date_start = Some(floor(a)),
        (None, Some(b)) => args.date_end = Some(ceil(b)),
        (None, None) => {}
    }
}

/// The `order` and `first` the upstream sorts the list by, when it sorts it
/// exactly so: one key it has a column for, then ties by id; keys every
/// person shares (kind, description, address) change nothing. No order is
/// creation order, which the pid is.
fn order(sort: &[(SortKey, Direction)]) -> Option<(SortKey, Direction)> {
    let mut keys = sort
        .iter()
        .filter(|(key, _)| !matches!(key, SortKey::Kind | SortKey::Description | SortKey::Address));
    let Some((first, direction)) = keys.next() else {
        return Some((SortKey::Id, Direction::Asc));
    };
    let native = matches!(
        first,
        SortKey::Id
            | SortKey::Name
            | SortKey::Position
            | SortKey::Role
            | SortKey::Created
            | SortKey::Updated
            | SortKey::Email
    );
    (native && keys.all(|(key, _)| *key == SortKey::Id)).then_some((*first, *direction))
}

/// Conditions this side can check on a person as the upstream draws it.
fn checkable(filter: &ClientFilter) -> bool {
    matches!(
        filter,
        ClientFilter::Kind(_)
            | ClientFilter::NameIs(_)
            | ClientFilter::CreatedAfter(_)
            | ClientFilter::CreatedBefore(_)
            | ClientFilter::MemberOf(_)
            | ClientFilter::Contains { .. }
            | ClientFilter::ContactIs { .. }
            | ClientFilter::HasContactKind(_)
            | ClientFilter::HasContactService(_)
            | ClientFilter::FieldContains { .. }
            | ClientFilter::HasPortalAccess
    )
}

fn refused(filter: &ClientFilter) -> CoreError {
    let what = match filter {
        ClientFilter::ResponsibleIn(_) => "responsible user (the upstream's users are its own)",
        ClientFilter::Catalogue { .. } => {
            "catalogue entry id (the upstream's loyalty and source entries are its own)"
        }
        _ => "this condition",
    };
    CoreError::invalid(
        "filter",
        format!("the SalesMan upstream cannot filter by {what}"),
    )
}
