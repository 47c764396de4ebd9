//! Text every backend can store. PostgreSQL refuses U+0000 in `text` while
//! SQLite keeps it, so one rule here makes both answer the same: a NUL in
//! anything written is the client's mistake, and a NUL in a filter matches
//! nothing (no stored text holds one).

use std::collections::HashSet;

use crate::model::{
    CatalogueRef, ClientId, ClientPatch, FieldValue, Name, NewClient, NewContactPoint,
};
use crate::query::{ClientFilter, ClientQuery};
use crate::{CoreError, CoreResult, Patch};

fn refuse<'a>(texts: impl IntoIterator<Item = (&'static str, Option<&'a str>)>) -> CoreResult<()> {
    match texts
        .into_iter()
        .find(|(_, text)| text.is_some_and(|t| t.contains('\0')))
    {
        Some((field, _)) => Err(CoreError::invalid(field, "contains a NUL character")),
        None => Ok(()),
    }
}

fn name_texts(name: &Name) -> [Option<&str>; 4] {
    let parts = name.parts();
    [
        Some(name.as_full()),
        parts.map(|p| p.given.as_str()),
        parts.map(|p| p.middle.as_str()),
        parts.map(|p| p.last.as_str()),
    ]
}

fn title(reference: Option<&CatalogueRef>) -> Option<&str> {
    match reference {
        Some(CatalogueRef::Title(title)) => Some(title),
        _ => None,
    }
}

fn set<T>(patch: &Patch<T>) -> Option<&T> {
    match patch {
        Patch::Set(value) => Some(value),
        Patch::Keep | Patch::Clear => None,
    }
}

/// Refuses a new client with a NUL anywhere in its text.
pub(crate) fn new_client(c: &NewClient) -> CoreResult<()> {
    let portal = c.portal.as_ref();
    refuse(name_texts(&c.name).map(|t| ("name", t)))?;
    refuse([
        ("position", c.position.as_deref()),
        ("description", c.description.as_deref()),
        ("address", c.address.as_deref()),
        ("company_address", c.company_address.as_deref()),
        ("bank_details", c.bank_details.as_deref()),
        ("person_details", c.person_details.as_deref()),
        ("role", c.role.as_deref()),
        ("loyalty", title(c.loyalty.as_ref())),
        ("source", title(c.source.as_ref())),
        ("group", title(c.group.as_ref())),
        ("portal", portal.map(|p| p.login.as_str())),
        ("portal", portal.map(|p| p.email.as_str())),
        ("portal", portal.map(|p| p.role.as_str())),
        ("portal", portal.map(|p| p.status.as_str())),
    ])?;
    refuse(c.segments.iter().map(|s| ("segments", Some(s.as_str()))))?;
    refuse(c.fields.iter().map(|f| ("fields", Some(f.value.as_str()))))?;
    c.contacts.iter().try_for_each(contact_point)
}

/// Refuses a patch that would write a NUL.
pub(crate) fn patch(p: &ClientPatch) -> CoreResult<()> {
    if let Some(name) = set(&p.name) {
        refuse(name_texts(name).map(|t| ("name", t)))?;
    }
    let portal = set(&p.portal);
    refuse([
        ("position", set(&p.position).map(String::as_str)),
        ("description", set(&p.description).map(String::as_str)),
        ("address", set(&p.address).map(String::as_str)),
        (
            "company_address",
            set(&p.company_address).map(String::as_str),
        ),
        ("bank_details", set(&p.bank_details).map(String::as_str)),
        ("person_details", set(&p.person_details).map(String::as_str)),
        ("role", set(&p.role).map(String::as_str)),
        ("loyalty", title(set(&p.loyalty))),
        ("source", title(set(&p.source))),
        ("group", title(set(&p.group))),
        ("portal", portal.map(|p| p.login.as_str())),
        ("portal", portal.map(|p| p.email.as_str())),
        ("portal", portal.map(|p| p.role.as_str())),
        ("portal", portal.map(|p| p.status.as_str())),
    ])?;
    let segments = set(&p.segments).into_iter().flatten();
    refuse(segments.map(|s| ("segments", Some(s.as_str()))))?;
    refuse(
        p.fields
            .iter()
            .map(|(_, v)| ("fields", set(v).map(String::as_str))),
    )?;
    let points = p.contacts.iter().flat_map(|r| &r.values);
    points.into_iter().try_for_each(contact_point)?;
    p.rewrites.iter().try_for_each(|r| contact_value(&r.value))
}

/// Refuses a contact point whose value holds a NUL.
pub(crate) fn contact_point(point: &NewContactPoint) -> CoreResult<()> {
    contact_value(&point.value)
}

/// Refuses a contact value that holds a NUL.
pub(crate) fn contact_value(value: &str) -> CoreResult<()> {
    refuse([("value", Some(value))])
}

/// True when a lookup key holds a NUL: it can name nothing stored.
pub(crate) fn holds_nul(key: &str) -> bool {
    key.contains('\0')
}

/// True when a filter looks for a NUL, which no stored text holds.
pub(crate) fn seeks_nul(query: &ClientQuery) -> bool {
    query.filters.iter().any(|filter| match filter {
        ClientFilter::Contains { needle, .. } | ClientFilter::FieldContains { needle, .. } => {
            needle.contains('\0')
        }
        ClientFilter::ContactIs { value, .. } | ClientFilter::NameIs(value) => value.contains('\0'),
        ClientFilter::Ids(_)
        | ClientFilter::Kind(_)
        | ClientFilter::CreatedAfter(_)
        | ClientFilter::CreatedBefore(_)
        | ClientFilter::ResponsibleIn(_)
        | ClientFilter::MemberOf(_)
        | ClientFilter::HasContactKind(_)
        | ClientFilter::HasContactService(_)
        | ClientFilter::Catalogue { .. }
        | ClientFilter::HasPortalAccess => false,
    })
}

/// Repeats a request may carry collapse to what one row holds: the first
/// link to a company, the last value of a custom field (PHP keeps the last
/// of repeated keys). The store keys both by (client, company|number).
pub(crate) fn collapse_repeats(companies: &mut Vec<ClientId>, fields: &mut Vec<FieldValue>) {
    let mut seen = HashSet::new();
    companies.retain(|id| seen.insert(*id));
    let mut last: Vec<FieldValue> = Vec::with_capacity(fields.len());
    for field in fields.drain(..).rev() {
        if !last.iter().any(|f| f.number == field.number) {
            last.push(field);
        }
    }
    last.reverse();
    *fields = last;
}
