//! A client as a `<contact>` element: the current fields and the 2010 ones
//! side by side (reference/planfix.md §7), so clients of either generation
//! read what they know.

use crm_core::{
    Client, ClientKind, ContactKind, ContactPoint, CustomField, Label, Service, Sex, Status,
};

use crate::picture::PictureLinks;
use crate::wire::{ContactOut, CustomValueOut, PhoneOut, PortalUserOut, RefOut};

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

fn first_of(client: &Client, service: Service) -> String {
    live(client)
        .find(|p| p.service == service && p.kind == ContactKind::Id)
        .map_or(String::new(), |p| p.value.clone())
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

/// One client as the `<contact>` element shows it.
pub fn contact_out(client: &Client, ctx: &OutContext<'_>) -> ContactOut {
    let id = client.id.to_string();
    let (name, mid_name, last_name) = name_parts(client);
    let mut mails = live(client)
        .filter(|p| p.kind == ContactKind::Mail)
        .map(|p| p.value.clone());
    let email = mails.next().unwrap_or_default();
    let phones = phones(client);
    let phone_of = |label: Label| {
        phones
            .iter()
            .find(|p| p.label == Some(label))
            .map_or(String::new(), |p| p.value.clone())
    };
    let picture = if client.has_avatar {
        ctx.pictures.url(client.id)
    } else {
        String::new()
    };
    let text = |v: Option<&String>| v.cloned().unwrap_or_default();
    ContactOut {
        userid: id.clone(),
        general: id.clone(),
        id,
        template_id: String::new(),
        name,
        mid_name,
        last_name,
        is_company: client.kind == ClientKind::Company,
        post: text(client.attributes.position.as_ref()),
        email,
        secondary_emails: mails.collect(),
        phones: phones
            .iter()
            .map(|p| {
                let t = type_id(p.label);
                PhoneOut {
                    number: p.value.clone(),
                    type_id: t.to_string(),
                    type_name: PHONE_TYPES
                        .iter()
                        .find(|(id, _)| *id == t)
                        .map_or("", |(_, n)| n)
                        .to_owned(),
                }
            })
            .collect(),
        mobile_phone: phone_of(Label::Mobile),
        work_phone: phone_of(Label::Work),
        home_phone: phone_of(Label::Home),
        address: text(client.attributes.address.as_ref()),
        description: text(client.attributes.description.as_ref()),
        sex: match client.attributes.sex {
            Some(Sex::Male) => "MALE",
            Some(Sex::Female) => "FEMALE",
            None => "",
        }
        .to_owned(),
        site: first_of(client, Service::Site),
        skype: first_of(client, Service::Skype),
        facebook: first_of(client, Service::Facebook),
        vk: first_of(client, Service::Vk),
        icq: first_of(client, Service::Icq),
        telegram_name: first_of(client, Service::Telegram),
        user_pic: picture.clone(),
        user_pic_url: picture,
        birthdate: date(client.attributes.birthday),
        birthday: date(client.attributes.birthday),
        group: client
            .group
            .as_ref()
            .map_or_else(RefOut::default, |g| RefOut {
                id: g.id.to_string(),
                name: g.title.clone(),
            }),
        contractors: client
            .companies
            .iter()
            .map(|c| RefOut {
                id: c.id.to_string(),
                name: c.name.clone(),
            })
            .collect(),
        have_planfix_access: ctx.admin.then_some(client.attributes.portal.is_some()),
        user: client
            .attributes
            .portal
            .as_ref()
            .filter(|_| ctx.admin)
            .map(|portal| PortalUserOut {
                login: portal.login.clone(),
                role: portal.role.clone(),
                status: portal.status.clone(),
                email: portal.email.clone(),
            }),
        custom_data: custom_data(client, ctx.fields),
        created_date: client
            .created_at
            .to_utc()
            .format("%d-%m-%Y %H:%M")
            .to_string(),
    }
}

fn custom_data(client: &Client, fields: &[CustomField]) -> Vec<CustomValueOut> {
    client
        .fields
        .iter()
        .map(|value| CustomValueOut {
            field_id: value.number.to_string(),
            field_name: fields
                .iter()
                .find(|f| f.number == value.number)
                .map_or("", |f| f.title.as_str())
                .to_owned(),
            value: value.value.clone(),
            text: value.value.clone(),
        })
        .collect()
}
