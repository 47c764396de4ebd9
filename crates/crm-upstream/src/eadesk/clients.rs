//! Persons in an Eadesk upstream: a create as create plus contacts/create,
//! lists as its read where it can filter, read page by page and filtered
//! here where it cannot (updates are update.rs).

use async_trait::async_trait;
use crm_core::store::{DeleteOutcome, Updated};
use crm_core::{
    Client, ClientId, ClientKind, ClientPage, ClientPatch, ClientQuery, CoreError, CoreResult,
    NewClient, Visibility,
};
use crm_eadesk::client::PersonFilter;

use super::query::{Plan, plan};
use super::{EadeskData, LARGEST_PAGE, core_error, map, refused_with};
use crate::bound::Clients;
use crm_core::store::IdKind;

/// A window of a list read here.
fn window(clients: Vec<Client>, query: &ClientQuery) -> Vec<Client> {
    clients
        .into_iter()
        .skip(usize::try_from(query.page.offset).unwrap_or(usize::MAX))
        .take(usize::try_from(query.page.limit).unwrap_or(usize::MAX))
        .collect()
}

impl EadeskData {
    /// Every client of the list, in its order, when there are no more than
    /// the ceiling; Eadesk counts nothing, so a total is this many.
    async fn matches(&self, plan: &Plan) -> CoreResult<Vec<Client>> {
        if plan.none {
            return Ok(Vec::new());
        }
        let mut clients = match &plan.ids {
            Some(ids) => self.by_ids(ids, &plan.filter).await?,
            None => self.every(&plan.filter).await?,
        };
        clients.retain(|client| plan.keeps(client));
        plan.order(&mut clients);
        Ok(clients)
    }

    async fn by_ids(&self, ids: &[ClientId], filter: &PersonFilter) -> CoreResult<Vec<Client>> {
        self.within_ceiling(ids.len())?;
        let mut found = Vec::new();
        for id in ids {
            let Some(upstream) = self.upstream_id(IdKind::Client, id.get()).await? else {
                continue;
            };
            let one = PersonFilter {
                id: Some(upstream),
                ..filter.clone()
            };
            for person in self.read(&one).await? {
                found.push(map::client(&person)?);
            }
        }
        found.sort_by_key(|client| client.id);
        found.dedup_by_key(|client| client.id);
        Ok(found)
    }

    /// Every person `filter` reads, page by page, up to one past the
    /// ceiling, which is refused.
    pub(super) async fn every(&self, filter: &PersonFilter) -> CoreResult<Vec<Client>> {
        let ceiling = self.settings.scan_ceiling as u64;
        let mut every = Vec::new();
        loop {
            let read = every.len() as u64;
            let limit = LARGEST_PAGE.min(ceiling + 1 - read.min(ceiling));
            let page = self
                .read(&PersonFilter {
                    offset: Some(read),
                    limit: Some(limit),
                    ..filter.clone()
                })
                .await?;
            let short = (page.len() as u64) < limit;
            for person in &page {
                every.push(map::client(person)?);
            }
            self.within_ceiling(every.len())?;
            if short || page.is_empty() {
                return Ok(every);
            }
        }
    }

    /// The page the upstream's own read gives: its `offset` and `limit`.
    async fn native_window(
        &self,
        filter: &PersonFilter,
        query: &ClientQuery,
    ) -> CoreResult<Vec<Client>> {
        let mut clients = Vec::new();
        let (mut offset, mut left) = (query.page.offset, query.page.limit);
        while left > 0 {
            let limit = left.min(LARGEST_PAGE);
            let page = self
                .read(&PersonFilter {
                    offset: Some(offset),
                    limit: Some(limit),
                    ..filter.clone()
                })
                .await?;
            for person in &page {
                clients.push(map::client(person)?);
            }
            if (page.len() as u64) < limit {
                break;
            }
            offset = offset.saturating_add(limit);
            left -= limit;
        }
        Ok(clients)
    }
}

#[async_trait]
impl Clients for EadeskData {
    async fn check(&self) -> CoreResult<()> {
        self.probe().await
    }

    /// A create and a contacts/create a point: the upstream has no batch
    /// and no transaction, so a batch that fails part way leaves what came
    /// before the failure written. Every point is checked before the first
    /// write.
    async fn create(&self, clients: &[NewClient]) -> CoreResult<Vec<ClientId>> {
        let mut bodies = Vec::with_capacity(clients.len());
        for new in clients {
            if new.kind == ClientKind::Company {
                return Err(CoreError::invalid(
                    "type",
                    "the Eadesk upstream keeps persons only, no companies",
                ));
            }
            let points = new
                .contacts
                .iter()
                .map(map::contact_input)
                .collect::<CoreResult<Vec<_>>>()?;
            bodies.push((map::new_person(new), points));
        }
        let mut ids = Vec::with_capacity(clients.len());
        for (person, points) in bodies {
            let created = self
                .eadesk
                .create_person(&person)
                .await
                .map_err(core_error)?;
            let id = ClientId(self.ids.local(IdKind::Client, &created.id).await?);
            for point in &points {
                self.eadesk
                    .create_contact(&created.id, point)
                    .await
                    .map_err(core_error)?;
            }
            ids.push(id);
        }
        Ok(ids)
    }

    async fn read(&self, id: ClientId, visibility: Visibility) -> CoreResult<Option<Client>> {
        self.person(id, visibility).await
    }

    async fn list(&self, query: &ClientQuery) -> CoreResult<ClientPage> {
        let clients = self.matches(&plan(query)?).await?;
        Ok(ClientPage {
            total: clients.len() as u64,
            clients: window(clients, query),
        })
    }

    async fn window(&self, query: &ClientQuery) -> CoreResult<Vec<Client>> {
        let plan = plan(query)?;
        if plan.is_native() && !plan.none {
            return self.native_window(&plan.filter, query).await;
        }
        Ok(window(self.matches(&plan).await?, query))
    }

    async fn update(
        &self,
        id: ClientId,
        visibility: Visibility,
        patch: &ClientPatch,
    ) -> CoreResult<Option<Updated<Client>>> {
        self.patched(id, visibility, patch).await
    }

    /// Eadesk's delete marks a deleted person deleted again, so a caller
    /// that does not see deleted persons is told first that it is gone.
    async fn delete(&self, id: ClientId, visibility: Visibility) -> CoreResult<DeleteOutcome> {
        if visibility == Visibility::LiveOnly && self.person(id, visibility).await?.is_none() {
            return Ok(DeleteOutcome::NotFound);
        }
        let Some(upstream) = self.upstream_id(IdKind::Client, id.get()).await? else {
            return Ok(DeleteOutcome::NotFound);
        };
        match self.eadesk.delete_person(&upstream).await {
            Ok(()) => Ok(DeleteOutcome::Deleted),
            Err(err) if refused_with(&err, "ENOT_FOUND") => Ok(DeleteOutcome::NotFound),
            Err(err) if refused_with(&err, "EHAS_DEPENDENTS") => Ok(DeleteOutcome::HasDeals),
            Err(err) => Err(core_error(err)),
        }
    }
}
