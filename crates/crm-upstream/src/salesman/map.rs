//! A SalesMan person to the core and back: the SalesMan dialect's own
//! mapping (docs/mapping.md, column S) read from the other side.

use crm_core::{
    CatalogueEntry, CatalogueEntryId, Client, ClientAttributes, ClientId, ClientKind, CompanyRef,
    ContactPoint, CoreError, CoreResult, FieldValue, Name, Status, Timestamp,
};
use crm_salesman::map::split_values;
use crm_salesman::op::parse_instant;
use crm_salesman::wire::{Record, Scalar};

use super::slots::{Slot, point_id};

/// The client a `list` or `info` record draws; `asked` is the pid `info`
/// was called with, as the spec's `info` example shows no `pid`.
pub(super) fn client(record: &Record, asked: Option<ClientId>) -> CoreResult<Client> {
    let id = match record.get("pid").and_then(number) {
        Some(pid) => ClientId(pid),
        None => asked.ok_or_else(|| unreadable("a person without a pid"))?,
    };
    let created_at = stamp(record, "date_create")?;
    let catalogue = |key: &str| {
        text(record, key).map(|title| CatalogueEntry {
            // The upstream shows titles only; its entry ids are its own.
            id: CatalogueEntryId(0),
            title,
        })
    };
    let companies = match record.get("clid").and_then(number) {
        Some(clid) if clid > 0 => vec![CompanyRef {
            id: ClientId(clid),
            name: text(record, "client").unwrap_or_default(),
        }],
        _ => Vec::new(),
    };
    let mut client = Client {
        id,
        kind: ClientKind::Person,
        name: Name::full(text(record, "person").unwrap_or_default()),
        attributes: ClientAttributes {
            position: text(record, "ptitle"),
            role: text(record, "rol"),
            // The upstream's responsible users are its own, not the gateway's.
            responsible: None,
            ..ClientAttributes::default()
        },
        loyalty: catalogue("loyalty"),
        source: catalogue("clientpath"),
        group: None,
        fields: (1..=10)
            .filter_map(|n| {
                text(record, &format!("input{n}")).map(|value| FieldValue { number: n, value })
            })
            .collect(),
        companies,
        has_avatar: false,
        origin: crm_salesman::ORIGIN,
        status: Status::Active,
        created_at,
        // reference/salesman.md §5: `date_edit` is NULL until the first edit.
        updated_at: stamp(record, "date_edit").unwrap_or(created_at),
        contacts: Vec::new(),
    };
    for slot in Slot::all() {
        let values = match slot {
            Slot::Tel => joined(record, "tel"),
            Slot::Mob => joined(record, "mob"),
            Slot::Fax => joined(record, "fax"),
            Slot::Mail => joined(record, "mail"),
            Slot::Social(social) => record
                .socials
                .iter()
                .flatten()
                .filter(|(s, v)| *s == social && !v.trim().is_empty())
                .map(|(_, v)| v.clone())
                .take(1)
                .collect(),
        };
        for (place, value) in values.into_iter().enumerate() {
            client
                .contacts
                .push(slot_point(&client, slot, place, value)?);
        }
    }
    Ok(client)
}

/// The point that stands for the value at `place` of `client`'s `slot`.
fn slot_point(
    client: &Client,
    slot: Slot,
    place: usize,
    value: String,
) -> CoreResult<ContactPoint> {
    let (kind, service, label) = slot.point();
    Ok(ContactPoint {
        id: point_id(client.id, slot, place)
            .ok_or_else(|| unreadable("a pid too large, or a slot of too many values"))?,
        client: client.id,
        kind,
        service,
        label,
        value,
        origin: crm_salesman::ORIGIN,
        status: Status::Active,
        position: slot.position(place),
        created_at: client.created_at,
    })
}

/// Makes `values` the points of `client`'s `slot`.
pub(super) fn replace_slot(client: &mut Client, slot: Slot, values: &[String]) -> CoreResult<()> {
    client
        .contacts
        .retain(|p| Slot::of(p.kind, p.service, p.label) != Some(slot));
    for (place, value) in values.iter().enumerate() {
        let point = slot_point(client, slot, place, value.clone())?;
        client.contacts.push(point);
    }
    Ok(())
}

/// The live values of `client`'s `slot`, in their order.
pub(super) fn slot_values(client: &Client, slot: Slot) -> Vec<String> {
    let mut points: Vec<&ContactPoint> = client
        .contacts
        .iter()
        .filter(|p| {
            p.status == Status::Active && Slot::of(p.kind, p.service, p.label) == Some(slot)
        })
        .collect();
    points.sort_by_key(|p| p.position);
    points.into_iter().map(|p| p.value.clone()).collect()
}

fn text(record: &Record, key: &str) -> Option<String> {
    match record.get(key)? {
        Scalar::Text(s) if !s.is_empty() => Some(s.clone()),
        Scalar::Int(n) => Some(n.to_string()),
        _ => None,
    }
}

fn joined(record: &Record, key: &str) -> Vec<String> {
    text(record, key)
        .map(|raw| split_values(&raw))
        .unwrap_or_default()
}

/// `list` sends ids as integers, `info` as strings.
pub(super) fn number(value: &Scalar) -> Option<i64> {
    match value {
        Scalar::Int(n) => Some(*n),
        Scalar::Text(s) => s.trim().parse().ok(),
        Scalar::Null => None,
    }
}

fn stamp(record: &Record, key: &str) -> CoreResult<Timestamp> {
    let raw = text(record, key).unwrap_or_default();
    parse_instant(&raw).ok_or_else(|| unreadable(&format!("{key} {raw:?} is not a SalesMan time")))
}

pub(super) fn unreadable(what: &str) -> CoreError {
    CoreError::Unavailable(format!("the SalesMan upstream answered {what}"))
}
