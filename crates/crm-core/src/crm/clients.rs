use std::collections::HashSet;

use super::Crm;
use super::list_cache::Change;
use crate::model::{
    AccountId, Client, ClientId, ClientKind, ClientPatch, ContactKind, DocumentCounts, DocumentId,
    DocumentKind, NewClient, Origin, Principal, Timestamp,
};
use crate::query::{ClientFilter, ClientQuery, Page, TextField, Visibility};
use crate::store::{DeleteOutcome, Updated};
use crate::{CoreError, CoreResult, Patch, storable};

impl Crm {
    /// Creates one client; the caller is responsible unless another user is named.
    pub async fn create_client(
        &self,
        who: Principal,
        origin: Origin,
        client: NewClient,
    ) -> CoreResult<Client> {
        let ids = self.create_clients(who, origin, vec![client]).await?;
        let id = ids
            .first()
            .copied()
            .ok_or_else(|| CoreError::Internal("insert returned no id".to_owned()))?;
        self.client(who, id, Visibility::LiveOnly).await
    }

    /// Creates clients in one transaction: all of them or none.
    pub async fn create_clients(
        &self,
        who: Principal,
        origin: Origin,
        mut clients: Vec<NewClient>,
    ) -> CoreResult<Vec<ClientId>> {
        if clients.len() > self.config.max_bulk_records {
            return Err(CoreError::invalid(
                "clients",
                format!(
                    "at most {} records per request",
                    self.config.max_bulk_records
                ),
            ));
        }
        for client in &mut clients {
            storable::new_client(client)?;
            storable::collapse_repeats(&mut client.companies, &mut client.fields);
            client.attributes.responsible.get_or_insert(who.user);
        }
        let inserted = self
            .data(who.account)
            .await?
            .insert_clients(who.account, who.user, origin, Timestamp::now(), &clients)
            .await;
        let change = match &inserted {
            // Created now, each opens a newest-first list; one with a date
            // of its own stands wherever that date puts it.
            Ok(ids) if clients.iter().all(|c| c.created_at.is_none()) => {
                Change::Added(ids.len() as u64)
            }
            _ => Change::Reshaped,
        };
        self.lists.written(who.account, change);
        inserted
    }

    /// One client, or `NotFound`.
    pub async fn client(
        &self,
        who: Principal,
        id: ClientId,
        visibility: Visibility,
    ) -> CoreResult<Client> {
        self.data(who.account)
            .await?
            .client(who.account, id, visibility)
            .await?
            .ok_or(CoreError::not_found("client"))
    }

    /// Applies a patch; `changed` is false when nothing differed.
    pub async fn update_client(
        &self,
        who: Principal,
        id: ClientId,
        visibility: Visibility,
        origin: Origin,
        patch: &ClientPatch,
    ) -> CoreResult<Updated<Client>> {
        storable::patch(patch)?;
        let collapsed;
        let patch = match &patch.companies {
            Patch::Set(ids) if ids.iter().collect::<HashSet<_>>().len() < ids.len() => {
                let mut ids = ids.clone();
                storable::collapse_repeats(&mut ids, &mut Vec::new());
                collapsed = ClientPatch {
                    companies: Patch::Set(ids),
                    ..patch.clone()
                };
                &collapsed
            }
            _ => patch,
        };
        let updated = self
            .data(who.account)
            .await?
            .update_client(who.account, id, visibility, origin, Timestamp::now(), patch)
            .await;
        self.lists.written(who.account, Change::Edited);
        updated?.ok_or(CoreError::not_found("client"))
    }

    /// Marks a client deleted. Nothing is removed; a client with deals stays.
    pub async fn delete_client(
        &self,
        who: Principal,
        id: ClientId,
        visibility: Visibility,
    ) -> CoreResult<()> {
        let outcome = self
            .data(who.account)
            .await?
            .delete_client(who.account, id, visibility, Timestamp::now())
            .await;
        self.lists.written(who.account, Change::Reshaped);
        match outcome? {
            DeleteOutcome::Deleted => Ok(()),
            DeleteOutcome::NotFound => Err(CoreError::not_found("client")),
            DeleteOutcome::HasDeals => Err(CoreError::HasDependents {
                entity: "client",
                dependents: "deals",
            }),
        }
    }

    /// A live person named `name` (ignoring case) who also has, for every
    /// required value, a live point of its kind containing it: SalesMan's
    /// duplicate rule for `add` (reference/salesman.md "add", error 406).
    pub async fn find_duplicate(
        &self,
        who: Principal,
        name: &str,
        required: &[(ContactKind, String)],
    ) -> CoreResult<Option<Client>> {
        let mut query = ClientQuery::new(
            Visibility::LiveOnly,
            Page {
                offset: 0,
                limit: 1,
            },
        );
        query.filters.push(ClientFilter::Kind(ClientKind::Person));
        query.filters.push(ClientFilter::NameIs(name.to_owned()));
        for (kind, value) in required {
            let field = match kind {
                ContactKind::Phone => TextField::Phone,
                ContactKind::Mail => TextField::Mail,
                ContactKind::Id => TextField::AnyContact,
            };
            query.filters.push(ClientFilter::Contains {
                fields: vec![field],
                needle: value.clone(),
            });
        }
        Ok(self.clients(who, &query).await?.into_iter().next())
    }

    /// The client's avatar picture.
    pub async fn avatar(&self, who: Principal, id: ClientId) -> CoreResult<Option<Vec<u8>>> {
        self.data(who.account).await?.avatar(who.account, id).await
    }

    /// The avatar of a client of `account` where no user acts: a picture URL
    /// the dialect signed itself (Planfix `userPicUrl`).
    pub async fn published_avatar(
        &self,
        account: AccountId,
        id: ClientId,
    ) -> CoreResult<Option<Vec<u8>>> {
        self.data(account).await?.avatar(account, id).await
    }

    /// Records a deal, offer, contract or invoice for a live client.
    pub async fn add_document(
        &self,
        who: Principal,
        client: ClientId,
        kind: DocumentKind,
        title: &str,
    ) -> CoreResult<DocumentId> {
        self.store
            .add_document(who.account, client, kind, title, Timestamp::now())
            .await?
            .ok_or(CoreError::not_found("client"))
    }

    /// Document counts per client, zero for clients without documents.
    pub async fn document_counts(
        &self,
        who: Principal,
        clients: &[ClientId],
    ) -> CoreResult<Vec<DocumentCounts>> {
        let found = self.store.count_documents(who.account, clients).await?;
        Ok(clients
            .iter()
            .map(|id| {
                found
                    .iter()
                    .find(|(c, _)| c == id)
                    .map(|(_, counts)| *counts)
                    .unwrap_or_default()
            })
            .collect())
    }
}
