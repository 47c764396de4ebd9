//! Contact points in a Planfix upstream: its e-mails, phones and social
//! ids. A change to one is made to the contact as Planfix draws it and
//! sent as `contact.update` of the field that holds it; anything Planfix
//! has no place for is refused.

use async_trait::async_trait;
use crm_core::{
    Client, ClientId, ContactPoint, ContactPointId, ContactPointPatch, ContactPointQuery,
    CoreError, CoreResult, NewContactPoint, Origin, Patch, Status, Visibility,
};
use crm_planfix::client::ClientError;
use crm_planfix::op::{ContactRef, ListIn};

use super::slots::{Slot, group_of, slot_of};
use super::{NO_CONTACT, PlanfixData, core_error, write};
use crate::bound::Points;
use crate::filters::live_points;

fn no_place() -> CoreError {
    CoreError::invalid(
        "contact",
        "the Planfix upstream keeps e-mails, phones (labelled) and one each of skype, icq, \
         telegram, vk, facebook and site, and no other contact",
    )
}

/// The live point of `after` that stands for what was written: the one at
/// `id` when it stayed in its place, else the last of its kind and value.
fn written(
    after: &Client,
    id: Option<ContactPointId>,
    like: &ContactPoint,
) -> Option<ContactPoint> {
    live_points(after)
        .find(|p| Some(p.id) == id)
        .or_else(|| {
            live_points(after)
                .filter(|p| {
                    p.kind == like.kind && p.service == like.service && p.value == like.value
                })
                .last()
        })
        .cloned()
}

impl PlanfixData {
    /// Sends `now` over `was` as the fields that differ; the contact
    /// after, or `None` when it is gone.
    async fn rewrite(&self, was: &Client, now: &Client) -> CoreResult<Option<Client>> {
        let fields = write::changes(was, now)?;
        match self.planfix.update(ContactRef(was.id.get()), &fields).await {
            Ok(_) => self.get(was.id).await,
            Err(ClientError::Refused(f)) if f.code == NO_CONTACT => Ok(None),
            Err(err) => Err(core_error(err)),
        }
    }

    /// The contact holding point `id`, and the point, when it is live.
    async fn holder(&self, id: ContactPointId) -> CoreResult<Option<(Client, ContactPoint)>> {
        let Some((client, _)) = slot_of(id) else {
            return Ok(None);
        };
        let Some(holder) = self.get(client).await? else {
            return Ok(None);
        };
        let point = live_points(&holder).find(|p| p.id == id).cloned();
        Ok(point.map(|p| (holder, p)))
    }

    /// The contacts whose points a query reads: one, or all of them within
    /// the ceiling.
    async fn point_owners(&self, query: &ContactPointQuery) -> CoreResult<Vec<Client>> {
        let one = query
            .client
            .or_else(|| query.id.and_then(slot_of).map(|(c, _)| c));
        if let Some(id) = one {
            return Ok(self.get(id).await?.into_iter().collect());
        }
        self.every_client(&ListIn::default()).await
    }
}

#[async_trait]
impl Points for PlanfixData {
    /// An e-mail or phone joins the end of its list; a social id takes its
    /// empty field.
    async fn add_point(
        &self,
        client: ClientId,
        _: Visibility,
        _: Origin,
        point: &NewContactPoint,
    ) -> CoreResult<Option<ContactPoint>> {
        let slot = group_of(point.kind, point.service).ok_or_else(no_place)?;
        if point.label.is_some() && !matches!(slot, Slot::Phone(_)) {
            return Err(no_place());
        }
        let Some(was) = self.get(client).await? else {
            return Ok(None);
        };
        let new = ContactPoint {
            id: ContactPointId(0),
            client,
            kind: point.kind,
            service: point.service,
            label: point.label,
            value: point.value.clone(),
            origin: crm_planfix::ORIGIN,
            status: Status::Active,
            position: i64::MAX,
            created_at: was.created_at,
        };
        let mut now = was.clone();
        now.contacts.push(new.clone());
        let after = self.rewrite(&was, &now).await?;
        Ok(after.and_then(|after| written(&after, None, &new)))
    }

    /// A point may move to another list (an e-mail becoming a phone) as
    /// long as Planfix has a place for it; only a phone has a label.
    async fn update_point(
        &self,
        id: ContactPointId,
        patch: &ContactPointPatch,
    ) -> CoreResult<Option<ContactPoint>> {
        let Some((was, point)) = self.holder(id).await? else {
            return Ok(None);
        };
        let mut changed = point.clone();
        patch.kind.clone().apply_or(&mut changed.kind, point.kind);
        patch
            .service
            .clone()
            .apply_or(&mut changed.service, point.service);
        patch.label.clone().apply(&mut changed.label);
        if let Patch::Set(value) = &patch.value {
            changed.value = value.clone();
        }
        let slot = group_of(changed.kind, changed.service).ok_or_else(no_place)?;
        if changed.label.is_some() && !matches!(slot, Slot::Phone(_)) {
            return Err(no_place());
        }
        let mut now = was.clone();
        for p in &mut now.contacts {
            if p.id == id {
                *p = changed.clone();
            }
        }
        let stays = slot_of(id).is_some_and(|(_, s)| s.same_group(slot));
        let after = self.rewrite(&was, &now).await?;
        Ok(after.and_then(|after| written(&after, stays.then_some(id), &changed)))
    }

    /// Planfix keeps no deleted value: the point leaves its field or list.
    async fn delete_point(&self, id: ContactPointId) -> CoreResult<bool> {
        let Some((was, _)) = self.holder(id).await? else {
            return Ok(false);
        };
        let mut now = was.clone();
        now.contacts.retain(|p| p.id != id);
        Ok(self.rewrite(&was, &now).await?.is_some())
    }

    async fn points(&self, query: &ContactPointQuery) -> CoreResult<Vec<ContactPoint>> {
        let owners = self.point_owners(query).await?;
        let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        Ok(owners
            .iter()
            .flat_map(live_points)
            .filter(|p| crate::filters::wanted(query, p))
            .skip(count(query.page.offset))
            .take(count(query.page.limit))
            .cloned()
            .collect())
    }
}
