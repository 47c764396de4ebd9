//! A client list as the Eadesk upstream can serve it: what its `read`
//! filters itself (`id`, `search`, `type`, `service`, `needExistingRecords`,
//! `offset`/`limit` in creation order), what is checked and ordered here
//! over persons read from it, and what is refused because neither can
//! answer it truly.

use crm_core::{
    Client, ClientFilter, ClientId, ClientKind, ClientQuery, CoreError, CoreResult, Direction,
    SearchPattern, SortKey, Visibility,
};
use crm_eadesk::client::PersonFilter;

use super::map::keeps;
use crate::filters::{found, holds};

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
            && self
                .search
                .as_ref()
                .is_none_or(|pattern| found(pattern, client))
    }

    /// Puts `clients` in the list's order.
    pub(crate) fn order(&self, clients: &mut [Client]) {
        if let Some(sort) = &self.sort {
            crate::order::sort(clients, sort);
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
