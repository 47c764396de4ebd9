//! Which call a request is, and its parameters, as `yii\rest\UrlRule` and the
//! CRM's `IndexAction` read them (reference/yii.md §1, §6-§8).

use crm_core::{ClientFilter, ClientId, Direction, SortKey, TextField, UserId};
use crm_http::ParamMap;
use crm_http::php_cast::{php_int, php_trim};
use http::Method;

use crate::error::RestError;
use crate::pagination::{self, QueryPairs};
use crate::wire::Input;
use crate::wire::attribute::{self, Attribute};

/// `Allow` of the collection (`OptionsAction::$collectionOptions`).
pub const COLLECTION_ALLOW: &str = "GET, POST, HEAD, OPTIONS";
/// `Allow` of one resource (`OptionsAction::$resourceOptions`).
pub const RESOURCE_ALLOW: &str = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";

/// The id segment of a path (`<id:\d[\d,]*>`), kept as sent for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathId {
    /// The segment as sent (`"007"`, `"5,6"`).
    pub text: String,
    /// The client id; `None` when the segment names no single client
    /// (composite keys, numbers past `i64`), which then is not found.
    pub id: Option<ClientId>,
}

/// PHP's `urldecode`: `+` is a space, `%XX` a byte; bytes that are not
/// UTF-8 stay as they were sent.
fn urldecode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .map_or_else(|_| text.to_owned(), |s| s.into_owned())
}

/// What the path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `/rest/client`.
    Collection,
    /// `/rest/client/<id>`.
    One(PathId),
}

impl Target {
    /// The target of the path under the mount; `None` is Yii's route-level
    /// 404 (`/rest/client/abc`, `/rest/client/`, `/rest/client/1/x`). The
    /// id is read as Yii reads the path, after PHP's `urldecode`
    /// (`/rest/client/%31` is client 1).
    pub fn parse(rest: &str) -> Option<Self> {
        if rest.is_empty() {
            return Some(Self::Collection);
        }
        let segment = urldecode(rest.strip_prefix('/')?);
        let segment = segment.as_str();
        let valid = segment.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && segment.bytes().all(|b| b.is_ascii_digit() || b == b',');
        valid.then(|| {
            Self::One(PathId {
                text: segment.to_owned(),
                id: segment.parse::<i64>().ok().map(ClientId),
            })
        })
    }

    /// The `Allow` list of the target.
    pub fn allow(&self) -> &'static str {
        match self {
            Self::Collection => COLLECTION_ALLOW,
            Self::One(_) => RESOURCE_ALLOW,
        }
    }
}

/// The action a verb selects on a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// GET/HEAD collection.
    Index,
    /// GET/HEAD one.
    View(PathId),
    /// POST collection.
    Create,
    /// PUT/PATCH one.
    Update(PathId),
    /// DELETE one.
    Delete(PathId),
    /// Any other verb: `OptionsAction` (200 for OPTIONS, else 405).
    Options {
        /// The target's `Allow` list.
        allow: &'static str,
        /// True for a real `OPTIONS` request.
        is_options: bool,
    },
}

impl Action {
    /// `UrlRule`'s patterns, checked in order.
    pub fn select(method: &Method, target: Target) -> Self {
        let allow = target.allow();
        match (method.as_str(), target) {
            ("GET" | "HEAD", Target::Collection) => Self::Index,
            ("POST", Target::Collection) => Self::Create,
            ("GET" | "HEAD", Target::One(id)) => Self::View(id),
            ("PUT" | "PATCH", Target::One(id)) => Self::Update(id),
            ("DELETE", Target::One(id)) => Self::Delete(id),
            (verb, _) => Self::Options {
                allow,
                is_options: verb == "OPTIONS",
            },
        }
    }

    /// True when the action reads a body.
    pub fn has_body(&self) -> bool {
        matches!(self, Self::Create | Self::Update(_))
    }
}

/// Which document counts to add (`count_deals=1`, ...).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// `count_deals`.
    pub deals: bool,
    /// `count_offers`.
    pub offers: bool,
    /// `count_contracts`.
    pub contracts: bool,
    /// `count_invoices`.
    pub invoices: bool,
}

impl Counts {
    /// True when any count is asked for.
    pub fn any(&self) -> bool {
        self.deals || self.offers || self.contracts || self.invoices
    }
}

/// How a client is drawn: `fields`, `expand` and the counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Render {
    /// The requested attribute names; `None` shows every attribute.
    pub fields: Option<Vec<String>>,
    /// `expand=user`.
    pub expand_user: bool,
    /// The counts to add.
    pub counts: Counts,
}

impl Render {
    /// From the query; arrays are ignored, as Yii's serializer checks `is_string`.
    pub fn parse(query: &ParamMap) -> Self {
        let flag = |key: &str| query.get_str(key).is_some_and(php_truthy);
        Self {
            fields: query
                .get_str("fields")
                .map(split_list)
                .filter(|f| !f.is_empty()),
            expand_user: query
                .get_str("expand")
                .is_some_and(|e| split_list(e).iter().any(|n| n == "user")),
            counts: Counts {
                deals: flag("count_deals"),
                offers: flag("count_offers"),
                contracts: flag("count_contracts"),
                invoices: flag("count_invoices"),
            },
        }
    }
}

impl Render {
    /// The query parameters a client sends for this drawing, in the order
    /// Yii documents them; [`Self::parse`] reads them back equal.
    pub fn to_query(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(fields) = &self.fields {
            pairs.push(("fields", fields.join(",")));
        }
        if self.expand_user {
            pairs.push(("expand", "user".to_owned()));
        }
        for (on, key) in [
            (self.counts.deals, "count_deals"),
            (self.counts.offers, "count_offers"),
            (self.counts.contracts, "count_contracts"),
            (self.counts.invoices, "count_invoices"),
        ] {
            if on {
                pairs.push((key, "1".to_owned()));
            }
        }
        let pairs: Vec<String> = pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", crm_http::php_query::urlencode(&v)))
            .collect();
        pairs.join("&")
    }
}

/// PHP's truth of a string: everything but `""` and `"0"`.
fn php_truthy(s: &str) -> bool {
    !s.is_empty() && s != "0"
}

/// `preg_split('/\s*,\s*/', $v, -1, PREG_SPLIT_NO_EMPTY)`: blanks around
/// commas go, blanks at the ends stay.
fn split_list(text: &str) -> Vec<String> {
    let pieces: Vec<&str> = text.split(',').collect();
    let last = pieces.len().saturating_sub(1);
    pieces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let p = if i > 0 { p.trim_start() } else { p };
            if i < last { p.trim_end() } else { p }
        })
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A list request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// Conditions from `user_id`, `name`, `type`, `email`, `search`.
    pub filters: Vec<ClientFilter>,
    /// The requested page, 0-based, before clamping.
    pub page: u64,
    /// The page size after clamping.
    pub per_page: u64,
    /// The order.
    pub sort: Vec<(SortKey, Direction)>,
    /// How items are drawn.
    pub render: Render,
    /// The query as sent, for the `Link` URLs.
    pub pairs: QueryPairs,
}

impl ListQuery {
    /// Reads the list parameters of spec table 1.
    pub fn parse(query: &ParamMap, pairs: QueryPairs) -> Self {
        // `andFilterWhere` skips what `QueryTrait::isEmpty` calls empty:
        // a string that PHP's `trim` leaves empty.
        let text = |key: &str| query.get_str(key).filter(|v| !php_trim(v).is_empty());
        let mut filters = Vec::new();
        // No stored text holds U+0000 (see map::write), so such a filter
        // matches nothing, on either backend.
        if ["name", "search", "email"]
            .iter()
            .any(|k| text(k).is_some_and(|v| v.contains('\0')))
        {
            filters.push(ClientFilter::Ids(Vec::new()));
        }
        if let Some(user) = text("user_id") {
            // `andFilterWhere(['user_id' => ...])`: MySQL compares the number
            // the text starts with; no number matches no user.
            filters.push(ClientFilter::ResponsibleIn(vec![UserId(php_int(user))]));
        }
        for key in ["name", "search"] {
            if let Some(needle) = text(key).filter(|v| !v.contains('\0')) {
                filters.push(ClientFilter::Contains {
                    fields: vec![TextField::Name],
                    needle: needle.to_owned(),
                });
            }
        }
        if let Some(code) = text("type") {
            filters.push(match attribute::kind_of(php_int(code)) {
                Some(kind) => ClientFilter::Kind(kind),
                None => ClientFilter::Ids(Vec::new()),
            });
        }
        if let Some(email) = text("email").filter(|v| !v.contains('\0')) {
            filters.push(ClientFilter::ContactIs {
                kind: crm_core::ContactKind::Mail,
                value: email.to_owned(),
            });
        }
        let size = query
            .get_str("per_page")
            .or_else(|| query.get_str("per-page"));
        Self {
            filters,
            page: pagination::requested_page(query.get_str("page")),
            per_page: pagination::per_page(size),
            sort: parse_sort(query.get_str("sort")),
            render: Render::parse(query),
            pairs,
        }
    }
}

impl ListQuery {
    /// The query a client sends for this list: the query it was read from,
    /// since every other part is drawn from that.
    pub fn to_query(&self) -> String {
        self.pairs.to_query()
    }
}

/// `yii\data\Sort` without multi-sort: the first recognised attribute wins,
/// unknown ones are skipped, nothing recognised is the default: newest first
/// (reference/DECISIONS.md "Yii2-style REST").
pub fn parse_sort(sent: Option<&str>) -> Vec<(SortKey, Direction)> {
    sent.into_iter()
        .flat_map(|s| s.split(','))
        .find_map(|piece| {
            let (name, direction) = match piece.strip_prefix('-') {
                Some(name) => (name, Direction::Desc),
                None => (piece, Direction::Asc),
            };
            // Yii sorts by the model's columns, where `user` is `user_id`.
            let name = if name == "user_id" { "user" } else { name };
            Attribute::parse(name)
                .and_then(Attribute::sort_key)
                .map(|key| (key, direction))
        })
        .map_or_else(|| vec![(SortKey::Created, Direction::Desc)], |s| vec![s])
}

/// The request body as parsed. An unreadable body fails only when the action
/// reads it: `UpdateAction` finds the client first, so a missing one is 404
/// whatever the body (reference/yii.md §9).
pub type Body = Result<Input, RestError>;

/// One call with everything it needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// `GET /rest/client`.
    List(ListQuery),
    /// `GET /rest/client/<id>`.
    View(PathId, Render),
    /// `POST /rest/client`.
    Create(Body, Render),
    /// `PUT|PATCH /rest/client/<id>`.
    Update(PathId, Body, Render),
    /// `DELETE /rest/client/<id>`.
    Delete(PathId),
    /// `OPTIONS` (200) or a verb without a route (405).
    Options {
        /// The `Allow` list.
        allow: &'static str,
        /// True for a real `OPTIONS` request.
        is_options: bool,
    },
}

impl Op {
    /// The call of `action` with its query and body.
    pub fn parse(action: Action, query: &ParamMap, pairs: QueryPairs, body: Body) -> Self {
        match action {
            Action::Index => Self::List(ListQuery::parse(query, pairs)),
            Action::View(id) => Self::View(id, Render::parse(query)),
            Action::Create => Self::Create(body, Render::parse(query)),
            Action::Update(id) => Self::Update(id, body, Render::parse(query)),
            Action::Delete(id) => Self::Delete(id),
            Action::Options { allow, is_options } => Self::Options { allow, is_options },
        }
    }
}

#[cfg(test)]
mod tests;
