//! A stored client for the mapping's unit tests.

use crm_core::{
    Client, ClientAttributes, ClientId, ClientKind, ContactKind, ContactPoint, ContactPointId,
    Name, Service, Status, Timestamp, UserId,
};

pub fn point(
    id: i64,
    kind: ContactKind,
    value: &str,
    status: Status,
    position: i64,
) -> ContactPoint {
    ContactPoint {
        id: ContactPointId(id),
        client: ClientId(123),
        kind,
        service: match kind {
            ContactKind::Mail => Service::Mail,
            _ => Service::Phone,
        },
        label: None,
        value: value.to_owned(),
        origin: crm_testkit::origin::REST,
        status,
        position,
        created_at: Timestamp(0),
    }
}

pub fn client(kind: ClientKind) -> Client {
    Client {
        id: ClientId(123),
        kind,
        name: Name::full("ClientCompany ltd"),
        attributes: ClientAttributes {
            description: Some("Additional descr for cur. client".to_owned()),
            address: Some("Moscow, red square 1".to_owned()),
            company_address: Some("Legal 1".to_owned()),
            person_details: Some("passport".to_owned()),
            responsible: Some(UserId(12)),
            ..ClientAttributes::default()
        },
        loyalty: None,
        source: None,
        group: None,
        fields: Vec::new(),
        companies: Vec::new(),
        has_avatar: false,
        origin: crm_testkit::origin::REST,
        status: Status::Active,
        // 2014-04-14 12:23:06 UTC
        created_at: Timestamp(1_397_478_186_000),
        updated_at: Timestamp(1_397_478_186_000),
        contacts: vec![
            point(
                1,
                ContactKind::Mail,
                "old@clientcomp.com",
                Status::Deleted,
                0,
            ),
            point(3, ContactKind::Phone, "8(890)56-67-67", Status::Active, 2),
            point(
                2,
                ContactKind::Mail,
                "clientcomp@clientcomp.com",
                Status::Active,
                1,
            ),
            point(
                4,
                ContactKind::Mail,
                "second@clientcomp.com",
                Status::Active,
                3,
            ),
        ],
    }
}
