//! The query filters of `read` and `contacts/read`, written as the real
//! client library writes them (reference/eadesk.md §4).

use crm_core::Visibility;

use crate::wire::Params;

/// `read`'s filters; a field left `None` or empty is not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFilter {
    /// `id`: one person's `_id`.
    pub id: Option<String>,
    /// `search`: a regular expression over names and contact values.
    pub search: Option<String>,
    /// `type`: persons with a contact datum of one of these types.
    pub kinds: Vec<String>,
    /// `service`: persons with a contact datum of one of these services.
    pub services: Vec<String>,
    /// `offset`: rows to skip.
    pub offset: Option<u64>,
    /// `limit`: rows to answer (the service's default is 50).
    pub limit: Option<u64>,
    /// `needExistingRecords` when `LiveOnly`: deleted persons are shown
    /// unless it is sent.
    pub visibility: Visibility,
}

/// `contacts/read`'s filters; a field left `None` or empty is not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFilter {
    /// `contact_id`: the person's `_id`.
    pub person: Option<String>,
    /// `id`: one contact datum.
    pub id: Option<String>,
    /// `value`: exactly this value.
    pub value: Option<String>,
    /// `search`: a regular expression over values.
    pub search: Option<String>,
    /// `type`: one of these types.
    pub kinds: Vec<String>,
    /// `service`: one of these services.
    pub services: Vec<String>,
    /// `offset`: rows to skip.
    pub offset: Option<u64>,
    /// `limit`: rows to answer.
    pub limit: Option<u64>,
    /// `not_deleted` when `LiveOnly`.
    pub visibility: Visibility,
}

impl Default for PersonFilter {
    fn default() -> Self {
        Self {
            id: None,
            search: None,
            kinds: Vec::new(),
            services: Vec::new(),
            offset: None,
            limit: None,
            visibility: Visibility::IncludeDeleted,
        }
    }
}

impl Default for ContactFilter {
    fn default() -> Self {
        Self {
            person: None,
            id: None,
            value: None,
            search: None,
            kinds: Vec::new(),
            services: Vec::new(),
            offset: None,
            limit: None,
            visibility: Visibility::IncludeDeleted,
        }
    }
}

impl PersonFilter {
    /// The filter of one person by `_id`.
    pub fn id(id: impl Into<String>) -> Self {
        Self {
            id: Some(id.into()),
            ..Self::default()
        }
    }

    /// These filters added to `params`, in the order the spec lists them.
    pub(crate) fn write(&self, params: Params) -> Params {
        let params = text(params, "id", self.id.as_deref());
        let params = matching(params, self.search.as_deref(), &self.kinds, &self.services);
        let params = window(params, self.offset, self.limit);
        flag(params, "needExistingRecords", self.visibility)
    }
}

impl ContactFilter {
    /// The filter of one person's contact data.
    pub fn person(id: impl Into<String>) -> Self {
        Self {
            person: Some(id.into()),
            ..Self::default()
        }
    }

    /// These filters added to `params`, in the order the spec lists them.
    pub(crate) fn write(&self, params: Params) -> Params {
        let params = text(params, "contact_id", self.person.as_deref());
        let params = text(params, "id", self.id.as_deref());
        let params = text(params, "value", self.value.as_deref());
        let params = matching(params, self.search.as_deref(), &self.kinds, &self.services);
        let params = window(params, self.offset, self.limit);
        flag(params, "not_deleted", self.visibility)
    }
}

/// `search`, `type` and `service`, which both reads take.
fn matching(params: Params, search: Option<&str>, kinds: &[String], services: &[String]) -> Params {
    let params = text(params, "search", search);
    let params = list(params, "type", kinds);
    list(params, "service", services)
}

fn window(params: Params, offset: Option<u64>, limit: Option<u64>) -> Params {
    let params = number(params, "offset", offset);
    number(params, "limit", limit)
}

// An empty value is "not set" to the service (`Params::get`), so none is sent.
fn text(params: Params, key: &str, value: Option<&str>) -> Params {
    match value.filter(|v| !v.is_empty()) {
        Some(value) => params.with(key, value),
        None => params,
    }
}

/// reference/eadesk.md §2: lists go comma-joined (`type=mail,phone`).
fn list(params: Params, key: &str, values: &[String]) -> Params {
    text(params, key, Some(&values.join(",")))
}

fn number(params: Params, key: &str, value: Option<u64>) -> Params {
    text(params, key, value.map(|n| n.to_string()).as_deref())
}

/// The flag's presence counts, whatever its value; the real client sends
/// `true` (tests/captures/yeahdesk).
fn flag(params: Params, key: &str, visibility: Visibility) -> Params {
    match visibility {
        Visibility::LiveOnly => params.with(key, "true"),
        Visibility::IncludeDeleted => params,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "ed_tok_0123456789abcdef";
    const PERSON: &str = "9067b9dea16f43108e2cce17";

    fn live(filter: PersonFilter) -> PersonFilter {
        PersonFilter {
            visibility: Visibility::LiveOnly,
            ..filter
        }
    }

    #[test]
    fn the_queries_are_those_the_real_client_library_sent() {
        let start = || Params::default().with("token", TOKEN);
        let search = PersonFilter {
            search: Some(r"\+7 \(900\) 571-83-48".to_owned()),
            ..PersonFilter::default()
        };
        let first = PersonFilter {
            limit: Some(1),
            ..PersonFilter::default()
        };
        // tests/captures/yeahdesk 04, 05, 14 and 16.
        let cases = [
            (
                live(PersonFilter::id(PERSON)),
                format!("token={TOKEN}&id={PERSON}&needExistingRecords=true"),
            ),
            (
                live(search.clone()),
                format!(
                    "token={TOKEN}&search=%5C%2B7%20%5C(900%5C)%20571-83-48&needExistingRecords=true"
                ),
            ),
            (
                search,
                format!("token={TOKEN}&search=%5C%2B7%20%5C(900%5C)%20571-83-48"),
            ),
            (
                live(first),
                format!("token={TOKEN}&limit=1&needExistingRecords=true"),
            ),
        ];
        for (filter, want) in cases {
            assert_eq!(filter.write(start()).to_query(), want);
        }
        // tests/captures/yeahdesk 06.
        assert_eq!(
            ContactFilter::person(PERSON).write(start()).to_query(),
            format!("token={TOKEN}&contact_id={PERSON}")
        );
    }
}
