//! Successful answers: status, headers and body bytes.

use axum::body::Body;
use axum::response::Response;
use http::{HeaderName, HeaderValue, StatusCode, header};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::pagination::Window;

/// reference/yii.md §5: `JsonResponseFormatter` sends this even on empty bodies.
const JSON: &str = "application/json; charset=UTF-8";

/// The generic 500 body, for the impossible case that our own value does not
/// serialize.
const INTERNAL: &[u8] = br#"{"response":{"name":"Internal Server Error","message":"An internal server error occurred.","code":0,"status":500}}"#;

#[derive(Serialize)]
struct Envelope<'a, T> {
    response: &'a T,
}

/// `{"response": value}` with `status` (reference/DECISIONS.md: every body
/// with data is wrapped). serde_json writes `/` and non-ASCII raw, as Yii's
/// `JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE` does.
pub fn wrapped<T: Serialize>(status: StatusCode, value: &T) -> Response {
    let (status, body) = match serde_json::to_vec(&Envelope { response: value }) {
        Ok(body) => (status, body),
        Err(err) => {
            tracing::error!(dialect = "rest", %err, "reply did not serialize");
            (StatusCode::INTERNAL_SERVER_ERROR, INTERNAL.to_vec())
        }
    };
    with_body(status, Body::from(body))
}

/// No body (delete, OPTIONS, 405): Yii 2.0.12 sends nothing for null data.
pub fn empty(status: StatusCode) -> Response {
    with_body(status, Body::empty())
}

fn with_body(status: StatusCode, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
    response
}

/// A drawn client as PHP's `json_encode` writes the array behind it: an
/// empty one (every `fields` name unknown) is `[]`, not `{}`.
struct Item<'a>(&'a Map<String, Value>);

impl Serialize for Item<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_empty() {
            serializer.collect_seq(std::iter::empty::<()>())
        } else {
            self.0.serialize(serializer)
        }
    }
}

/// One client: `{"response": {...}}`.
pub fn client(status: StatusCode, item: &Map<String, Value>) -> Response {
    wrapped(status, &Item(item))
}

/// A created client: 200 (the spec) with `Location` of its view.
pub fn created(item: &Map<String, Value>, location: &str) -> Response {
    let mut response = client(StatusCode::OK, item);
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

#[derive(Serialize)]
struct Items<'a> {
    items: Vec<Item<'a>>,
}

/// A page of clients: `{"response": {"items": [...]}}` and the pagination
/// headers of reference/yii.md §6.2.
pub fn list(items: &[Map<String, Value>], window: &Window, link: &str) -> Response {
    let items = items.iter().map(Item).collect();
    let mut response = wrapped(StatusCode::OK, &Items { items });
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-pagination-total-count", window.total),
        ("x-pagination-page-count", window.page_count),
        ("x-pagination-current-page", window.page + 1),
        ("x-pagination-per-page", window.per_page),
    ] {
        headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
    }
    if let Ok(value) = HeaderValue::from_str(link) {
        headers.insert(header::LINK, value);
    }
    response
}

/// HEAD: the GET answer's status and headers without its body.
pub fn strip_body(response: Response) -> Response {
    let (parts, _) = response.into_parts();
    Response::from_parts(parts, Body::empty())
}
