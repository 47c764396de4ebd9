//! Which call a request is, with its parameters checked and its body read
//! as the wire spells it; the handler maps bodies to the core.

use crate::error::EadeskError;
use crate::map;
use crate::wire::{ContactInput, ContactUpdateInput, Params, PersonInput};
use crm_core::{
    ClientId, ContactKind, ContactPointId, Page, SearchLimits, SearchPattern, Service, Visibility,
};

mod route;

pub use route::Route;

/// reference/DECISIONS.md "Eadesk": limit default 50, at most 1000.
pub const DEFAULT_LIMIT: u64 = 50;
/// The largest page.
pub const MAX_LIMIT: u64 = 1000;

/// An id filter: any record, one record, or none at all (an id that cannot
/// exist, such as the real service's hex ids, matches nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted<T> {
    /// No filter.
    Any,
    /// Only this record.
    One(T),
    /// Nothing can match.
    Nothing,
}

/// `read`'s filters.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRead {
    /// `id`.
    pub id: Wanted<ClientId>,
    /// `search`.
    pub search: Option<SearchPattern>,
    /// `type`.
    pub kinds: Vec<ContactKind>,
    /// `service`.
    pub services: Vec<Service>,
    /// `offset`/`limit`.
    pub page: Page,
    /// `needExistingRecords` hides deleted persons.
    pub visibility: Visibility,
}

/// `contacts/read`'s filters.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRead {
    /// `contact_id`: the person.
    pub person: Wanted<ClientId>,
    /// `id`: the contact datum.
    pub id: Wanted<ContactPointId>,
    /// `value`: exact.
    pub value: Option<String>,
    /// `search`.
    pub search: Option<SearchPattern>,
    /// `type`.
    pub kinds: Vec<ContactKind>,
    /// `service`.
    pub services: Vec<Service>,
    /// `not_deleted` hides deleted data.
    pub visibility: Visibility,
    /// `offset`/`limit` (not in the spec; see docs/dialects/eadesk.md).
    pub page: Page,
}

/// One Eadesk call with its inputs checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// `create`.
    Create(PersonInput),
    /// `read`.
    Read(PersonRead),
    /// `update/:id`.
    Update(Option<ClientId>, PersonInput),
    /// `delete/:id`.
    Delete(Option<ClientId>),
    /// `contacts/create/:contact_id`.
    ContactCreate(Option<ClientId>, ContactInput),
    /// `contacts/read`.
    ContactRead(ContactRead),
    /// `contacts/update/:id`.
    ContactUpdate(Option<ContactPointId>, ContactUpdateInput),
    /// `contacts/delete/:id`.
    ContactDelete(Option<ContactPointId>),
}

impl Op {
    /// Reads the call's parameters and body. A path id that cannot name a
    /// record becomes `None`, answered later as `ENOT_FOUND`.
    pub fn parse(
        route: Route,
        params: &Params,
        body: &[u8],
        search: &SearchLimits,
    ) -> Result<Self, EadeskError> {
        Ok(match route {
            Route::Create => Self::Create(PersonInput::from_json(body)?),
            Route::Read => Self::Read(PersonRead {
                id: wanted(params.get("id"), ClientId),
                search: pattern(params.get("search"), search)?,
                kinds: params.get("type").map_or(Ok(Vec::new()), map::kinds)?,
                services: params
                    .get("service")
                    .map_or(Ok(Vec::new()), map::services)?,
                page: page(params, DEFAULT_LIMIT)?,
                visibility: hide_deleted(params.has("needExistingRecords")),
            }),
            Route::Update(id) => {
                Self::Update(parse_id(&id).map(ClientId), PersonInput::from_json(body)?)
            }
            Route::Delete(id) => Self::Delete(parse_id(&id).map(ClientId)),
            Route::ContactCreate(id) => {
                Self::ContactCreate(parse_id(&id).map(ClientId), ContactInput::from_json(body)?)
            }
            Route::ContactRead => Self::ContactRead(ContactRead {
                person: wanted(params.get("contact_id"), ClientId),
                id: wanted(params.get("id"), ContactPointId),
                value: params.get("value").map(str::to_owned),
                search: pattern(params.get("search"), search)?,
                kinds: params.get("type").map_or(Ok(Vec::new()), map::kinds)?,
                services: params
                    .get("service")
                    .map_or(Ok(Vec::new()), map::services)?,
                visibility: hide_deleted(params.has("not_deleted")),
                page: page(params, MAX_LIMIT)?,
            }),
            Route::ContactUpdate(id) => Self::ContactUpdate(
                parse_id(&id).map(ContactPointId),
                ContactUpdateInput::from_json(body)?,
            ),
            Route::ContactDelete(id) => Self::ContactDelete(parse_id(&id).map(ContactPointId)),
        })
    }
}

/// Ids are positive decimal numbers written as the gateway writes them
/// (reference/DECISIONS.md "All dialects"): `_id` is a string, so `"007"` is
/// not `"7"`.
pub fn parse_id(text: &str) -> Option<i64> {
    if text.starts_with('0') || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<i64>().ok().filter(|id| *id > 0)
}

fn wanted<T>(text: Option<&str>, make: fn(i64) -> T) -> Wanted<T> {
    match text {
        None => Wanted::Any,
        Some(text) => parse_id(text).map_or(Wanted::Nothing, |id| Wanted::One(make(id))),
    }
}

/// spec: the parameter's presence counts, whatever its value ("любое значение").
fn hide_deleted(given: bool) -> Visibility {
    if given {
        Visibility::LiveOnly
    } else {
        Visibility::IncludeDeleted
    }
}

fn pattern(
    text: Option<&str>,
    limits: &SearchLimits,
) -> Result<Option<SearchPattern>, EadeskError> {
    match text {
        None => Ok(None),
        Some(text) => SearchPattern::new(text, limits)
            .map(Some)
            .map_err(EadeskError::from),
    }
}

/// `limit=0` is Mongo's "no limit", served as the cap like any larger limit.
fn page(params: &Params, default_limit: u64) -> Result<Page, EadeskError> {
    let offset = number(params.get("offset"), "offset")?.unwrap_or(0);
    let limit = match number(params.get("limit"), "limit")?.unwrap_or(default_limit) {
        0 => MAX_LIMIT,
        limit => limit.min(MAX_LIMIT),
    };
    Ok(Page { offset, limit })
}

/// A non-negative integer; one past `u64` saturates (an offset past every row).
fn number(text: Option<&str>, name: &str) -> Result<Option<u64>, EadeskError> {
    let Some(text) = text else { return Ok(None) };
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(EadeskError::invalid(format!(
            "{name} must be a non-negative integer"
        )));
    }
    Ok(Some(text.parse::<u64>().unwrap_or(u64::MAX)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(raw: &str) -> Params {
        Params::parse(raw, 1000).unwrap()
    }

    fn read(raw: &str) -> Result<PersonRead, EadeskError> {
        match Op::parse(Route::Read, &params(raw), b"", &SearchLimits::default())? {
            Op::Read(r) => Ok(r),
            other => panic!("expected read, got {other:?}"),
        }
    }

    #[test]
    fn ids_are_positive_decimals() {
        assert_eq!(parse_id("42"), Some(42));
        assert_eq!(parse_id("000000000000000000000000"), None);
        assert_eq!(parse_id("007"), None);
        assert_eq!(parse_id(""), None);
        assert_eq!(parse_id("9067b9dea16f43108e2cce17"), None);
        assert_eq!(parse_id("-1"), None);
        assert_eq!(parse_id("+1"), None);
        assert_eq!(parse_id("99999999999999999999"), None);
    }

    #[test]
    fn read_defaults() {
        let r = read("").unwrap();
        assert_eq!(r.id, Wanted::Any);
        assert_eq!(
            r.page,
            Page {
                offset: 0,
                limit: 50
            }
        );
        assert_eq!(r.visibility, Visibility::IncludeDeleted);
        assert!(r.search.is_none());
    }

    #[test]
    fn read_parameters() {
        let r =
            read("id=7&type=mail,phone&service=vk&offset=10&limit=5000&needExistingRecords=false")
                .unwrap();
        assert_eq!(r.id, Wanted::One(ClientId(7)));
        assert_eq!(r.kinds, vec![ContactKind::Mail, ContactKind::Phone]);
        assert_eq!(r.services, vec![Service::Vk]);
        assert_eq!(
            r.page,
            Page {
                offset: 10,
                limit: 1000
            }
        );
        assert_eq!(r.visibility, Visibility::LiveOnly);
        assert_eq!(read("id=abc").unwrap().id, Wanted::Nothing);
    }

    #[test]
    fn read_refuses_bad_numbers_lists_and_regexes() {
        let cases = [
            ("limit=-1", "limit must be a non-negative integer"),
            ("offset=1.5", "offset must be a non-negative integer"),
            ("type=fax", "type \"fax\" is not one of: id, mail, phone"),
        ];
        for (raw, want) in cases {
            assert_eq!(read(raw).unwrap_err(), EadeskError::invalid(want), "{raw}");
        }
        let EadeskError::Invalid(message) = read("search=(a").unwrap_err() else {
            panic!("expected invalid");
        };
        assert!(
            message.starts_with("search: invalid regular expression"),
            "{message}"
        );
    }

    #[test]
    fn empty_values_are_absent() {
        let r = read("id=&offset=&limit=&search=&type=&service=").unwrap();
        assert_eq!(r.id, Wanted::Any);
        assert_eq!(
            r.page,
            Page {
                offset: 0,
                limit: DEFAULT_LIMIT
            }
        );
        assert!(r.search.is_none() && r.kinds.is_empty() && r.services.is_empty());
        assert_eq!(r.visibility, Visibility::IncludeDeleted);
    }

    #[test]
    fn zero_limit_is_the_cap() {
        let want = Page {
            offset: 3,
            limit: MAX_LIMIT,
        };
        assert_eq!(read("limit=0&offset=3").unwrap().page, want);
    }

    #[test]
    fn huge_offset_saturates() {
        assert_eq!(
            read("offset=99999999999999999999999").unwrap().page.offset,
            u64::MAX
        );
    }

    #[test]
    fn update_with_hex_id_is_not_found_later_but_body_is_checked_first() {
        let limits = SearchLimits::default();
        let op = Op::parse(
            Route::Update("000000000000000000000000".to_owned()),
            &params(""),
            br#"{"name":"x"}"#,
            &limits,
        )
        .unwrap();
        assert!(matches!(op, Op::Update(None, _)));
        let err = Op::parse(
            Route::Update("1".to_owned()),
            &params(""),
            br#"{"name":1}"#,
            &limits,
        )
        .unwrap_err();
        assert_eq!(err, EadeskError::invalid("name must be a string"));
    }
}
