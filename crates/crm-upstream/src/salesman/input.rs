//! What `add.list` and `update` send for the core's writes: the attributes
//! a SalesMan person carries, each slot's values comma-joined.

use crm_core::{
    CatalogueRef, Client, ClientKind, ClientPatch, CoreError, CoreResult, NewClient, Patch,
};
use crm_salesman::op::PersonInput;

use super::map::slot_values;
use super::slots::Slot;

/// Puts `values` into `input`'s `slot`; no values clears it.
pub(super) fn set_slot(input: &mut PersonInput, slot: Slot, values: &[String]) {
    let joined = values.join(", ");
    match slot {
        Slot::Tel => input.tel = Some(joined),
        Slot::Mob => input.mob = Some(joined),
        Slot::Fax => input.fax = Some(joined),
        Slot::Mail => input.mail = Some(joined),
        Slot::Social(social) => {
            input.socials.retain(|(s, _)| *s != social);
            input.socials.push((social, joined));
        }
    }
}

/// A value a slot can hold as one: a comma would split it in two.
pub(super) fn check_value(slot: Slot, value: &str) -> CoreResult<()> {
    if value.trim().is_empty() {
        return Err(CoreError::invalid(
            "value",
            "a contact value cannot be empty",
        ));
    }
    if !slot.is_single() && value.contains(',') {
        return Err(CoreError::invalid(
            "value",
            "the SalesMan upstream joins a person's phones and e-mails with commas, \
             so a value cannot hold one",
        ));
    }
    Ok(())
}

/// The `add.list` entry of a new client: every attribute SalesMan carries.
/// No `user`: the upstream makes its own login responsible.
pub(super) fn person_input(new: &NewClient) -> CoreResult<PersonInput> {
    if new.kind == ClientKind::Company {
        return Err(CoreError::invalid(
            "type",
            "the SalesMan upstream's person API holds persons only",
        ));
    }
    let mut input = PersonInput {
        person: Some(new.name.as_full().to_owned()),
        ptitle: new.attributes.position.clone(),
        rol: new.attributes.role.clone(),
        clid: new.companies.first().map(|c| Some(*c)),
        loyalty: new.loyalty.as_ref().map(catalogue_value),
        clientpath: new.source.as_ref().map(catalogue_value),
        inputs: new
            .fields
            .iter()
            .filter(|f| (1..=10).contains(&f.number))
            .map(|f| (f.number, f.value.clone()))
            .collect(),
        mperson: new.attributes.main_contact.then_some(true),
        date_create: new.created_at,
        ..PersonInput::default()
    };
    for slot in Slot::all() {
        let mut values = Vec::new();
        for point in &new.contacts {
            let room = values.is_empty() || !slot.is_single();
            if room && Slot::of(point.kind, point.service, point.label) == Some(slot) {
                check_value(slot, &point.value)?;
                values.push(point.value.clone());
            }
        }
        if !values.is_empty() {
            set_slot(&mut input, slot, &values);
        }
    }
    Ok(input)
}

/// A catalogue entry as SalesMan takes it: a title, or the upstream's own id.
pub(super) fn catalogue_value(reference: &CatalogueRef) -> String {
    match reference {
        CatalogueRef::Id(id) => id.to_string(),
        CatalogueRef::Title(title) => title.clone(),
    }
}

/// The `update` from `was` to `now` of what `apply_patch` changes: name,
/// position, role, custom fields and the slots; empty when nothing did.
pub(super) fn changed_input(was: &Client, now: &Client) -> PersonInput {
    let mut input = PersonInput::default();
    if was.name.as_full() != now.name.as_full() {
        input.person = Some(now.name.as_full().to_owned());
    }
    let text = |before: &Option<String>, after: &Option<String>| {
        (before != after).then(|| after.clone().unwrap_or_default())
    };
    input.ptitle = text(&was.attributes.position, &now.attributes.position);
    input.rol = text(&was.attributes.role, &now.attributes.role);
    for n in 1..=10 {
        let value = |c: &Client| {
            c.fields
                .iter()
                .find(|f| f.number == n)
                .map(|f| f.value.clone())
        };
        if let Some(changed) = text(&value(was), &value(now)) {
            input.inputs.push((n, changed));
        }
    }
    for slot in Slot::all() {
        let after = slot_values(now, slot);
        if slot_values(was, slot) != after {
            set_slot(&mut input, slot, &after);
        }
    }
    input
}

/// Loyalty, source and company as the patch names them: titles and ids
/// are sent as they are, the upstream reads them as its own.
pub(super) fn patch_refs(input: &mut PersonInput, was: &Client, patch: &ClientPatch) {
    let catalogue = |patch: &Patch<crm_core::CatalogueRef>, current: Option<&str>| match patch {
        Patch::Keep => None,
        // An empty value is no entry (reference/salesman.md §5).
        Patch::Clear => current.map(|_| String::new()),
        Patch::Set(reference) => {
            let value = catalogue_value(reference);
            (current != Some(value.as_str())).then_some(value)
        }
    };
    input.loyalty = catalogue(
        &patch.loyalty,
        was.loyalty.as_ref().map(|e| e.title.as_str()),
    );
    input.clientpath = catalogue(&patch.source, was.source.as_ref().map(|e| e.title.as_str()));
    let company = was.companies.first().map(|c| c.id);
    input.clid = match &patch.companies {
        Patch::Keep => None,
        Patch::Clear => company.map(|_| None),
        Patch::Set(ids) => (ids.first().copied() != company).then(|| ids.first().copied()),
    };
    if let Patch::Set(main) = patch.attributes.main_contact {
        input.mperson = Some(main);
    }
}
