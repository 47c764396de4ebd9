//! Contact points in an Eadesk upstream: its contact data, one to one.
//! Eadesk's contacts/read does not name a datum's person, so points are
//! read through the persons that embed them, and the person of one datum
//! is found by a search for its value.

use async_trait::async_trait;
use crm_core::{
    Client, ClientId, ContactPoint, ContactPointId, ContactPointPatch, ContactPointQuery,
    CoreError, CoreResult, NewContactPoint, Origin, Patch, Timestamp, Visibility,
};
use crm_eadesk::client::{ContactFilter, PersonFilter};
use crm_eadesk::wire::ContactUpdateInput;

use super::{EadeskData, core_error, map, refused_with};
use crate::bound::Points;
use crm_core::store::IdKind;

/// A pattern matching exactly `value`, in the syntax both the gateway's
/// engine and a real Eadesk's (MongoDB `$regex`) read alike.
fn exactly(value: &str) -> String {
    format!("^{}$", regex::escape(value))
}

impl EadeskData {
    /// The person holding contact datum `id`, and the datum; `None` when
    /// the upstream has no such datum.
    async fn owner(&self, id: ContactPointId) -> CoreResult<Option<(Client, ContactPoint)>> {
        let Some(upstream) = self.upstream_id(IdKind::ContactPoint, id.get()).await? else {
            return Ok(None);
        };
        let filter = ContactFilter {
            id: Some(upstream.clone()),
            ..ContactFilter::default()
        };
        let contact = match self.eadesk.read_contacts(&filter).await {
            Ok(found) => found.into_iter().find(|c| c.id == upstream),
            Err(err) if refused_with(&err, "ENOT_FOUND") => None,
            Err(err) => return Err(core_error(err)),
        };
        let Some(contact) = contact else {
            return Ok(None);
        };
        let by_value = PersonFilter {
            search: Some(exactly(&contact.value)),
            ..PersonFilter::default()
        };
        let candidates = match self.every(&by_value).await {
            Ok(found) => found,
            // A value too long for the upstream's patterns: every person.
            Err(CoreError::Invalid { .. }) => self.every(&PersonFilter::default()).await?,
            Err(err) => return Err(err),
        };
        Ok(candidates.into_iter().find_map(|client| {
            let point = client.contacts.iter().find(|p| p.id == id).cloned()?;
            Some((client, point))
        }))
    }

    /// The persons whose contact data a query reads: one, or those the
    /// upstream's person search narrows to, within the ceiling.
    async fn point_owners(&self, query: &ContactPointQuery) -> CoreResult<Vec<Client>> {
        if let Some(client) = query.client {
            return Ok(self
                .person(client, Visibility::IncludeDeleted)
                .await?
                .into_iter()
                .collect());
        }
        if let Some(id) = query.id {
            return Ok(self.owner(id).await?.map(|(c, _)| c).into_iter().collect());
        }
        // A person search reads names and every contact value, so it finds
        // every owner of a matching datum (and some more, dropped here).
        let search = match (&query.value, &query.search) {
            (Some(value), _) => Some(exactly(value)),
            (None, Some(pattern)) => Some(pattern.as_str().to_owned()),
            (None, None) => None,
        };
        let filter = PersonFilter {
            search,
            kinds: query.kinds.iter().map(|k| k.as_str().to_owned()).collect(),
            services: query
                .services
                .iter()
                .filter(|s| map::keeps(**s))
                .map(|s| s.as_str().to_owned())
                .collect(),
            ..PersonFilter::default()
        };
        if query.services.iter().any(|s| !map::keeps(*s)) {
            return Err(CoreError::invalid(
                "service",
                "the Eadesk upstream keeps contact data of mail, phone, facebook, vk, \
                 whatsapp, chatra, telegram and skype only",
            ));
        }
        self.every(&filter).await
    }
}

#[async_trait]
impl Points for EadeskData {
    async fn add_point(
        &self,
        client: ClientId,
        visibility: Visibility,
        origin: Origin,
        point: &NewContactPoint,
    ) -> CoreResult<Option<ContactPoint>> {
        let input = map::contact_input(point)?;
        let Some(person) = self.person(client, visibility).await? else {
            return Ok(None);
        };
        let Some(upstream) = self.upstream_id(IdKind::Client, client.get()).await? else {
            return Ok(None);
        };
        let created = self
            .eadesk
            .create_contact(&upstream, &input)
            .await
            .map_err(core_error)?;
        let created = self.ids.contact(created).await?;
        let position = i64::try_from(person.contacts.len()).unwrap_or(i64::MAX - 1) + 1;
        let mut made = map::point(&created, client, position, Timestamp::now())?;
        // Eadesk stamps its own origin; the writer's is what it is for the caller.
        made.origin = point.origin.unwrap_or(origin);
        Ok(Some(made))
    }

    /// Eadesk's contacts/update takes type and service every time, so the
    /// datum is read first; it keeps no label.
    async fn update_point(
        &self,
        id: ContactPointId,
        patch: &ContactPointPatch,
    ) -> CoreResult<Option<ContactPoint>> {
        if matches!(patch.label, Patch::Set(_)) {
            return Err(CoreError::invalid(
                "label",
                "the Eadesk upstream keeps no label on contact data",
            ));
        }
        let Some((_, current)) = self.owner(id).await? else {
            return Ok(None);
        };
        let kind = match patch.kind {
            Patch::Set(kind) => kind,
            Patch::Keep | Patch::Clear => current.kind,
        };
        let service = match patch.service {
            Patch::Set(service) => service,
            Patch::Keep | Patch::Clear => current.service,
        };
        if !map::keeps(service) {
            return Err(CoreError::invalid(
                "service",
                format!(
                    "the Eadesk upstream keeps no {} contact data",
                    service.as_str()
                ),
            ));
        }
        let input = ContactUpdateInput {
            value: match &patch.value {
                Patch::Set(value) => Some(value.clone()),
                Patch::Keep | Patch::Clear => None,
            },
            kind: kind.as_str().to_owned(),
            service: service.as_str().to_owned(),
        };
        let Some(upstream) = self.upstream_id(IdKind::ContactPoint, id.get()).await? else {
            return Ok(None);
        };
        let updated = self
            .eadesk
            .update_contact(&upstream, &input)
            .await
            .map_err(core_error)?;
        let updated = self.ids.contact(updated).await?;
        let mut point = map::point(
            &updated,
            current.client,
            current.position,
            current.created_at,
        )?;
        point.origin = current.origin;
        Ok(Some(point))
    }

    async fn delete_point(&self, id: ContactPointId) -> CoreResult<bool> {
        let Some(upstream) = self.upstream_id(IdKind::ContactPoint, id.get()).await? else {
            return Ok(false);
        };
        match self.eadesk.delete_contact(&upstream).await {
            Ok(()) => Ok(true),
            Err(err) if refused_with(&err, "ENOT_FOUND") => Ok(false),
            Err(err) => Err(core_error(err)),
        }
    }

    async fn points(&self, query: &ContactPointQuery) -> CoreResult<Vec<ContactPoint>> {
        let owners = self.point_owners(query).await?;
        let mut points: Vec<ContactPoint> = owners
            .into_iter()
            .flat_map(|c| c.contacts)
            .filter(|p| crate::filters::wanted(query, p))
            .collect();
        points.sort_by_key(|p| p.id);
        Ok(points
            .into_iter()
            .skip(usize::try_from(query.page.offset).unwrap_or(usize::MAX))
            .take(usize::try_from(query.page.limit).unwrap_or(usize::MAX))
            .collect())
    }
}
