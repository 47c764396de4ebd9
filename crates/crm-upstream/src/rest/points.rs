//! Contact points in a REST upstream: its `phone` and `email` attributes,
//! one point each. A point is added to an empty slot, changed in place,
//! or removed by clearing the attribute; anything else REST cannot hold is
//! refused.

use async_trait::async_trait;
use crm_core::{
    Client, ClientId, ContactPoint, ContactPointId, ContactPointPatch, ContactPointQuery,
    CoreError, CoreResult, NewContactPoint, Origin, Patch, Status, Visibility,
};
use crm_rest::client::ListRequest;
use crm_rest::op::Render;
use crm_rest::wire::Fields;
use serde_json::Value;

use super::{RestData, core_error, map};
use crate::bound::Points;
use crate::points::{Slot, slot_of};

fn key(slot: Slot) -> &'static str {
    match slot {
        Slot::Phone => "phone",
        Slot::Mail => "email",
    }
}

fn in_slot(client: &Client, slot: Slot) -> Option<&ContactPoint> {
    client
        .contacts
        .iter()
        .find(|p| p.status == Status::Active && Slot::of(p.kind, p.service) == Some(slot))
}

fn no_slot() -> CoreError {
    CoreError::invalid(
        "contact",
        "the REST upstream keeps one phone and one e-mail a client, and no other contact",
    )
}

impl RestData {
    /// Writes `value` (null clears) into `client`'s `slot`; the client after.
    async fn write_slot(&self, client: ClientId, slot: Slot, value: Value) -> CoreResult<Client> {
        let fields = Fields::default().with(key(slot), value);
        let wire = self
            .rest
            .update(client.get(), &fields, &Render::default())
            .await
            .map_err(core_error)?;
        map::client(&wire)
    }

    /// The live point `id` names, with its client and slot.
    async fn point(&self, id: ContactPointId) -> CoreResult<Option<(Client, Slot)>> {
        let Some((client, slot)) = slot_of(id) else {
            return Ok(None);
        };
        Ok(self
            .view(client)
            .await?
            .filter(|c| in_slot(c, slot).is_some_and(|p| p.id == id))
            .map(|c| (c, slot)))
    }

    /// The clients whose points a query reads: one, or all of them within
    /// the ceiling.
    async fn point_owners(&self, query: &ContactPointQuery) -> CoreResult<Vec<Client>> {
        let one = query
            .client
            .or_else(|| query.id.and_then(slot_of).map(|(c, _)| c));
        if let Some(id) = one {
            return Ok(self.view(id).await?.into_iter().collect());
        }
        self.every_client(&ListRequest::default()).await
    }
}

#[async_trait]
impl Points for RestData {
    async fn add_point(
        &self,
        client: ClientId,
        _: Visibility,
        _: Origin,
        point: &NewContactPoint,
    ) -> CoreResult<Option<ContactPoint>> {
        let slot = Slot::of(point.kind, point.service).ok_or_else(no_slot)?;
        let Some(current) = self.view(client).await? else {
            return Ok(None);
        };
        if in_slot(&current, slot).is_some() {
            return Err(no_slot());
        }
        let after = self
            .write_slot(client, slot, Value::from(point.value.clone()))
            .await?;
        Ok(in_slot(&after, slot).cloned())
    }

    async fn update_point(
        &self,
        id: ContactPointId,
        patch: &ContactPointPatch,
    ) -> CoreResult<Option<ContactPoint>> {
        let Some((current, slot)) = self.point(id).await? else {
            return Ok(None);
        };
        let (kind, service) = slot.kind();
        let moves = matches!(&patch.kind, Patch::Set(k) if *k != kind)
            || matches!(&patch.service, Patch::Set(s) if *s != service)
            || matches!(&patch.label, Patch::Set(_));
        if moves {
            return Err(no_slot());
        }
        let Patch::Set(value) = &patch.value else {
            return Ok(in_slot(&current, slot).cloned());
        };
        let after = self
            .write_slot(current.id, slot, Value::from(value.clone()))
            .await?;
        Ok(in_slot(&after, slot).cloned())
    }

    /// REST keeps no deleted value: the attribute is cleared.
    async fn delete_point(&self, id: ContactPointId) -> CoreResult<bool> {
        let Some((current, slot)) = self.point(id).await? else {
            return Ok(false);
        };
        self.write_slot(current.id, slot, Value::Null).await?;
        Ok(true)
    }

    async fn points(&self, query: &ContactPointQuery) -> CoreResult<Vec<ContactPoint>> {
        let owners = self.point_owners(query).await?;
        Ok(owners
            .iter()
            .flat_map(|c| c.contacts.iter())
            .filter(|p| crate::filters::wanted(query, p))
            .skip(usize::try_from(query.page.offset).unwrap_or(usize::MAX))
            .take(usize::try_from(query.page.limit).unwrap_or(usize::MAX))
            .cloned()
            .collect())
    }
}
