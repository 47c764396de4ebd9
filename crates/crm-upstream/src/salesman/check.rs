//! The conditions and order of a client list, applied here to persons read
//! from the SalesMan upstream, for the lists its own `list` cannot answer
//! exactly.

use crm_core::Client;

use super::query::Plan;
use crate::filters::{found, holds};

impl Plan {
    /// Whether `client` is in the list.
    pub(super) fn keeps(&self, client: &Client) -> bool {
        self.filters.iter().all(|filter| holds(filter, client))
            && self
                .search
                .as_ref()
                .is_none_or(|pattern| found(pattern, client))
    }

    /// Puts `clients` in the list's order, ties by id.
    pub(super) fn sort(&self, clients: &mut [Client]) {
        crate::order::sort(clients, &self.sort);
    }
}
