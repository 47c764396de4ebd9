//! Success and error bodies alike leave as HTTP 200 with PHP-encoded JSON
//! (reference/salesman.md §1, §9.1).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use crm_http::php_json;
use serde_json::Value;

/// `value` as the PHP service would send it.
pub fn json(value: &Value) -> Response {
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            ),
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
        ],
        php_json::encode(value),
    )
        .into_response()
}
