//! A REST client to the core and back: the REST dialect's own mapping
//! (docs/mapping.md, column R) read from the other side. REST keeps one
//! phone and one e-mail a client; those are its contact points.

use chrono::NaiveDateTime;
use crm_core::{
    Client, ClientAttributes, ClientId, ClientKind, ContactPoint, CoreError, CoreResult, Name,
    NewClient, Status, Timestamp,
};
use crm_rest::wire::attribute::kind_of;
use crm_rest::wire::{Client as RestClient, Fields};
use serde_json::Value;

use crate::points::{Slot, point_id};

/// `created_at` and `updated_at` as the REST dialect writes them (UTC).
const STAMP: &str = "%Y-%m-%d %H:%M:%S";

/// The client a REST answer draws.
pub(crate) fn client(wire: &RestClient) -> CoreResult<Client> {
    let id = ClientId(
        wire.id()
            .ok_or_else(|| unreadable("a client without an id"))?,
    );
    let kind = wire
        .get("type")
        .and_then(Value::as_i64)
        .and_then(kind_of)
        .unwrap_or(ClientKind::Person);
    let text = |key: &str| {
        wire.text(key)
            .flatten()
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let created_at = stamp(wire, "created_at")?;
    let mut client = Client {
        attributes: ClientAttributes {
            description: text("description"),
            address: text("real_address"),
            company_address: text("company_address"),
            bank_details: text("bank_details"),
            person_details: text("person_details"),
            ..ClientAttributes::default()
        },
        updated_at: stamp(wire, "updated_at").unwrap_or(created_at),
        ..Client::bare(
            id,
            kind,
            Name::full(text("name").unwrap_or_default()),
            crm_rest::ORIGIN,
            created_at,
        )
    };
    for (slot, key) in [(Slot::Phone, "phone"), (Slot::Mail, "email")] {
        if let Some(value) = text(key) {
            client.contacts.push(slot_point(&client, slot, value)?);
        }
    }
    Ok(client)
}

/// The point that stands for `client`'s `slot` holding `value`.
pub(crate) fn slot_point(client: &Client, slot: Slot, value: String) -> CoreResult<ContactPoint> {
    let (kind, service) = slot.kind();
    Ok(ContactPoint {
        id: point_id(client.id, slot).ok_or_else(|| unreadable("a client id too large"))?,
        client: client.id,
        kind,
        service,
        label: None,
        value,
        origin: crm_rest::ORIGIN,
        status: Status::Active,
        position: slot.position(),
        created_at: client.created_at,
    })
}

fn stamp(wire: &RestClient, key: &str) -> CoreResult<Timestamp> {
    let text = wire.text(key).flatten().unwrap_or_default();
    NaiveDateTime::parse_from_str(text, STAMP)
        .map(|at| Timestamp::from_utc(at.and_utc()))
        .map_err(|_| unreadable(&format!("{key} {text:?} is not a REST time")))
}

/// The body of a create: type, name and every attribute REST carries.
pub(crate) fn new_fields(new: &NewClient) -> Fields {
    let mut fields = Fields::default()
        .with("type", kind_code(new.kind))
        .with("name", new.name.as_full());
    let first = |slot: Slot| {
        new.contacts
            .iter()
            .find(|p| Slot::of(p.kind, p.service) == Some(slot))
            .map(|p| p.value.clone())
    };
    let texts = [
        ("phone", first(Slot::Phone)),
        ("email", first(Slot::Mail)),
        ("description", new.attributes.description.clone()),
        ("real_address", new.attributes.address.clone()),
    ];
    for (key, value) in texts.into_iter().chain(details(new.kind, |key| match key {
        "company_address" => new.attributes.company_address.clone(),
        "bank_details" => new.attributes.bank_details.clone(),
        _ => new.attributes.person_details.clone(),
    })) {
        if let Some(value) = value {
            fields = fields.with(key, value);
        }
    }
    fields
}

/// The body of an update from `was` to `now`: the attributes that differ,
/// a cleared one sent as null.
pub(crate) fn changed_fields(was: &Client, now: &Client) -> Fields {
    let mut fields = Fields::default();
    if was.name != now.name {
        fields = fields.with("name", now.name.as_full());
    }
    let slot_value = |client: &Client, slot: Slot| {
        client
            .contacts
            .iter()
            .find(|p| p.status == Status::Active && Slot::of(p.kind, p.service) == Some(slot))
            .map(|p| p.value.clone())
    };
    let pairs = [
        (
            "phone",
            slot_value(was, Slot::Phone),
            slot_value(now, Slot::Phone),
        ),
        (
            "email",
            slot_value(was, Slot::Mail),
            slot_value(now, Slot::Mail),
        ),
        (
            "description",
            was.attributes.description.clone(),
            now.attributes.description.clone(),
        ),
        (
            "real_address",
            was.attributes.address.clone(),
            now.attributes.address.clone(),
        ),
        (
            "company_address",
            was.attributes.company_address.clone(),
            now.attributes.company_address.clone(),
        ),
        (
            "bank_details",
            was.attributes.bank_details.clone(),
            now.attributes.bank_details.clone(),
        ),
        (
            "person_details",
            was.attributes.person_details.clone(),
            now.attributes.person_details.clone(),
        ),
    ];
    for (key, before, after) in pairs {
        if before != after {
            fields = fields.with(key, after.map_or(Value::Null, Value::from));
        }
    }
    fields
}

fn details<F: Fn(&str) -> Option<String>>(
    kind: ClientKind,
    value: F,
) -> Vec<(&'static str, Option<String>)> {
    let keys: &[&'static str] = match kind {
        ClientKind::Company => &["company_address", "bank_details"],
        ClientKind::Person => &["person_details"],
    };
    keys.iter().map(|key| (*key, value(key))).collect()
}

/// REST's `type`: 1 companies, 2 persons.
pub(crate) fn kind_code(kind: ClientKind) -> i64 {
    match kind {
        ClientKind::Company => 1,
        ClientKind::Person => 2,
    }
}

pub(crate) fn unreadable(what: &str) -> CoreError {
    CoreError::Unavailable(format!("the REST upstream answered {what}"))
}
