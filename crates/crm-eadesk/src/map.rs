//! Eadesk wire <-> core: pure functions.

use std::borrow::Cow;

use chrono::SecondsFormat;
use crm_core::{
    AccountId, AttributesPatch, Client, ClientKind, ClientPatch, ContactKind, ContactPoint,
    ContactPointPatch, Name, NewClient, NewContactPoint, Origin, Patch, Service, Status,
};

use crate::error::EadeskError;
use crate::wire::{ContactInput, ContactUpdateInput, Person, PersonContact, PersonInput};

/// spec/eadesk-clients.txt, contacts/create: "один из поддерживаемых сервисов:
/// mail, phone, facebook, vk, whatsapp, chatra, telegram, skype".
const SERVICES: [Service; 8] = [
    Service::Mail,
    Service::Phone,
    Service::Facebook,
    Service::Vk,
    Service::Whatsapp,
    Service::Chatra,
    Service::Telegram,
    Service::Skype,
];

/// reference/eadesk.md §5: the server picks `avatarBgColor` on create. The
/// gateway stores none, so it derives one from the id: stable across reads.
const AVATAR_COLORS: [&str; 8] = [
    "#F44336", "#E91E63", "#9C27B0", "#3F51B5", "#2196F3", "#009688", "#4CAF50", "#FF9800",
];

/// A client as an Eadesk person.
pub fn person(client: &Client, account: AccountId) -> Person {
    Person {
        id: client.id.to_string(),
        name: client.name.as_full().to_owned(),
        description: client.attributes.description.clone().unwrap_or_default(),
        segments: client.attributes.segments.clone(),
        contacts: client.contacts.iter().map(contact).collect(),
        account_id: account.to_string(),
        created_at: client
            .created_at
            .to_utc()
            .to_rfc3339_opts(SecondsFormat::Millis, true),
        avatar_bg_color: avatar_color(client.id.get()).into(),
        status: deleted(client.status),
    }
}

/// A contact point as Eadesk contact data.
pub fn contact(point: &ContactPoint) -> PersonContact {
    PersonContact {
        id: point.id.to_string(),
        value: point.value.clone(),
        kind: point.kind.as_str().into(),
        service: point.service.as_str().into(),
        origin: point.origin.as_str().to_owned().into(),
        status: deleted(point.status),
    }
}

fn deleted(status: Status) -> Option<Cow<'static, str>> {
    match status {
        Status::Active => None,
        Status::Deleted => Some(Cow::Borrowed("deleted")),
    }
}

fn avatar_color(id: i64) -> &'static str {
    let index = usize::try_from(id.rem_euclid(8)).unwrap_or(0);
    AVATAR_COLORS.get(index).copied().unwrap_or("#2196F3")
}

/// The person `create` makes.
pub fn new_client(input: PersonInput) -> NewClient {
    let mut client = NewClient::new(
        ClientKind::Person,
        Name::full(input.name.unwrap_or_default()),
    );
    client.attributes.description = input.description;
    client.attributes.segments = input.segments;
    client
}

/// `update/:id` replaces name, description and segments: an omitted field
/// becomes empty (reference/DECISIONS.md "Eadesk").
pub fn replace_patch(input: PersonInput) -> ClientPatch {
    ClientPatch {
        name: Patch::Set(Name::full(input.name.unwrap_or_default())),
        attributes: AttributesPatch {
            description: input.description.map_or(Patch::Clear, Patch::Set),
            segments: Patch::Set(input.segments),
            ..AttributesPatch::default()
        },
        ..ClientPatch::default()
    }
}

/// Leaves the stored name alone when `patch` writes the same full name, so
/// an integration that writes back the name it read keeps the parts another
/// dialect wrote (Planfix `name`/`midName`/`lastName`). A different name
/// replaces them: the original keeps one name string.
pub fn keep_unchanged_name(mut patch: ClientPatch, current: &Client) -> ClientPatch {
    if let Patch::Set(name) = &patch.name
        && name.as_full() == current.name.as_full()
    {
        patch.name = Patch::Keep;
    }
    patch
}

/// One `type` of the spec's list: id, mail, phone.
pub fn kind(name: &str) -> Result<ContactKind, EadeskError> {
    ContactKind::parse(name).ok_or_else(|| {
        EadeskError::invalid(format!("type {name:?} is not one of: id, mail, phone"))
    })
}

/// One `service` of the spec's list.
pub fn service(name: &str) -> Result<Service, EadeskError> {
    Service::parse(name)
        .filter(|s| SERVICES.contains(s))
        .ok_or_else(|| {
            EadeskError::invalid(format!(
                "service {name:?} is not one of: mail, phone, facebook, vk, whatsapp, chatra, telegram, skype"
            ))
        })
}

/// A comma list of types (`type=mail,phone`); empty items are skipped.
pub fn kinds(list: &str) -> Result<Vec<ContactKind>, EadeskError> {
    items(list).map(kind).collect()
}

/// A comma list of services; empty items are skipped.
pub fn services(list: &str) -> Result<Vec<Service>, EadeskError> {
    items(list).map(service).collect()
}

fn items(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// The names the gateway's dialects stamp, which a client may send as well
/// (reference/DECISIONS.md "Eadesk").
const GATEWAY_ORIGINS: [&str; 4] = ["eadesk", "rest", "salesman", "planfix"];

/// reference/eadesk.md §5: `origin` is a service of the list, `pbx` or
/// `manual`; the gateway's dialect names are accepted too.
fn origin(name: &str) -> Result<Origin, EadeskError> {
    Origin::parse(name)
        .filter(|o| match o {
            Origin::Service(s) => SERVICES.contains(s),
            Origin::Dialect(dialect) => GATEWAY_ORIGINS.contains(&dialect.as_str()),
            Origin::Pbx | Origin::Manual => true,
        })
        .ok_or_else(|| EadeskError::invalid(format!("origin {name:?} is not a known origin")))
}

fn value(value: String) -> Result<String, EadeskError> {
    if value.is_empty() {
        Err(EadeskError::invalid("value must not be empty"))
    } else {
        Ok(value)
    }
}

/// The contact point `contacts/create` adds.
pub fn new_point(input: ContactInput) -> Result<NewContactPoint, EadeskError> {
    Ok(NewContactPoint {
        kind: kind(&input.kind)?,
        service: service(&input.service)?,
        label: None,
        value: value(input.value)?,
        origin: input.origin.as_deref().map(origin).transpose()?,
    })
}

/// The change `contacts/update` makes: type and service always, value when sent.
pub fn point_patch(input: ContactUpdateInput) -> Result<ContactPointPatch, EadeskError> {
    Ok(ContactPointPatch {
        kind: Patch::Set(kind(&input.kind)?),
        service: Patch::Set(service(&input.service)?),
        label: Patch::Keep,
        value: input
            .value
            .map(value)
            .transpose()?
            .map_or(Patch::Keep, Patch::Set),
    })
}

#[cfg(test)]
mod tests {
    use crm_core::ClientId;
    use crm_testkit::stored;

    use super::*;

    fn point(status: Status) -> ContactPoint {
        ContactPoint {
            status,
            position: 1,
            ..stored::contact_point(
                7,
                ClientId(3),
                ContactKind::Phone,
                Service::Whatsapp,
                "+7 900",
                crate::ORIGIN,
            )
        }
    }

    #[test]
    fn contact_shows_status_only_when_deleted() {
        let live = contact(&point(Status::Active));
        assert_eq!(live.status, None);
        assert_eq!(
            (live.id.as_str(), &*live.kind, &*live.service),
            ("7", "phone", "whatsapp")
        );
        assert_eq!(
            contact(&point(Status::Deleted)).status.as_deref(),
            Some("deleted")
        );
    }

    #[test]
    fn update_replaces_omitted_fields_with_empty() {
        let patch = replace_patch(PersonInput::default());
        assert_eq!(patch.name, Patch::Set(Name::full("")));
        assert_eq!(patch.attributes.description, Patch::Clear);
        assert_eq!(patch.attributes.segments, Patch::Set(Vec::new()));
        assert!(patch.attributes.position.is_keep());
    }

    #[test]
    fn create_keeps_text_verbatim() {
        let client = new_client(PersonInput {
            name: Some("  Иван \"Q\" ".to_owned()),
            description: None,
            segments: vec!["s1".to_owned()],
        });
        assert_eq!(client.name.as_full(), "  Иван \"Q\" ");
        assert_eq!(client.kind, ClientKind::Person);
        assert_eq!(client.attributes.segments, vec!["s1".to_owned()]);
    }

    #[test]
    fn lists_accept_only_the_spec_values() {
        assert_eq!(
            kinds("mail,phone,").unwrap(),
            vec![ContactKind::Mail, ContactKind::Phone]
        );
        assert_eq!(services("").unwrap(), Vec::new());
        assert_eq!(
            kinds("Mail").unwrap_err(),
            EadeskError::invalid("type \"Mail\" is not one of: id, mail, phone")
        );
        // ICQ is a core service but not one of Eadesk's.
        assert!(services("mail,icq").is_err());
    }

    #[test]
    fn new_point_checks_every_field() {
        let input = |value: &str, origin: Option<&str>| ContactInput {
            value: value.to_owned(),
            kind: "mail".to_owned(),
            service: "mail".to_owned(),
            origin: origin.map(str::to_owned),
        };
        let made = new_point(input("a@b.c", Some("chatra"))).unwrap();
        assert_eq!(made.origin, Some(Origin::Service(Service::Chatra)));
        assert_eq!(new_point(input("a@b.c", None)).unwrap().origin, None);
        assert!(new_point(input("", None)).is_err());
        assert!(new_point(input("a@b.c", Some("icq"))).is_err());
    }

    #[test]
    fn avatar_color_is_stable_for_an_id() {
        assert_eq!(avatar_color(1), avatar_color(9));
        assert!(avatar_color(-3).starts_with('#'));
    }
}
