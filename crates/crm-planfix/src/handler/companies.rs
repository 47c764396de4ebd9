//! A person's companies (`contractors`). The core keeps a link to a company
//! that was deleted, but a deleted record does not exist in Planfix
//! (DECISIONS.md "All dialects"): the store never shows such a company
//! among a person's, nor matches it by `company=`, so it is left out when
//! the list is written again.

use crm_core::{ClientId, ClientPatch, Patch};

use super::Call;
use crate::error::PlanfixError;
use crate::map;
use crate::op::{ContactRef, ContractorsIn};
use crate::wire::Xml;

impl Call<'_> {
    /// `contact.updateContractors`: the current shape adds and removes, the
    /// 2010 shape replaces the list (reference/planfix.md §7.8).
    pub(super) async fn contractors(
        &self,
        target: ContactRef,
        change: ContractorsIn,
    ) -> Result<Xml, PlanfixError> {
        let current = self.client(target).await?;
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
