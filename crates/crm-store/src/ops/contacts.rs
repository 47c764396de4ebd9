use async_trait::async_trait;
use crm_core::store::ContactPointStore;
use crm_core::{
    AccountId, ClientId, ContactPoint, ContactPointId, ContactPointPatch, ContactPointQuery,
    CoreResult, NewContactPoint, Origin, Timestamp, Visibility,
};

use super::child_writes::{insert_contact_point, rewrite_contact_point};
use crate::SqlStore;
use crate::error::db;
use crate::filter::{push_contact_where, window};
use crate::pool::{in_write_tx, on_pool};
use crate::rows::ContactRow;
use crate::sql::{clients, contacts};

#[async_trait]
impl ContactPointStore for SqlStore {
    async fn add_contact_point(
        &self,
        account: AccountId,
        client: ClientId,
        visibility: Visibility,
        origin: Origin,
        now: Timestamp,
        point: &NewContactPoint,
    ) -> CoreResult<Option<ContactPoint>> {
        let id: Option<i64> = in_write_tx!(&self.pool, tx => {
            let found: i64 = sqlx::query_scalar(clients::EXISTS)
                .bind(account.get())
                .bind(client.get())
                .bind(visibility == Visibility::IncludeDeleted)
                .fetch_one(&mut *tx)
                .await
                .map_err(db)?;
            if found == 0 {
                None
            } else {
                let id = insert_contact_point!(tx, account, client.get(), point, origin, now);
                sqlx::query(contacts::TOUCH_CLIENT)
                    .bind(account.get())
                    .bind(id)
                    .bind(now.millis())
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                Some(id)
            }
        });
        match id {
            Some(id) => self.point(account, ContactPointId(id)).await,
            None => Ok(None),
        }
    }

    async fn update_contact_point(
        &self,
        account: AccountId,
        id: ContactPointId,
        now: Timestamp,
        patch: &ContactPointPatch,
    ) -> CoreResult<Option<ContactPoint>> {
        let found = in_write_tx!(&self.pool, tx => {
            // Touching the client first takes its row lock on PostgreSQL, so a
            // concurrent change of this point or of its client waits instead
            // of being overwritten by the stale read below.
            sqlx::query(contacts::TOUCH_CLIENT)
                .bind(account.get())
                .bind(id.get())
                .bind(now.millis())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            let row: Option<ContactRow> = sqlx::query_as(contacts::BY_ID)
                .bind(account.get())
                .bind(id.get())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
            match row {
                None => false,
                Some(row) => {
                    let mut point = row.into_point()?;
                    let (kind, service) = (point.kind, point.service);
                    patch.kind.clone().apply_or(&mut point.kind, kind);
                    patch.service.clone().apply_or(&mut point.service, service);
                    patch.label.clone().apply(&mut point.label);
                    patch.value.clone().apply_or(&mut point.value, String::new());
                    rewrite_contact_point!(tx, account, &point, now);
                    true
                }
            }
        });
        if found {
            self.point(account, id).await
        } else {
            Ok(None)
        }
    }

    async fn delete_contact_point(
        &self,
        account: AccountId,
        id: ContactPointId,
        now: Timestamp,
    ) -> CoreResult<bool> {
        let affected = in_write_tx!(&self.pool, tx => {
            let affected = sqlx::query(contacts::MARK_DELETED)
                .bind(account.get())
                .bind(id.get())
                .bind(now.millis())
                .execute(&mut *tx)
                .await
                .map_err(db)?
                .rows_affected();
            sqlx::query(contacts::TOUCH_CLIENT)
                .bind(account.get())
                .bind(id.get())
                .bind(now.millis())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            affected
        });
        Ok(affected > 0)
    }

    async fn list_contact_points(
        &self,
        account: AccountId,
        query: &ContactPointQuery,
    ) -> CoreResult<Vec<ContactPoint>> {
        let Some((offset, limit)) = window(query.page.offset, query.page.limit) else {
            return Ok(Vec::new());
        };
        let rows: Vec<ContactRow> = on_pool!(&self.pool, p => {
            let mut q = sqlx::QueryBuilder::new(contacts::SELECT);
            push_contact_where(&mut q, account, query);
            q.push(" ORDER BY id");
            if query.search.is_none() {
                q.push(" LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
            }
            q.build_query_as().fetch_all(p).await.map_err(db)?
        });
        let points = rows.into_iter().map(ContactRow::into_point);
        let Some(pattern) = &query.search else {
            return points.collect();
        };
        // The regex runs here, never in the database; the window applies to matches.
        points
            .filter(|p| p.as_ref().map_or(true, |p| pattern.is_match(&p.value)))
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect()
    }
}

impl SqlStore {
    async fn point(
        &self,
        account: AccountId,
        id: ContactPointId,
    ) -> CoreResult<Option<ContactPoint>> {
        let row: Option<ContactRow> = on_pool!(&self.pool, p => {
            sqlx::query_as(contacts::BY_ID)
                .bind(account.get())
                .bind(id.get())
                .fetch_optional(p)
                .await
                .map_err(db)?
        });
        row.map(ContactRow::into_point).transpose()
    }
}
