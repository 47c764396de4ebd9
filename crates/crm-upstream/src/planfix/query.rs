//! A client list as the Planfix upstream can serve it: what
//! `contact.getList` filters itself (reference/planfix.md §7.5: `company`,
//! `search`, filters 4001–4010, `sortType`), what is checked here over
//! pages read from it, and what is refused because neither can answer it
//! truly.

use crm_core::{
    CatalogueKind, Client, ClientFilter, ClientId, ClientKind, ClientQuery, ContactKind, CoreError,
    CoreResult, Direction, SearchPattern, SortKey, TextField,
};
use crm_planfix::op::{FilterIn, ListIn};

use super::order::{locally_sortable, native_sort};
use crate::filters::{found, holds};

/// How one list is read.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// `contact.getList` without paging: the filters and order it carries.
    pub request: ListIn,
    /// The conditions `request` carries, checked here on clients read one
    /// by one.
    pub pushed: Vec<ClientFilter>,
    /// Only these clients, read one by one.
    pub ids: Option<Vec<ClientId>>,
    /// Conditions checked here on every client read.
    pub local: Vec<ClientFilter>,
    /// The caller's regular expression, matched here.
    pub search: Option<SearchPattern>,
    /// The order, when it is put here rather than by the upstream.
    pub sort: Option<Vec<(SortKey, Direction)>>,
}

impl Plan {
    /// Whether the upstream's list is the list, page for page.
    pub(crate) fn is_native(&self) -> bool {
        self.ids.is_none() && self.local.is_empty() && self.search.is_none() && self.sort.is_none()
    }

    /// Whether `client`, read one by one, is in the list.
    pub(crate) fn keeps_alone(&self, client: &Client) -> bool {
        self.pushed.iter().all(|filter| holds(filter, client)) && self.keeps(client)
    }

    /// Whether `client`, read through the upstream's list, is in it.
    pub(crate) fn keeps(&self, client: &Client) -> bool {
        self.local.iter().all(|filter| holds(filter, client))
            && self
                .search
                .as_ref()
                .is_none_or(|pattern| found(pattern, client))
    }
}

fn filter(kind: &str, value: &str) -> FilterIn {
    FilterIn {
        kind: kind.to_owned(),
        operator: "equal".to_owned(),
        value: value.to_owned(),
    }
}

/// A needle Planfix's "contains" finds as the gateway does: its text
/// filters look into one field at a time, so a needle with a space
/// (which may span the given and last names) is checked here.
fn one_word(needle: &str) -> bool {
    !needle.is_empty() && !needle.contains(char::is_whitespace)
}

/// The filter type of a one-field substring condition Planfix runs
/// itself; phones only as digits, since how Planfix folds a number's
/// punctuation is not known.
fn text_filter(fields: &[TextField], needle: &str) -> Option<&'static str> {
    match fields {
        [TextField::Name] if one_word(needle) => Some("4001"),
        [TextField::Position] => Some("4002"),
        [TextField::Phone] if needle.chars().all(|c| c.is_ascii_digit()) => Some("4003"),
        [TextField::Address] => Some("4004"),
        [TextField::Mail] => Some("4005"),
        _ => None,
    }
}

/// The plan of `query`, or why the Planfix upstream cannot answer it.
pub(crate) fn plan(query: &ClientQuery) -> CoreResult<Plan> {
    let mut plan = Plan {
        search: query.search.clone(),
        ..Plan::default()
    };
    for condition in &query.filters {
        let request = &mut plan.request;
        match condition {
            ClientFilter::Kind(kind) => request.filters.push(match kind {
                ClientKind::Company => filter("4006", "1"),
                ClientKind::Person => filter("4007", "1"),
            }),
            ClientFilter::MemberOf(company) if request.company.is_none() => {
                request.company = Some(company.to_string());
            }
            ClientFilter::Contains { fields, needle }
                if matches!(
                    fields.as_slice(),
                    [TextField::Name, TextField::Mail] | [TextField::Mail, TextField::Name]
                ) && one_word(needle)
                    && request.search.is_none() =>
            {
                request.search = Some(needle.clone());
            }
            ClientFilter::Contains { fields, needle } if text_filter(fields, needle).is_some() => {
                let kind = text_filter(fields, needle).unwrap_or_default();
                request.filters.push(filter(kind, needle));
            }
            // "contains" narrows the pages read; equality is checked here.
            ClientFilter::ContactIs { kind, value }
                if matches!(kind, ContactKind::Mail | ContactKind::Phone) =>
            {
                let kind = if *kind == ContactKind::Mail {
                    "4005"
                } else {
                    "4003"
                };
                if kind == "4005" || value.chars().all(|c| c.is_ascii_digit()) {
                    request.filters.push(filter(kind, value));
                }
                plan.local.push(condition.clone());
                continue;
            }
            ClientFilter::Catalogue {
                kind: CatalogueKind::Group,
                entry,
            } => request.filters.push(filter("4008", &entry.to_string())),
            ClientFilter::HasPortalAccess => request.filters.push(filter("4010", "1")),
            ClientFilter::Ids(ids) => {
                plan.ids = Some(match plan.ids.take() {
                    None => ids.clone(),
                    Some(kept) => kept.into_iter().filter(|id| ids.contains(id)).collect(),
                });
                continue;
            }
            other if checkable(other) => {
                plan.local.push(other.clone());
                continue;
            }
            other => return Err(refused(other)),
        }
        plan.pushed.push(condition.clone());
    }
    if let Some(bad) = query.sort.iter().find(|(key, _)| !locally_sortable(*key)) {
        return Err(CoreError::invalid(
            "sort",
            format!("the Planfix upstream cannot sort by {:?}", bad.0),
        ));
    }
    match native_sort(&query.sort) {
        Some(sort_type) => plan.request.sort_type = sort_type,
        None => plan.sort = Some(query.sort.clone()),
    }
    Ok(plan)
}

/// Conditions this side can check on a contact as the upstream draws it.
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
    )
}

fn refused(filter: &ClientFilter) -> CoreError {
    let what = match filter {
        ClientFilter::ResponsibleIn(_) => "responsible user (the upstream's users are its own)",
        ClientFilter::Catalogue { .. } => "a loyalty or source entry (Planfix has none)",
        _ => "this condition",
    };
    CoreError::invalid(
        "filter",
        format!("the Planfix upstream cannot filter by {what}"),
    )
}
