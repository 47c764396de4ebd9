//! How a patch changes a client, as pure functions the store runs inside its
//! transaction, so every backend merges patches the same way.

use crate::model::{
    CatalogueEntry, Client, CompanyRef, ContactPoint, ContactPointId, ContactReplace,
    ContactRewrite, FieldValue, Name, NewContactPoint, Status,
};
use crate::{ClientPatch, Patch};

/// The catalogue references of a patch, resolved to entries by the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolvedRefs {
    /// Loyalty.
    pub loyalty: Patch<CatalogueEntry>,
    /// Source.
    pub source: Patch<CatalogueEntry>,
    /// Contact group.
    pub group: Patch<CatalogueEntry>,
    /// Companies, with their names.
    pub companies: Patch<Vec<CompanyRef>>,
}

/// Contact-point writes a patch needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactPlan {
    /// Points to mark deleted.
    pub delete: Vec<ContactPointId>,
    /// Points to create, in order.
    pub insert: Vec<NewContactPoint>,
    /// Live points whose value changes in place, with the new value set.
    pub rewrite: Vec<ContactPoint>,
}

impl ContactPlan {
    /// True when no point changes.
    pub fn is_empty(&self) -> bool {
        self.delete.is_empty() && self.insert.is_empty() && self.rewrite.is_empty()
    }
}

/// Applies `patch` to `client`; returns whether an attribute changed and the
/// contact-point writes to make. Avatar bytes are the store's to write.
pub fn apply_patch(
    client: &mut Client,
    patch: &ClientPatch,
    refs: ResolvedRefs,
) -> (bool, ContactPlan) {
    let mut changed = false;
    changed |= apply_name(&mut client.name, &patch.name);
    changed |= patch.attributes.apply(&mut client.attributes);
    changed |= refs.loyalty.apply(&mut client.loyalty);
    changed |= refs.source.apply(&mut client.source);
    changed |= refs.group.apply(&mut client.group);
    changed |= refs.companies.apply_or(&mut client.companies, Vec::new());
    changed |= apply_fields(&mut client.fields, &patch.fields);
    changed |= match patch.avatar {
        Patch::Keep => false,
        // The bytes are not loaded to compare; a sent picture counts as a change.
        Patch::Set(_) => {
            client.has_avatar = true;
            true
        }
        Patch::Clear => std::mem::replace(&mut client.has_avatar, false),
    };
    let mut plan = plan_contacts(&client.contacts, &patch.contacts);
    plan.rewrite = plan_rewrites(&client.contacts, &plan, &patch.rewrites);
    plan_removals(&client.contacts, &mut plan, &patch.removals);
    changed |= !plan.is_empty();
    (changed, plan)
}

/// A one-string name equal to the stored full name keeps the stored parts:
/// a dialect that shows only the full name and sends it back unchanged must
/// not erase the given/middle/last split another dialect wrote.
fn apply_name(name: &mut Name, patch: &Patch<Name>) -> bool {
    match patch {
        Patch::Set(new) if new.parts().is_none() && new.as_full() == name.as_full() => false,
        other => other.clone().apply_or(name, Name::default()),
    }
}

fn apply_fields(values: &mut Vec<FieldValue>, patches: &[(i64, Patch<String>)]) -> bool {
    let mut changed = false;
    for (number, patch) in patches {
        let mut slot = values
            .iter()
            .position(|v| v.number == *number)
            .map(|i| values.remove(i).value);
        changed |= patch.clone().apply(&mut slot);
        if let Some(value) = slot {
            values.push(FieldValue {
                number: *number,
                value,
            });
        }
    }
    values.sort_by_key(|v| v.number);
    changed
}

/// Keeps the live points of each slot whose value stays, deletes the rest and
/// creates the new values, in the order the replacements come.
pub fn plan_contacts(existing: &[ContactPoint], replaces: &[ContactReplace]) -> ContactPlan {
    let mut plan = ContactPlan::default();
    for replace in replaces {
        let mut slot: Vec<&ContactPoint> = existing
            .iter()
            .filter(|p| p.status == Status::Active && replace.selector.matches(p))
            .filter(|p| !plan.delete.contains(&p.id))
            .collect();
        for wanted in &replace.values {
            match slot.iter().position(|p| p.value == wanted.value) {
                Some(i) => {
                    slot.remove(i);
                }
                None => plan.insert.push(wanted.clone()),
            }
        }
        plan.delete.extend(slot.iter().map(|p| p.id));
    }
    plan
}

/// Adds the removals of live points of this client to the plan's deletes; a
/// removed point is not also rewritten.
fn plan_removals(existing: &[ContactPoint], plan: &mut ContactPlan, removals: &[ContactPointId]) {
    for id in removals {
        let live = existing
            .iter()
            .any(|p| p.id == *id && p.status == Status::Active);
        if live && !plan.delete.contains(id) {
            plan.delete.push(*id);
        }
    }
    plan.rewrite.retain(|p| !plan.delete.contains(&p.id));
}

/// The rewrites that change a live point the replacements leave standing.
fn plan_rewrites(
    existing: &[ContactPoint],
    plan: &ContactPlan,
    rewrites: &[ContactRewrite],
) -> Vec<ContactPoint> {
    rewrites
        .iter()
        .filter_map(|rewrite| {
            let point = existing.iter().find(|p| {
                p.id == rewrite.id && p.status == Status::Active && !plan.delete.contains(&p.id)
            })?;
            (point.value != rewrite.value).then(|| ContactPoint {
                value: rewrite.value.clone(),
                ..point.clone()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
