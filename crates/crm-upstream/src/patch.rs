//! A patch applied to a client as an upstream drew it, the way the store
//! applies one (`crm_core::apply`), for adapters that write the result
//! back as the attributes that changed.

use crm_core::apply::{ResolvedRefs, apply_patch};
use crm_core::{Client, ClientPatch, NewContactPoint};

/// `was` with `patch` applied: deleted points gone, rewritten values in
/// place; and the points to add, which each upstream places in its own
/// slots.
pub(crate) fn applied(was: &Client, patch: &ClientPatch) -> (Client, Vec<NewContactPoint>) {
    let mut next = was.clone();
    let (_, plan) = apply_patch(&mut next, patch, ResolvedRefs::default());
    next.contacts.retain(|p| !plan.delete.contains(&p.id));
    for rewritten in plan.rewrite {
        if let Some(point) = next.contacts.iter_mut().find(|p| p.id == rewritten.id) {
            point.value = rewritten.value;
        }
    }
    (next, plan.insert)
}
