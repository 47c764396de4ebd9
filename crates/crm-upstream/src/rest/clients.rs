//! Clients in a REST upstream: creates and updates as REST bodies, lists
//! as its list call where it can filter, read page by page and filtered
//! here where it cannot.

use async_trait::async_trait;
use crm_core::store::{DeleteOutcome, Updated};
use crm_core::{
    Client, ClientId, ClientPage, ClientPatch, ClientQuery, CoreError, CoreResult, NewClient,
    Visibility,
};
use crm_rest::client::{ClientError, ListRequest};
use crm_rest::op::Render;

use super::query::{Plan, plan};
use super::{LARGEST_PAGE, RestData, core_error, map};
use crate::bound::Clients;
use crate::points::Slot;

impl RestData {
    async fn listed(&self, query: &ClientQuery) -> CoreResult<ClientPage> {
        let plan = plan(query)?;
        let clients = if let Some(ids) = &plan.ids {
            self.by_ids(ids, &plan).await?
        } else if plan.is_native() {
            return self.native_page(&plan.request, query).await;
        } else {
            self.scan(&plan).await?
        };
        let total = clients.len() as u64;
        let clients = clients
            .into_iter()
            .skip(usize::try_from(query.page.offset).unwrap_or(usize::MAX))
            .take(usize::try_from(query.page.limit).unwrap_or(usize::MAX))
            .collect();
        Ok(ClientPage { total, clients })
    }

    async fn by_ids(&self, ids: &[ClientId], plan: &Plan) -> CoreResult<Vec<Client>> {
        self.within_ceiling(ids.len() as u64)?;
        let mut found = Vec::new();
        for id in ids {
            if let Some(client) = self.view(*id).await?
                && plan.keeps_alone(&client)
            {
                found.push(client);
            }
        }
        Ok(found)
    }

    /// The page the upstream's own list gives, read as pages of its size.
    async fn native_page(
        &self,
        request: &ListRequest,
        query: &ClientQuery,
    ) -> CoreResult<ClientPage> {
        let (offset, limit) = (query.page.offset, query.page.limit);
        let size = if limit > 0 && limit <= LARGEST_PAGE && offset % limit == 0 {
            limit
        } else {
            LARGEST_PAGE
        };
        let first = offset / size;
        let mut clients = Vec::new();
        let mut total = 0;
        for index in first.. {
            let page = self
                .page(&ListRequest {
                    page: Some(index + 1),
                    per_page: Some(size),
                    ..request.clone()
                })
                .await?;
            total = page.headers.total_count;
            // Yii2 answers a page past the last with the last page again.
            if page.headers.current_page != index + 1 {
                break;
            }
            let read = page.items.len() as u64;
            for item in &page.items {
                clients.push(map::client(item)?);
            }
            let end = offset.saturating_add(limit);
            if read < size || (index + 1) * size >= end || limit == 0 {
                break;
            }
        }
        let skip = usize::try_from(offset - first * size).unwrap_or(usize::MAX);
        let clients = clients
            .into_iter()
            .skip(skip)
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect();
        Ok(ClientPage { total, clients })
    }

    /// Every client of the upstream's list that passes the conditions
    /// checked here, when the list is within the ceiling.
    async fn scan(&self, plan: &Plan) -> CoreResult<Vec<Client>> {
        let mut every = self.every_client(&plan.request).await?;
        every.retain(|client| plan.keeps(client));
        Ok(every)
    }

    /// Every client `request` lists, read page by page, when there are no
    /// more than the ceiling.
    pub(super) async fn every_client(&self, request: &ListRequest) -> CoreResult<Vec<Client>> {
        let mut every = Vec::new();
        for index in 1.. {
            let page = self
                .page(&ListRequest {
                    page: Some(index),
                    per_page: Some(LARGEST_PAGE),
                    ..request.clone()
                })
                .await?;
            self.within_ceiling(page.headers.total_count)?;
            for item in &page.items {
                every.push(map::client(item)?);
            }
            if index >= page.headers.page_count {
                break;
            }
        }
        Ok(every)
    }

    fn within_ceiling(&self, count: u64) -> CoreResult<()> {
        let ceiling = self.settings.scan_ceiling as u64;
        if count > ceiling {
            return Err(CoreError::invalid(
                "filter",
                format!(
                    "the REST upstream cannot apply this filter itself, and it holds {count} \
                     clients, more than the {ceiling} the gateway filters for it"
                ),
            ));
        }
        Ok(())
    }

    /// The patch applied to the client as the upstream draws it; REST takes
    /// the attributes that changed.
    async fn patched(
        &self,
        id: ClientId,
        patch: &ClientPatch,
    ) -> CoreResult<Option<Updated<Client>>> {
        let Some(was) = self.view(id).await? else {
            return Ok(None);
        };
        let (mut next, inserts) = crate::patch::applied(&was, patch);
        for new in inserts {
            let Some(slot) = Slot::of(new.kind, new.service) else {
                continue;
            };
            if !next
                .contacts
                .iter()
                .any(|p| Slot::of(p.kind, p.service) == Some(slot))
            {
                next.contacts.push(map::slot_point(&next, slot, new.value)?);
            }
        }
        let fields = map::changed_fields(&was, &next);
        if fields.iter().next().is_none() {
            return Ok(Some(Updated {
                record: was,
                changed: false,
            }));
        }
        let wire = self
            .rest
            .update(id.get(), &fields, &Render::default())
            .await
            .map_err(core_error)?;
        Ok(Some(Updated {
            record: map::client(&wire)?,
            changed: true,
        }))
    }
}

#[async_trait]
impl Clients for RestData {
    async fn check(&self) -> CoreResult<()> {
        self.probe().await
    }

    /// One create a client: the upstream has no batch, so a batch that
    /// fails part way leaves the clients before the failure created.
    async fn create(&self, clients: &[NewClient]) -> CoreResult<Vec<ClientId>> {
        let mut ids = Vec::with_capacity(clients.len());
        for new in clients {
            let wire = self
                .rest
                .create(&map::new_fields(new), &Render::default())
                .await
                .map_err(core_error)?;
            ids.push(map::client(&wire)?.id);
        }
        Ok(ids)
    }

    /// The upstream hides deleted clients, so `visibility` changes nothing.
    async fn read(&self, id: ClientId, _: Visibility) -> CoreResult<Option<Client>> {
        self.view(id).await
    }

    async fn list(&self, query: &ClientQuery) -> CoreResult<ClientPage> {
        self.listed(query).await
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
        match self.rest.delete(id.get()).await {
            Ok(()) => Ok(DeleteOutcome::Deleted),
            Err(ClientError::Refused { status, .. }) if status.as_u16() == 404 => {
                Ok(DeleteOutcome::NotFound)
            }
            Err(ClientError::Refused { status, .. }) if status.as_u16() == 409 => {
                Ok(DeleteOutcome::HasDeals)
            }
            Err(err) => Err(core_error(err)),
        }
    }
}
