//! A list's pagination, which Yii sends in headers rather than the body
//! (reference/yii.md §6.2): `X-Pagination-*` and `Link`.

use http::{HeaderMap, HeaderName, HeaderValue, header};

/// `X-Pagination-Total-Count`.
pub const TOTAL_COUNT: &str = "x-pagination-total-count";
/// `X-Pagination-Page-Count`.
pub const PAGE_COUNT: &str = "x-pagination-page-count";
/// `X-Pagination-Current-Page`.
pub const CURRENT_PAGE: &str = "x-pagination-current-page";
/// `X-Pagination-Per-Page`.
pub const PER_PAGE: &str = "x-pagination-per-page";

/// The pagination headers of a list answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageHeaders {
    /// `X-Pagination-Total-Count`: all matching clients.
    pub total_count: u64,
    /// `X-Pagination-Page-Count`.
    pub page_count: u64,
    /// `X-Pagination-Current-Page`, 1-based.
    pub current_page: u64,
    /// `X-Pagination-Per-Page`.
    pub per_page: u64,
    /// `Link`, in the order sent; empty when the header is absent.
    pub links: Vec<Link>,
}

/// One entry of `Link`: `<url>; rel=name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The target URL.
    pub url: String,
    /// The relation: `self`, `first`, `prev`, `next`, `last`.
    pub rel: String,
}

/// Why pagination headers cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageHeaderError {
    /// A count header is absent.
    #[error("header {0} is missing")]
    Missing(&'static str),
    /// A count header is not a non-negative integer.
    #[error("header {0} is not a non-negative integer")]
    NotANumber(&'static str),
    /// `Link` does not read as `<url>; rel=name, ...`.
    #[error("header Link is malformed")]
    BadLink,
}

impl PageHeaders {
    /// Sets the headers on `headers`. A `Link` that is not a valid header
    /// value is left out rather than failing the answer.
    pub fn write(&self, headers: &mut HeaderMap) {
        for (name, value) in self.counts() {
            headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
        }
        if let Ok(value) = HeaderValue::from_str(&link_value(&self.links)) {
            headers.insert(header::LINK, value);
        }
    }

    /// Reads the headers a list answer carries.
    pub fn parse(headers: &HeaderMap) -> Result<Self, PageHeaderError> {
        let count = |name: &'static str| {
            let value = headers.get(name).ok_or(PageHeaderError::Missing(name))?;
            value
                .to_str()
                .ok()
                .and_then(|text| text.trim().parse::<u64>().ok())
                .ok_or(PageHeaderError::NotANumber(name))
        };
        let links = match headers.get(header::LINK) {
            None => Vec::new(),
            Some(value) => {
                let text = value.to_str().map_err(|_| PageHeaderError::BadLink)?;
                parse_links(text)?
            }
        };
        Ok(Self {
            total_count: count(TOTAL_COUNT)?,
            page_count: count(PAGE_COUNT)?,
            current_page: count(CURRENT_PAGE)?,
            per_page: count(PER_PAGE)?,
            links,
        })
    }

    fn counts(&self) -> [(&'static str, u64); 4] {
        [
            (TOTAL_COUNT, self.total_count),
            (PAGE_COUNT, self.page_count),
            (CURRENT_PAGE, self.current_page),
            (PER_PAGE, self.per_page),
        ]
    }
}

/// `Link`'s value as Yii writes it: `<url>; rel=self, <url>; rel=next`.
pub fn link_value(links: &[Link]) -> String {
    links
        .iter()
        .map(|link| format!("<{}>; rel={}", link.url, link.rel))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads `Link` (RFC 8288 as far as Yii uses it): URLs in angle brackets,
/// `rel` quoted or not; other parameters are skipped.
pub fn parse_links(text: &str) -> Result<Vec<Link>, PageHeaderError> {
    let mut links = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('<').ok_or(PageHeaderError::BadLink)?;
        let (url, after) = inner.split_once('>').ok_or(PageHeaderError::BadLink)?;
        // The parameters run to the next `, <` (a URL may hold commas).
        let (params, next) = match after.find(", <").or_else(|| after.find(",<")) {
            Some(i) => (&after[..i], after[i + 1..].trim_start()),
            None => (after, ""),
        };
        let rel = params
            .split(';')
            .filter_map(|p| p.trim().strip_prefix("rel="))
            .map(|r| r.trim_matches('"'))
            .next()
            .ok_or(PageHeaderError::BadLink)?;
        links.push(Link {
            url: url.to_owned(),
            rel: rel.to_owned(),
        });
        rest = next;
    }
    Ok(links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_read_quoted_rels_and_commas_in_urls() {
        let links =
            parse_links(r#"<http://h/a?x=1,2>; rel="next"; title=t,<http://h/b>; rel=last"#)
                .unwrap();
        assert_eq!(
            links,
            [
                Link {
                    url: "http://h/a?x=1,2".to_owned(),
                    rel: "next".to_owned()
                },
                Link {
                    url: "http://h/b".to_owned(),
                    rel: "last".to_owned()
                }
            ]
        );
        for bad in [
            "http://h/a; rel=self",
            "<http://h/a; rel=self",
            "<http://h/a>",
        ] {
            assert_eq!(parse_links(bad), Err(PageHeaderError::BadLink), "{bad}");
        }
        assert_eq!(parse_links(""), Ok(Vec::new()));
    }

    #[test]
    fn counts_must_be_present_and_numeric() {
        let mut headers = HeaderMap::new();
        assert_eq!(
            PageHeaders::parse(&headers),
            Err(PageHeaderError::Missing(TOTAL_COUNT))
        );
        for name in [TOTAL_COUNT, PAGE_COUNT, CURRENT_PAGE] {
            headers.insert(name, HeaderValue::from_static("1"));
        }
        headers.insert(PER_PAGE, HeaderValue::from_static("-1"));
        assert_eq!(
            PageHeaders::parse(&headers),
            Err(PageHeaderError::NotANumber(PER_PAGE))
        );
    }
}
