//! The `<contact>` of `contact.add` and `contact.update`: a new client
//! whole, a changed one as the fields that differ (an empty element
//! clears, DECISIONS.md "Planfix").

use crm_core::{
    CatalogueRef, Client, ClientKind, ContactKind, CoreError, CoreResult, FieldValue, Label, Name,
    NewClient, Patch, Service, Sex, Status,
};
use crm_planfix::wire::{ContactIn, CustomValueIn, PhoneIn};

use super::map::{DATE, type_id};
use super::slots::{SOCIALS, Slot, group_of};

/// A client's points as Planfix holds them.
#[derive(Debug, Default, PartialEq, Eq)]
struct Drawn {
    mails: Vec<String>,
    phones: Vec<(String, &'static str)>,
    socials: Vec<(Service, String)>,
}

/// Lays `points` out as Planfix fields, or says which one has no place.
fn draw<'a>(
    points: impl Iterator<Item = (ContactKind, Service, Option<Label>, &'a str)>,
) -> CoreResult<Drawn> {
    let mut drawn = Drawn::default();
    for (kind, service, label, value) in points {
        match group_of(kind, service) {
            Some(Slot::Mail(_)) => drawn.mails.push(value.to_owned()),
            Some(Slot::Phone(_)) => drawn.phones.push((value.to_owned(), type_id(label))),
            Some(Slot::Social(s)) if !drawn.socials.iter().any(|(x, _)| *x == s) => {
                drawn.socials.push((s, value.to_owned()));
            }
            Some(Slot::Social(s)) => {
                return Err(no_place(&format!("a second {} value", s.as_str())));
            }
            None => {
                return Err(no_place(&format!(
                    "a {} contact of service {}",
                    kind.as_str(),
                    service.as_str()
                )));
            }
        }
    }
    Ok(drawn)
}

fn no_place(what: &str) -> CoreError {
    CoreError::invalid(
        "contact",
        format!(
            "the Planfix upstream has no place for {what}: it keeps e-mails, phones and one \
             each of skype, icq, telegram, vk, facebook and site"
        ),
    )
}

fn live(client: &Client) -> impl Iterator<Item = (ContactKind, Service, Option<Label>, &str)> {
    client
        .contacts
        .iter()
        .filter(|p| p.status == Status::Active)
        .map(|p| (p.kind, p.service, p.label, p.value.as_str()))
}

fn parts(name: &Name) -> (String, String, String) {
    match name.parts() {
        Some(p) => (p.given.clone(), p.middle.clone(), p.last.clone()),
        None => (name.as_full().to_owned(), String::new(), String::new()),
    }
}

fn sex(sex: Option<Sex>) -> String {
    match sex {
        Some(Sex::Male) => "MALE",
        Some(Sex::Female) => "FEMALE",
        None => "",
    }
    .to_owned()
}

/// The group id a reference names; Planfix groups are the upstream's own,
/// so only an id reaches them.
pub(super) fn group(reference: &CatalogueRef) -> CoreResult<String> {
    match reference {
        CatalogueRef::Id(id) => Ok(id.to_string()),
        _ => Err(CoreError::invalid(
            "group",
            "the Planfix upstream names contact groups by id only",
        )),
    }
}

/// The group change a patch asks for, as `group/id` (empty clears).
pub(super) fn group_patch(patch: &Patch<CatalogueRef>) -> CoreResult<Option<String>> {
    match patch {
        Patch::Keep => Ok(None),
        Patch::Clear => Ok(Some(String::new())),
        Patch::Set(reference) => group(reference).map(Some),
    }
}

fn put(contact: &mut ContactIn, service: Service, value: String) {
    let slot = match service {
        Service::Skype => &mut contact.skype,
        Service::Icq => &mut contact.icq,
        Service::Telegram => &mut contact.telegram,
        Service::Vk => &mut contact.vk,
        Service::Facebook => &mut contact.facebook,
        _ => &mut contact.site,
    };
    *slot = Some(value);
}

fn phones(drawn: &Drawn) -> Vec<PhoneIn> {
    drawn
        .phones
        .iter()
        .map(|(number, t)| PhoneIn {
            number: number.clone(),
            type_id: Some((*t).to_owned()),
        })
        .collect()
}

fn custom(fields: &[FieldValue]) -> Vec<CustomValueIn> {
    fields
        .iter()
        .map(|f| CustomValueIn {
            id: f.number.to_string(),
            value: f.value.clone(),
        })
        .collect()
}

/// `contact.add` for `new`; its companies are linked by a second call.
pub(crate) fn new_contact(new: &NewClient) -> CoreResult<ContactIn> {
    let (given, middle, last) = parts(&new.name);
    let points = new
        .contacts
        .iter()
        .map(|p| (p.kind, p.service, p.label, p.value.as_str()));
    let drawn = draw(points)?;
    let mut contact = ContactIn {
        name: Some(given),
        mid_name: Some(middle).filter(|m| !m.is_empty()),
        last_name: Some(last).filter(|l| !l.is_empty()),
        is_company: Some(
            if new.kind == ClientKind::Company {
                "1"
            } else {
                "0"
            }
            .to_owned(),
        ),
        post: new.attributes.position.clone(),
        description: new.attributes.description.clone(),
        address: new.attributes.address.clone(),
        sex: new.attributes.sex.map(|s| sex(Some(s))),
        birthdate: new.attributes.birthday.map(|d| d.format(DATE).to_string()),
        group: new.group.as_ref().map(group).transpose()?,
        custom_data: (!new.fields.is_empty()).then(|| custom(&new.fields)),
        email: drawn.mails.first().cloned(),
        secondary_emails: (drawn.mails.len() > 1).then(|| drawn.mails[1..].to_vec()),
        phones: (!drawn.phones.is_empty()).then(|| phones(&drawn)),
        ..ContactIn::default()
    };
    for (service, value) in drawn.socials {
        put(&mut contact, service, value);
    }
    Ok(contact)
}

/// `contact.update` from `was` to `now`: the fields that differ; an
/// unchanged client gives `ContactIn::default()`.
pub(crate) fn changes(was: &Client, now: &Client) -> CoreResult<ContactIn> {
    let mut contact = ContactIn::default();
    let (before, after) = (parts(&was.name), parts(&now.name));
    if before != after {
        (contact.name, contact.mid_name, contact.last_name) =
            (Some(after.0), Some(after.1), Some(after.2));
    }
    let text =
        |a: &Option<String>, b: &Option<String>| (a != b).then(|| b.clone().unwrap_or_default());
    contact.post = text(&was.attributes.position, &now.attributes.position);
    contact.description = text(&was.attributes.description, &now.attributes.description);
    contact.address = text(&was.attributes.address, &now.attributes.address);
    contact.sex = (was.attributes.sex != now.attributes.sex).then(|| sex(now.attributes.sex));
    contact.birthdate = (was.attributes.birthday != now.attributes.birthday).then(|| {
        now.attributes
            .birthday
            .map(|d| d.format(DATE).to_string())
            .unwrap_or_default()
    });
    let (old, new) = (draw(live(was))?, draw(live(now))?);
    if old.mails != new.mails {
        contact.email = Some(new.mails.first().cloned().unwrap_or_default());
        contact.secondary_emails = Some(new.mails.iter().skip(1).cloned().collect());
    }
    if old.phones != new.phones {
        contact.phones = Some(phones(&new));
    }
    for service in SOCIALS {
        let value = |d: &Drawn| {
            d.socials
                .iter()
                .find(|(s, _)| *s == service)
                .map(|(_, v)| v.clone())
        };
        if value(&old) != value(&new) {
            put(&mut contact, service, value(&new).unwrap_or_default());
        }
    }
    let mut values = Vec::new();
    for number in was.fields.iter().chain(&now.fields).map(|f| f.number) {
        let value = |c: &Client| {
            c.fields
                .iter()
                .find(|f| f.number == number)
                .map(|f| f.value.clone())
        };
        if value(was) != value(now)
            && !values
                .iter()
                .any(|v: &CustomValueIn| v.id == number.to_string())
        {
            values.push(CustomValueIn {
                id: number.to_string(),
                value: value(now).unwrap_or_default(),
            });
        }
    }
    contact.custom_data = (!values.is_empty()).then_some(values);
    Ok(contact)
}
