//! A SalesMan person's value slots (`tel`, `mob`, `fax`, `mail`, comma-joined,
//! and the eight `socials`) and the ids of the contact points read from
//! them: an id names the client, the slot and the value's place in it, so a
//! call naming a point finds all three without a table of ids. The ids stay
//! as long as the slot's values before it do.

use crm_core::{ClientId, ContactKind, ContactPointId, Label, Service};
use crm_salesman::wire::Social;

/// One value slot of a SalesMan person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    /// `tel`: work, home, other and unlabelled phones.
    Tel,
    /// `mob`.
    Mob,
    /// `fax`.
    Fax,
    /// `mail`.
    Mail,
    /// `socials[...]`: one value each.
    Social(Social),
}

/// Slots a person has: four joined ones and the eight socials.
const SLOTS: i64 = 12;
/// Places one slot's values can take in an id; a `VARCHAR(250)` column
/// holds at most 125 comma-separated values.
pub(super) const PLACES: i64 = 1000;

impl Slot {
    /// Every slot, in the order a person's points are listed.
    pub(super) fn all() -> impl Iterator<Item = Self> {
        [Self::Tel, Self::Mob, Self::Fax, Self::Mail]
            .into_iter()
            .chain(Social::ALL.into_iter().map(Self::Social))
    }

    /// The slot a point of this kind, service and label is written to,
    /// when SalesMan has one.
    pub(super) fn of(kind: ContactKind, service: Service, label: Option<Label>) -> Option<Self> {
        match (kind, service) {
            (ContactKind::Phone, Service::Phone) => Some(match label {
                Some(Label::Mobile) => Self::Mob,
                Some(Label::Fax) => Self::Fax,
                _ => Self::Tel,
            }),
            (ContactKind::Mail, Service::Mail) => Some(Self::Mail),
            (ContactKind::Id, service) => Social::ALL
                .into_iter()
                .find(|s| s.service() == service)
                .map(Self::Social),
            _ => None,
        }
    }

    /// The kind, service and label the slot's points are read with.
    pub(super) fn point(self) -> (ContactKind, Service, Option<Label>) {
        match self {
            Self::Tel => (ContactKind::Phone, Service::Phone, Some(Label::Work)),
            Self::Mob => (ContactKind::Phone, Service::Phone, Some(Label::Mobile)),
            Self::Fax => (ContactKind::Phone, Service::Phone, Some(Label::Fax)),
            Self::Mail => (ContactKind::Mail, Service::Mail, None),
            Self::Social(social) => (ContactKind::Id, social.service(), None),
        }
    }

    /// Whether the slot holds one value only.
    pub(super) fn is_single(self) -> bool {
        matches!(self, Self::Social(_))
    }

    fn index(self) -> i64 {
        match self {
            Self::Tel => 0,
            Self::Mob => 1,
            Self::Fax => 2,
            Self::Mail => 3,
            Self::Social(social) => {
                4 + Social::ALL.iter().position(|s| *s == social).unwrap_or(0) as i64
            }
        }
    }

    fn from_index(index: i64) -> Option<Self> {
        match index {
            0 => Some(Self::Tel),
            1 => Some(Self::Mob),
            2 => Some(Self::Fax),
            3 => Some(Self::Mail),
            n => usize::try_from(n - 4)
                .ok()
                .and_then(|i| Social::ALL.get(i))
                .map(|s| Self::Social(*s)),
        }
    }

    /// Where the slot's value at `place` stands among the client's points.
    pub(super) fn position(self, place: usize) -> i64 {
        self.index() * PLACES + place as i64 + 1
    }
}

/// The id of the value at `place` of `client`'s `slot`; `None` for a client
/// id or place too large to encode.
pub(super) fn point_id(client: ClientId, slot: Slot, place: usize) -> Option<ContactPointId> {
    let place = i64::try_from(place).ok().filter(|p| *p < PLACES)?;
    client
        .get()
        .checked_mul(SLOTS)
        .and_then(|base| base.checked_add(slot.index()))
        .and_then(|base| base.checked_mul(PLACES))
        .and_then(|base| base.checked_add(place))
        .map(ContactPointId)
}

/// The client, slot and place a point id names.
pub(super) fn slot_of(id: ContactPointId) -> Option<(ClientId, Slot, usize)> {
    let place = usize::try_from(id.get().rem_euclid(PLACES)).ok()?;
    let rest = id.get().div_euclid(PLACES);
    let slot = Slot::from_index(rest.rem_euclid(SLOTS))?;
    let client = rest.div_euclid(SLOTS);
    (client > 0).then_some((ClientId(client), slot, place))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_id_names_its_client_slot_and_place_back() {
        for client in [1, 2, 977, i64::MAX / (SLOTS * PLACES) - 1] {
            for slot in Slot::all() {
                for place in [0, 1, 124, 999] {
                    let id = point_id(ClientId(client), slot, place).unwrap();
                    assert_eq!(slot_of(id), Some((ClientId(client), slot, place)));
                }
            }
        }
        assert_eq!(point_id(ClientId(1), Slot::Tel, 1000), None);
        assert_eq!(point_id(ClientId(i64::MAX / 2), Slot::Mail, 0), None);
        assert_eq!(slot_of(ContactPointId(11_999)), None);
    }

    #[test]
    fn a_slot_reads_back_as_the_slot_its_points_are_written_to() {
        for slot in Slot::all() {
            let (kind, service, label) = slot.point();
            assert_eq!(Slot::of(kind, service, label), Some(slot));
        }
        assert_eq!(
            Slot::of(ContactKind::Phone, Service::Phone, Some(Label::Home)),
            Some(Slot::Tel)
        );
        assert_eq!(Slot::of(ContactKind::Phone, Service::Whatsapp, None), None);
        assert_eq!(Slot::of(ContactKind::Id, Service::Telegram, None), None);
    }
}
