//! Calls written as a SalesMan client sends them: the parameters from which
//! `Op::parse` reads the same call back (spec/salesman-person.txt).

use crm_core::{SortKey, TextField, Timestamp};
use crm_http::{Param, ParamMap};
use thiserror::Error;

use super::{ListArgs, ListFilter, Op, PersonInput, View};
use crate::auth::credentials;
use crate::error::SalesmanError;
use crate::map::datetime;
use crate::wire::RawRequest;

/// Why a call cannot be written so that it reads back as the same call.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Unwritable {
    /// `order` has no SalesMan column for this sort key.
    #[error("SalesMan cannot sort by {0:?}")]
    Order(SortKey),
    /// `filter[...]` has no SalesMan key for this text field.
    #[error("SalesMan cannot filter on {0:?}")]
    Filter(TextField),
    /// An add.list entry holds an error that no sent person reads as.
    #[error("add.list entry {0} is an error no person reads as")]
    Entry(usize),
}

/// One call and the credentials it is sent with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// `login`.
    pub login: String,
    /// `apikey`.
    pub apikey: String,
    /// What is asked.
    pub op: Op,
}

impl Call {
    /// `login`, `apikey`, `action`, then the call's own parameters, in the
    /// order of the spec's examples; encode them with `wire::form`.
    pub fn to_params(&self) -> Result<ParamMap, Unwritable> {
        let mut params = ParamMap::new();
        put(&mut params, "login", &self.login);
        put(&mut params, "apikey", &self.apikey);
        self.op.write_into(&mut params)?;
        Ok(params)
    }

    /// The call a request makes, its credentials read as `auth` reads them.
    pub fn from_request(raw: &RawRequest) -> Result<Self, SalesmanError> {
        let (apikey, login) = credentials(raw);
        Ok(Self {
            login: login.unwrap_or_default().to_owned(),
            apikey: apikey.unwrap_or_default().to_owned(),
            op: Op::parse(&raw.params)?,
        })
    }
}

fn put(params: &mut ParamMap, key: &str, value: &str) {
    params.insert(key.to_owned(), Param::Str(value.to_owned()));
}

impl Op {
    /// The action's name as written; add.list in the v2 spelling.
    pub fn action(&self) -> &'static str {
        match self {
            Self::Fields => "fields",
            Self::List(_) => "list",
            Self::Info { .. } => "info",
            Self::Add(_) => "add",
            Self::AddList(_) => "add.list",
            Self::Update { .. } => "update",
            Self::Delete { .. } => "delete",
        }
    }

    /// Adds `action` and the call's parameters to `params`.
    pub fn write_into(&self, params: &mut ParamMap) -> Result<(), Unwritable> {
        put(params, "action", self.action());
        match self {
            Self::Fields => {}
            Self::List(args) => args.write_into(params)?,
            Self::Info { pid, view } => {
                put(params, "pid", &pid.to_string());
                view.write_into(params);
            }
            Self::Add(input) => input.write_into(params),
            Self::AddList(entries) => {
                let mut persons = ParamMap::new();
                for (i, entry) in entries.iter().enumerate() {
                    let person = match entry {
                        Ok(input) => {
                            let mut person = ParamMap::new();
                            input.write_into(&mut person);
                            Param::Map(person)
                        }
                        // A scalar where a person belongs reads as one without a name.
                        Err(SalesmanError::NoName) => Param::Str(String::new()),
                        Err(_) => return Err(Unwritable::Entry(i)),
                    };
                    persons.insert(i.to_string(), person);
                }
                params.insert("persons".to_owned(), Param::Map(persons));
            }
            Self::Update { pid, input } => {
                put(params, "pid", &pid.to_string());
                input.write_into(params);
            }
            Self::Delete { pid } => put(params, "pid", &pid.to_string()),
        }
        Ok(())
    }
}

impl View {
    /// `fields=a,b,c` and `socinfo=yes`.
    fn write_into(&self, params: &mut ParamMap) {
        let names: Vec<String> = self.columns.iter().map(|c| c.name()).collect();
        put(params, "fields", &names.join(","));
        if self.socials {
            put(params, "socinfo", "yes");
        }
    }
}

/// `YYYY-MM-DD HH:MM:SS`, the form both date readers take. Milliseconds do not
/// survive: the wire has none.
fn instant(at: Timestamp) -> String {
    datetime(at)
}

impl ListArgs {
    fn write_into(&self, params: &mut ParamMap) -> Result<(), Unwritable> {
        put(params, "offset", &self.page.to_string());
        put(params, "order", order_name(self.order)?);
        if self.direction == crm_core::Direction::Asc {
            put(params, "first", "old");
        }
        if let Some(user) = &self.user {
            put(params, "user", user);
        }
        if let Some(at) = self.date_start {
            put(params, "dateStart", &instant(at));
        }
        if let Some(at) = self.date_end {
            put(params, "dateEnd", &instant(at));
        }
        if let Some(word) = &self.word {
            put(params, "word", word);
        }
        if !self.filters.is_empty() {
            let mut filter = ParamMap::new();
            for f in &self.filters {
                let (key, value) = filter_pair(f)?;
                filter.insert(key, Param::Str(value));
            }
            params.insert("filter".to_owned(), Param::Map(filter));
        }
        self.view.write_into(params);
        Ok(())
    }
}

/// The inverse of `sort_key`, naming each key by its first spelling.
fn order_name(key: SortKey) -> Result<&'static str, Unwritable> {
    Ok(match key {
        SortKey::Created => "date_create",
        SortKey::Updated => "date_edit",
        SortKey::Id => "pid",
        SortKey::Name => "person",
        SortKey::Position => "ptitle",
        SortKey::Role => "rol",
        SortKey::Responsible => "iduser",
        SortKey::Phone => "tel",
        SortKey::Email => "mail",
        SortKey::Loyalty => "loyalty",
        SortKey::Source => "clientpath",
        SortKey::Kind | SortKey::Description | SortKey::Address => {
            return Err(Unwritable::Order(key));
        }
    })
}

fn filter_pair(filter: &ListFilter) -> Result<(String, String), Unwritable> {
    Ok(match filter {
        ListFilter::Company(id) => ("clid".to_owned(), id.to_string()),
        ListFilter::Loyalty(v) => ("loyalty".to_owned(), v.clone()),
        ListFilter::Source(v) => ("clientpath".to_owned(), v.clone()),
        ListFilter::Text(field, v) => {
            let key = match field {
                TextField::Name => "person",
                TextField::Position => "ptitle",
                TextField::Role => "rol",
                TextField::Phone => "tel",
                TextField::Mail => "mail",
                TextField::Description | TextField::Address | TextField::AnyContact => {
                    return Err(Unwritable::Filter(*field));
                }
            };
            (key.to_owned(), v.clone())
        }
        ListFilter::Field(n, v) => (format!("input{n}"), v.clone()),
    })
}

impl PersonInput {
    /// One person's parameters: at the top level for add and update, under
    /// `persons[i]` for add.list. Socials go under `socials[...]`.
    pub fn write_into(&self, params: &mut ParamMap) {
        let texts = [
            ("person", &self.person),
            ("ptitle", &self.ptitle),
            ("rol", &self.rol),
            ("tel", &self.tel),
            ("mob", &self.mob),
            ("fax", &self.fax),
            ("mail", &self.mail),
        ];
        for (key, value) in texts {
            if let Some(value) = value {
                put(params, key, value);
            }
        }
        match self.clid {
            None => {}
            // spec "update": 0 unbinds the person from its company.
            Some(None) => put(params, "clid", "0"),
            Some(Some(id)) => put(params, "clid", &id.to_string()),
        }
        for (key, value) in [
            ("user", &self.user),
            ("loyalty", &self.loyalty),
            ("clientpath", &self.clientpath),
        ] {
            if let Some(value) = value {
                put(params, key, value);
            }
        }
        for (n, value) in &self.inputs {
            put(params, &format!("input{n}"), value);
        }
        if !self.socials.is_empty() {
            let mut socials = ParamMap::new();
            for (slot, value) in &self.socials {
                socials.insert(slot.name().to_owned(), Param::Str(value.clone()));
            }
            params.insert("socials".to_owned(), Param::Map(socials));
        }
        if let Some(main) = self.mperson {
            put(params, "mperson", if main { "yes" } else { "no" });
        }
        if let Some(at) = self.date_create {
            put(params, "date_create", &instant(at));
        }
    }
}

/// What a record shows when the call names no `fields` and no `socinfo`.
impl Default for View {
    fn default() -> Self {
        Self {
            columns: crate::wire::Column::DEFAULT.to_vec(),
            socials: false,
        }
    }
}

/// The first page as a call with no list parameters asks for it: newest
/// first, every person the caller sees, the default columns.
impl Default for ListArgs {
    fn default() -> Self {
        Self {
            page: 0,
            order: SortKey::Created,
            direction: crm_core::Direction::Desc,
            user: None,
            date_start: None,
            date_end: None,
            word: None,
            filters: Vec::new(),
            view: View::default(),
        }
    }
}
