//! A stored client for the mapping's unit tests.

use crm_core::{
    Client, ClientAttributes, ClientId, ClientKind, ContactKind, ContactPoint, Name, Service,
    Status, Timestamp, UserId,
};
use crm_testkit::origin::REST;
use crm_testkit::stored;

pub fn point(
    id: i64,
    kind: ContactKind,
    value: &str,
    status: Status,
    position: i64,
) -> ContactPoint {
    let service = match kind {
        ContactKind::Mail => Service::Mail,
        _ => Service::Phone,
    };
    ContactPoint {
        status,
        position,
        ..stored::contact_point(id, ClientId(123), kind, service, value, REST)
    }
}

pub fn client(kind: ClientKind) -> Client {
    Client {
        attributes: ClientAttributes {
            description: Some("Additional descr for cur. client".to_owned()),
            address: Some("Moscow, red square 1".to_owned()),
            company_address: Some("Legal 1".to_owned()),
            person_details: Some("passport".to_owned()),
            responsible: Some(UserId(12)),
            ..ClientAttributes::default()
        },
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
        ..stored::client(ClientId(123), kind, Name::full("ClientCompany ltd"), REST)
    }
}
