//! The bodies of the success documents, one function a shape.

use crm_core::{CatalogueEntry, Client, ClientId};

use super::contact::{OutContext, PHONE_TYPES, write_contact};
use crate::wire::Xml;

/// `auth.login`: the new session.
pub fn session(sid: &str) -> Xml {
    let mut xml = Xml::new();
    xml.leaf("sid", sid);
    xml
}

/// `contact.add` and the updates: the client's id under the three names
/// Planfix gives it.
pub fn client_ids(client: ClientId) -> Xml {
    let id = client.to_string();
    let mut xml = Xml::new();
    xml.open("contact")
        .leaf("id", &id)
        .leaf("userid", &id)
        .leaf("general", &id)
        .close("contact");
    xml
}

/// `contact.delete`: the id of the client deleted.
pub fn deleted(client: ClientId) -> Xml {
    let mut xml = Xml::new();
    xml.open("contact")
        .leaf("id", &client.to_string())
        .close("contact");
    xml
}

/// `contact.get`: one `<contact>`.
pub fn contact(client: &Client, ctx: &OutContext<'_>) -> Xml {
    let mut xml = Xml::new();
    write_contact(&mut xml, client, ctx);
    xml
}

/// `contact.getList`: the page with its counts. reference/planfix.md §4: an
/// empty page is exactly `<contacts totalCount="N" count="0"/>`.
pub fn contacts_page(total: u64, clients: &[Client], ctx: &OutContext<'_>) -> Xml {
    let attrs = [
        ("totalCount", total.to_string()),
        ("count", clients.len().to_string()),
    ];
    let mut xml = Xml::new();
    xml.open_with("contacts", &attrs, clients.is_empty());
    if !clients.is_empty() {
        for client in clients {
            write_contact(&mut xml, client, ctx);
        }
        xml.close("contacts");
    }
    xml
}

/// `contact.getGroupList`: the account's contact groups; an empty list is
/// self-closed, like an empty page.
pub fn groups(groups: &[CatalogueEntry]) -> Xml {
    let n = groups.len().to_string();
    let mut xml = Xml::new();
    let attrs = [("totalCount", n.clone()), ("count", n)];
    xml.open_with("contactGroups", &attrs, groups.is_empty());
    if !groups.is_empty() {
        for g in groups {
            xml.open("group")
                .leaf("id", &g.id.to_string())
                .leaf("name", &g.title)
                .close("group");
        }
        xml.close("contactGroups");
    }
    xml
}

/// `contact.getPhoneTypes`: `totalCount` only, as documented (§7.9).
pub fn phone_types() -> Xml {
    let mut xml = Xml::new();
    xml.open_with(
        "phoneTypes",
        &[("totalCount", PHONE_TYPES.len().to_string())],
        false,
    );
    for (id, name) in PHONE_TYPES {
        xml.open("phoneType")
            .leaf("id", &id.to_string())
            .leaf("name", name)
            .close("phoneType");
    }
    xml.close("phoneTypes");
    xml
}

/// `contact.managePlanfixAccess`: the access as it now stands.
pub fn access_changed(client: ClientId, granted: bool, status: &str) -> Xml {
    let mut xml = Xml::new();
    xml.open("contact")
        .leaf("id", &client.to_string())
        .flag("havePlanfixAccess", granted)
        .leaf("status", status)
        .close("contact");
    xml
}
