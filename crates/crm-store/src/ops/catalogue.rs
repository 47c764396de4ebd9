use async_trait::async_trait;
use crm_core::store::CatalogueStore;
use crm_core::{AccountId, CatalogueEntry, CatalogueKind, CatalogueRef, CoreResult, CustomField};

use crate::SqlStore;
use crate::error::db;
use crate::pool::on_pool;
use crate::rows::EntryRow;
use crate::sql::{accounts, catalogue};

#[async_trait]
impl CatalogueStore for SqlStore {
    async fn catalogue(
        &self,
        account: AccountId,
        kind: CatalogueKind,
    ) -> CoreResult<Vec<CatalogueEntry>> {
        let rows: Vec<EntryRow> = on_pool!(&self.pool, p => {
            sqlx::query_as(catalogue::ALL)
                .bind(account.get())
                .bind(kind.as_str())
                .fetch_all(p)
                .await
                .map_err(db)?
        });
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn resolve_entry(
        &self,
        account: AccountId,
        kind: CatalogueKind,
        reference: &CatalogueRef,
    ) -> CoreResult<Option<CatalogueEntry>> {
        let row: Option<EntryRow> = match reference {
            CatalogueRef::Id(id) => on_pool!(&self.pool, p => {
                sqlx::query_as(catalogue::BY_ID)
                    .bind(account.get())
                    .bind(kind.as_str())
                    .bind(id.get())
                    .fetch_optional(p)
                    .await
                    .map_err(db)?
            }),
            CatalogueRef::Title(title) => on_pool!(&self.pool, p => {
                sqlx::query(catalogue::INSERT)
                    .bind(account.get())
                    .bind(kind.as_str())
                    .bind(title)
                    .execute(p)
                    .await
                    .map_err(db)?;
                sqlx::query_as(catalogue::BY_TITLE)
                    .bind(account.get())
                    .bind(kind.as_str())
                    .bind(title)
                    .fetch_optional(p)
                    .await
                    .map_err(db)?
            }),
        };
        Ok(row.map(Into::into))
    }

    async fn fields(&self, account: AccountId) -> CoreResult<Vec<CustomField>> {
        let rows: Vec<(i64, String)> = on_pool!(&self.pool, p => {
            sqlx::query_as(accounts::FIELDS).bind(account.get()).fetch_all(p).await.map_err(db)?
        });
        Ok(rows
            .into_iter()
            .map(|(number, title)| CustomField { number, title })
            .collect())
    }
}
