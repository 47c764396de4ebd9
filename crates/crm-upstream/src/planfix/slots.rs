//! Contact points of a Planfix contact: its e-mails (`email` then
//! `secondaryEmails`), its `phones` and one value for each of `skype`,
//! `icq`, `telegram`, `vk`, `facebook` and `site`. Each stands as one
//! point whose id encodes the client and the place it holds, so a call
//! naming a point finds both without a table of ids. `crate::points`
//! encodes two places a client; Planfix needs lists, so its encoding
//! lives here.

use crm_core::{ClientId, ContactKind, ContactPointId, Service};

/// Places a client's ids are spaced by: 100 e-mails, 100 phones, the
/// socials after them.
const STRIDE: i64 = 256;
const LIST: usize = 100;
const PHONES: i64 = 100;
const SOCIAL: i64 = 200;

/// The one-value services, in the order a contact shows them.
pub(crate) const SOCIALS: [Service; 6] = [
    Service::Skype,
    Service::Icq,
    Service::Telegram,
    Service::Vk,
    Service::Facebook,
    Service::Site,
];

/// One place of a Planfix contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The `n`-th e-mail: 0 is `email`, the others `secondaryEmails`.
    Mail(usize),
    /// The `n`-th of `phones`.
    Phone(usize),
    /// The one value of a social service.
    Social(Service),
}

/// The kind of group a point of `kind` and `service` goes to, when
/// Planfix has one: a phone must be of service phone (a WhatsApp number
/// has no place), an id one of [`SOCIALS`].
pub(crate) fn group_of(kind: ContactKind, service: Service) -> Option<Slot> {
    match (kind, service) {
        (ContactKind::Mail, Service::Mail) => Some(Slot::Mail(0)),
        (ContactKind::Phone, Service::Phone) => Some(Slot::Phone(0)),
        (ContactKind::Id, s) if SOCIALS.contains(&s) => Some(Slot::Social(s)),
        _ => None,
    }
}

impl Slot {
    fn index(self) -> Option<i64> {
        let place = match self {
            Self::Mail(n) if n < LIST => i64::try_from(n).ok()?,
            Self::Phone(n) if n < LIST => PHONES + i64::try_from(n).ok()?,
            Self::Social(s) => {
                SOCIAL + i64::try_from(SOCIALS.iter().position(|x| *x == s)?).ok()?
            }
            _ => return None,
        };
        Some(place)
    }

    /// Its place among the client's points.
    pub(crate) fn position(self) -> i64 {
        self.index().unwrap_or(STRIDE) + 1
    }

    /// Whether `other` is in the same group (both e-mails, both phones,
    /// or the same social service).
    pub(crate) fn same_group(self, other: Slot) -> bool {
        match (self, other) {
            (Self::Mail(_), Self::Mail(_)) | (Self::Phone(_), Self::Phone(_)) => true,
            (Self::Social(a), Self::Social(b)) => a == b,
            _ => false,
        }
    }
}

/// The id of `client`'s point in `slot`; `None` for a place past the
/// lists' length or an id too large to encode.
pub(crate) fn point_id(client: ClientId, slot: Slot) -> Option<ContactPointId> {
    client
        .get()
        .checked_mul(STRIDE)
        .and_then(|base| base.checked_add(slot.index()?))
        .map(ContactPointId)
}

/// The client and slot a point id names.
pub(crate) fn slot_of(id: ContactPointId) -> Option<(ClientId, Slot)> {
    let client = id.get().div_euclid(STRIDE);
    let place = id.get().rem_euclid(STRIDE);
    let slot = match place {
        p if p < PHONES => Slot::Mail(usize::try_from(p).ok()?),
        p if p < SOCIAL => Slot::Phone(usize::try_from(p - PHONES).ok()?),
        p => Slot::Social(*SOCIALS.get(usize::try_from(p - SOCIAL).ok()?)?),
    };
    (client > 0).then_some((ClientId(client), slot))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_id_names_its_client_and_slot_back() {
        let slots = [
            Slot::Mail(0),
            Slot::Mail(99),
            Slot::Phone(0),
            Slot::Phone(99),
            Slot::Social(Service::Skype),
            Slot::Social(Service::Site),
        ];
        for client in [1, 2, 977, i64::MAX / STRIDE] {
            for slot in slots {
                let id = point_id(ClientId(client), slot).unwrap();
                assert_eq!(slot_of(id), Some((ClientId(client), slot)));
            }
        }
        assert_eq!(point_id(ClientId(1), Slot::Phone(100)), None);
        assert_eq!(point_id(ClientId(i64::MAX), Slot::Mail(0)), None);
        assert_eq!(slot_of(ContactPointId(5)), None);
        assert_eq!(slot_of(ContactPointId(STRIDE + 250)), None);
    }
}
