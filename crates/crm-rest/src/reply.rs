//! Successful answers: status, headers and body bytes.

use axum::body::Body;
use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use serde::Serialize;

use crate::wire::{Client, Envelope, Items, PageHeaders};

/// reference/yii.md §5: `JsonResponseFormatter` sends this even on empty bodies.
const JSON: &str = "application/json; charset=UTF-8";

/// The generic 500 body, for the impossible case that our own value does not
/// serialize.
const INTERNAL: &[u8] = br#"{"response":{"name":"Internal Server Error","message":"An internal server error occurred.","code":0,"status":500}}"#;

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

/// One client: `{"response": {...}}`.
pub fn client(status: StatusCode, item: &Client) -> Response {
    wrapped(status, item)
}

/// A created client: 200 (the spec) with `Location` of its view.
pub fn created(item: &Client, location: &str) -> Response {
    let mut response = client(StatusCode::OK, item);
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// A page of clients: `{"response": {"items": [...]}}` and the pagination
/// headers of reference/yii.md §6.2.
pub fn list(items: Vec<Client>, page: &PageHeaders) -> Response {
    let mut response = wrapped(StatusCode::OK, &Items { items });
    page.write(response.headers_mut());
    response
}

/// HEAD: the GET answer's status and headers without its body.
pub fn strip_body(response: Response) -> Response {
    let (parts, _) = response.into_parts();
    Response::from_parts(parts, Body::empty())
}
