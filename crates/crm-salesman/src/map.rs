//! SalesMan person ⇄ core client, as pure functions (DECISIONS.md "Across
//! dialects"; reference/salesman.md §5-§7).

use crm_core::{
    CatalogueEntryId, CatalogueRef, Client, ClientKind, ClientPatch, ContactKind, ContactPoint,
    ContactReplace, ContactSelector, FieldValue, Label, Name, NewClient, NewContactPoint, Patch,
    Service, Status, UserId,
};

use crate::error::SalesmanError;
use crate::op::PersonInput;
use crate::wire::Social;

/// Which of the two renderings the original uses: `list` (v2: ints, `user`
/// beside `iduser`) or `info` (the spec's example: every value a string).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `list`.
    List,
    /// `info`.
    Info,
}

/// A phone-like slot of the person record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Tel,
    Mob,
    Fax,
    Mail,
}

impl Slot {
    /// `tel` is every phone that is not mobile or fax, so phones written
    /// elsewhere without a label still show.
    fn holds(self, point: &ContactPoint) -> bool {
        match self {
            Self::Tel => {
                point.kind == ContactKind::Phone
                    && !matches!(point.label, Some(Label::Mobile | Label::Fax))
            }
            Self::Mob => point.kind == ContactKind::Phone && point.label == Some(Label::Mobile),
            Self::Fax => point.kind == ContactKind::Phone && point.label == Some(Label::Fax),
            Self::Mail => point.kind == ContactKind::Mail,
        }
    }

    fn new_point(self, value: String) -> NewContactPoint {
        let (kind, service, label) = match self {
            Self::Tel => (ContactKind::Phone, Service::Phone, Some(Label::Work)),
            Self::Mob => (ContactKind::Phone, Service::Phone, Some(Label::Mobile)),
            Self::Fax => (ContactKind::Phone, Service::Phone, Some(Label::Fax)),
            Self::Mail => (ContactKind::Mail, Service::Mail, None),
        };
        NewContactPoint {
            kind,
            service,
            label,
            value,
            origin: None,
        }
    }

    /// The selectors whose points together form the slot.
    fn selectors(self) -> Vec<ContactSelector> {
        let phone = |label| ContactSelector {
            kind: ContactKind::Phone,
            service: None,
            label: Some(label),
        };
        match self {
            Self::Tel => vec![
                phone(Some(Label::Work)),
                phone(None),
                phone(Some(Label::Home)),
                phone(Some(Label::Other)),
            ],
            Self::Mob => vec![phone(Some(Label::Mobile))],
            Self::Fax => vec![phone(Some(Label::Fax))],
            Self::Mail => vec![ContactSelector {
                kind: ContactKind::Mail,
                service: None,
                label: None,
            }],
        }
    }
}

/// `"a, b"` → `["a", "b"]`: tel, mob, fax and mail may hold several values.
pub fn split_values(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

fn live(client: &Client) -> impl Iterator<Item = &ContactPoint> {
    client
        .contacts
        .iter()
        .filter(|p| p.status == Status::Active)
}

fn slot_values(client: &Client, slot: Slot) -> Vec<&str> {
    live(client)
        .filter(|p| slot.holds(p))
        .map(|p| p.value.as_str())
        .collect()
}

fn social_value(client: &Client, social: Social) -> Option<&str> {
    live(client)
        .find(|p| p.kind == ContactKind::Id && p.service == social.service())
        .map(|p| p.value.as_str())
}

fn social_point(social: Social, value: String) -> NewContactPoint {
    NewContactPoint {
        kind: ContactKind::Id,
        service: social.service(),
        label: None,
        value,
        origin: None,
    }
}

/// reference/salesman.md §5: a numeric value is an entry id, anything else a
/// title. Empty or `0` is no entry (PHP's `getPersonLoyalty(0)`), never a new
/// entry titled "0".
fn catalogue_ref(raw: &str) -> Option<CatalogueRef> {
    let raw = raw.trim();
    match raw.parse::<i64>() {
        _ if raw.is_empty() => None,
        Ok(0) => None,
        Ok(id) if id > 0 => Some(CatalogueRef::Id(CatalogueEntryId(id))),
        _ => Some(CatalogueRef::Title(raw.to_owned())),
    }
}

fn optional(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.is_empty())
}

/// The client `add` creates. `person` must be there and not blank.
pub fn new_client(
    input: &PersonInput,
    responsible: Option<UserId>,
) -> Result<NewClient, SalesmanError> {
    let name = input
        .person
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .ok_or(SalesmanError::NoName)?;
    let mut client = NewClient::new(ClientKind::Person, Name::full(name));
    client.attributes.position = optional(&input.ptitle);
    client.attributes.role = optional(&input.rol);
    client.attributes.responsible = responsible;
    client.loyalty = input.loyalty.as_deref().and_then(catalogue_ref);
    client.source = input.clientpath.as_deref().and_then(catalogue_ref);
    client.fields = input
        .inputs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(number, value)| FieldValue {
            number: *number,
            value: value.clone(),
        })
        .collect();
    client.companies = input.clid.flatten().into_iter().collect();
    client.attributes.main_contact = input.mperson == Some(true);
    client.created_at = input.date_create;
    for (slot, raw) in slots(input) {
        client
            .contacts
            .extend(split_values(raw).into_iter().map(|v| slot.new_point(v)));
    }
    for (social, value) in &input.socials {
        if !value.trim().is_empty() {
            client.contacts.push(social_point(*social, value.clone()));
        }
    }
    Ok(client)
}

fn slots(input: &PersonInput) -> Vec<(Slot, &str)> {
    [
        (Slot::Tel, &input.tel),
        (Slot::Mob, &input.mob),
        (Slot::Fax, &input.fax),
        (Slot::Mail, &input.mail),
    ]
    .into_iter()
    .filter_map(|(slot, v)| v.as_deref().map(|v| (slot, v)))
    .collect()
}

/// A sent text: empty clears, absent keeps.
fn text_patch(value: &Option<String>) -> Patch<String> {
    match value.as_deref() {
        None => Patch::Keep,
        Some("") => Patch::Clear,
        Some(v) => Patch::Set(v.to_owned()),
    }
}

/// The change `update` makes to `current`: only what was sent; a slot whose
/// values are already the stored ones is left alone, so an identical update
/// changes nothing.
pub fn patch(
    input: &PersonInput,
    current: &Client,
    responsible: Option<UserId>,
) -> Result<ClientPatch, SalesmanError> {
    let mut patch = ClientPatch::default();
    if let Some(name) = &input.person {
        if name.trim().is_empty() {
            return Err(SalesmanError::NoName);
        }
        if name != current.name.as_full() {
            patch.name = Patch::Set(Name::full(name.clone()));
        }
    }
    patch.attributes.position = text_patch(&input.ptitle);
    patch.attributes.role = text_patch(&input.rol);
    patch.attributes.responsible = Patch::from_option(responsible);
    patch.loyalty = catalogue_patch(&input.loyalty, current.loyalty.as_ref());
    patch.source = catalogue_patch(&input.clientpath, current.source.as_ref());
    patch.fields = input
        .inputs
        .iter()
        .map(|(n, v)| (*n, text_patch(&Some(v.clone()))))
        .collect();
    patch.companies = match input.clid {
        None => Patch::Keep,
        Some(None) if current.companies.is_empty() => Patch::Keep,
        Some(None) => Patch::Clear,
        Some(Some(id)) if current.companies.first().map(|c| c.id) == Some(id) => Patch::Keep,
        // The person's first company is the one SalesMan sees; the others stay.
        Some(Some(id)) => Patch::Set(
            std::iter::once(id)
                .chain(current.companies.iter().map(|c| c.id).filter(|c| *c != id))
                .collect(),
        ),
    };
    patch.attributes.main_contact = Patch::from_option(input.mperson);
    for (slot, raw) in slots(input) {
        let wanted = split_values(raw);
        if slot_values(current, slot) == wanted {
            continue;
        }
        patch.contacts.extend(replacements(current, slot, wanted));
    }
    for (social, value) in &input.socials {
        let value = if value.trim().is_empty() { "" } else { value };
        if social_value(current, *social).unwrap_or_default() == value {
            continue;
        }
        patch.contacts.push(ContactReplace {
            selector: ContactSelector {
                kind: ContactKind::Id,
                service: Some(social.service()),
                label: None,
            },
            values: (!value.is_empty())
                .then(|| social_point(*social, value.to_owned()))
                .into_iter()
                .collect(),
        });
    }
    Ok(patch)
}

/// The slot rewritten to `wanted`: each selector keeps the wanted values it
/// already holds, so a home or unlabelled phone written by another dialect
/// keeps its label; values new to the slot go to its first selector.
fn replacements(current: &Client, slot: Slot, mut wanted: Vec<String>) -> Vec<ContactReplace> {
    let mut out: Vec<ContactReplace> = slot
        .selectors()
        .into_iter()
        .map(|selector| {
            let mut values = Vec::new();
            for point in live(current).filter(|p| selector.matches(p)) {
                if let Some(i) = wanted.iter().position(|w| *w == point.value) {
                    values.push(slot.new_point(wanted.remove(i)));
                }
            }
            ContactReplace { selector, values }
        })
        .collect();
    if let Some(first) = out.first_mut() {
        first
            .values
            .extend(wanted.into_iter().map(|v| slot.new_point(v)));
    }
    out
}

/// A catalogue value sent as the title or id it already has is no change.
fn catalogue_patch(
    value: &Option<String>,
    current: Option<&crm_core::CatalogueEntry>,
) -> Patch<CatalogueRef> {
    let Some(raw) = value.as_deref() else {
        return Patch::Keep;
    };
    let v = raw.trim();
    match catalogue_ref(v) {
        None => Patch::Clear,
        Some(_) if current.is_some_and(|c| c.title == v || c.id.to_string() == v) => Patch::Keep,
        Some(reference) => Patch::Set(reference),
    }
}

mod render;

pub use render::{datetime, record, render};

#[cfg(test)]
mod tests;
