//! Wire <-> core. Pure functions: requests become `NewClient`, `ClientPatch`
//! and `ClientQuery`; clients become `<contact>` elements.

mod list;
mod points;
mod values;

pub use list::list_query;
pub use values::{company_ids, image_type, parse_date, parse_id, parse_sex, picture};

use crm_core::{
    CatalogueEntryId, CatalogueRef, Client, ClientKind, ClientPatch, ContactKind, ContactReplace,
    ContactSelector, FieldValue, Label, Name, NewClient, NewContactPoint, Patch, Service,
};

use crate::error::PlanfixError;
use crate::wire::{ContactIn, CustomValueIn, PhoneIn};

/// Phone type ids (reference/planfix.md §6): 1 mobile, 2 work, 3 home, 4 other.
pub fn label_of_type(type_id: Option<&str>) -> Result<Label, PlanfixError> {
    match type_id.map(str::trim) {
        Some("1") => Ok(Label::Mobile),
        Some("2") => Ok(Label::Work),
        Some("3") => Ok(Label::Home),
        Some("4") | None => Ok(Label::Other),
        Some(other) => Err(PlanfixError::InvalidValue(format!(
            "phones/phone/typeId: unknown phone type {other}"
        ))),
    }
}

fn phone(label: Label, value: &str) -> NewContactPoint {
    NewContactPoint::new(ContactKind::Phone, Service::Phone, Some(label), value)
}

const SOCIALS: [Service; 6] = [
    Service::Site,
    Service::Skype,
    Service::Facebook,
    Service::Vk,
    Service::Icq,
    Service::Telegram,
];

fn social(c: &ContactIn, service: Service) -> Option<&str> {
    match service {
        Service::Site => c.site.as_deref(),
        Service::Skype => c.skype.as_deref(),
        Service::Facebook => c.facebook.as_deref(),
        Service::Vk => c.vk.as_deref(),
        Service::Icq => c.icq.as_deref(),
        Service::Telegram => c.telegram.as_deref(),
        _ => None,
    }
}

fn old_phones(c: &ContactIn) -> [(Label, Option<&str>); 3] {
    [
        (Label::Mobile, c.mobile_phone.as_deref()),
        (Label::Work, c.work_phone.as_deref()),
        (Label::Home, c.home_phone.as_deref()),
    ]
}

/// `phones/phone` plus the 2010 `mobilePhone`/`workPhone`/`homePhone` not
/// already in it: one list, so sending both generations never doubles a number.
fn phone_list(phones: &[PhoneIn], c: &ContactIn) -> Result<Vec<NewContactPoint>, PlanfixError> {
    let mut out = Vec::new();
    for p in phones.iter().filter(|p| !p.number.trim().is_empty()) {
        out.push(phone(label_of_type(p.type_id.as_deref())?, &p.number));
    }
    for (label, value) in old_phones(c) {
        if let Some(v) = value.filter(|v| !v.trim().is_empty())
            && !out.iter().any(|p| p.value == v && p.label == Some(label))
        {
            out.push(phone(label, v));
        }
    }
    Ok(out)
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value.as_ref().filter(|v| !v.is_empty()).cloned()
}

fn text_patch(value: &Option<String>) -> Patch<String> {
    match value {
        None => Patch::Keep,
        Some(v) if v.is_empty() => Patch::Clear,
        Some(v) => Patch::Set(v.clone()),
    }
}

fn name_of(kind: ClientKind, given: &str, middle: &str, last: &str) -> Name {
    if kind == ClientKind::Company && middle.is_empty() && last.is_empty() {
        Name::full(given)
    } else {
        Name::from_parts(given, middle, last)
    }
}

fn group_ref(raw: &str) -> Result<CatalogueRef, PlanfixError> {
    Ok(CatalogueRef::Id(CatalogueEntryId(parse_id(
        "group/id", raw,
    )?)))
}

fn field_number(v: &CustomValueIn) -> Result<i64, PlanfixError> {
    parse_id("customData/customValue/id", &v.id)
}

/// Custom values as patches: an empty value clears the field.
pub fn field_patches(values: &[CustomValueIn]) -> Result<Vec<(i64, Patch<String>)>, PlanfixError> {
    values
        .iter()
        .map(|v| Ok((field_number(v)?, text_patch(&Some(v.value.clone())))))
        .collect()
}

/// `contact.add`: a new client. A person needs some name (`0009`).
pub fn new_client(c: &ContactIn) -> Result<NewClient, PlanfixError> {
    let kind = match c.is_company.as_deref() {
        Some(raw) if crate::op::parse_bool("isCompany", raw)? => ClientKind::Company,
        _ => ClientKind::Person,
    };
    let given = c.name.as_deref().unwrap_or("");
    let middle = c.mid_name.as_deref().unwrap_or("");
    let last = c.last_name.as_deref().unwrap_or("");
    if [given, middle, last].iter().all(|p| p.trim().is_empty()) {
        return Err(PlanfixError::MissingParameter("contact/name"));
    }
    let mut client = NewClient::new(kind, name_of(kind, given, middle, last));
    client.attributes.position = non_empty(&c.post);
    client.attributes.address = non_empty(&c.address);
    client.attributes.description = non_empty(&c.description);
    client.attributes.sex = c.sex.as_deref().map(parse_sex).transpose()?.flatten();
    client.attributes.birthday = c
        .birthdate
        .as_deref()
        .map(parse_date)
        .transpose()?
        .flatten();
    client.group = c
        .group
        .as_deref()
        .filter(|g| !g.trim().is_empty())
        .map(group_ref)
        .transpose()?;
    for v in c
        .custom_data
        .iter()
        .flatten()
        .filter(|v| !v.value.is_empty())
    {
        client.fields.push(FieldValue {
            number: field_number(v)?,
            value: v.value.clone(),
        });
    }
    client.avatar = c
        .user_pic
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(picture)
        .transpose()?;
    let mails = non_empty(&c.email).into_iter().chain(
        c.secondary_emails
            .iter()
            .flatten()
            .filter(|e| !e.is_empty())
            .cloned(),
    );
    for mail in mails {
        client.contacts.push(NewContactPoint::new(
            ContactKind::Mail,
            Service::Mail,
            None,
            &mail,
        ));
    }
    client
        .contacts
        .extend(phone_list(c.phones.as_deref().unwrap_or(&[]), c)?);
    for service in SOCIALS {
        if let Some(v) = social(c, service).filter(|v| !v.is_empty()) {
            client
                .contacts
                .push(NewContactPoint::new(ContactKind::Id, service, None, v));
        }
    }
    Ok(client)
}

/// `contact.update`: absent element = unchanged, empty element = cleared
/// (DECISIONS.md "Planfix"). `current` supplies what a partial name or
/// e-mail list keeps.
pub fn patch(c: &ContactIn, current: &Client) -> Result<ClientPatch, PlanfixError> {
    let mut patch = ClientPatch::default();
    if c.name.is_some() || c.mid_name.is_some() || c.last_name.is_some() {
        let parts = current
            .name
            .parts()
            .cloned()
            .unwrap_or_else(|| crm_core::NameParts {
                given: current.name.as_full().to_owned(),
                ..Default::default()
            });
        let given = c.name.as_deref().unwrap_or(&parts.given);
        let middle = c.mid_name.as_deref().unwrap_or(&parts.middle);
        let last = c.last_name.as_deref().unwrap_or(&parts.last);
        // As in `contact.add`: a contact never loses its whole name.
        if [given, middle, last].iter().all(|p| p.trim().is_empty()) {
            return Err(PlanfixError::MissingParameter("contact/name"));
        }
        patch.name = Patch::Set(name_of(current.kind, given, middle, last));
    }
    patch.attributes.position = text_patch(&c.post);
    patch.attributes.address = text_patch(&c.address);
    patch.attributes.description = text_patch(&c.description);
    patch.attributes.sex = match c.sex.as_deref().map(parse_sex).transpose()? {
        None => Patch::Keep,
        Some(value) => Patch::from_option(value).or_clear(),
    };
    patch.attributes.birthday = match c.birthdate.as_deref().map(parse_date).transpose()? {
        None => Patch::Keep,
        Some(value) => Patch::from_option(value).or_clear(),
    };
    patch.group = match c.group.as_deref().map(str::trim) {
        None => Patch::Keep,
        Some("") => Patch::Clear,
        Some(raw) => Patch::Set(group_ref(raw)?),
    };
    if let Some(values) = &c.custom_data {
        patch.fields = field_patches(values)?;
    }
    patch.avatar = match c.user_pic.as_deref().map(str::trim) {
        // A URL is what `contact.get` shows: a client writing back what it
        // read changes nothing.
        None => Patch::Keep,
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => Patch::Keep,
        Some("") => Patch::Clear,
        Some(raw) => Patch::Set(picture(raw)?),
    };
    points::mails(&mut patch, c, current);
    match &c.phones {
        Some(phones) => patch.contacts.push(ContactReplace {
            selector: selector(ContactKind::Phone, Service::Phone, None),
            values: phone_list(phones, c)?,
        }),
        None => {
            for (label, value) in old_phones(c) {
                if let Some(v) = value {
                    // A blank number clears, as an empty one does.
                    let v = if v.trim().is_empty() { "" } else { v };
                    let slot = selector(ContactKind::Phone, Service::Phone, Some(label));
                    points::set_first(&mut patch, current, slot, phone(label, v));
                }
            }
        }
    }
    for service in SOCIALS {
        if let Some(v) = social(c, service) {
            let slot = selector(ContactKind::Id, service, None);
            let new = NewContactPoint::new(ContactKind::Id, service, None, v);
            points::set_first(&mut patch, current, slot, new);
        }
    }
    Ok(patch)
}

trait OrClear<T> {
    fn or_clear(self) -> Patch<T>;
}

impl<T> OrClear<T> for Patch<T> {
    /// `Keep` (from an empty value) becomes `Clear`.
    fn or_clear(self) -> Patch<T> {
        match self {
            Patch::Keep => Patch::Clear,
            other => other,
        }
    }
}

fn selector(kind: ContactKind, service: Service, label: Option<Label>) -> ContactSelector {
    ContactSelector {
        kind,
        service: Some(service),
        label: label.map(Some),
    }
}

#[cfg(test)]
mod tests;
