//! A client and a contact point as the store hands them out, for unit
//! tests of a dialect's mapping: every field set to its plainest value, so
//! that a fixture names only what its test reads
//! (`Client { loyalty: ..., ..stored::client(...) }`).

use crm_core::{
    Client, ClientId, ClientKind, ContactKind, ContactPoint, ContactPointId, Name, Origin, Service,
    Status, Timestamp,
};

/// A live client `id` named `name`, written by `origin` at the epoch, with
/// no attributes, catalogue entries, fields, companies, avatar or contact
/// points.
pub fn client(id: ClientId, kind: ClientKind, name: Name, origin: Origin) -> Client {
    Client::bare(id, kind, name, origin, Timestamp(0))
}

/// A live, unlabelled contact point `id` of `client` holding `value`,
/// written by `origin` at the epoch; its position is its id.
pub fn contact_point(
    id: i64,
    client: ClientId,
    kind: ContactKind,
    service: Service,
    value: &str,
    origin: Origin,
) -> ContactPoint {
    ContactPoint {
        id: ContactPointId(id),
        client,
        kind,
        service,
        label: None,
        value: value.to_owned(),
        origin,
        status: Status::Active,
        position: id,
        created_at: Timestamp(0),
    }
}
