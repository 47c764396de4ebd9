//! The bodies of the success documents, one function a shape, each written
//! through its wire type.

use crm_core::{CatalogueEntry, Client, ClientId};

use super::contact::{OutContext, PHONE_TYPES, contact_out};
use crate::wire::{
    AccessChanged, ContactIds, ContactsPage, Deleted, GroupList, Named, PhoneTypes, Session, Xml,
    XmlBody,
};

fn written(body: &impl XmlBody) -> Xml {
    let mut xml = Xml::new();
    body.write(&mut xml);
    xml
}

/// `auth.login`: the new session.
pub fn session(sid: &str) -> Xml {
    written(&Session {
        sid: sid.to_owned(),
    })
}

/// `contact.add` and the updates: the client's id under the three names
/// Planfix gives it.
pub fn client_ids(client: ClientId) -> Xml {
    let id = client.to_string();
    written(&ContactIds {
        id: id.clone(),
        userid: id.clone(),
        general: id,
    })
}

/// `contact.delete`: the id of the client deleted.
pub fn deleted(client: ClientId) -> Xml {
    written(&Deleted {
        id: client.to_string(),
    })
}

/// `contact.get`: one `<contact>`.
pub fn contact(client: &Client, ctx: &OutContext<'_>) -> Xml {
    written(&contact_out(client, ctx))
}

/// `contact.getList`: the page with its counts.
pub fn contacts_page(total: u64, clients: &[Client], ctx: &OutContext<'_>) -> Xml {
    written(&ContactsPage {
        total_count: total,
        count: clients.len() as u64,
        contacts: clients.iter().map(|c| contact_out(c, ctx)).collect(),
    })
}

/// `contact.getGroupList`: the account's contact groups.
pub fn groups(groups: &[CatalogueEntry]) -> Xml {
    let n = groups.len() as u64;
    written(&GroupList {
        total_count: n,
        count: n,
        groups: groups
            .iter()
            .map(|g| Named {
                id: g.id.to_string(),
                name: g.title.clone(),
            })
            .collect(),
    })
}

/// `contact.getPhoneTypes`.
pub fn phone_types() -> Xml {
    written(&PhoneTypes {
        total_count: PHONE_TYPES.len() as u64,
        types: PHONE_TYPES
            .iter()
            .map(|(id, name)| Named {
                id: id.to_string(),
                name: (*name).to_owned(),
            })
            .collect(),
    })
}

/// `contact.managePlanfixAccess`: the access as it now stands.
pub fn access_changed(client: ClientId, granted: bool, status: &str) -> Xml {
    written(&AccessChanged {
        id: client.to_string(),
        have_planfix_access: granted,
        status: status.to_owned(),
    })
}
