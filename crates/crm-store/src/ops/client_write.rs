//! Creating and changing clients. References (users, companies, catalogue
//! entries) are checked against the account before the write transaction,
//! and a catalogue title seen for the first time is created then; the
//! transaction then writes every client row or none (a refused write may
//! leave such a new, unused catalogue entry behind).

use std::collections::HashSet;
use std::sync::Arc;

use crm_core::apply::{ResolvedRefs, apply_patch};
use crm_core::store::{CatalogueStore, ClientStore, Updated};
use crm_core::{
    AccountId, CatalogueEntry, CatalogueKind, CatalogueRef, Client, ClientId, ClientKind,
    ClientPatch, CompanyRef, CoreError, CoreResult, NewClient, Origin, Patch, Status, Timestamp,
    UserId, Visibility,
};

use super::bulk_insert::insert_postgres;
use super::child_writes::{
    insert_company_links, insert_contact_point, insert_field_values, rewrite_contact_point,
};
use super::children_many::insert_children_many;
use crate::SqlStore;
use crate::error::db;
use crate::pool::{Pool, in_write_tx, on_pool};
use crate::rows::ClientRow;
use crate::sql::client_columns::{self, Columns, bind_columns};
use crate::sql::{clients, contacts};

/// Inserts prepared clients (`(Columns, client)` pairs) one row each, for
/// their ids, then their children many rows a statement, through `$tx`;
/// evaluates to the ids.
macro_rules! insert_rows {
    ($tx:expr, $account:expr, $origin:expr, $now:expr, $prepared:expr) => {{
        let (account, origin, now): (AccountId, Origin, Timestamp) = ($account, $origin, $now);
        let mut ids = Vec::with_capacity($prepared.len());
        for (columns, client) in $prepared {
            let mut query = sqlx::QueryBuilder::new(clients::INSERT_HEAD);
            query.push(client_columns::NAMES).push(") ");
            query.push_values(std::iter::once(()), |mut row, ()| {
                row.push_bind(account.get())
                    .push_bind(client.kind.as_str())
                    .push_bind(client.avatar.as_deref())
                    .push_bind(origin.as_str())
                    .push("'active'")
                    .push_bind(client.created_at.unwrap_or(now).millis())
                    .push_bind(now.millis());
                bind_columns!(push_bind: row, columns);
            });
            query.push(clients::RETURNING_ID);
            let id: i64 = query
                .build_query_scalar()
                .fetch_one(&mut *$tx)
                .await
                .map_err(db)?;
            ids.push(id);
        }
        let rows: Vec<(i64, &NewClient)> = ids
            .iter()
            .copied()
            .zip($prepared.iter().map(|(_, client)| -> &NewClient { client }))
            .collect();
        insert_children_many!($tx, account, origin, now, &rows);
        ids.into_iter().map(ClientId).collect::<Vec<_>>()
    }};
}

impl SqlStore {
    /// Creates clients in one transaction. On SQLite the transaction is a
    /// savepoint of the next group commit; on PostgreSQL a batch goes the
    /// multi-row way.
    pub(crate) async fn insert(
        &self,
        account: AccountId,
        author: UserId,
        origin: Origin,
        now: Timestamp,
        new: &[NewClient],
    ) -> CoreResult<Vec<ClientId>> {
        let mut prepared = Vec::with_capacity(new.len());
        // The caller authenticated as `author`, and users are never removed.
        let mut checked_users = HashSet::from([author]);
        for client in new {
            let draft = self
                .draft(account, origin, now, client, &mut checked_users)
                .await?;
            prepared.push((Columns::of(&draft)?, client));
        }
        match (&self.pool, &self.writes) {
            (Pool::Postgres(p), _) if prepared.len() > 1 => {
                insert_postgres(p, account, origin, now, &prepared).await
            }
            (Pool::Sqlite(_), Some(writes)) => {
                let owned: Arc<[(Columns, NewClient)]> = prepared
                    .into_iter()
                    .map(|(columns, client)| (columns, client.clone()))
                    .collect();
                writes
                    .run(Box::new(move |conn| {
                        let owned = Arc::clone(&owned);
                        Box::pin(
                            async move { Ok(insert_rows!(conn, account, origin, now, &*owned)) },
                        )
                    }))
                    .await
            }
            _ => Ok(in_write_tx!(&self.pool, tx => {
                insert_rows!(tx, account, origin, now, &prepared)
            })),
        }
    }

    pub(crate) async fn update(
        &self,
        account: AccountId,
        id: ClientId,
        visibility: Visibility,
        origin: Origin,
        now: Timestamp,
        patch: &ClientPatch,
    ) -> CoreResult<Option<Updated<Client>>> {
        let refs = self.resolve_patch(account, patch).await?;
        let include_deleted = visibility == Visibility::IncludeDeleted;
        let by_id = self.pool.client_reads().by_id;
        let changed: Option<bool> = in_write_tx!(&self.pool, tx => {
            let locked = sqlx::query(clients::LOCK)
                .bind(account.get())
                .bind(id.get())
                .bind(include_deleted)
                .execute(&mut *tx)
                .await
                .map_err(db)?
                .rows_affected();
            if locked == 0 {
                None
            } else {
                let row: Option<ClientRow> = sqlx::query_as(by_id)
                    .bind(account.get())
                    .bind(id.get())
                    .bind(include_deleted)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db)?;
                let mut client = row
                    .ok_or_else(|| CoreError::Internal("locked client vanished".to_owned()))?
                    .into_client()?;
                let (changed, plan) = apply_patch(&mut client, patch, refs);
                if changed {
                    let columns = Columns::of(&client)?;
                    let mut query = sqlx::QueryBuilder::new(clients::UPDATE_HEAD);
                    query.push_bind(now.millis());
                    bind_columns!(set: query, columns);
                    query.push(clients::UPDATE_WHERE).push_bind(account.get());
                    query.push(clients::AND_ID).push_bind(id.get());
                    query.build().execute(&mut *tx).await.map_err(db)?;
                    if !patch.fields.is_empty() {
                        sqlx::query(clients::DELETE_FIELD_VALUES)
                            .bind(account.get())
                            .bind(id.get())
                            .execute(&mut *tx)
                            .await
                            .map_err(db)?;
                        insert_field_values!(tx, account, id.get(), &client.fields);
                    }
                    if !patch.companies.is_keep() {
                        sqlx::query(clients::DELETE_COMPANY_LINKS)
                            .bind(account.get())
                            .bind(id.get())
                            .execute(&mut *tx)
                            .await
                            .map_err(db)?;
                        let companies = client.companies.iter().map(|c| c.id.get());
                        insert_company_links!(tx, account, id.get(), companies);
                    }
                    let avatar = match &patch.avatar {
                        Patch::Keep => None,
                        Patch::Set(bytes) => Some(Some(bytes.as_slice())),
                        Patch::Clear => Some(None),
                    };
                    if let Some(bytes) = avatar {
                        sqlx::query(clients::SET_AVATAR)
                            .bind(account.get())
                            .bind(id.get())
                            .bind(bytes)
                            .execute(&mut *tx)
                            .await
                            .map_err(db)?;
                    }
                    for point in &plan.delete {
                        sqlx::query(contacts::MARK_DELETED)
                            .bind(account.get())
                            .bind(point.get())
                            .bind(now.millis())
                            .execute(&mut *tx)
                            .await
                            .map_err(db)?;
                    }
                    for point in &plan.insert {
                        insert_contact_point!(tx, account, id.get(), point, origin, now);
                    }
                    for point in &plan.rewrite {
                        rewrite_contact_point!(tx, account, point, now);
                    }
                }
                Some(changed)
            }
        });
        let Some(changed) = changed else {
            return Ok(None);
        };
        let record = self
            .client(account, id, Visibility::IncludeDeleted)
            .await?
            .ok_or_else(|| CoreError::Internal("updated client vanished".to_owned()))?;
        Ok(Some(Updated { record, changed }))
    }

    /// The client a [`NewClient`] becomes, with its references checked.
    async fn draft(
        &self,
        account: AccountId,
        origin: Origin,
        now: Timestamp,
        new: &NewClient,
        checked_users: &mut HashSet<UserId>,
    ) -> CoreResult<Client> {
        // A batch names the same responsible again and again.
        if let Some(user) = new.attributes.responsible
            && checked_users.insert(user)
        {
            self.check_user(account, user).await?;
        }
        let mut companies = Vec::with_capacity(new.companies.len());
        for company in &new.companies {
            companies.push(self.company(account, *company).await?);
        }
        Ok(Client {
            id: ClientId(0),
            kind: new.kind,
            name: new.name.clone(),
            attributes: new.attributes.clone(),
            loyalty: self
                .entry(account, CatalogueKind::Loyalty, new.loyalty.as_ref())
                .await?,
            source: self
                .entry(account, CatalogueKind::Source, new.source.as_ref())
                .await?,
            group: self
                .entry(account, CatalogueKind::Group, new.group.as_ref())
                .await?,
            fields: new.fields.clone(),
            companies,
            has_avatar: new.avatar.is_some(),
            origin,
            status: Status::Active,
            created_at: new.created_at.unwrap_or(now),
            updated_at: now,
            contacts: Vec::new(),
        })
    }

    async fn resolve_patch(
        &self,
        account: AccountId,
        patch: &ClientPatch,
    ) -> CoreResult<ResolvedRefs> {
        if let Patch::Set(user) = patch.attributes.responsible {
            self.check_user(account, user).await?;
        }
        let companies = match &patch.companies {
            Patch::Keep => Patch::Keep,
            Patch::Clear => Patch::Clear,
            Patch::Set(ids) => {
                let mut refs = Vec::with_capacity(ids.len());
                for id in ids {
                    refs.push(self.company(account, *id).await?);
                }
                Patch::Set(refs)
            }
        };
        Ok(ResolvedRefs {
            loyalty: self
                .entry_patch(account, CatalogueKind::Loyalty, &patch.loyalty)
                .await?,
            source: self
                .entry_patch(account, CatalogueKind::Source, &patch.source)
                .await?,
            group: self
                .entry_patch(account, CatalogueKind::Group, &patch.group)
                .await?,
            companies,
        })
    }

    async fn entry_patch(
        &self,
        account: AccountId,
        kind: CatalogueKind,
        patch: &Patch<CatalogueRef>,
    ) -> CoreResult<Patch<CatalogueEntry>> {
        Ok(match patch {
            Patch::Keep => Patch::Keep,
            Patch::Clear => Patch::Clear,
            Patch::Set(reference) => {
                Patch::from_option(self.entry(account, kind, Some(reference)).await?)
            }
        })
    }

    async fn entry(
        &self,
        account: AccountId,
        kind: CatalogueKind,
        reference: Option<&CatalogueRef>,
    ) -> CoreResult<Option<CatalogueEntry>> {
        let Some(reference) = reference else {
            return Ok(None);
        };
        match self.resolve_entry(account, kind, reference).await? {
            Some(entry) => Ok(Some(entry)),
            None => Err(CoreError::invalid(kind.as_str(), "no such catalogue entry")),
        }
    }

    async fn check_user(&self, account: AccountId, user: UserId) -> CoreResult<()> {
        let found: i64 = on_pool!(&self.pool, p => {
            sqlx::query_scalar(clients::USER_EXISTS)
                .bind(account.get())
                .bind(user.get())
                .fetch_one(p)
                .await
                .map_err(db)?
        });
        if found == 0 {
            return Err(CoreError::invalid(
                "responsible",
                "no such user in this account",
            ));
        }
        Ok(())
    }

    async fn company(&self, account: AccountId, id: ClientId) -> CoreResult<CompanyRef> {
        let company = self.client(account, id, Visibility::LiveOnly).await?;
        match company {
            Some(c) if c.kind == ClientKind::Company => Ok(CompanyRef {
                id,
                name: c.name.as_full().to_owned(),
            }),
            _ => Err(CoreError::invalid(
                "companies",
                format!("no company with id {id}"),
            )),
        }
    }
}
