//! An update of a person: the core's patch applied to the person as the
//! upstream draws it, written as the Eadesk calls that change what it shows.

use crm_core::apply::{ResolvedRefs, apply_patch};
use crm_core::store::{IdKind, Updated};
use crm_core::{Client, ClientId, ClientPatch, ContactPointId, CoreError, CoreResult, Visibility};
use crm_eadesk::wire::ContactUpdateInput;

use super::{EadeskData, core_error, map};

impl EadeskData {
    /// The patch applied to the person as the upstream draws it, written as
    /// update (name, description, segments) and contact-data calls.
    pub(super) async fn patched(
        &self,
        id: ClientId,
        visibility: Visibility,
        patch: &ClientPatch,
    ) -> CoreResult<Option<Updated<Client>>> {
        let Some(was) = self.person(id, visibility).await? else {
            return Ok(None);
        };
        let mut next = was.clone();
        let (_, plan) = apply_patch(&mut next, patch, ResolvedRefs::default());
        let inserts = plan
            .insert
            .iter()
            .map(map::contact_input)
            .collect::<CoreResult<Vec<_>>>()?;
        let person = self
            .upstream_id(IdKind::Client, id.get())
            .await?
            .ok_or(CoreError::not_found("client"))?;
        let shown = (
            &next.name,
            &next.attributes.description,
            &next.attributes.segments,
        );
        let mut changed = false;
        if shown
            != (
                &was.name,
                &was.attributes.description,
                &was.attributes.segments,
            )
        {
            let input = map::person_input(
                &next.name,
                next.attributes.description.as_ref(),
                &next.attributes.segments,
            );
            self.eadesk
                .update_person(&person, &input)
                .await
                .map_err(core_error)?;
            changed = true;
        }
        for point in &plan.delete {
            let point = self.point_id(*point).await?;
            self.eadesk
                .delete_contact(&point)
                .await
                .map_err(core_error)?;
            changed = true;
        }
        for point in &plan.rewrite {
            let input = ContactUpdateInput {
                value: Some(point.value.clone()),
                kind: point.kind.as_str().to_owned(),
                service: point.service.as_str().to_owned(),
            };
            let upstream = self.point_id(point.id).await?;
            self.eadesk
                .update_contact(&upstream, &input)
                .await
                .map_err(core_error)?;
            changed = true;
        }
        for input in &inserts {
            self.eadesk
                .create_contact(&person, input)
                .await
                .map_err(core_error)?;
            changed = true;
        }
        if !changed {
            return Ok(Some(Updated {
                record: was,
                changed,
            }));
        }
        let record = self
            .person(id, Visibility::IncludeDeleted)
            .await?
            .ok_or(CoreError::not_found("client"))?;
        Ok(Some(Updated { record, changed }))
    }
}

impl EadeskData {
    /// The upstream's id of a point the person was just read with.
    async fn point_id(&self, id: ContactPointId) -> CoreResult<String> {
        self.upstream_id(IdKind::ContactPoint, id.get())
            .await?
            .ok_or(CoreError::not_found("contact point"))
    }
}
