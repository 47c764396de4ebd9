//! `contact.getList` parameters as a client query (reference/planfix.md §7.5).

use crm_core::{
    CatalogueEntryId, CatalogueKind, ClientFilter, ClientId, ClientKind, ClientQuery, Direction,
    Page, SortKey, TextField, Visibility,
};

use super::values::parse_id;
use crate::error::PlanfixError;
use crate::op::{FilterIn, ListIn, parse_bool};

/// Most contacts one page carries ([W:intro]: list methods return at most 100).
pub const MAX_PAGE_SIZE: u64 = 100;
// Far beyond any real list; keeps offset arithmetic small.
const MAX_PAGE: u64 = 10_000_000;

/// The query and the page it asks for.
#[derive(Debug, Clone)]
pub struct ListPlan {
    /// What to ask the store.
    pub query: ClientQuery,
    /// True when the query can match nothing (`target=template`).
    pub nothing: bool,
}

/// A page number or size: negatives are 0, integers too long for 64 bits
/// saturate (they are clamped next anyway), anything else is `0015`.
fn number(field: &str, raw: Option<&str>, default: u64) -> Result<u64, PlanfixError> {
    let Some(raw) = raw else {
        return Ok(default);
    };
    let text = raw.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PlanfixError::InvalidValue(format!(
            "{field}: not a number: {raw}"
        )));
    }
    Ok(match (negative, digits.parse::<u64>()) {
        (true, _) => 0,
        (false, Ok(n)) => n,
        (false, Err(_)) => u64::MAX,
    })
}

/// pageCurrent from 1 (default 1), pageSize clamped to [1, 100] (default 100).
pub fn list_query(list: &ListIn) -> Result<ListPlan, PlanfixError> {
    let page = number("pageCurrent", list.page.as_deref(), 1)?.clamp(1, MAX_PAGE);
    let size =
        number("pageSize", list.page_size.as_deref(), MAX_PAGE_SIZE)?.clamp(1, MAX_PAGE_SIZE);
    let mut query = ClientQuery::new(
        Visibility::LiveOnly,
        Page {
            offset: (page - 1) * size,
            limit: size,
        },
    );
    let mut nothing = false;
    match list
        .target
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("contact") => {}
        Some("company") => query.filters.push(ClientFilter::Kind(ClientKind::Company)),
        Some("template") => nothing = true,
        Some(other) => {
            return Err(PlanfixError::NotImplemented(format!(
                "target: saved filter {other}"
            )));
        }
    }
    if let Some(company) = list.company.as_deref() {
        query.filters.push(ClientFilter::MemberOf(ClientId(parse_id(
            "company", company,
        )?)));
    }
    if let Some(search) = &list.search {
        query.filters.push(ClientFilter::Contains {
            fields: vec![TextField::Name, TextField::Mail],
            needle: search.trim().to_owned(),
        });
    }
    if let Some(raw) = list.have_access.as_deref()
        && parse_bool("havePlanfixAccess", raw)?
    {
        query.filters.push(ClientFilter::HasPortalAccess);
    }
    match list.sort_type.as_deref() {
        Some("NAME_ASC") => query.sort.push((SortKey::Name, Direction::Asc)),
        Some("NAME_DESC") => query.sort.push((SortKey::Name, Direction::Desc)),
        _ => {}
    }
    for filter in &list.filters {
        query.filters.push(filter_of(filter)?);
    }
    Ok(ListPlan { query, nothing })
}

fn contains(field: TextField, value: &str) -> ClientFilter {
    ClientFilter::Contains {
        fields: vec![field],
        needle: value.to_owned(),
    }
}

/// reference/planfix.md §7.5 filter table; "equal" on text types means
/// "contains". Types and operators the core cannot express are `0018`.
fn filter_of(f: &FilterIn) -> Result<ClientFilter, PlanfixError> {
    let unsupported = || {
        PlanfixError::NotImplemented(format!(
            "filter type {} with operator {}",
            f.kind, f.operator
        ))
    };
    if f.operator != "equal" {
        return Err(unsupported());
    }
    let flag = || parse_bool("filter/value", &f.value);
    Ok(match f.kind.as_str() {
        "4001" | "4014" | "4015" => contains(TextField::Name, &f.value),
        "4002" => contains(TextField::Position, &f.value),
        "4003" => contains(TextField::Phone, &f.value),
        "4004" => contains(TextField::Address, &f.value),
        "4005" => contains(TextField::Mail, &f.value),
        "4006" => ClientFilter::Kind(if flag()? {
            ClientKind::Company
        } else {
            ClientKind::Person
        }),
        "4007" => ClientFilter::Kind(if flag()? {
            ClientKind::Person
        } else {
            ClientKind::Company
        }),
        "4008" => ClientFilter::Catalogue {
            kind: CatalogueKind::Group,
            entry: CatalogueEntryId(parse_id("filter/value", &f.value)?),
        },
        "4010" if flag()? => ClientFilter::HasPortalAccess,
        _ => return Err(unsupported()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(page: Option<&str>, size: Option<&str>) -> ListIn {
        ListIn {
            page: page.map(Into::into),
            page_size: size.map(Into::into),
            ..ListIn::default()
        }
    }

    #[test]
    fn paging_defaults_and_clamps() {
        let q = list_query(&list(None, None)).unwrap().query;
        assert_eq!(
            q.page,
            Page {
                offset: 0,
                limit: 100
            }
        );
        let q = list_query(&list(Some("3"), Some("500"))).unwrap().query;
        assert_eq!(
            q.page,
            Page {
                offset: 200,
                limit: 100
            }
        );
        let q = list_query(&list(Some("-4"), Some("0"))).unwrap().query;
        assert_eq!(
            q.page,
            Page {
                offset: 0,
                limit: 1
            }
        );
        let q = list_query(&list(Some("99999999999999"), Some("100")))
            .unwrap()
            .query;
        assert_eq!(q.page.offset, (MAX_PAGE - 1) * 100);
        let q = list_query(&list(
            Some("99999999999999999999999"),
            Some("-99999999999999999999"),
        ))
        .unwrap()
        .query;
        assert_eq!(
            q.page,
            Page {
                offset: MAX_PAGE - 1,
                limit: 1
            }
        );
        let q = list_query(&list(Some("+2"), Some("99999999999999999999")))
            .unwrap()
            .query;
        assert_eq!(q.page.limit, 100);
        for bad in ["one", "", "-", "1.5", "1e3", "--1"] {
            assert!(list_query(&list(Some(bad), None)).is_err(), "{bad}");
        }
    }

    #[test]
    fn documented_filters_map() {
        let mut l = list(None, None);
        l.filters = vec![
            FilterIn {
                kind: "4003".into(),
                operator: "equal".into(),
                value: "123".into(),
            },
            FilterIn {
                kind: "4006".into(),
                operator: "equal".into(),
                value: "1".into(),
            },
            FilterIn {
                kind: "4008".into(),
                operator: "equal".into(),
                value: "7".into(),
            },
        ];
        let q = list_query(&l).unwrap().query;
        assert_eq!(
            q.filters,
            vec![
                contains(TextField::Phone, "123"),
                ClientFilter::Kind(ClientKind::Company),
                ClientFilter::Catalogue {
                    kind: CatalogueKind::Group,
                    entry: CatalogueEntryId(7)
                },
            ]
        );
    }

    #[test]
    fn unsupported_filters_are_0018() {
        for (kind, op) in [
            ("12", "equal"),
            ("4003", "notequal"),
            ("DROP TABLE", "equal"),
        ] {
            let mut l = list(None, None);
            l.filters = vec![FilterIn {
                kind: kind.into(),
                operator: op.into(),
                value: "1".into(),
            }];
            assert!(
                matches!(list_query(&l), Err(PlanfixError::NotImplemented(_))),
                "{kind}"
            );
        }
    }

    #[test]
    fn target_company_lists_companies() {
        let mut l = list(None, None);
        l.target = Some("company".into());
        let q = list_query(&l).unwrap().query;
        assert_eq!(q.filters, vec![ClientFilter::Kind(ClientKind::Company)]);
    }
}
