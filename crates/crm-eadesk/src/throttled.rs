//! The answer to an address the gateway throttles after failed sign-ins.
//! The original has none that the spec names; this is a 429 in the
//! dialect's error shape (`docs/dialects/eadesk.md`), which its client
//! library surfaces as an error like any other `err`.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;

use crate::reply;
use crate::wire::ErrorBody;

/// The error code.
pub const CODE: &str = "ETOO_MANY_REQUESTS";

/// 429 `{"err":"ETOO_MANY_REQUESTS",...}` with `Retry-After`.
pub fn answer(retry_after: Duration) -> Response {
    let seconds = retry_after.as_secs().max(1);
    let body = ErrorBody {
        err: CODE.into(),
        message: Some(format!(
            "too many failed sign-ins from this address; try again in {seconds} s"
        )),
    };
    let mut answer = reply::json(StatusCode::TOO_MANY_REQUESTS, &body);
    answer
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    crm_http::outcome::failed(answer, CODE)
}
