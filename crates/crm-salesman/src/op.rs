//! The seven actions of `/developer/v2/person` and their arguments, parsed
//! from `$_REQUEST` after authentication (spec/salesman-person.txt).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use crm_core::{ClientId, Direction, SortKey, TextField, Timestamp};
use crm_http::php_cast::php_int;
use crm_http::{Param, ParamMap};

use crate::error::SalesmanError;
use crate::wire::Column;
use crate::wire::fields::input_number;

/// One call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// `fields`: the column titles.
    Fields,
    /// `list`: one page of persons.
    List(ListArgs),
    /// `info`: one person.
    Info {
        /// Which person.
        pid: ClientId,
        /// What to show of it.
        view: View,
    },
    /// `add`: one new person, checked for duplicates.
    Add(PersonInput),
    /// `add.list` / `addlist`: several persons, no duplicate check; an entry
    /// that cannot be read is answered in its place.
    AddList(Vec<Result<PersonInput, SalesmanError>>),
    /// `update`: a partial change.
    Update {
        /// Which person.
        pid: ClientId,
        /// The values sent.
        input: PersonInput,
    },
    /// `delete`: a soft delete.
    Delete {
        /// Which person.
        pid: ClientId,
    },
}

/// Which columns a record shows and whether `socials` follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// Columns in output order.
    pub columns: Vec<Column>,
    /// `socinfo=yes`.
    pub socials: bool,
}

/// Arguments of `list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListArgs {
    /// `offset`: the page index, 200 rows a page.
    pub page: u64,
    /// `order`, through the allow-list.
    pub order: SortKey,
    /// `first`: `old` ascending, anything else descending.
    pub direction: Direction,
    /// `user`: a login whose team's records to show.
    pub user: Option<String>,
    /// `dateStart`.
    pub date_start: Option<Timestamp>,
    /// `dateEnd`.
    pub date_end: Option<Timestamp>,
    /// `word`.
    pub word: Option<String>,
    /// `filter[...]`, allow-listed.
    pub filters: Vec<ListFilter>,
    /// `fields`, `socinfo`.
    pub view: View,
}

/// One allow-listed `filter[...]` condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListFilter {
    /// `filter[clid]`: persons of this company.
    Company(ClientId),
    /// `filter[loyalty]`: a title or an entry id.
    Loyalty(String),
    /// `filter[clientpath]`: a title or an entry id.
    Source(String),
    /// `filter[ptitle|person|tel|mob|fax|mail|rol]`: a substring.
    Text(TextField, String),
    /// `filter[inputN]`: a substring of custom field N.
    Field(i64, String),
}

// spec/salesman-person.txt, "list": 200 rows a page.
/// Rows of one `list` page.
pub const PAGE_SIZE: u64 = 200;

/// The actions there are, as their metrics name them.
pub const ACTIONS: &[&str] = &[
    "fields", "list", "info", "add", "add.list", "update", "delete",
];

/// The action `params` names, when it is one there is (`addlist` is
/// `add.list`).
pub fn action_name(params: &ParamMap) -> Option<&'static str> {
    let action = params.get_str("action").map(str::trim)?;
    let action = if action == "addlist" {
        "add.list"
    } else {
        action
    };
    ACTIONS.iter().copied().find(|known| *known == action)
}

impl Op {
    /// The call `params` asks for. The action is checked first (402), then
    /// its parameters.
    pub fn parse(params: &ParamMap) -> Result<Self, SalesmanError> {
        let action = params.get_str("action").map(str::trim).unwrap_or_default();
        match action {
            "fields" => Ok(Self::Fields),
            "list" => Ok(Self::List(ListArgs::parse(params)?)),
            "info" => Ok(Self::Info {
                pid: pid(params)?,
                view: View::parse(params),
            }),
            "add" => Ok(Self::Add(PersonInput::parse(params)?)),
            "add.list" | "addlist" => {
                let persons = params.get_map("persons").ok_or(SalesmanError::Missing)?;
                if persons.is_empty() {
                    return Err(SalesmanError::Missing);
                }
                Ok(Self::AddList(
                    persons
                        .iter()
                        .map(|(_, p)| match p {
                            Param::Map(m) => PersonInput::parse(m),
                            Param::Str(_) => Err(SalesmanError::NoName),
                        })
                        .collect(),
                ))
            }
            "update" => {
                let pid = pid(params)?;
                Ok(Self::Update {
                    pid,
                    input: PersonInput::parse(params)?,
                })
            }
            "delete" => Ok(Self::Delete { pid: pid(params)? }),
            _ => Err(SalesmanError::UnknownAction),
        }
    }
}

/// `pid`: absent or empty is 405; anything that is not a positive integer
/// names no person, so 403.
fn pid(params: &ParamMap) -> Result<ClientId, SalesmanError> {
    let raw = match params.get("pid") {
        None => return Err(SalesmanError::NoPid),
        Some(Param::Map(_)) => return Err(SalesmanError::NotFound),
        Some(Param::Str(s)) => s.trim(),
    };
    if raw.is_empty() {
        return Err(SalesmanError::NoPid);
    }
    match raw.parse::<i64>() {
        Ok(id) if id > 0 => Ok(ClientId(id)),
        _ => Err(SalesmanError::NotFound),
    }
}

fn text(params: &ParamMap, key: &str) -> Result<Option<String>, SalesmanError> {
    match params.get(key) {
        None => Ok(None),
        Some(Param::Str(s)) => storable(key, s).map(Some),
        Some(Param::Map(_)) => Err(SalesmanError::Invalid(format!(
            "{key}: ожидается строка, получен массив"
        ))),
    }
}

/// The core refuses NUL in stored text; refusing it here answers one
/// add.list entry in its place instead of failing the whole batch.
fn storable(key: &str, value: &str) -> Result<String, SalesmanError> {
    if value.contains('\0') {
        return Err(SalesmanError::Invalid(format!(
            "{key}: недопустимый символ NUL"
        )));
    }
    Ok(value.to_owned())
}

impl View {
    fn parse(params: &ParamMap) -> Self {
        let mut columns: Vec<Column> = Vec::new();
        if let Some(list) = params.get_str("fields") {
            for column in list.split(',').filter_map(|n| Column::parse(n.trim())) {
                if !columns.contains(&column) {
                    columns.push(column);
                }
            }
        }
        if columns.is_empty() {
            columns = Column::DEFAULT.to_vec();
        }
        Self {
            columns,
            socials: params.get_str("socinfo").map(str::trim) == Some("yes"),
        }
    }
}

impl ListArgs {
    fn parse(params: &ParamMap) -> Result<Self, SalesmanError> {
        // reference/salesman.md §6 "list": PHP's (int), so a non-numeric or
        // negative offset is page 0 and a huge one saturates past the end.
        let page = params
            .get_str("offset")
            .map_or(0, |o| u64::try_from(php_int(o)).unwrap_or(0));
        let order = params
            .get_str("order")
            .and_then(|o| sort_key(o.trim()))
            .unwrap_or(SortKey::Created);
        let direction = match params.get_str("first").map(str::trim) {
            Some("old") => Direction::Asc,
            _ => Direction::Desc,
        };
        let user = non_empty(params.get_str("user"));
        let word = non_empty(params.get_str("word"));
        let mut filters = Vec::new();
        if let Some(Param::Map(map)) = params.get("filter") {
            for (key, value) in map.iter() {
                let value = match value {
                    Param::Str(s) => s.trim(),
                    Param::Map(_) => {
                        return Err(SalesmanError::Invalid(format!(
                            "filter[{key}]: ожидается строка, получен массив"
                        )));
                    }
                };
                // An empty filter value filters nothing (the spec's own example sends them).
                if !value.is_empty() {
                    filters.extend(list_filter(key, value));
                }
            }
        }
        Ok(Self {
            page,
            order,
            direction,
            user,
            date_start: date(params, "dateStart")?,
            date_end: date(params, "dateEnd")?,
            word,
            filters,
            view: View::parse(params),
        })
    }
}

fn non_empty(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// `order` allow-list; anything else sorts by `date_create`.
pub fn sort_key(column: &str) -> Option<SortKey> {
    Some(match column {
        "date_create" => SortKey::Created,
        "date_edit" | "date_change" => SortKey::Updated,
        "pid" => SortKey::Id,
        "person" => SortKey::Name,
        "ptitle" => SortKey::Position,
        "rol" => SortKey::Role,
        "iduser" => SortKey::Responsible,
        "tel" | "mob" | "fax" => SortKey::Phone,
        "mail" => SortKey::Email,
        "loyalty" => SortKey::Loyalty,
        "clientpath" => SortKey::Source,
        _ => return None,
    })
}

/// `filter[...]` allow-list; other keys are ignored.
fn list_filter(key: &str, value: &str) -> Option<ListFilter> {
    let text = |field| Some(ListFilter::Text(field, value.to_owned()));
    match key {
        "clid" => match value.parse::<i64>() {
            Ok(id) if id > 0 => Some(ListFilter::Company(ClientId(id))),
            // reference/salesman.md §6: only clid > 0 filters; PHP reads "abc" as 0.
            _ => None,
        },
        "loyalty" => Some(ListFilter::Loyalty(value.to_owned())),
        "clientpath" => Some(ListFilter::Source(value.to_owned())),
        "person" => text(TextField::Name),
        "ptitle" => text(TextField::Position),
        "rol" => text(TextField::Role),
        "tel" | "mob" | "fax" => text(TextField::Phone),
        "mail" => text(TextField::Mail),
        other => input_number(other).map(|n| ListFilter::Field(i64::from(n), value.to_owned())),
    }
}

/// `dateStart`/`dateEnd`: `YYYY-MM-DD` (or with a time), read as UTC.
fn date(params: &ParamMap, key: &str) -> Result<Option<Timestamp>, SalesmanError> {
    let Some(raw) = non_empty(text(params, key)?.as_deref()) else {
        return Ok(None);
    };
    parse_instant(&raw).map(Some).ok_or_else(|| {
        SalesmanError::Invalid(format!("{key}: ожидается дата в формате YYYY-MM-DD"))
    })
}

/// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, UTC.
pub fn parse_instant(raw: &str) -> Option<Timestamp> {
    utc_instant(raw, &["%Y-%m-%d %H:%M:%S"], &["%Y-%m-%d"])
}

/// The date forms PHP's `strtotime` reads that an integration is likely to
/// send: the MySQL form with or without seconds, ISO 8601 (with an offset, or
/// read as UTC without one) and the Russian `dd.mm.yyyy`.
pub fn parse_loose_instant(raw: &str) -> Option<Timestamp> {
    let raw = raw.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(raw) {
        return Some(Timestamp::from_utc(at.with_timezone(&Utc)));
    }
    let date_times = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y %H:%M",
    ];
    utc_instant(raw, &date_times, &["%Y-%m-%d", "%d.%m.%Y"])
}

/// The first of `date_times`, then of `dates` (at midnight), that reads
/// `raw`. chrono's `%Y` takes a sign and any number of digits; a year
/// outside 1-9999 (what MySQL's DATETIME holds) is no date here.
fn utc_instant(raw: &str, date_times: &[&str], dates: &[&str]) -> Option<Timestamp> {
    if raw.contains('+') || raw.starts_with('-') {
        return None;
    }
    let at = date_times
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
        .or_else(|| {
            dates
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(raw, f).ok())
                .map(|d| d.and_time(NaiveTime::MIN))
        })
        .filter(|at| (1..=9999).contains(&at.year()))?;
    Some(Timestamp::from_utc(at.and_utc()))
}

mod person;
mod write;

pub use person::PersonInput;
pub use write::{Call, Unwritable};

#[cfg(test)]
mod tests;
