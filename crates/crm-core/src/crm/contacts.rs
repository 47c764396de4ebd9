use super::Crm;
use super::list_cache::Change;
use crate::model::{
    ClientId, ContactPoint, ContactPointId, ContactPointPatch, NewContactPoint, Origin, Principal,
    Timestamp,
};
use crate::query::{ContactPointQuery, Visibility};
use crate::{CoreError, CoreResult, Patch, storable};

impl Crm {
    /// Adds a contact point to a client; `origin` is the writer unless the point names one.
    pub async fn add_contact_point(
        &self,
        who: Principal,
        client: ClientId,
        visibility: Visibility,
        origin: Origin,
        point: &NewContactPoint,
    ) -> CoreResult<ContactPoint> {
        storable::contact_point(point)?;
        let added = self
            .data(who.account)
            .await?
            .add_contact_point(
                who.account,
                client,
                visibility,
                origin,
                Timestamp::now(),
                point,
            )
            .await;
        self.lists.written(who.account, Change::Edited);
        added?.ok_or(CoreError::not_found("client"))
    }

    /// Changes a contact point.
    pub async fn update_contact_point(
        &self,
        who: Principal,
        id: ContactPointId,
        patch: &ContactPointPatch,
    ) -> CoreResult<ContactPoint> {
        if let Patch::Set(value) = &patch.value {
            storable::contact_value(value)?;
        }
        let updated = self
            .data(who.account)
            .await?
            .update_contact_point(who.account, id, Timestamp::now(), patch)
            .await;
        self.lists.written(who.account, Change::Edited);
        updated?.ok_or(CoreError::not_found("contact point"))
    }

    /// Marks a contact point deleted.
    pub async fn delete_contact_point(&self, who: Principal, id: ContactPointId) -> CoreResult<()> {
        let deleted = self
            .data(who.account)
            .await?
            .delete_contact_point(who.account, id, Timestamp::now())
            .await;
        self.lists.written(who.account, Change::Edited);
        if deleted? {
            Ok(())
        } else {
            Err(CoreError::not_found("contact point"))
        }
    }

    /// Contact points matching the query.
    pub async fn list_contact_points(
        &self,
        who: Principal,
        query: &ContactPointQuery,
    ) -> CoreResult<Vec<ContactPoint>> {
        if query.value.as_deref().is_some_and(storable::holds_nul) {
            return Ok(Vec::new());
        }
        self.data(who.account)
            .await?
            .list_contact_points(who.account, query)
            .await
    }
}
