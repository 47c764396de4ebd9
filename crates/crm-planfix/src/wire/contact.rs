//! The `<contact>` element of `contact.add` and `contact.update`, with both
//! generations of field names (reference/planfix.md §7 table). `None` means
//! the element was absent; `Some("")` that it was sent empty.

use super::Element;

/// One `<phones>/<phone>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneIn {
    /// `<number>`.
    pub number: String,
    /// `<typeId>` as sent (1 mobile, 2 work, 3 home, 4 other).
    pub type_id: Option<String>,
}

/// One `<customData>/<customValue>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomValueIn {
    /// `<id>` (also read from `<field><id>`).
    pub id: String,
    /// `<value>`.
    pub value: String,
}

/// A `<contact>` as a client wrote it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactIn {
    /// `name`: given name (2010: "Имя Отчество").
    pub name: Option<String>,
    /// `midName`.
    pub mid_name: Option<String>,
    /// `lastName`.
    pub last_name: Option<String>,
    /// `post`.
    pub post: Option<String>,
    /// `email`.
    pub email: Option<String>,
    /// `secondaryEmails/email`.
    pub secondary_emails: Option<Vec<String>>,
    /// 2010 `mobilePhone`.
    pub mobile_phone: Option<String>,
    /// 2010 `workPhone`.
    pub work_phone: Option<String>,
    /// 2010 `homePhone`.
    pub home_phone: Option<String>,
    /// `phones/phone`.
    pub phones: Option<Vec<PhoneIn>>,
    /// `address`.
    pub address: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `sex`.
    pub sex: Option<String>,
    /// `site`.
    pub site: Option<String>,
    /// `skype`.
    pub skype: Option<String>,
    /// `facebook`.
    pub facebook: Option<String>,
    /// `vk`.
    pub vk: Option<String>,
    /// `icq`.
    pub icq: Option<String>,
    /// `telegram/username` (update only in the current docs).
    pub telegram: Option<String>,
    /// `userPic`: base64 picture.
    pub user_pic: Option<String>,
    /// `birthdate`, or 2010 `birthday`.
    pub birthdate: Option<String>,
    /// `isCompany` (add only).
    pub is_company: Option<String>,
    /// `group/id`.
    pub group: Option<String>,
    /// `customData/customValue`.
    pub custom_data: Option<Vec<CustomValueIn>>,
}

fn text(el: &Element, name: &str) -> Option<String> {
    el.child_text(name).map(str::to_owned)
}

/// A field both generations carry (reference/planfix.md §7): a client that
/// sends both may leave one empty, so the filled one wins; the new name
/// wins when both are filled.
fn either_generation(new: Option<String>, old: Option<String>) -> Option<String> {
    match (new, old) {
        (Some(new), Some(old)) if new.trim().is_empty() => Some(old),
        (new, old) => new.or(old),
    }
}

impl ContactIn {
    /// Reads the fields this dialect knows; unknown children are ignored
    /// (reference/planfix.md §11).
    pub fn read(el: &Element) -> Self {
        Self {
            name: text(el, "name"),
            mid_name: text(el, "midName"),
            last_name: text(el, "lastName"),
            post: text(el, "post"),
            email: text(el, "email"),
            secondary_emails: el.child("secondaryEmails").map(|list| {
                list.children_named("email")
                    .map(|e| e.text.clone())
                    .collect()
            }),
            mobile_phone: text(el, "mobilePhone"),
            work_phone: text(el, "workPhone"),
            home_phone: text(el, "homePhone"),
            phones: el.child("phones").map(|list| {
                list.children_named("phone")
                    .map(|p| PhoneIn {
                        number: p.child_text("number").unwrap_or("").to_owned(),
                        type_id: p.non_empty("typeId").map(str::to_owned),
                    })
                    .collect()
            }),
            address: text(el, "address"),
            description: text(el, "description"),
            sex: text(el, "sex"),
            site: text(el, "site"),
            skype: text(el, "skype"),
            facebook: text(el, "facebook"),
            vk: text(el, "vk"),
            icq: text(el, "icq"),
            // `<telegram><id/></telegram>` alone names no username: unchanged.
            telegram: el
                .child("telegram")
                .and_then(|t| t.child_text("username"))
                .map(str::to_owned),
            user_pic: text(el, "userPic"),
            birthdate: either_generation(text(el, "birthdate"), text(el, "birthday")),
            is_company: text(el, "isCompany"),
            group: el.child("group").and_then(group_id),
            custom_data: el.child("customData").map(read_custom_values),
        }
    }
}

/// `group/id`, or a bare `<group>3</group>`; `<group/>` is `Some("")`
/// (cleared). A group named without an id (`<group><name/></group>`, as
/// `contact.get` shows it) is `None`: unchanged.
fn group_id(group: &Element) -> Option<String> {
    match group.child("id") {
        Some(id) => Some(id.text.clone()),
        None if group.children.is_empty() => Some(group.text.clone()),
        None => None,
    }
}

/// `customData/customValue{id, value}`.
pub fn read_custom_values(list: &Element) -> Vec<CustomValueIn> {
    list.children_named("customValue")
        .map(|v| CustomValueIn {
            id: v
                .child_text("id")
                .or_else(|| v.child("field").and_then(|f| f.child_text("id")))
                .unwrap_or("")
                .to_owned(),
            value: v.child_text("value").unwrap_or("").to_owned(),
        })
        .collect()
}

impl ContactIn {
    /// The `<contact>` children a client writes for these fields, read back
    /// by [`ContactIn::read`] as the same value. The birthday goes under its
    /// current name, `birthdate`.
    pub fn write_into(&self, contact: &mut Element) {
        let mut leaf = |name: &str, value: &Option<String>| {
            if let Some(v) = value {
                contact.children.push(Element::leaf(name, v));
            }
        };
        leaf("name", &self.name);
        leaf("midName", &self.mid_name);
        leaf("lastName", &self.last_name);
        leaf("post", &self.post);
        leaf("email", &self.email);
        leaf("mobilePhone", &self.mobile_phone);
        leaf("workPhone", &self.work_phone);
        leaf("homePhone", &self.home_phone);
        leaf("address", &self.address);
        leaf("description", &self.description);
        leaf("sex", &self.sex);
        leaf("site", &self.site);
        leaf("skype", &self.skype);
        leaf("facebook", &self.facebook);
        leaf("vk", &self.vk);
        leaf("icq", &self.icq);
        leaf("userPic", &self.user_pic);
        leaf("birthdate", &self.birthdate);
        leaf("isCompany", &self.is_company);
        if let Some(mails) = &self.secondary_emails {
            let list = mails.iter().fold(Element::new("secondaryEmails"), |l, m| {
                l.with(Element::leaf("email", m))
            });
            contact.children.push(list);
        }
        if let Some(phones) = &self.phones {
            let list = phones.iter().fold(Element::new("phones"), |l, p| {
                let mut phone = Element::new("phone").with(Element::leaf("number", &p.number));
                if let Some(t) = &p.type_id {
                    phone.children.push(Element::leaf("typeId", t));
                }
                l.with(phone)
            });
            contact.children.push(list);
        }
        if let Some(username) = &self.telegram {
            contact
                .children
                .push(Element::new("telegram").with(Element::leaf("username", username)));
        }
        if let Some(group) = &self.group {
            contact
                .children
                .push(Element::new("group").with(Element::leaf("id", group)));
        }
        if let Some(values) = &self.custom_data {
            contact.children.push(custom_values(values));
        }
    }
}

/// `customData/customValue{id, value}`, as [`read_custom_values`] reads it.
pub fn custom_values(values: &[CustomValueIn]) -> Element {
    values.iter().fold(Element::new("customData"), |list, v| {
        list.with(
            Element::new("customValue")
                .with(Element::leaf("id", &v.id))
                .with(Element::leaf("value", &v.value)),
        )
    })
}
