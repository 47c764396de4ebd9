//! A client list as the REST upstream can serve it: what its list call
//! filters itself (`type`, `name`, `email`, one `sort`), what is filtered
//! here over pages read from it, and what is refused because neither can
//! answer it truly.

use crm_core::{
    Client, ClientFilter, ClientId, ClientQuery, ContactKind, CoreError, CoreResult, Direction,
    SearchPattern, SortKey, TextField,
};
use crm_rest::client::ListRequest;

use super::map::kind_code;
use crate::filters::{found, holds};

/// How one list is read.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// The upstream's list call, filters and order included.
    pub request: ListRequest,
    /// The conditions `request` carries, checked here too on clients read
    /// one by one.
    pub pushed: Vec<ClientFilter>,
    /// Only these clients, read one by one.
    pub ids: Option<Vec<ClientId>>,
    /// Conditions checked here on every client read.
    pub local: Vec<ClientFilter>,
    /// The caller's regular expression, matched here.
    pub search: Option<SearchPattern>,
}

impl Plan {
    /// Whether every client of the upstream's list is one of the list's.
    pub(crate) fn is_native(&self) -> bool {
        self.ids.is_none() && self.local.is_empty() && self.search.is_none()
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

/// The plan of `query`, or why the REST upstream cannot answer it.
pub(crate) fn plan(query: &ClientQuery) -> CoreResult<Plan> {
    let mut plan = Plan {
        search: query.search.clone(),
        ..Plan::default()
    };
    for filter in &query.filters {
        match filter {
            ClientFilter::Kind(kind) if plan.request.kind.is_none() => {
                plan.request.kind = Some(kind_code(*kind));
                plan.pushed.push(filter.clone());
            }
            ClientFilter::Contains { fields, needle }
                if fields == &[TextField::Name] && plan.request.name.is_none() =>
            {
                plan.request.name = Some(needle.clone());
                plan.pushed.push(filter.clone());
            }
            ClientFilter::ContactIs {
                kind: ContactKind::Mail,
                value,
            } if plan.request.email.is_none() => {
                plan.request.email = Some(value.clone());
                plan.pushed.push(filter.clone());
            }
            ClientFilter::Ids(ids) => {
                plan.ids = Some(match plan.ids.take() {
                    None => ids.clone(),
                    Some(kept) => kept.into_iter().filter(|id| ids.contains(id)).collect(),
                });
            }
            other if checkable(other) => plan.local.push(other.clone()),
            other => return Err(refused(other)),
        }
    }
    plan.request.sort = sort(&query.sort)?;
    Ok(plan)
}

/// Conditions this side can check on a client as the upstream draws it.
fn checkable(filter: &ClientFilter) -> bool {
    matches!(
        filter,
        ClientFilter::Kind(_)
            | ClientFilter::NameIs(_)
            | ClientFilter::CreatedAfter(_)
            | ClientFilter::CreatedBefore(_)
            | ClientFilter::Contains { .. }
            | ClientFilter::ContactIs { .. }
            | ClientFilter::HasContactKind(_)
            | ClientFilter::HasContactService(_)
    )
}

/// Yii's `sort` for the list's order: one attribute, `-` for descending.
/// An order of several keys is served when the ones after the first only
/// break ties by id, which the upstream does anyway.
fn sort(keys: &[(SortKey, Direction)]) -> CoreResult<Option<String>> {
    let Some(((key, direction), rest)) = keys.split_first() else {
        return Ok(None);
    };
    if rest.iter().any(|(k, _)| *k != SortKey::Id) {
        return Err(CoreError::invalid(
            "sort",
            "the REST upstream sorts by one attribute only",
        ));
    }
    let name = match key {
        SortKey::Id => "id",
        SortKey::Name => "name",
        SortKey::Kind => "type",
        SortKey::Description => "description",
        SortKey::Address => "real_address",
        SortKey::Created => "created_at",
        SortKey::Updated => "updated_at",
        SortKey::Email => "email",
        SortKey::Phone => "phone",
        other => {
            return Err(CoreError::invalid(
                "sort",
                format!("the REST upstream cannot sort by {other:?}"),
            ));
        }
    };
    Ok(Some(match direction {
        Direction::Asc => name.to_owned(),
        Direction::Desc => format!("-{name}"),
    }))
}

fn refused(filter: &ClientFilter) -> CoreError {
    let what = match filter {
        ClientFilter::ResponsibleIn(_) => "responsible user (the upstream's users are its own)",
        ClientFilter::MemberOf(_) => "company membership",
        ClientFilter::Catalogue { .. } => "catalogue entry",
        ClientFilter::FieldContains { .. } => "custom field",
        ClientFilter::HasPortalAccess => "portal access",
        _ => "this condition",
    };
    CoreError::invalid(
        "filter",
        format!("the REST upstream cannot filter by {what}"),
    )
}
