use async_trait::async_trait;
use crm_core::store::{ClientStore, DeleteOutcome, Updated};
use crm_core::{
    AccountId, Anchor, Client, ClientId, ClientPage, ClientPatch, ClientQuery, CoreError,
    CoreResult, NewClient, Origin, Timestamp, UserId, Visibility,
};

use super::client_list::Tally;
use crate::SqlStore;
use crate::error::db;
use crate::filter::window;
use crate::pool::{in_write_tx, on_pool};
use crate::rows::ClientRow;
use crate::seek::SeekKey;
use crate::sql::clients;

#[async_trait]
impl ClientStore for SqlStore {
    async fn insert_clients(
        &self,
        account: AccountId,
        author: UserId,
        origin: Origin,
        now: Timestamp,
        new: &[NewClient],
    ) -> CoreResult<Vec<ClientId>> {
        self.insert(account, author, origin, now, new).await
    }

    async fn client(
        &self,
        account: AccountId,
        id: ClientId,
        visibility: Visibility,
    ) -> CoreResult<Option<Client>> {
        let by_id = self.pool.client_reads().by_id;
        let row: Option<ClientRow> = on_pool!(&self.pool, p => {
            sqlx::query_as(by_id)
                .bind(account.get())
                .bind(id.get())
                .bind(visibility == Visibility::IncludeDeleted)
                .fetch_optional(p)
                .await
                .map_err(db)?
        });
        row.map(ClientRow::into_client).transpose()
    }

    async fn list_clients(
        &self,
        account: AccountId,
        query: &ClientQuery,
    ) -> CoreResult<ClientPage> {
        self.list(account, query, Tally::Count).await
    }

    async fn count_clients(&self, account: AccountId, query: &ClientQuery) -> CoreResult<u64> {
        self.count(&mut self.reader(), account, query).await
    }

    async fn window_clients(
        &self,
        account: AccountId,
        query: &ClientQuery,
    ) -> CoreResult<Vec<Client>> {
        Ok(self.list(account, query, Tally::Skip).await?.clients)
    }

    async fn client_anchors(
        &self,
        account: AccountId,
        query: &ClientQuery,
        every: u64,
    ) -> CoreResult<Vec<Anchor>> {
        self.anchors(account, query, every).await
    }

    async fn window_clients_after(
        &self,
        account: AccountId,
        query: &ClientQuery,
        after: &Anchor,
    ) -> CoreResult<Vec<Client>> {
        if !SeekKey::of(&query.sort).fits(&after.key) {
            return Err(CoreError::Internal(
                "an anchor read for another order".to_owned(),
            ));
        }
        let Some(window) = window(query.page.offset, query.page.limit) else {
            return Ok(Vec::new());
        };
        let page = self
            .list_filtered(
                &mut self.reader(),
                account,
                query,
                window,
                Tally::Skip,
                Some(after),
            )
            .await?;
        Ok(page.clients)
    }

    async fn update_client(
        &self,
        account: AccountId,
        id: ClientId,
        visibility: Visibility,
        origin: Origin,
        now: Timestamp,
        patch: &ClientPatch,
    ) -> CoreResult<Option<Updated<Client>>> {
        self.update(account, id, visibility, origin, now, patch)
            .await
    }

    async fn delete_client(
        &self,
        account: AccountId,
        id: ClientId,
        visibility: Visibility,
        now: Timestamp,
    ) -> CoreResult<DeleteOutcome> {
        let outcome = in_write_tx!(&self.pool, tx => {
            let found: i64 = sqlx::query_scalar(clients::EXISTS)
                .bind(account.get())
                .bind(id.get())
                .bind(visibility == Visibility::IncludeDeleted)
                .fetch_one(&mut *tx)
                .await
                .map_err(db)?;
            let deals: i64 = sqlx::query_scalar(clients::DEALS)
                .bind(account.get())
                .bind(id.get())
                .fetch_one(&mut *tx)
                .await
                .map_err(db)?;
            if found == 0 {
                DeleteOutcome::NotFound
            } else if deals > 0 {
                DeleteOutcome::HasDeals
            } else {
                sqlx::query(clients::MARK_DELETED)
                    .bind(account.get())
                    .bind(id.get())
                    .bind(now.millis())
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                DeleteOutcome::Deleted
            }
        });
        Ok(outcome)
    }

    async fn avatar(&self, account: AccountId, id: ClientId) -> CoreResult<Option<Vec<u8>>> {
        let avatar: Option<Option<Vec<u8>>> = on_pool!(&self.pool, p => {
            sqlx::query_scalar(clients::AVATAR)
                .bind(account.get())
                .bind(id.get())
                .fetch_optional(p)
                .await
                .map_err(db)?
        });
        Ok(avatar.flatten())
    }
}
