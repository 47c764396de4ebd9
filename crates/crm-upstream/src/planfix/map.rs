//! A Planfix contact to the core and back: the Planfix dialect's own
//! mapping (docs/mapping.md, column P) read from the other side.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use crm_core::{
    CatalogueEntry, CatalogueEntryId, Client, ClientAttributes, ClientId, ClientKind, CompanyRef,
    ContactKind, ContactPoint, CoreError, CoreResult, FieldValue, Label, Name, PortalAccess,
    Service, Sex, Status, Timestamp,
};
use crm_planfix::wire::ContactOut;

use super::slots::{SOCIALS, Slot, point_id};

/// `createdDate` as the gateway's Planfix writes it (UTC); a real Planfix
/// writes it in the calling employee's time zone.
const STAMP: &str = "%d-%m-%Y %H:%M";
/// `birthdate`.
pub(super) const DATE: &str = "%d-%m-%Y";

/// The client a Planfix `<contact>` draws.
pub(crate) fn client(wire: &ContactOut) -> CoreResult<Client> {
    let id = ClientId(number(&wire.id).ok_or_else(|| unreadable("a contact without an id"))?);
    let text = |v: &str| (!v.is_empty()).then(|| v.to_owned());
    let created_at = stamp(&wire.created_date)?;
    let mut client = Client {
        id,
        kind: if wire.is_company {
            ClientKind::Company
        } else {
            ClientKind::Person
        },
        name: name(&wire.name, &wire.mid_name, &wire.last_name),
        attributes: ClientAttributes {
            position: text(&wire.post),
            description: text(&wire.description),
            address: text(&wire.address),
            sex: match wire.sex.as_str() {
                "MALE" => Some(Sex::Male),
                "FEMALE" => Some(Sex::Female),
                _ => None,
            },
            birthday: [&wire.birthdate, &wire.birthday]
                .into_iter()
                .find_map(|d| NaiveDate::parse_from_str(d, DATE).ok()),
            // Only an administrator is shown access (spec, contact.get).
            portal: (wire.have_planfix_access == Some(true)).then(|| {
                let user = wire.user.clone().unwrap_or_default();
                PortalAccess {
                    login: user.login,
                    role: user.role,
                    status: user.status,
                    email: user.email,
                }
            }),
            ..ClientAttributes::default()
        },
        loyalty: None,
        source: None,
        group: number(&wire.group.id).map(|group| CatalogueEntry {
            id: CatalogueEntryId(group),
            title: wire.group.name.clone(),
        }),
        fields: wire
            .custom_data
            .iter()
            .filter(|v| !v.value.is_empty())
            .filter_map(|v| {
                Some(FieldValue {
                    number: number(&v.field_id)?,
                    value: v.value.clone(),
                })
            })
            .collect(),
        companies: wire
            .contractors
            .iter()
            .filter_map(|c| {
                Some(CompanyRef {
                    id: ClientId(number(&c.id)?),
                    name: c.name.clone(),
                })
            })
            .collect(),
        has_avatar: false,
        origin: crm_planfix::ORIGIN,
        status: Status::Active,
        created_at,
        updated_at: created_at,
        contacts: Vec::new(),
    };
    client.contacts = points(&client, wire)?;
    Ok(client)
}

/// A name written whole reads in Planfix as `name` alone (docs/mapping.md
/// "Names"), so only a contact with a middle or last name has parts.
fn name(given: &str, middle: &str, last: &str) -> Name {
    if middle.is_empty() && last.is_empty() {
        Name::full(given)
    } else {
        Name::from_parts(given, middle, last)
    }
}

/// The points of the contact, in the order Planfix shows them. The 2010
/// `mobilePhone`/`workPhone`/`homePhone` repeat `phones`, so they are read
/// only from a Planfix that sends no `phones`.
fn points(client: &Client, wire: &ContactOut) -> CoreResult<Vec<ContactPoint>> {
    let mut out = Vec::new();
    let mails = std::iter::once(&wire.email).chain(&wire.secondary_emails);
    for (n, mail) in mails.filter(|m| !m.is_empty()).enumerate() {
        out.push(point(client, Slot::Mail(n), None, mail)?);
    }
    let phones: Vec<(Label, &String)> = if wire.phones.is_empty() {
        [
            (Label::Mobile, &wire.mobile_phone),
            (Label::Work, &wire.work_phone),
            (Label::Home, &wire.home_phone),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect()
    } else {
        wire.phones
            .iter()
            .filter(|p| !p.number.is_empty())
            .map(|p| (label_of(&p.type_id), &p.number))
            .collect()
    };
    for (n, (label, number)) in phones.into_iter().enumerate() {
        out.push(point(client, Slot::Phone(n), Some(label), number)?);
    }
    for service in SOCIALS {
        let value = social(wire, service);
        if !value.is_empty() {
            out.push(point(client, Slot::Social(service), None, value)?);
        }
    }
    Ok(out)
}

fn social(wire: &ContactOut, service: Service) -> &str {
    match service {
        Service::Skype => &wire.skype,
        Service::Icq => &wire.icq,
        Service::Telegram => &wire.telegram_name,
        Service::Vk => &wire.vk,
        Service::Facebook => &wire.facebook,
        _ => &wire.site,
    }
}

/// The point that stands for `client`'s `slot` holding `value`.
pub(crate) fn point(
    client: &Client,
    slot: Slot,
    label: Option<Label>,
    value: &str,
) -> CoreResult<ContactPoint> {
    let (kind, service) = match slot {
        Slot::Mail(_) => (ContactKind::Mail, Service::Mail),
        Slot::Phone(_) => (ContactKind::Phone, Service::Phone),
        Slot::Social(service) => (ContactKind::Id, service),
    };
    Ok(ContactPoint {
        id: point_id(client.id, slot)
            .ok_or_else(|| unreadable("a contact with more than 100 phones or e-mails"))?,
        client: client.id,
        kind,
        service,
        label,
        value: value.to_owned(),
        origin: crm_planfix::ORIGIN,
        status: Status::Active,
        position: slot.position(),
        created_at: client.created_at,
    })
}

/// reference/planfix.md §6: phone types 1 mobile, 2 work, 3 home, 4 other.
fn label_of(type_id: &str) -> Label {
    match type_id.trim() {
        "1" => Label::Mobile,
        "2" => Label::Work,
        "3" => Label::Home,
        _ => Label::Other,
    }
}

/// The `typeId` a phone of `label` is written with; fax has no type of
/// its own and is written as other.
pub(super) fn type_id(label: Option<Label>) -> &'static str {
    match label {
        Some(Label::Mobile) => "1",
        Some(Label::Work) => "2",
        Some(Label::Home) => "3",
        Some(Label::Fax | Label::Other) | None => "4",
    }
}

fn number(text: &str) -> Option<i64> {
    text.trim().parse().ok().filter(|n| *n > 0)
}

/// An absent `createdDate` (a Planfix that does not send it) is the epoch:
/// the contact is still read, its creation time unknown.
fn stamp(text: &str) -> CoreResult<Timestamp> {
    if text.trim().is_empty() {
        return Ok(Timestamp::from_utc(DateTime::UNIX_EPOCH));
    }
    NaiveDateTime::parse_from_str(text.trim(), STAMP)
        .or_else(|_| {
            NaiveDate::parse_from_str(text.trim(), DATE).map(|d| d.and_time(Default::default()))
        })
        .map(|at| Timestamp::from_utc(at.and_utc()))
        .map_err(|_| unreadable(&format!("createdDate {text:?} is not a Planfix time")))
}

pub(crate) fn unreadable(what: &str) -> CoreError {
    CoreError::Unavailable(format!("the Planfix upstream answered {what}"))
}
