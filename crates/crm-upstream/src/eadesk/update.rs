//! An update of a person: the core's patch applied to the person as the
//! upstream draws it, written as the Eadesk calls that change what it shows.

use crm_core::apply::{ResolvedRefs, apply_patch};
use crm_core::store::Updated;
use crm_core::{Client, ClientId, ClientPatch, CoreError, CoreResult, Visibility};
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
        let person = id.to_string();
        let shown = (&next.name, &next.description, &next.segments);
        let mut changed = false;
        if shown != (&was.name, &was.description, &was.segments) {
            let input = map::person_input(&next.name, next.description.as_ref(), &next.segments);
            self.eadesk
                .update_person(&person, &input)
                .await
                .map_err(core_error)?;
            changed = true;
        }
        for point in &plan.delete {
            self.eadesk
                .delete_contact(&point.to_string())
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
            self.eadesk
                .update_contact(&point.id.to_string(), &input)
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
