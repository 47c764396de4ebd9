use async_trait::async_trait;
use crm_core::store::DocumentStore;
use crm_core::{
    AccountId, ClientId, CoreResult, DocumentCounts, DocumentId, DocumentKind, Timestamp,
};

use crate::SqlStore;
use crate::error::db;
use crate::filter::push_in;
use crate::pool::on_pool;
use crate::rows::CountsRow;
use crate::sql::{clients, documents};

#[async_trait]
impl DocumentStore for SqlStore {
    async fn add_document(
        &self,
        account: AccountId,
        client: ClientId,
        kind: DocumentKind,
        title: &str,
        now: Timestamp,
    ) -> CoreResult<Option<DocumentId>> {
        let id: Option<i64> = on_pool!(&self.pool, p => {
            let live: i64 = sqlx::query_scalar(clients::EXISTS)
                .bind(account.get())
                .bind(client.get())
                .bind(false)
                .fetch_one(p)
                .await
                .map_err(db)?;
            if live == 0 {
                None
            } else {
                Some(
                    sqlx::query_scalar(documents::INSERT)
                        .bind(account.get())
                        .bind(client.get())
                        .bind(kind.as_str())
                        .bind(title)
                        .bind(now.millis())
                        .fetch_one(p)
                        .await
                        .map_err(db)?,
                )
            }
        });
        Ok(id.map(DocumentId))
    }

    async fn count_documents(
        &self,
        account: AccountId,
        ids: &[ClientId],
    ) -> CoreResult<Vec<(ClientId, DocumentCounts)>> {
        let rows: Vec<CountsRow> = on_pool!(&self.pool, p => {
            let mut q = sqlx::QueryBuilder::new(documents::COUNTS);
            q.push_bind(account.get()).push(" AND client_id");
            push_in(&mut q, ids.iter().map(|c| c.get()));
            q.push(" GROUP BY client_id");
            q.build_query_as().fetch_all(p).await.map_err(db)?
        });
        Ok(rows
            .into_iter()
            .map(|r| {
                let counts = DocumentCounts {
                    deals: r.deals,
                    offers: r.offers,
                    contracts: r.contracts,
                    invoices: r.invoices,
                };
                (ClientId(r.client_id), counts)
            })
            .collect())
    }
}
