//! `yii\data\Pagination` as the CRM configured it: `page` (1-based),
//! `per_page` (also `per-page`), 10 a page, sizes clamped to [1, 50], the page
//! clamped to the last one (reference/yii.md §6.1, DECISIONS.md).

use crm_http::params::{Param, ParamMap};
use crm_http::php_cast::php_int;

use crate::wire::{Link, PageHeaders};

/// The spec's default page size (spec/yii-rest-client.txt, "Получение списка").
pub const DEFAULT_PER_PAGE: u64 = 10;
/// Yii's default `pageSizeLimit`.
pub const MAX_PER_PAGE: u64 = 50;

/// `Pagination::getPageSize` for the sent value (absent: the default).
pub fn per_page(sent: Option<&str>) -> u64 {
    let wanted = sent.map_or(DEFAULT_PER_PAGE as i64, php_int);
    wanted.clamp(1, MAX_PER_PAGE as i64).unsigned_abs()
}

/// The requested page, 0-based, before it is clamped to the last page.
pub fn requested_page(sent: Option<&str>) -> u64 {
    let page = sent.map_or(1, php_int).saturating_sub(1);
    u64::try_from(page).unwrap_or(0)
}

/// Rows to skip for a page; overflow skips everything (the store then answers
/// only the total).
pub fn offset(page: u64, per_page: u64) -> u64 {
    page.saturating_mul(per_page)
}

/// The window a list answered, after clamping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// All matching clients.
    pub total: u64,
    /// `ceil(total / per_page)`, 0 when nothing matches.
    pub page_count: u64,
    /// The current page, 0-based.
    pub page: u64,
    /// The page size.
    pub per_page: u64,
}

impl Window {
    /// `validatePage = true`: a page past the last one is the last one.
    pub fn new(total: u64, requested: u64, per_page: u64) -> Self {
        let page_count = total.div_ceil(per_page.max(1));
        Self {
            total,
            page_count,
            page: requested.min(page_count.saturating_sub(1)),
            per_page,
        }
    }

    /// The relations of `Pagination::getLinks` up to Yii 2.0.38: `self`;
    /// `first`, `prev` past the first page; `next`, `last` before the last.
    pub fn rels(&self) -> Vec<(&'static str, u64)> {
        let mut rels = vec![("self", self.page)];
        if self.page > 0 {
            rels.push(("first", 0));
            rels.push(("prev", self.page - 1));
        }
        if self.page + 1 < self.page_count {
            rels.push(("next", self.page + 1));
            rels.push(("last", self.page_count - 1));
        }
        rels
    }
}

/// The query of the request as PHP's `$_GET` holds it: top-level keys in
/// request order (a repeated key keeps its first place and last value),
/// bracket keys as nested arrays.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryPairs(Vec<(String, Param)>);

impl QueryPairs {
    /// From the parsed query.
    pub fn from_params(query: &ParamMap) -> Self {
        Self(
            query
                .iter()
                .map(|(k, v)| (k.to_owned(), v.clone()))
                .collect(),
        )
    }

    /// `Pagination::createUrl`: every current parameter, `page` replaced in
    /// place or appended, the page size written only when it is not the
    /// default, built as `http_build_query` builds it.
    pub fn for_page(&self, page: u64, per_page: u64) -> String {
        let mut params: Vec<(String, Param)> = self
            .0
            .iter()
            .filter(|(k, _)| k != "per-page")
            .cloned()
            .collect();
        set(&mut params, "page", Some((page + 1).to_string()));
        let size = (per_page != DEFAULT_PER_PAGE).then(|| per_page.to_string());
        set(&mut params, "per_page", size);
        http_build_query(&params)
    }

    /// The query string as a client sends it; `parse_query` and
    /// [`Self::from_params`] read it back equal. Only an empty bracket
    /// array, which `http_build_query` leaves out, does not come back.
    pub fn to_query(&self) -> String {
        http_build_query(&self.0)
    }
}

fn http_build_query(params: &[(String, Param)]) -> String {
    crm_http::php_query::http_build_query(params.iter().map(|(k, v)| (k.as_str(), v)))
}

fn set(params: &mut Vec<(String, Param)>, key: &str, value: Option<String>) {
    match (params.iter().position(|(k, _)| k == key), value) {
        (Some(i), Some(v)) => params[i].1 = Param::Str(v),
        (Some(i), None) => {
            params.remove(i);
        }
        (None, Some(v)) => params.push((key.to_owned(), Param::Str(v))),
        (None, None) => {}
    }
}

/// The `Link` entries of a page (written by [`crate::wire::PageHeaders`]).
pub fn links(base: &str, query: &QueryPairs, window: &Window) -> Vec<Link> {
    window
        .rels()
        .into_iter()
        .map(|(rel, page)| Link {
            url: format!("{base}?{}", query.for_page(page, window.per_page)),
            rel: rel.to_owned(),
        })
        .collect()
}

impl Window {
    /// The headers that carry this window, with `links`.
    pub fn headers(&self, links: Vec<Link>) -> PageHeaders {
        PageHeaders {
            total_count: self.total,
            page_count: self.page_count,
            current_page: self.page + 1,
            per_page: self.per_page,
            links,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_size_is_clamped_to_one_and_fifty() {
        let cases = [
            (None, 10),
            (Some("0"), 1),
            (Some("abc"), 1),
            (Some("-5"), 1),
            (Some("500"), 50),
            (Some("25"), 25),
        ];
        for (sent, want) in cases {
            assert_eq!(per_page(sent), want, "{sent:?}");
        }
    }

    #[test]
    fn page_is_clamped_to_first_and_last() {
        assert_eq!(requested_page(Some("0")), 0);
        assert_eq!(requested_page(Some("-3")), 0);
        assert_eq!(requested_page(Some("abc")), 0);
        assert_eq!(Window::new(25, requested_page(Some("999")), 10).page, 2);
        assert_eq!(
            Window::new(0, 4, 10),
            Window {
                total: 0,
                page_count: 0,
                page: 0,
                per_page: 10
            }
        );
        assert_eq!(offset(u64::MAX, 50), u64::MAX);
    }

    #[test]
    fn rels_follow_yii_2_0_12() {
        let names = |w: Window| w.rels().into_iter().map(|r| r.0).collect::<Vec<_>>();
        assert_eq!(names(Window::new(25, 0, 10)), ["self", "next", "last"]);
        assert_eq!(
            names(Window::new(25, 1, 10)),
            ["self", "first", "prev", "next", "last"]
        );
        assert_eq!(names(Window::new(25, 2, 10)), ["self", "first", "prev"]);
        assert_eq!(names(Window::new(5, 0, 10)), ["self"]);
        assert_eq!(names(Window::new(0, 0, 10)), ["self"]);
    }

    #[test]
    fn page_urls_rebuild_php_get_in_request_order() {
        let query = |text: &str| {
            let limits = crm_http::params::ParamLimits {
                max_pairs: 20,
                max_depth: 3,
            };
            QueryPairs::from_params(
                &crm_http::params::parse_query(text.as_bytes(), limits).unwrap(),
            )
        };
        assert_eq!(
            query("access-token=k&page=2&name=%D0%9E%D0%9E%D0%9E+a%2Fb&per-page=10&f[x]=1")
                .for_page(2, 10),
            "access-token=k&page=3&name=%D0%9E%D0%9E%D0%9E+a%2Fb&f%5Bx%5D=1"
        );
        assert_eq!(
            query("a=%D0%AF+b&&a=2&b&c=%zz&d=%4").for_page(0, 10),
            "a=2&b=&c=%25zz&d=%254&page=1"
        );
        assert_eq!(
            query("sort=-id").for_page(0, 20),
            "sort=-id&page=1&per_page=20"
        );
        // `$_GET` turns `t[]` into an indexed array, `x.y` into `x_y`, and an
        // array `page` is replaced in place by the number.
        assert_eq!(
            query("t[]=1&t[]=2&page[]=5&x.y=1&e[]").for_page(1, 10),
            "t%5B0%5D=1&t%5B1%5D=2&page=2&x_y=1&e%5B0%5D="
        );
    }
}
