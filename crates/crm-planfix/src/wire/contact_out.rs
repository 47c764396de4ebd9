//! The `<contact>` element of `contact.get` and `contact.getList`: the
//! current fields and the 2010 ones side by side (reference/planfix.md §7).
//! Written in the one order the server has always used; read by name, so a
//! server that orders them otherwise is still read.

use super::Element;
use super::response::{ParseError, XmlBody, flag, required, text};
use super::writer::Xml;

/// One `<phones>/<phone>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhoneOut {
    /// `<number>`.
    pub number: String,
    /// `<typeId>`: 1 mobile, 2 work, 3 home, 4 other.
    pub type_id: String,
    /// `<typeName>`.
    pub type_name: String,
}

/// An `{id, name}` reference: `<group>` and each `<contractors>/<client>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefOut {
    /// `<id>`.
    pub id: String,
    /// `<name>`.
    pub name: String,
}

/// `<user>`: the contact's Planfix login, shown to administrators.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PortalUserOut {
    /// `<login>`.
    pub login: String,
    /// `<role>`.
    pub role: String,
    /// `<status>`.
    pub status: String,
    /// `<email>`.
    pub email: String,
}

/// One `<customData>/<customValue>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomValueOut {
    /// `<field><id>`.
    pub field_id: String,
    /// `<field><name>`.
    pub field_name: String,
    /// `<value>`.
    pub value: String,
    /// `<text>`.
    pub text: String,
}

/// A `<contact>` as `contact.get` and `contact.getList` show it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactOut {
    /// `<id>`.
    pub id: String,
    /// `<userid>`.
    pub userid: String,
    /// `<general>`.
    pub general: String,
    /// `<template><id>`.
    pub template_id: String,
    /// `<name>`: the given name, or the whole name when written whole.
    pub name: String,
    /// `<midName>`.
    pub mid_name: String,
    /// `<lastName>`.
    pub last_name: String,
    /// `<isCompany>`.
    pub is_company: bool,
    /// `<post>`.
    pub post: String,
    /// `<email>`.
    pub email: String,
    /// `<secondaryEmails>/<email>`.
    pub secondary_emails: Vec<String>,
    /// `<phones>/<phone>`.
    pub phones: Vec<PhoneOut>,
    /// 2010 `<mobilePhone>`.
    pub mobile_phone: String,
    /// 2010 `<workPhone>`.
    pub work_phone: String,
    /// 2010 `<homePhone>`.
    pub home_phone: String,
    /// `<address>`.
    pub address: String,
    /// `<description>`.
    pub description: String,
    /// `<sex>`: `MALE`, `FEMALE` or empty.
    pub sex: String,
    /// `<site>`.
    pub site: String,
    /// `<skype>`.
    pub skype: String,
    /// `<facebook>`.
    pub facebook: String,
    /// `<vk>`.
    pub vk: String,
    /// `<icq>`.
    pub icq: String,
    /// `<telegramName>`.
    pub telegram_name: String,
    /// `<userPic>`.
    pub user_pic: String,
    /// `<userPicUrl>`.
    pub user_pic_url: String,
    /// `<birthdate>`, `dd-mm-yyyy`.
    pub birthdate: String,
    /// 2010 `<birthday>`.
    pub birthday: String,
    /// `<group>`.
    pub group: RefOut,
    /// `<contractors>/<client>`.
    pub contractors: Vec<RefOut>,
    /// `<havePlanfixAccess>`: only administrators see it (spec, contact.get).
    pub have_planfix_access: Option<bool>,
    /// `<user>`: only administrators see it, and only when there is access.
    pub user: Option<PortalUserOut>,
    /// `<customData>/<customValue>`.
    pub custom_data: Vec<CustomValueOut>,
    /// `<createdDate>`, `dd-mm-yyyy HH:MM`.
    pub created_date: String,
}

/// `<name>` holding `items`, or `<name/>` when there are none.
fn list<T>(xml: &mut Xml, name: &str, items: &[T], mut write: impl FnMut(&mut Xml, &T)) {
    if items.is_empty() {
        xml.empty(name);
        return;
    }
    xml.open(name);
    for item in items {
        write(xml, item);
    }
    xml.close(name);
}

/// The children named `item` of the child named `name`, read by `read`.
fn read_list<T>(el: &Element, name: &str, item: &str, read: impl FnMut(&Element) -> T) -> Vec<T> {
    el.child(name)
        .map(|list| list.children_named(item).map(read).collect())
        .unwrap_or_default()
}

fn read_ref(el: &Element) -> RefOut {
    RefOut {
        id: text(el, "id"),
        name: text(el, "name"),
    }
}

impl ContactOut {
    /// Writes the `<contact>` element.
    pub fn write_element(&self, xml: &mut Xml) {
        xml.open("contact")
            .leaf("id", &self.id)
            .leaf("userid", &self.userid)
            .leaf("general", &self.general);
        xml.open("template")
            .leaf("id", &self.template_id)
            .close("template");
        xml.leaf("name", &self.name)
            .leaf("midName", &self.mid_name)
            .leaf("lastName", &self.last_name)
            .flag("isCompany", self.is_company)
            .leaf("post", &self.post)
            .leaf("email", &self.email);
        list(xml, "secondaryEmails", &self.secondary_emails, |xml, m| {
            xml.leaf("email", m);
        });
        list(xml, "phones", &self.phones, |xml, p| {
            xml.open("phone")
                .leaf("number", &p.number)
                .leaf("typeId", &p.type_id)
                .leaf("typeName", &p.type_name)
                .close("phone");
        });
        xml.leaf("mobilePhone", &self.mobile_phone)
            .leaf("workPhone", &self.work_phone)
            .leaf("homePhone", &self.home_phone)
            .leaf("address", &self.address)
            .leaf("description", &self.description)
            .leaf("sex", &self.sex)
            .leaf("site", &self.site)
            .leaf("skype", &self.skype)
            .leaf("facebook", &self.facebook)
            .leaf("vk", &self.vk)
            .leaf("icq", &self.icq)
            .leaf("telegramName", &self.telegram_name)
            .leaf("userPic", &self.user_pic)
            .leaf("userPicUrl", &self.user_pic_url)
            .leaf("birthdate", &self.birthdate)
            .leaf("birthday", &self.birthday);
        xml.open("group")
            .leaf("id", &self.group.id)
            .leaf("name", &self.group.name)
            .close("group");
        list(xml, "contractors", &self.contractors, |xml, c| {
            xml.open("client")
                .leaf("id", &c.id)
                .leaf("name", &c.name)
                .close("client");
        });
        if let Some(access) = self.have_planfix_access {
            xml.flag("havePlanfixAccess", access);
        }
        if let Some(user) = &self.user {
            xml.open("user")
                .leaf("login", &user.login)
                .leaf("role", &user.role)
                .leaf("status", &user.status)
                .leaf("email", &user.email)
                .close("user");
        }
        list(xml, "customData", &self.custom_data, |xml, v| {
            xml.open("customValue")
                .open("field")
                .leaf("id", &v.field_id)
                .leaf("name", &v.field_name)
                .close("field")
                .leaf("value", &v.value)
                .leaf("text", &v.text)
                .close("customValue");
        });
        xml.leaf("createdDate", &self.created_date);
        xml.close("contact");
    }

    /// Reads a `<contact>` element; `<id>` is required, absent fields are empty.
    pub fn read_element(el: &Element) -> Result<Self, ParseError> {
        let t = |name: &str| text(el, name);
        Ok(Self {
            id: required(el, "id")?.text.clone(),
            userid: t("userid"),
            general: t("general"),
            template_id: el
                .child("template")
                .map(|x| text(x, "id"))
                .unwrap_or_default(),
            name: t("name"),
            mid_name: t("midName"),
            last_name: t("lastName"),
            is_company: flag(el, "isCompany")?,
            post: t("post"),
            email: t("email"),
            secondary_emails: read_list(el, "secondaryEmails", "email", |e| e.text.clone()),
            phones: read_list(el, "phones", "phone", |p| PhoneOut {
                number: text(p, "number"),
                type_id: text(p, "typeId"),
                type_name: text(p, "typeName"),
            }),
            mobile_phone: t("mobilePhone"),
            work_phone: t("workPhone"),
            home_phone: t("homePhone"),
            address: t("address"),
            description: t("description"),
            sex: t("sex"),
            site: t("site"),
            skype: t("skype"),
            facebook: t("facebook"),
            vk: t("vk"),
            icq: t("icq"),
            telegram_name: t("telegramName"),
            user_pic: t("userPic"),
            user_pic_url: t("userPicUrl"),
            birthdate: t("birthdate"),
            birthday: t("birthday"),
            group: el.child("group").map(read_ref).unwrap_or_default(),
            contractors: read_list(el, "contractors", "client", read_ref),
            have_planfix_access: match el.child("havePlanfixAccess") {
                Some(_) => Some(flag(el, "havePlanfixAccess")?),
                None => None,
            },
            user: el.child("user").map(|u| PortalUserOut {
                login: text(u, "login"),
                role: text(u, "role"),
                status: text(u, "status"),
                email: text(u, "email"),
            }),
            custom_data: read_list(el, "customData", "customValue", |v| {
                let field = v.child("field");
                CustomValueOut {
                    field_id: field.map(|f| text(f, "id")).unwrap_or_default(),
                    field_name: field.map(|f| text(f, "name")).unwrap_or_default(),
                    value: text(v, "value"),
                    text: text(v, "text"),
                }
            }),
            created_date: t("createdDate"),
        })
    }
}

impl XmlBody for ContactOut {
    fn write(&self, xml: &mut Xml) {
        self.write_element(xml);
    }

    fn read(response: &Element) -> Result<Self, ParseError> {
        Self::read_element(required(response, "contact")?)
    }
}
