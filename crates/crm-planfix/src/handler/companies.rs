//! A person's companies (`contractors`). The core keeps a link to a company
//! that was deleted, but a deleted record does not exist in Planfix
//! (DECISIONS.md "All dialects"): such a company is never shown, never
//! matched by `company=`, and is left out when the list is written again.

use std::collections::HashSet;

use crm_core::{Client, ClientFilter, ClientId, ClientPatch, ClientQuery, Patch};

use super::Call;
use crate::error::PlanfixError;
use crate::map;
use crate::op::{ContactRef, ContractorsIn};
use crate::wire::Xml;

impl Call<'_> {
    /// The ids among `ids` that name a live client of the account.
    async fn live(&self, ids: &[ClientId]) -> Result<HashSet<ClientId>, PlanfixError> {
        let wanted: HashSet<ClientId> = ids.iter().copied().collect();
        let mut live = HashSet::with_capacity(wanted.len());
        for id in wanted {
            match self.client(ContactRef(id.get())).await {
                Ok(_) => {
                    live.insert(id);
                }
                Err(PlanfixError::ContactNotFound) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(live)
    }

    /// Removes deleted companies from each client's `companies`.
    pub(super) async fn drop_deleted_companies(
        &self,
        clients: &mut [Client],
    ) -> Result<(), PlanfixError> {
        let linked: Vec<ClientId> = clients
            .iter()
            .flat_map(|c| c.companies.iter().map(|r| r.id))
            .collect();
        let live = self.live(&linked).await?;
        for client in clients {
            client.companies.retain(|c| live.contains(&c.id));
        }
        Ok(())
    }

    /// False when the query lists the members of a company that does not
    /// exist (deleted): then nobody is its member.
    pub(super) async fn member_filters_live(
        &self,
        query: &ClientQuery,
    ) -> Result<bool, PlanfixError> {
        let companies: Vec<ClientId> = query
            .filters
            .iter()
            .filter_map(|f| match f {
                ClientFilter::MemberOf(id) => Some(*id),
                _ => None,
            })
            .collect();
        let live = self.live(&companies).await?;
        Ok(companies.iter().all(|c| live.contains(c)))
    }

    /// `contact.updateContractors`: the current shape adds and removes, the
    /// 2010 shape replaces the list (reference/planfix.md §7.8).
    pub(super) async fn contractors(
        &self,
        target: ContactRef,
        change: ContractorsIn,
    ) -> Result<Xml, PlanfixError> {
        let mut current = self.client(target).await?;
        self.drop_deleted_companies(std::slice::from_mut(&mut current))
            .await?;
        let mut ids: Vec<ClientId> = current.companies.iter().map(|c| c.id).collect();
        match change {
            ContractorsIn::Change { add, remove } => {
                let remove = map::company_ids(&remove)?;
                ids.retain(|id| !remove.contains(id));
                for id in map::company_ids(&add)? {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            ContractorsIn::Replace(list) => ids = map::company_ids(&list)?,
        }
        let patch = ClientPatch {
            companies: Patch::Set(ids),
            ..ClientPatch::default()
        };
        self.update(current.id, &patch).await
    }
}
