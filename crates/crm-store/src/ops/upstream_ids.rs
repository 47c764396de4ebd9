use async_trait::async_trait;
use crm_core::store::{IdKind, UpstreamIdStore};
use crm_core::{AccountId, CoreError, CoreResult};

use crate::SqlStore;
use crate::error::db;
use crate::pool::on_pool;
use crate::sql::accounts;

#[async_trait]
impl UpstreamIdStore for SqlStore {
    async fn local_id(&self, account: AccountId, kind: IdKind, upstream: &str) -> CoreResult<i64> {
        if let Some(local) = self.known_local_id(account, kind, upstream).await? {
            return Ok(local);
        }
        on_pool!(&self.pool, p => {
            sqlx::query(accounts::MAP_UPSTREAM_ID)
                .bind(account.get())
                .bind(kind.as_str())
                .bind(upstream)
                .execute(p)
                .await
                .map_err(db)?;
        });
        self.known_local_id(account, kind, upstream)
            .await?
            .ok_or_else(|| CoreError::Internal("an upstream id numbered and gone".to_owned()))
    }

    async fn upstream_id(
        &self,
        account: AccountId,
        kind: IdKind,
        local: i64,
    ) -> CoreResult<Option<String>> {
        on_pool!(&self.pool, p => {
            sqlx::query_scalar(accounts::UPSTREAM_ID)
                .bind(account.get())
                .bind(kind.as_str())
                .bind(local)
                .fetch_optional(p)
                .await
                .map_err(db)
        })
    }
}

impl SqlStore {
    async fn known_local_id(
        &self,
        account: AccountId,
        kind: IdKind,
        upstream: &str,
    ) -> CoreResult<Option<i64>> {
        on_pool!(&self.pool, p => {
            sqlx::query_scalar(accounts::LOCAL_ID)
                .bind(account.get())
                .bind(kind.as_str())
                .bind(upstream)
                .fetch_optional(p)
                .await
                .map_err(db)
        })
    }
}
