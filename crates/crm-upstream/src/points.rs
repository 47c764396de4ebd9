//! Contact points of an upstream that keeps one value per slot (REST's
//! `phone` and `email`): each filled slot stands as one point whose id
//! encodes the client and the slot, so that a call naming the point finds
//! both without a table of ids.

use crm_core::{ClientId, ContactKind, ContactPointId, Service};

/// One value slot of an upstream client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The phone.
    Phone,
    /// The e-mail.
    Mail,
}

const SLOTS: i64 = 2;

impl Slot {
    /// The slot a point of `kind` and `service` fills, when there is one.
    pub(crate) fn of(kind: ContactKind, service: Service) -> Option<Self> {
        match (kind, service) {
            (ContactKind::Phone, Service::Phone) => Some(Self::Phone),
            (ContactKind::Mail, Service::Mail) => Some(Self::Mail),
            _ => None,
        }
    }

    fn index(self) -> i64 {
        match self {
            Self::Phone => 0,
            Self::Mail => 1,
        }
    }

    /// The kind and service of the slot's point.
    pub(crate) fn kind(self) -> (ContactKind, Service) {
        match self {
            Self::Phone => (ContactKind::Phone, Service::Phone),
            Self::Mail => (ContactKind::Mail, Service::Mail),
        }
    }

    /// Its place among the client's points.
    pub(crate) fn position(self) -> i64 {
        self.index() + 1
    }
}

/// The id of `client`'s point in `slot`; `None` for an id too large to
/// encode.
pub(crate) fn point_id(client: ClientId, slot: Slot) -> Option<ContactPointId> {
    client
        .get()
        .checked_mul(SLOTS)
        .and_then(|base| base.checked_add(slot.index()))
        .map(ContactPointId)
}

/// The client and slot a point id names.
pub(crate) fn slot_of(id: ContactPointId) -> Option<(ClientId, Slot)> {
    let client = id.get().div_euclid(SLOTS);
    let slot = match id.get().rem_euclid(SLOTS) {
        0 => Slot::Phone,
        _ => Slot::Mail,
    };
    (client > 0).then_some((ClientId(client), slot))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_id_names_its_client_and_slot_back() {
        for client in [1, 2, 977, i64::MAX / 2] {
            for slot in [Slot::Phone, Slot::Mail] {
                let id = point_id(ClientId(client), slot).unwrap();
                assert_eq!(slot_of(id), Some((ClientId(client), slot)));
            }
        }
        assert_eq!(point_id(ClientId(i64::MAX), Slot::Mail), None);
        assert_eq!(slot_of(ContactPointId(1)), None);
    }
}
