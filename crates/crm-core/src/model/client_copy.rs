//! A client carried to another CRM or account: what of it a copy holds.

use super::{
    CatalogueEntry, CatalogueRef, Client, ClientAttributes, NewClient, NewContactPoint, Status,
};

impl NewClient {
    /// The client to create elsewhere with what `client` holds: its live
    /// points (with their origins), its catalogue entries by title, its
    /// creation time. Company links name the other side's ids, so the
    /// caller sets them; the responsible user is the other side's too.
    pub fn copy_of(client: &Client) -> Self {
        let title = |entry: &Option<CatalogueEntry>| {
            entry.as_ref().map(|e| CatalogueRef::Title(e.title.clone()))
        };
        Self {
            attributes: ClientAttributes {
                responsible: None,
                ..client.attributes.clone()
            },
            loyalty: title(&client.loyalty),
            source: title(&client.source),
            group: title(&client.group),
            fields: client.fields.clone(),
            contacts: client
                .contacts
                .iter()
                .filter(|p| p.status == Status::Active)
                .map(|p| NewContactPoint {
                    kind: p.kind,
                    service: p.service,
                    label: p.label,
                    value: p.value.clone(),
                    origin: Some(p.origin),
                })
                .collect(),
            created_at: Some(client.created_at),
            ..Self::new(client.kind, client.name.clone())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        CatalogueEntryId, ClientId, ClientKind, CompanyRef, ContactKind, ContactPoint,
        ContactPointId, Label, Name, Origin, Service, Sex, Timestamp, UserId,
    };

    #[test]
    fn a_copy_carries_live_points_with_their_origins_and_entries_by_title() {
        let point = |id: i64, value: &str, status: Status| ContactPoint {
            id: ContactPointId(id),
            client: ClientId(7),
            kind: ContactKind::Phone,
            service: Service::Phone,
            label: Some(Label::Mobile),
            value: value.to_owned(),
            origin: Origin::Pbx,
            status,
            position: id,
            created_at: Timestamp(5),
        };
        let mut client = NewClient::copy_of(&Client {
            id: ClientId(7),
            kind: ClientKind::Person,
            name: Name::full("Иван Петров"),
            attributes: ClientAttributes {
                position: Some("директор".to_owned()),
                sex: Some(Sex::Male),
                responsible: Some(UserId(3)),
                segments: vec!["s".to_owned()],
                main_contact: true,
                ..ClientAttributes::default()
            },
            loyalty: Some(CatalogueEntry {
                id: CatalogueEntryId(9),
                title: "VIP".to_owned(),
            }),
            source: None,
            group: None,
            fields: Vec::new(),
            companies: vec![CompanyRef {
                id: ClientId(2),
                name: "ООО".to_owned(),
            }],
            has_avatar: false,
            origin: Origin::Manual,
            status: Status::Active,
            created_at: Timestamp(5),
            updated_at: Timestamp(6),
            contacts: vec![
                point(1, "+7 900", Status::Active),
                point(2, "+7 901", Status::Deleted),
            ],
        });
        assert_eq!(client.contacts.len(), 1, "deleted points stay behind");
        let carried = client.contacts.remove(0);
        assert_eq!(
            (carried.value.as_str(), carried.label, carried.origin),
            ("+7 900", Some(Label::Mobile), Some(Origin::Pbx))
        );
        assert_eq!(client.loyalty, Some(CatalogueRef::Title("VIP".to_owned())));
        assert_eq!(
            client.attributes.responsible, None,
            "the other side's users are its own"
        );
        assert!(
            client.companies.is_empty(),
            "links name the other side's ids"
        );
        assert_eq!(
            (
                client.attributes.position.as_deref(),
                client.attributes.sex,
                client.attributes.main_contact,
                client.created_at
            ),
            (Some("директор"), Some(Sex::Male), true, Some(Timestamp(5)))
        );
    }
}
