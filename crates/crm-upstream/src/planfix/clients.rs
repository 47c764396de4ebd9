//! Clients in a Planfix upstream: `contact.add`, `contact.update` with
//! what changed, `contact.delete`, and lists as `contact.getList` where it
//! can filter, read page by page and filtered here where it cannot.

use async_trait::async_trait;
use crm_core::store::{DeleteOutcome, Updated};
use crm_core::{
    Client, ClientId, ClientPage, ClientPatch, ClientQuery, ContactPoint, ContactPointId,
    CoreResult, NewClient, Patch, Status, Visibility,
};
use crm_planfix::client::ClientError;
use crm_planfix::op::{ContactRef, ContractorsIn};

use super::{NO_CONTACT, PlanfixData, core_error, map, write};
use crate::bound::Clients;

/// reference/planfix.md §5 and docs/mapping.md: a contact with deals.
const HAS_DEALS: &str = "8004";

/// The companies to link and unlink to go from `was` to `now`.
fn contractors(was: &[ClientId], now: &[ClientId]) -> Option<ContractorsIn> {
    let text = |ids: Vec<&ClientId>| ids.into_iter().map(ToString::to_string).collect::<Vec<_>>();
    let add = text(now.iter().filter(|id| !was.contains(id)).collect());
    let remove = text(was.iter().filter(|id| !now.contains(id)).collect());
    (!add.is_empty() || !remove.is_empty()).then_some(ContractorsIn::Change { add, remove })
}

impl PlanfixData {
    /// Links `id` to companies; `false` when the contact is gone.
    async fn link(&self, id: ClientId, change: &ContractorsIn) -> CoreResult<bool> {
        match self
            .planfix
            .update_contractors(ContactRef(id.get()), change)
            .await
        {
            Ok(_) => Ok(true),
            Err(ClientError::Refused(f)) if f.code == NO_CONTACT => Ok(false),
            Err(err) => Err(core_error(err)),
        }
    }

    /// The patch applied to the contact as the upstream draws it, sent as
    /// the fields that changed.
    async fn patched(
        &self,
        id: ClientId,
        patch: &ClientPatch,
    ) -> CoreResult<Option<Updated<Client>>> {
        let Some(was) = self.get(id).await? else {
            return Ok(None);
        };
        let (mut next, inserts) = crate::patch::applied(&was, patch);
        for new in inserts {
            next.contacts.push(ContactPoint {
                id: ContactPointId(0),
                client: id,
                kind: new.kind,
                service: new.service,
                label: new.label,
                value: new.value,
                origin: crm_planfix::ORIGIN,
                status: Status::Active,
                position: i64::MAX,
                created_at: was.created_at,
            });
        }
        let mut fields = write::changes(&was, &next)?;
        let group = write::group_patch(&patch.group)?;
        if group
            != Some(
                was.group
                    .as_ref()
                    .map(|g| g.id.to_string())
                    .unwrap_or_default(),
            )
        {
            fields.group = group;
        }
        let linked: Vec<ClientId> = was.companies.iter().map(|c| c.id).collect();
        let companies = match &patch.companies {
            Patch::Keep => None,
            Patch::Clear => contractors(&linked, &[]),
            Patch::Set(ids) => contractors(&linked, ids),
        };
        if fields == Default::default() && companies.is_none() {
            return Ok(Some(Updated {
                record: was,
                changed: false,
            }));
        }
        if fields != Default::default() {
            match self.planfix.update(ContactRef(id.get()), &fields).await {
                Ok(_) => {}
                Err(ClientError::Refused(f)) if f.code == NO_CONTACT => return Ok(None),
                Err(err) => return Err(core_error(err)),
            }
        }
        if let Some(change) = companies
            && !self.link(id, &change).await?
        {
            return Ok(None);
        }
        let Some(record) = self.get(id).await? else {
            return Ok(None);
        };
        Ok(Some(Updated {
            record,
            changed: true,
        }))
    }
}

#[async_trait]
impl Clients for PlanfixData {
    async fn check(&self) -> CoreResult<()> {
        self.probe().await
    }

    /// One `contact.add` a client (and a `contact.updateContractors` for
    /// its companies): Planfix has no batch, so a batch that fails part way
    /// leaves the clients before the failure created.
    async fn create(&self, clients: &[NewClient]) -> CoreResult<Vec<ClientId>> {
        let mut ids = Vec::with_capacity(clients.len());
        for new in clients {
            let added = self
                .planfix
                .add(&write::new_contact(new)?)
                .await
                .map_err(core_error)?;
            let id = added
                .id
                .trim()
                .parse()
                .map(ClientId)
                .map_err(|_| map::unreadable("contact.add without a contact id"))?;
            let none = Vec::new();
            if let Some(change) = contractors(&none, &new.companies) {
                self.link(id, &change).await?;
            }
            ids.push(id);
        }
        Ok(ids)
    }

    /// The upstream hides deleted contacts, so `visibility` changes nothing.
    async fn read(&self, id: ClientId, _: Visibility) -> CoreResult<Option<Client>> {
        self.get(id).await
    }

    async fn list(&self, query: &ClientQuery) -> CoreResult<ClientPage> {
        self.list(query).await
    }

    async fn update(
        &self,
        id: ClientId,
        _: Visibility,
        patch: &ClientPatch,
    ) -> CoreResult<Option<Updated<Client>>> {
        self.patched(id, patch).await
    }

    async fn delete(&self, id: ClientId, _: Visibility) -> CoreResult<DeleteOutcome> {
        match self.planfix.delete(ContactRef(id.get())).await {
            Ok(_) => Ok(DeleteOutcome::Deleted),
            Err(ClientError::Refused(f)) if f.code == NO_CONTACT => Ok(DeleteOutcome::NotFound),
            Err(ClientError::Refused(f)) if f.code == HAS_DEALS => Ok(DeleteOutcome::HasDeals),
            Err(err) => Err(core_error(err)),
        }
    }
}
