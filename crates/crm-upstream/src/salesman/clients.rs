//! Persons in a SalesMan upstream: created with `add.list`, changed with
//! `update`, listed with `list` where it answers exactly and read page by
//! page and filtered here where it does not.

use async_trait::async_trait;
use crm_core::store::{DeleteOutcome, Updated};
use crm_core::{
    Client, ClientId, ClientPage, ClientPatch, ClientQuery, CoreError, CoreResult, NewClient,
    Visibility,
};
use crm_salesman::op::{ListArgs, PAGE_SIZE, PersonInput};
use crm_salesman::wire::BatchEntry;

use super::query::plan;
use super::slots::Slot;
use super::{SalesmanData, core_error, input, is_not_found, map, refusal_code};
use crate::bound::Clients;

/// Persons sent in one `add.list`.
const BATCH: usize = 100;

fn window<T>(all: Vec<T>, offset: u64, limit: u64) -> Vec<T> {
    all.into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .collect()
}

impl SalesmanData {
    async fn listed(&self, query: &ClientQuery) -> CoreResult<ClientPage> {
        let plan = plan(query)?;
        let mut clients = if plan.empty {
            Vec::new()
        } else if let Some(ids) = &plan.ids {
            self.by_ids(ids).await?
        } else if plan.exact {
            return self.native_page(&plan.args, query).await;
        } else {
            self.every_client(&plan.args).await?
        };
        clients.retain(|client| plan.keeps(client));
        plan.sort(&mut clients);
        let total = clients.len() as u64;
        Ok(ClientPage {
            total,
            clients: window(clients, query.page.offset, query.page.limit),
        })
    }

    async fn by_ids(&self, ids: &[ClientId]) -> CoreResult<Vec<Client>> {
        self.within_ceiling(ids.len() as u64)?;
        let mut found = Vec::new();
        for id in ids {
            found.extend(self.view(*id).await?);
        }
        Ok(found)
    }

    /// The page of the upstream's own list, read as its 200-row pages
    /// (spec/salesman-person.txt, "list": `offset` is the page index).
    async fn native_page(&self, args: &ListArgs, query: &ClientQuery) -> CoreResult<ClientPage> {
        let (offset, limit) = (query.page.offset, query.page.limit);
        let first = offset / PAGE_SIZE;
        let end = offset.saturating_add(limit);
        let mut clients = Vec::new();
        let mut total = 0;
        for index in first.. {
            let page = self
                .page(&ListArgs {
                    page: index,
                    ..args.clone()
                })
                .await?;
            total = page.count;
            for record in &page.data {
                clients.push(map::client(record, None)?);
            }
            if (page.data.len() as u64) < PAGE_SIZE || (index + 1) * PAGE_SIZE >= end {
                break;
            }
        }
        Ok(ClientPage {
            total,
            clients: window(clients, offset - first * PAGE_SIZE, limit),
        })
    }

    /// Every person `args` lists, read page by page, when there are no more
    /// than the ceiling.
    pub(super) async fn every_client(&self, args: &ListArgs) -> CoreResult<Vec<Client>> {
        let mut every = Vec::new();
        for index in 0.. {
            let page = self
                .page(&ListArgs {
                    page: index,
                    ..args.clone()
                })
                .await?;
            self.within_ceiling(page.count)?;
            for record in &page.data {
                every.push(map::client(record, None)?);
            }
            if page.data.is_empty() || (index + 1) * PAGE_SIZE >= page.count {
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
                    "the SalesMan upstream cannot answer this list itself, and it holds {count} \
                     persons for it, more than the {ceiling} the gateway reads to answer it"
                ),
            ));
        }
        Ok(())
    }

    /// The patch applied to the person as the upstream draws it; `update`
    /// takes the values that changed. A responsible user is not sent: the
    /// upstream's users are its own.
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
            let Some(slot) = Slot::of(new.kind, new.service, new.label) else {
                continue;
            };
            input::check_value(slot, &new.value)?;
            let mut values = map::slot_values(&next, slot);
            if slot.is_single() {
                values.clear();
            }
            values.push(new.value);
            map::replace_slot(&mut next, slot, &values)?;
        }
        let mut input = input::changed_input(&was, &next);
        input::patch_refs(&mut input, &was, patch);
        if input == PersonInput::default() {
            return Ok(Some(Updated {
                record: was,
                changed: false,
            }));
        }
        match self.salesman.update(id, &input).await {
            Ok(_) => {}
            Err(err) if is_not_found(&err) => return Ok(None),
            Err(err) => return Err(core_error(err)),
        }
        let record = self
            .view(id)
            .await?
            .ok_or(CoreError::NotFound { entity: "client" })?;
        Ok(Some(Updated {
            record,
            changed: true,
        }))
    }
}

#[async_trait]
impl Clients for SalesmanData {
    async fn check(&self) -> CoreResult<()> {
        self.probe().await
    }

    /// `add.list`, not `add`: `add` refuses a person with the name, phone
    /// and e-mail of one already there ("406"), a rule of the SalesMan
    /// dialect that its own inbound `add` checks before it gets here; no
    /// other dialect has it. The upstream has no transaction: a batch that
    /// fails part way leaves the persons it took created.
    async fn create(&self, clients: &[NewClient]) -> CoreResult<Vec<ClientId>> {
        let inputs = clients
            .iter()
            .map(input::person_input)
            .collect::<CoreResult<Vec<_>>>()?;
        let mut ids = Vec::with_capacity(clients.len());
        for chunk in inputs.chunks(BATCH) {
            let batch = self.salesman.add_list(chunk).await.map_err(core_error)?;
            if batch.0.len() != chunk.len() {
                return Err(map::unreadable("an add.list answer of another length"));
            }
            for entry in batch.0 {
                match entry {
                    BatchEntry::Done(done) => ids
                        .push(ClientId(map::number(&done.data).ok_or_else(|| {
                            map::unreadable("an add.list entry without a pid")
                        })?)),
                    BatchEntry::Failed(failure) => {
                        return Err(core_error(crm_salesman::client::ClientError::Refused(
                            failure,
                        )));
                    }
                }
            }
        }
        Ok(ids)
    }

    /// The upstream removes what is deleted, so `visibility` changes nothing.
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

    /// spec/salesman-person.txt, "delete": "403" is no such person, "406"
    /// (or v2's refusal with a text and no code) a person with deals.
    async fn delete(&self, id: ClientId, _: Visibility) -> CoreResult<DeleteOutcome> {
        match self.salesman.delete(id).await {
            Ok(_) => Ok(DeleteOutcome::Deleted),
            Err(err) => match refusal_code(&err).as_deref() {
                Some("403" | "404") => Ok(DeleteOutcome::NotFound),
                Some("406" | "") => Ok(DeleteOutcome::HasDeals),
                _ => Err(core_error(err)),
            },
        }
    }
}
