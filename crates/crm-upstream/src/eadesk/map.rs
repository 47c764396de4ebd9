//! An Eadesk person to the core and back: the Eadesk dialect's own mapping
//! (docs/mapping.md, column E) read from the other side.

use chrono::DateTime;
use crm_core::{
    Client, ClientAttributes, ClientId, ClientKind, ContactKind, ContactPoint, ContactPointId,
    CoreError, CoreResult, Name, NewClient, NewContactPoint, Origin, Service, Status, Timestamp,
};
use crm_eadesk::wire::{ContactInput, Person, PersonContact, PersonInput};

/// Whether Eadesk keeps contact data of `service`: one of the eight
/// services its dialect accepts (spec/eadesk-clients.txt, contacts/create).
pub(crate) fn keeps(service: Service) -> bool {
    crm_eadesk::map::service(service.as_str()).is_ok()
}

/// The client a person draws.
pub(crate) fn client(person: &Person) -> CoreResult<Client> {
    let id = ClientId(upstream_id("person", &person.id)?);
    let created_at = DateTime::parse_from_rfc3339(&person.created_at)
        .map(|at| Timestamp::from_utc(at.to_utc()))
        .map_err(|_| unreadable(&format!("createdAt {:?}", person.created_at)))?;
    let mut contacts = Vec::with_capacity(person.contacts.len());
    for (index, contact) in person.contacts.iter().enumerate() {
        let position = i64::try_from(index).unwrap_or(i64::MAX - 1) + 1;
        contacts.push(point(contact, id, position, created_at)?);
    }
    Ok(Client {
        attributes: ClientAttributes {
            description: Some(person.description.clone()).filter(|d| !d.is_empty()),
            segments: person.segments.clone(),
            ..ClientAttributes::default()
        },
        status: status(person.status.as_deref()),
        contacts,
        // Eadesk shows no time of change: the client reads as unchanged.
        ..Client::bare(
            id,
            ClientKind::Person,
            Name::full(person.name.clone()),
            crm_eadesk::ORIGIN,
            created_at,
        )
    })
}

/// The point a contact datum of person `client` draws; Eadesk shows no
/// time of its own for it, so it bears the person's.
pub(crate) fn point(
    contact: &PersonContact,
    client: ClientId,
    position: i64,
    created_at: Timestamp,
) -> CoreResult<ContactPoint> {
    Ok(ContactPoint {
        id: ContactPointId(upstream_id("contact datum", &contact.id)?),
        client,
        kind: ContactKind::parse(&contact.kind)
            .ok_or_else(|| unreadable(&format!("contact type {:?}", contact.kind)))?,
        service: Service::parse(&contact.service)
            .ok_or_else(|| unreadable(&format!("contact service {:?}", contact.service)))?,
        label: None,
        value: contact.value.clone(),
        origin: Origin::parse(&contact.origin).unwrap_or(crm_eadesk::ORIGIN),
        status: status(contact.status.as_deref()),
        position,
        created_at,
    })
}

fn status(shown: Option<&str>) -> Status {
    match shown {
        Some("deleted") => Status::Deleted,
        _ => Status::Active,
    }
}

/// The body of a create, or of an update, which replaces all three fields.
pub(crate) fn person_input(
    name: &Name,
    description: Option<&String>,
    segments: &[String],
) -> PersonInput {
    PersonInput {
        name: Some(name.as_full().to_owned()),
        description: description.cloned(),
        segments: segments.to_vec(),
    }
}

/// The body of a create of `new`.
pub(crate) fn new_person(new: &NewClient) -> PersonInput {
    person_input(
        &new.name,
        new.attributes.description.as_ref(),
        &new.attributes.segments,
    )
}

/// The body of a contacts/create of `point`. An origin the point names is
/// sent when Eadesk knows it (a service, `pbx`, `manual`); a gateway
/// dialect's name is not one of Eadesk's, so the upstream stamps its own.
pub(crate) fn contact_input(point: &NewContactPoint) -> CoreResult<ContactInput> {
    if !keeps(point.service) {
        return Err(CoreError::invalid(
            "contact",
            format!(
                "the Eadesk upstream keeps no {} contact data; it keeps mail, phone, \
                 facebook, vk, whatsapp, chatra, telegram and skype",
                point.service.as_str()
            ),
        ));
    }
    let origin = point.origin.filter(|o| match o {
        Origin::Service(s) => keeps(*s),
        Origin::Pbx | Origin::Manual => true,
        Origin::Dialect(_) => false,
    });
    Ok(ContactInput {
        value: point.value.clone(),
        kind: point.kind.as_str().to_owned(),
        service: point.service.as_str().to_owned(),
        origin: origin.map(|o| o.as_str().to_owned()),
    })
}

/// An id as the gateway's number: by the time a person reaches this map,
/// its ids and its data's are the gateway's numbers (`ids.rs`), so anything
/// else is an answer the adapter did not read through its id map.
pub(crate) fn upstream_id(what: &str, id: &str) -> CoreResult<i64> {
    let decimal = !id.starts_with('0') && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    decimal
        .then(|| id.parse::<i64>().ok())
        .flatten()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            CoreError::Unavailable(format!(
                "the Eadesk upstream names a {what} {id:?} the gateway has no number for"
            ))
        })
}

pub(crate) fn unreadable(what: &str) -> CoreError {
    CoreError::Unavailable(format!("the Eadesk upstream answered an unreadable {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_positive_decimal_ids_pass() {
        assert_eq!(upstream_id("person", "17").unwrap(), 17);
        for id in [
            "9067b9dea16f43108e2cce17",
            "007",
            "0",
            "",
            "-3",
            "99999999999999999999",
        ] {
            let err = upstream_id("person", id).unwrap_err();
            assert!(
                matches!(&err, CoreError::Unavailable(m) if m.contains("no number for")),
                "{id}: {err:?}"
            );
        }
    }

    #[test]
    fn a_gateway_origin_is_left_to_the_upstream() {
        let mut point = NewContactPoint::new(ContactKind::Phone, Service::Phone, None, "+7");
        point.origin = Some(Origin::Dialect(crm_core::DialectName::new("rest")));
        assert_eq!(contact_input(&point).unwrap().origin, None);
        point.origin = Some(Origin::Pbx);
        assert_eq!(
            contact_input(&point).unwrap().origin.as_deref(),
            Some("pbx")
        );
        point.service = Service::Icq;
        assert!(contact_input(&point).is_err());
    }
}
