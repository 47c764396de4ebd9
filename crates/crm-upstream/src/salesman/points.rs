//! Contact points in a SalesMan upstream: the values of a person's `tel`,
//! `mob`, `fax` and `mail` (comma-joined) and of its eight `socials`. A
//! point is appended to its slot, changed or moved in place, or removed by
//! writing the slot without it; anything SalesMan has no slot for is refused.

use async_trait::async_trait;
use crm_core::{
    Client, ClientId, ContactPoint, ContactPointId, ContactPointPatch, ContactPointQuery,
    CoreError, CoreResult, NewContactPoint, Origin, Patch, Status, Visibility,
};
use crm_salesman::op::PersonInput;

use super::slots::{Slot, slot_of};
use super::{SalesmanData, core_error, full_view, input, is_not_found, map};
use crate::bound::Points;

fn no_slot() -> CoreError {
    CoreError::invalid(
        "contact",
        "the SalesMan upstream keeps phones (tel, mob, fax), e-mails and one value each of \
         blog, site, twitter, icq, skype, google, yandex and mykrug; not this contact",
    )
}

fn taken(slot: Slot) -> CoreError {
    let (_, service, _) = slot.point();
    CoreError::invalid(
        "contact",
        format!(
            "the SalesMan upstream keeps one {} a person, and this one has it",
            service.as_str()
        ),
    )
}

/// The live point at `place` of `client`'s `slot`.
fn at(client: &Client, slot: Slot, place: usize) -> Option<&ContactPoint> {
    client.contacts.iter().find(|p| {
        p.status == Status::Active && slot_of(p.id).is_some_and(|(_, s, n)| s == slot && n == place)
    })
}

impl SalesmanData {
    /// Writes `changes` (each slot with all its values) to `client`; the
    /// person after, `None` when it is gone.
    async fn write_slots(
        &self,
        client: ClientId,
        changes: &[(Slot, Vec<String>)],
    ) -> CoreResult<Option<Client>> {
        let mut input = PersonInput::default();
        for (slot, values) in changes {
            input::set_slot(&mut input, *slot, values);
        }
        match self.salesman.update(client, &input).await {
            Ok(_) => self.view(client).await,
            Err(err) if is_not_found(&err) => Ok(None),
            Err(err) => Err(core_error(err)),
        }
    }

    /// The person a point id names, with the point's slot and place, when
    /// the point is live.
    async fn point(&self, id: ContactPointId) -> CoreResult<Option<(Client, Slot, usize)>> {
        let Some((client, slot, place)) = slot_of(id) else {
            return Ok(None);
        };
        Ok(self
            .view(client)
            .await?
            .filter(|c| at(c, slot, place).is_some())
            .map(|c| (c, slot, place)))
    }

    /// The persons whose points a query reads: one, or all of them within
    /// the ceiling.
    async fn point_owners(&self, query: &ContactPointQuery) -> CoreResult<Vec<Client>> {
        let one = query
            .client
            .or_else(|| query.id.and_then(slot_of).map(|(c, _, _)| c));
        if let Some(id) = one {
            return Ok(self.view(id).await?.into_iter().collect());
        }
        let args = crm_salesman::op::ListArgs {
            order: crm_core::SortKey::Id,
            direction: crm_core::Direction::Asc,
            view: full_view(),
            ..crm_salesman::op::ListArgs::default()
        };
        self.every_client(&args).await
    }
}

#[async_trait]
impl Points for SalesmanData {
    async fn add_point(
        &self,
        client: ClientId,
        _: Visibility,
        _: Origin,
        point: &NewContactPoint,
    ) -> CoreResult<Option<ContactPoint>> {
        let slot = Slot::of(point.kind, point.service, point.label).ok_or_else(no_slot)?;
        input::check_value(slot, &point.value)?;
        let Some(current) = self.view(client).await? else {
            return Ok(None);
        };
        let mut values = map::slot_values(&current, slot);
        if slot.is_single() && !values.is_empty() {
            return Err(taken(slot));
        }
        values.push(point.value.clone());
        let place = values.len() - 1;
        let after = self.write_slots(client, &[(slot, values)]).await?;
        Ok(after.and_then(|c| at(&c, slot, place).cloned()))
    }

    /// A change of kind, service or label moves the value to the slot that
    /// holds such points, at its end.
    async fn update_point(
        &self,
        id: ContactPointId,
        patch: &ContactPointPatch,
    ) -> CoreResult<Option<ContactPoint>> {
        let Some((current, slot, place)) = self.point(id).await? else {
            return Ok(None);
        };
        let Some(point) = at(&current, slot, place) else {
            return Ok(None);
        };
        let kind = match &patch.kind {
            Patch::Set(kind) => *kind,
            Patch::Keep => point.kind,
            Patch::Clear => return Err(no_slot()),
        };
        let service = match &patch.service {
            Patch::Set(service) => *service,
            Patch::Keep => point.service,
            Patch::Clear => return Err(no_slot()),
        };
        let label = match &patch.label {
            Patch::Set(label) => Some(*label),
            Patch::Keep => point.label,
            Patch::Clear => None,
        };
        let value = match &patch.value {
            Patch::Set(value) => value.clone(),
            Patch::Keep => point.value.clone(),
            Patch::Clear => {
                return Err(CoreError::invalid(
                    "value",
                    "a contact value cannot be empty",
                ));
            }
        };
        let target = Slot::of(kind, service, label).ok_or_else(no_slot)?;
        input::check_value(target, &value)?;
        let mut from = map::slot_values(&current, slot);
        if target == slot {
            if let Some(v) = from.get_mut(place) {
                *v = value;
            }
            let after = self.write_slots(current.id, &[(slot, from)]).await?;
            return Ok(after.and_then(|c| at(&c, slot, place).cloned()));
        }
        let mut to = map::slot_values(&current, target);
        if target.is_single() && !to.is_empty() {
            return Err(taken(target));
        }
        if place < from.len() {
            from.remove(place);
        }
        to.push(value);
        let new_place = to.len() - 1;
        let after = self
            .write_slots(current.id, &[(slot, from), (target, to)])
            .await?;
        Ok(after.and_then(|c| at(&c, target, new_place).cloned()))
    }

    /// SalesMan keeps no deleted value: the slot is written without it, and
    /// the values after it in the slot move up a place.
    async fn delete_point(&self, id: ContactPointId) -> CoreResult<bool> {
        let Some((current, slot, place)) = self.point(id).await? else {
            return Ok(false);
        };
        let mut values = map::slot_values(&current, slot);
        if place < values.len() {
            values.remove(place);
        }
        Ok(self
            .write_slots(current.id, &[(slot, values)])
            .await?
            .is_some())
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
