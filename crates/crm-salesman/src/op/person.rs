//! One person's values as `add`, each `persons[i]` of add.list and `update`
//! send them (spec/salesman-person.txt, "add" and "update").

use crm_core::{ClientId, Timestamp};
use crm_http::{Param, ParamMap};

use super::{non_empty, parse_loose_instant, storable, text};
use crate::error::SalesmanError;
use crate::wire::Social;

/// What `add`, `add.list` and `update` may carry for one person; `None` = not sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonInput {
    /// `person`.
    pub person: Option<String>,
    /// `ptitle`.
    pub ptitle: Option<String>,
    /// `rol`.
    pub rol: Option<String>,
    /// `tel`, comma-separated.
    pub tel: Option<String>,
    /// `mob`.
    pub mob: Option<String>,
    /// `fax`.
    pub fax: Option<String>,
    /// `mail`.
    pub mail: Option<String>,
    /// `clid`: `Some(None)` unbinds (`0` or empty).
    pub clid: Option<Option<ClientId>>,
    /// `user`: login of the responsible employee.
    pub user: Option<String>,
    /// `loyalty`: a title or an entry id.
    pub loyalty: Option<String>,
    /// `clientpath`: a title or an entry id.
    pub clientpath: Option<String>,
    /// `input1`..`input10`.
    pub inputs: Vec<(i64, String)>,
    /// `socials[...]` (or the flat slot names).
    pub socials: Vec<(Social, String)>,
    /// `mperson`: `yes` or anything else.
    pub mperson: Option<bool>,
    /// `date_create`.
    pub date_create: Option<Timestamp>,
}

impl PersonInput {
    /// Reads one person's values from `params` (the call, or one `persons[i]`).
    pub fn parse(params: &ParamMap) -> Result<Self, SalesmanError> {
        let clid = match text(params, "clid")? {
            None => None,
            Some(raw) => match raw.trim() {
                "" | "0" => Some(None),
                digits => match digits.parse::<i64>() {
                    Ok(id) if id > 0 => Some(Some(ClientId(id))),
                    _ => {
                        return Err(SalesmanError::Invalid(format!(
                            "clid: ожидается целое число, получено \"{raw}\""
                        )));
                    }
                },
            },
        };
        let mut inputs = Vec::new();
        for n in 1..=10u8 {
            if let Some(v) = text(params, &format!("input{n}"))? {
                inputs.push((i64::from(n), v));
            }
        }
        // reference/salesman.md §6 "add": v1 reads it with strtotime, v2
        // ignores it; a date strtotime would not read is ignored, not refused.
        let date_create = non_empty(text(params, "date_create")?.as_deref())
            .and_then(|raw| parse_loose_instant(&raw));
        Ok(Self {
            person: text(params, "person")?,
            ptitle: text(params, "ptitle")?,
            rol: text(params, "rol")?,
            tel: text(params, "tel")?,
            mob: text(params, "mob")?,
            fax: text(params, "fax")?,
            mail: text(params, "mail")?,
            clid,
            user: non_empty(text(params, "user")?.as_deref()),
            loyalty: text(params, "loyalty")?,
            clientpath: text(params, "clientpath")?,
            inputs,
            socials: socials(params)?,
            mperson: text(params, "mperson")?.map(|v| v.trim() == "yes"),
            date_create,
        })
    }
}

/// `socials[slot]`, else the flat `slot=` keys v2 also reads.
fn socials(params: &ParamMap) -> Result<Vec<(Social, String)>, SalesmanError> {
    let nested = match params.get("socials") {
        None | Some(Param::Str(_)) => None,
        Some(Param::Map(m)) => Some(m),
    };
    let mut out = Vec::new();
    for slot in Social::ALL {
        let value = match nested.and_then(|m| m.get(slot.name())) {
            Some(Param::Str(s)) => Some(storable(&format!("socials[{}]", slot.name()), s)?),
            Some(Param::Map(_)) => {
                return Err(SalesmanError::Invalid(format!(
                    "socials[{}]: ожидается строка, получен массив",
                    slot.name()
                )));
            }
            None => text(params, slot.name())?,
        };
        if let Some(v) = value {
            out.push((slot, v));
        }
    }
    Ok(out)
}
