//! A client as a `<contact>` element: the current fields and the 2010 ones
//! side by side (reference/planfix.md §7), so clients of either generation
//! read what they know.

use crm_core::{
    Client, ClientKind, ContactKind, ContactPoint, CustomField, Label, Service, Sex, Status,
};

use crate::picture::PictureLinks;
use crate::wire::Xml;

/// Phone types of `contact.getPhoneTypes` (reference/planfix.md §6).
pub const PHONE_TYPES: [(u8, &str); 4] = [
    (1, "Мобильный"),
    (2, "Рабочий"),
    (3, "Домашний"),
    (4, "Другой"),
];

/// What the `<contact>` element needs beyond the client.
#[derive(Debug, Clone, Copy)]
pub struct OutContext<'a> {
    /// The account's custom-field registry, for field names.
    pub fields: &'a [CustomField],
    /// Whether the caller is an administrator: only they see
    /// `havePlanfixAccess` and `user` (spec, contact.get).
    pub admin: bool,
    /// How picture URLs are made.
    pub pictures: &'a PictureLinks,
}

fn type_id(label: Option<Label>) -> u8 {
    match label {
        Some(Label::Mobile) => 1,
        Some(Label::Work) => 2,
        Some(Label::Home) => 3,
        Some(Label::Fax | Label::Other) | None => 4,
    }
}

fn live(client: &Client) -> impl Iterator<Item = &ContactPoint> {
    client
        .contacts
        .iter()
        .filter(|p| p.status == Status::Active)
}

fn phones(client: &Client) -> Vec<&ContactPoint> {
    live(client)
        .filter(|p| p.kind == ContactKind::Phone && p.service == Service::Phone)
        .collect()
}

fn first_of(client: &Client, service: Service) -> &str {
    live(client)
        .find(|p| p.service == service && p.kind == ContactKind::Id)
        .map_or("", |p| p.value.as_str())
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d-%m-%Y").to_string())
        .unwrap_or_default()
}

/// DECISIONS.md "Across dialects": a name written in parts reads back as
/// `name` (given), `midName`, `lastName`; a name written whole is `name`.
fn name_parts(client: &Client) -> (String, String, String) {
    match client.name.parts() {
        Some(p) => (p.given.clone(), p.middle.clone(), p.last.clone()),
        None => (
            client.name.as_full().to_owned(),
            String::new(),
            String::new(),
        ),
    }
}

/// Writes one `<contact>`.
pub fn write_contact(xml: &mut Xml, client: &Client, ctx: &OutContext<'_>) {
    let id = client.id.to_string();
    let (given, middle, last) = name_parts(client);
    let mails: Vec<&str> = live(client)
        .filter(|p| p.kind == ContactKind::Mail)
        .map(|p| p.value.as_str())
        .collect();
    let phones = phones(client);
    let phone_of = |label: Label| {
        phones
            .iter()
            .find(|p| p.label == Some(label))
            .map_or("", |p| p.value.as_str())
    };
    let picture = if client.has_avatar {
        ctx.pictures.url(client.id)
    } else {
        String::new()
    };
    xml.open("contact")
        .leaf("id", &id)
        .leaf("userid", &id)
        .leaf("general", &id);
    xml.open("template").empty("id").close("template");
    xml.leaf("name", &given)
        .leaf("midName", &middle)
        .leaf("lastName", &last)
        .flag("isCompany", client.kind == ClientKind::Company)
        .leaf("post", client.position.as_deref().unwrap_or(""))
        .leaf("email", mails.first().copied().unwrap_or(""));
    if mails.len() > 1 {
        xml.open("secondaryEmails");
        for mail in &mails[1..] {
            xml.leaf("email", mail);
        }
        xml.close("secondaryEmails");
    } else {
        xml.empty("secondaryEmails");
    }
    if phones.is_empty() {
        xml.empty("phones");
    } else {
        xml.open("phones");
        for p in &phones {
            let t = type_id(p.label);
            let name = PHONE_TYPES
                .iter()
                .find(|(id, _)| *id == t)
                .map_or("", |(_, n)| n);
            xml.open("phone")
                .leaf("number", &p.value)
                .leaf("typeId", &t.to_string())
                .leaf("typeName", name)
                .close("phone");
        }
        xml.close("phones");
    }
    xml.leaf("mobilePhone", phone_of(Label::Mobile))
        .leaf("workPhone", phone_of(Label::Work))
        .leaf("homePhone", phone_of(Label::Home))
        .leaf("address", client.address.as_deref().unwrap_or(""))
        .leaf("description", client.description.as_deref().unwrap_or(""))
        .leaf(
            "sex",
            match client.sex {
                Some(Sex::Male) => "MALE",
                Some(Sex::Female) => "FEMALE",
                None => "",
            },
        )
        .leaf("site", first_of(client, Service::Site))
        .leaf("skype", first_of(client, Service::Skype))
        .leaf("facebook", first_of(client, Service::Facebook))
        .leaf("vk", first_of(client, Service::Vk))
        .leaf("icq", first_of(client, Service::Icq))
        .leaf("telegramName", first_of(client, Service::Telegram))
        .leaf("userPic", &picture)
        .leaf("userPicUrl", &picture)
        .leaf("birthdate", &date(client.birthday))
        .leaf("birthday", &date(client.birthday));
    xml.open("group");
    match &client.group {
        Some(g) => xml.leaf("id", &g.id.to_string()).leaf("name", &g.title),
        None => xml.empty("id").empty("name"),
    };
    xml.close("group");
    if client.companies.is_empty() {
        xml.empty("contractors");
    } else {
        xml.open("contractors");
        for company in &client.companies {
            xml.open("client")
                .leaf("id", &company.id.to_string())
                .leaf("name", &company.name)
                .close("client");
        }
        xml.close("contractors");
    }
    if ctx.admin {
        xml.flag("havePlanfixAccess", client.portal.is_some());
        if let Some(portal) = &client.portal {
            xml.open("user")
                .leaf("login", &portal.login)
                .leaf("role", &portal.role)
                .leaf("status", &portal.status)
                .leaf("email", &portal.email)
                .close("user");
        }
    }
    write_custom_data(xml, client, ctx.fields);
    xml.leaf(
        "createdDate",
        &client
            .created_at
            .to_utc()
            .format("%d-%m-%Y %H:%M")
            .to_string(),
    );
    xml.close("contact");
}

fn write_custom_data(xml: &mut Xml, client: &Client, fields: &[CustomField]) {
    if client.fields.is_empty() {
        xml.empty("customData");
        return;
    }
    xml.open("customData");
    for value in &client.fields {
        let title = fields
            .iter()
            .find(|f| f.number == value.number)
            .map_or("", |f| f.title.as_str());
        xml.open("customValue")
            .open("field")
            .leaf("id", &value.number.to_string())
            .leaf("name", title)
            .close("field")
            .leaf("value", &value.value)
            .leaf("text", &value.value)
            .close("customValue");
    }
    xml.close("customData");
}
