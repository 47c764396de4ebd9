//! The list answers: `contact.getGroupList`, `contact.getPhoneTypes` and a
//! `contact.getList` page, each `<name totalCount count>` around its items.

use super::response::{ParseError, XmlBody, count, required, text};
use super::tree::Element;
use super::writer::Xml;

/// An `{id, name}` pair: a group of `contact.getGroupList`, a phone type of
/// `contact.getPhoneTypes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// `<id>`.
    pub id: String,
    /// `<name>`.
    pub name: String,
}

impl Named {
    fn write(&self, xml: &mut Xml, element: &str) {
        xml.open(element)
            .leaf("id", &self.id)
            .leaf("name", &self.name)
            .close(element);
    }

    fn read_all(list: &Element, element: &str) -> Vec<Self> {
        list.children_named(element)
            .map(|e| Self {
                id: text(e, "id"),
                name: text(e, "name"),
            })
            .collect()
    }
}

/// `contact.getGroupList`: the contact groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupList {
    /// `totalCount`.
    pub total_count: u64,
    /// `count`.
    pub count: u64,
    /// `<group>` elements.
    pub groups: Vec<Named>,
}

/// `<name totalCount="N" count="M">items</name>`; reference/planfix.md §4:
/// a list with no items is self-closed.
fn counted<T>(
    xml: &mut Xml,
    name: &str,
    (total, count): (u64, u64),
    items: &[T],
    mut write: impl FnMut(&mut Xml, &T),
) {
    let attrs = [
        ("totalCount", total.to_string()),
        ("count", count.to_string()),
    ];
    xml.open_with(name, &attrs, items.is_empty());
    if !items.is_empty() {
        for item in items {
            write(xml, item);
        }
        xml.close(name);
    }
}

impl XmlBody for GroupList {
    fn write(&self, xml: &mut Xml) {
        let counts = (self.total_count, self.count);
        counted(xml, "contactGroups", counts, &self.groups, |xml, g| {
            g.write(xml, "group");
        });
    }

    fn read(response: &Element) -> Result<Self, ParseError> {
        let list = required(response, "contactGroups")?;
        Ok(Self {
            total_count: count(list, "totalCount")?,
            count: count(list, "count")?,
            groups: Named::read_all(list, "group"),
        })
    }
}

/// `contact.getPhoneTypes`: `totalCount` only, as documented (§7.9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneTypes {
    /// `totalCount`.
    pub total_count: u64,
    /// `<phoneType>` elements.
    pub types: Vec<Named>,
}

impl XmlBody for PhoneTypes {
    fn write(&self, xml: &mut Xml) {
        xml.open_with(
            "phoneTypes",
            &[("totalCount", self.total_count.to_string())],
            false,
        );
        for phone_type in &self.types {
            phone_type.write(xml, "phoneType");
        }
        xml.close("phoneTypes");
    }

    fn read(response: &Element) -> Result<Self, ParseError> {
        let list = required(response, "phoneTypes")?;
        Ok(Self {
            total_count: count(list, "totalCount")?,
            types: Named::read_all(list, "phoneType"),
        })
    }
}

/// `contact.getList`: one page and its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactsPage {
    /// `totalCount`: every contact the query matches.
    pub total_count: u64,
    /// `count`: the contacts of this page.
    pub count: u64,
    /// The `<contact>` elements.
    pub contacts: Vec<super::ContactOut>,
}

impl XmlBody for ContactsPage {
    fn write(&self, xml: &mut Xml) {
        let counts = (self.total_count, self.count);
        counted(xml, "contacts", counts, &self.contacts, |xml, c| {
            c.write_element(xml);
        });
    }

    fn read(response: &Element) -> Result<Self, ParseError> {
        let list = required(response, "contacts")?;
        Ok(Self {
            total_count: count(list, "totalCount")?,
            count: count(list, "count")?,
            contacts: list
                .children_named("contact")
                .map(super::ContactOut::read_element)
                .collect::<Result<_, _>>()?,
        })
    }
}
