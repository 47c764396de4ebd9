//! Text every backend can store. PostgreSQL refuses U+0000 in `text` while
//! SQLite keeps it, so one rule here makes both answer the same: a NUL in
//! anything written is the client's mistake, and a NUL in a filter matches
//! nothing (no stored text holds one).

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::model::{
    CatalogueRef, ClientId, ClientPatch, FieldValue, Name, NewClient, NewContactPoint,
    PortalAccess, Sex, UserId,
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

/// The text a value holds; every attribute's type says, so that a new
/// attribute cannot skip the check.
pub(crate) trait Texts {
    /// Each piece of text, in order.
    fn texts(&self) -> Vec<&str>;
}

impl Texts for String {
    fn texts(&self) -> Vec<&str> {
        vec![self.as_str()]
    }
}

impl<T: Texts> Texts for Option<T> {
    fn texts(&self) -> Vec<&str> {
        self.iter().flat_map(T::texts).collect()
    }
}

impl<T: Texts> Texts for Vec<T> {
    fn texts(&self) -> Vec<&str> {
        self.iter().flat_map(T::texts).collect()
    }
}

/// What a patch would write.
impl<T: Texts> Texts for Patch<T> {
    fn texts(&self) -> Vec<&str> {
        set(self).map(T::texts).unwrap_or_default()
    }
}

impl Texts for PortalAccess {
    fn texts(&self) -> Vec<&str> {
        vec![&self.login, &self.email, &self.role, &self.status]
    }
}

macro_rules! no_text {
    ($($ty:ty),*) => {
        $(impl Texts for $ty {
            fn texts(&self) -> Vec<&str> {
                Vec::new()
            }
        })*
    };
}
no_text!(Sex, NaiveDate, UserId, bool);

fn named<'a>(
    out: &mut Vec<(&'static str, Option<&'a str>)>,
    name: &'static str,
    value: &'a dyn Texts,
) {
    out.extend(value.texts().into_iter().map(|t| (name, Some(t))));
}

fn set<T>(patch: &Patch<T>) -> Option<&T> {
    match patch {
        Patch::Set(value) => Some(value),
        Patch::Keep | Patch::Clear => None,
    }
}

/// Refuses a new client with a NUL anywhere in its text.
pub(crate) fn new_client(c: &NewClient) -> CoreResult<()> {
    refuse(name_texts(&c.name).map(|t| ("name", t)))?;
    let mut texts = Vec::new();
    c.attributes
        .visit(&mut |name, value| named(&mut texts, name, value));
    refuse(texts)?;
    refuse([
        ("loyalty", title(c.loyalty.as_ref())),
        ("source", title(c.source.as_ref())),
        ("group", title(c.group.as_ref())),
    ])?;
    refuse(c.fields.iter().map(|f| ("fields", Some(f.value.as_str()))))?;
    c.contacts.iter().try_for_each(contact_point)
}

/// Refuses a patch that would write a NUL: what an update checks, for a
/// dialect that must refuse bad input before it looks the client up.
pub fn patch(p: &ClientPatch) -> CoreResult<()> {
    if let Some(name) = set(&p.name) {
        refuse(name_texts(name).map(|t| ("name", t)))?;
    }
    let mut texts = Vec::new();
    p.attributes
        .visit(&mut |name, value| named(&mut texts, name, value));
    refuse(texts)?;
    refuse([
        ("loyalty", title(set(&p.loyalty))),
        ("source", title(set(&p.source))),
        ("group", title(set(&p.group))),
    ])?;
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
