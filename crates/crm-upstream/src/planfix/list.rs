//! Reading a list from the Planfix upstream: a page of `contact.getList`
//! as it is, or every contact it lists (up to the scan ceiling) checked
//! and ordered here.

use crm_core::{Client, ClientId, ClientPage, ClientQuery, CoreError, CoreResult};
use crm_planfix::op::ListIn;
use crm_planfix::wire::ContactsPage;

use super::query::{Plan, plan};
use super::{PlanfixData, core_error, map};

/// reference/planfix.md §1: list methods return at most 100 items a call.
const LARGEST_PAGE: u64 = 100;

fn paged(request: &ListIn, page: u64, size: u64) -> ListIn {
    ListIn {
        page: Some(page.to_string()),
        page_size: Some(size.to_string()),
        ..request.clone()
    }
}

fn window(clients: Vec<Client>, skip: u64, take: u64) -> Vec<Client> {
    let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    clients
        .into_iter()
        .skip(count(skip))
        .take(count(take))
        .collect()
}

impl PlanfixData {
    /// One page of `query` and the number of all its matches.
    pub(super) async fn list(&self, query: &ClientQuery) -> CoreResult<ClientPage> {
        let plan = plan(query)?;
        let mut clients = if let Some(ids) = &plan.ids {
            self.by_ids(ids, &plan).await?
        } else if plan.is_native() {
            return self.native_page(&plan.request, query).await;
        } else {
            let mut every = self.every_client(&plan.request).await?;
            every.retain(|client| plan.keeps(client));
            every
        };
        crate::order::sort(&mut clients, plan.sort.as_deref().unwrap_or(&query.sort));
        let total = clients.len() as u64;
        Ok(ClientPage {
            total,
            clients: window(clients, query.page.offset, query.page.limit),
        })
    }

    async fn by_ids(&self, ids: &[ClientId], plan: &Plan) -> CoreResult<Vec<Client>> {
        self.within_ceiling(ids.len() as u64)?;
        let mut found = Vec::new();
        for id in ids {
            if let Some(client) = self.get(*id).await?
                && plan.keeps_alone(&client)
                && !found.iter().any(|c: &Client| c.id == client.id)
            {
                found.push(client);
            }
        }
        Ok(found)
    }

    async fn page(&self, request: &ListIn) -> CoreResult<ContactsPage> {
        self.planfix.list(request).await.map_err(core_error)
    }

    /// The page the upstream's own list gives, read as pages of its size:
    /// one call when the window is a page of Planfix's, more when it
    /// straddles pages.
    async fn native_page(&self, request: &ListIn, query: &ClientQuery) -> CoreResult<ClientPage> {
        let (offset, limit) = (query.page.offset, query.page.limit);
        if limit == 0 {
            let page = self.page(&paged(request, 1, 1)).await?;
            return Ok(ClientPage {
                total: page.total_count,
                clients: Vec::new(),
            });
        }
        let size = if limit <= LARGEST_PAGE && offset % limit == 0 {
            limit
        } else {
            LARGEST_PAGE
        };
        let (first, end) = (offset / size, offset.saturating_add(limit));
        let (mut clients, mut total) = (Vec::new(), 0);
        for index in first.. {
            let page = self.page(&paged(request, index + 1, size)).await?;
            total = page.total_count;
            for contact in &page.contacts {
                clients.push(map::client(contact)?);
            }
            if (page.contacts.len() as u64) < size || (index + 1).saturating_mul(size) >= end {
                break;
            }
        }
        Ok(ClientPage {
            total,
            clients: window(clients, offset - first * size, limit),
        })
    }

    /// Every contact `request` lists, read page by page, when there are no
    /// more than the ceiling.
    pub(super) async fn every_client(&self, request: &ListIn) -> CoreResult<Vec<Client>> {
        let mut every = Vec::new();
        for index in 1.. {
            let page = self.page(&paged(request, index, LARGEST_PAGE)).await?;
            self.within_ceiling(page.total_count)?;
            for contact in &page.contacts {
                every.push(map::client(contact)?);
            }
            if (page.contacts.len() as u64) < LARGEST_PAGE || every.len() as u64 >= page.total_count
            {
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
                    "the Planfix upstream cannot apply this filter or order itself, and it \
                     holds {count} contacts, more than the {ceiling} the gateway checks for it"
                ),
            ));
        }
        Ok(())
    }
}
