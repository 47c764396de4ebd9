//! The port's traits implemented over the pool, one file per record family.

mod accounts;
mod bulk_insert;
mod catalogue;
mod child_writes;
mod children_many;
mod client_anchors;
mod client_list;
mod client_write;
mod clients;
mod contacts;
mod documents;
mod upstream_ids;
mod users;

use async_trait::async_trait;
use crm_core::CoreResult;
use crm_core::store::Store;

use crate::SqlStore;
use crate::error::db;
use crate::pool::on_pool;

#[async_trait]
impl Store for SqlStore {
    async fn ping(&self) -> CoreResult<()> {
        on_pool!(&self.pool, p => {
            sqlx::query(crate::sql::PING).execute(p).await.map_err(db)?;
        });
        Ok(())
    }

    async fn close(&self) {
        on_pool!(&self.pool, p => p.close().await)
    }
}
