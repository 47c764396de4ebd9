//! A list call as a client writes it (spec table 1), and the page it
//! answers with its pagination headers.

use crm_http::params::{Param, ParamMap};

use crate::MOUNT;
use crate::op::Render;
use crate::pagination::QueryPairs;
use crate::wire::{Client, PageHeaders};

/// The parameters of `GET /rest/client`; what is `None` is not sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRequest {
    /// `user_id`: clients of this responsible user.
    pub user_id: Option<i64>,
    /// `name`: `%LIKE%` on the name.
    pub name: Option<String>,
    /// `type`: 1 companies, 2 persons.
    pub kind: Option<i64>,
    /// `email`: exactly this e-mail.
    pub email: Option<String>,
    /// `search`: an alias of `name` (spec).
    pub search: Option<String>,
    /// `page`, 1-based.
    pub page: Option<u64>,
    /// `per_page` (the service clamps it to [1, 50]; 10 when absent).
    pub per_page: Option<u64>,
    /// `sort`, as Yii spells it: `name`, `-id`.
    pub sort: Option<String>,
    /// `fields`, `expand` and the counts.
    pub render: Render,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The clients of the page, in the list's order.
    pub items: Vec<Client>,
    /// `X-Pagination-*` and `Link`.
    pub headers: PageHeaders,
}

impl ListRequest {
    /// The path and query a client sends: `access-token` first, as the
    /// spec's `Link` examples show it, then the parameters in the spec's
    /// order, written as `http_build_query` writes them.
    pub(crate) fn to_path(&self, token: &str) -> String {
        let mut query = ParamMap::new();
        let mut put = |key: &str, value: Option<String>| {
            if let Some(value) = value {
                query.insert(key.to_owned(), Param::Str(value));
            }
        };
        put("access-token", Some(token.to_owned()));
        put("user_id", self.user_id.map(|id| id.to_string()));
        put("name", self.name.clone());
        put("type", self.kind.map(|kind| kind.to_string()));
        put("email", self.email.clone());
        put("page", self.page.map(|page| page.to_string()));
        put("per_page", self.per_page.map(|size| size.to_string()));
        put("sort", self.sort.clone());
        put("search", self.search.clone());
        let query = QueryPairs::from_params(&query).to_query();
        match self.render.to_query() {
            render if render.is_empty() => format!("{MOUNT}?{query}"),
            render => format!("{MOUNT}?{query}&{render}"),
        }
    }
}

/// The path and query below `base` of a `Link` target, when it is this
/// list: a next page is asked of the same upstream whatever host the
/// service wrote in its links (it writes the request's `Host`, which a
/// proxy in between may change).
pub(crate) fn below_base(url: &str, base: &str) -> Option<String> {
    let path = if url.starts_with('/') {
        url
    } else {
        path_of(url)?
    };
    let rest = path.strip_prefix(path_of(base).unwrap_or(""))?;
    let target = rest.split_once('?').map_or(rest, |(target, _)| target);
    (target == MOUNT).then(|| rest.to_owned())
}

/// `/a?b` of `scheme://host/a?b`; empty when it has no path.
fn path_of(url: &str) -> Option<&str> {
    let after = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    Some(after.find(['/', '?']).map_or("", |i| &after[i..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_followed_only_to_the_list_below_the_base() {
        let cases = [
            (
                "http://crm.example/rest/client?page=2",
                "https://h",
                Some("/rest/client?page=2"),
            ),
            (
                "https://h/crm/rest/client?page=2",
                "https://h/crm",
                Some("/rest/client?page=2"),
            ),
            ("/rest/client", "https://h", Some("/rest/client")),
            ("http://h/rest/client/5?page=2", "http://h", None),
            ("http://h/other?page=2", "http://h", None),
            ("http://h/rest/client?page=2", "http://h/crm", None),
            ("ftp://h/rest/client", "http://h", None),
        ];
        for (url, base, want) in cases {
            assert_eq!(below_base(url, base).as_deref(), want, "{url} {base}");
        }
    }

    #[test]
    fn the_list_query_reads_back_as_the_server_reads_it() {
        let request = ListRequest {
            name: Some("ООО Ромашка & Co".to_owned()),
            kind: Some(1),
            page: Some(3),
            per_page: Some(20),
            sort: Some("-id".to_owned()),
            render: Render {
                fields: Some(vec!["id".to_owned(), "name".to_owned()]),
                ..Render::default()
            },
            ..ListRequest::default()
        };
        let path = request.to_path("t0k");
        let query = path.strip_prefix("/rest/client?").unwrap();
        let limits = crm_http::params::ParamLimits {
            max_pairs: 20,
            max_depth: 2,
        };
        let params = crm_http::params::parse_query(query.as_bytes(), limits).unwrap();
        let read = crate::op::ListQuery::parse(&params, QueryPairs::from_params(&params));
        assert_eq!((read.page, read.per_page), (2, 20));
        assert_eq!(read.render, request.render);
        assert_eq!(params.get_str("access-token"), Some("t0k"));
        assert_eq!(params.get_str("name"), Some("ООО Ромашка & Co"));
    }
}
