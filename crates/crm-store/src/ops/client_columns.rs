//! The attribute columns that insert and update share (`$3..$30`).

use crm_core::{Client, CoreResult};

use crate::error::db_encode;

/// Owned column values of one client, folded forms included.
#[derive(Debug)]
pub(crate) struct Columns {
    pub name: String,
    pub name_folded: String,
    pub given: Option<String>,
    pub middle: Option<String>,
    pub last: Option<String>,
    pub position: Option<String>,
    pub position_folded: Option<String>,
    pub description: Option<String>,
    pub description_folded: Option<String>,
    pub address: Option<String>,
    pub address_folded: Option<String>,
    pub company_address: Option<String>,
    pub bank_details: Option<String>,
    pub person_details: Option<String>,
    pub role: Option<String>,
    pub role_folded: Option<String>,
    pub sex: Option<&'static str>,
    pub birthday: Option<String>,
    pub responsible: Option<i64>,
    pub loyalty: Option<i64>,
    pub source: Option<i64>,
    pub group: Option<i64>,
    pub segments: String,
    pub main_contact: bool,
    pub portal_login: Option<String>,
    pub portal_role: Option<String>,
    pub portal_status: Option<String>,
    pub portal_email: Option<String>,
}

fn folded(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::to_lowercase)
}

impl Columns {
    pub(crate) fn of(c: &Client) -> CoreResult<Self> {
        let parts = c.name.parts();
        let portal = c.portal.as_ref();
        Ok(Self {
            name: c.name.as_full().to_owned(),
            name_folded: crm_core::fold_name(c.name.as_full()),
            given: parts.map(|p| p.given.clone()),
            middle: parts.map(|p| p.middle.clone()),
            last: parts.map(|p| p.last.clone()),
            position: c.position.clone(),
            position_folded: folded(&c.position),
            description: c.description.clone(),
            description_folded: folded(&c.description),
            address: c.address.clone(),
            address_folded: folded(&c.address),
            company_address: c.company_address.clone(),
            bank_details: c.bank_details.clone(),
            person_details: c.person_details.clone(),
            role: c.role.clone(),
            role_folded: folded(&c.role),
            sex: c.sex.map(|s| s.as_str()),
            birthday: c.birthday.map(|d| d.format("%Y-%m-%d").to_string()),
            responsible: c.responsible.map(|u| u.get()),
            loyalty: c.loyalty.as_ref().map(|e| e.id.get()),
            source: c.source.as_ref().map(|e| e.id.get()),
            group: c.group.as_ref().map(|e| e.id.get()),
            segments: serde_json::to_string(&c.segments).map_err(db_encode)?,
            main_contact: c.main_contact,
            portal_login: portal.map(|p| p.login.clone()),
            portal_role: portal.map(|p| p.role.clone()),
            portal_status: portal.map(|p| p.status.clone()),
            portal_email: portal.map(|p| p.email.clone()),
        })
    }
}

/// Binds the 28 shared columns, in statement order, onto `$query` (a
/// `Query`); `push_bind: $row, $c` pushes them onto a `push_values` row.
macro_rules! bind_columns {
    (push_bind: $row:expr, $c:expr) => {
        bind_columns!(@push_bind $row, $c)
    };
    ($query:expr, $c:expr) => {
        bind_columns!(@bind $query, $c)
    };
    (@$method:ident $target:expr, $c:expr) => {{
        let c = &$c;
        $target
            .$method(&c.name)
            .$method(&c.name_folded)
            .$method(&c.given)
            .$method(&c.middle)
            .$method(&c.last)
            .$method(&c.position)
            .$method(&c.position_folded)
            .$method(&c.description)
            .$method(&c.description_folded)
            .$method(&c.address)
            .$method(&c.address_folded)
            .$method(&c.company_address)
            .$method(&c.bank_details)
            .$method(&c.person_details)
            .$method(&c.role)
            .$method(&c.role_folded)
            .$method(c.sex)
            .$method(&c.birthday)
            .$method(c.responsible)
            .$method(c.loyalty)
            .$method(c.source)
            .$method(c.group)
            .$method(&c.segments)
            .$method(c.main_contact)
            .$method(&c.portal_login)
            .$method(&c.portal_role)
            .$method(&c.portal_status)
            .$method(&c.portal_email)
    }};
}
pub(crate) use bind_columns;
