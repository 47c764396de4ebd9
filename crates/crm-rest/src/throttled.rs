//! The answer to an address the gateway throttles after failed sign-ins:
//! Yii's `RateLimiter`, a 429 "Rate limit exceeded." with its
//! `X-Rate-Limit-*` headers and `Retry-After`.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;

use crate::reply;
use crate::wire::ErrorBody;

/// Yii's reason phrase for 429, the error's name.
pub const CODE: &str = "Too Many Requests";

/// 429 `{"response":{"name":"Too Many Requests","message":"Rate limit exceeded.",...}}`.
pub fn answer(retry_after: Duration) -> Response {
    let seconds = retry_after.as_secs().max(1);
    let body = ErrorBody {
        name: CODE.into(),
        message: "Rate limit exceeded.".into(),
        code: 0,
        status: 429,
    };
    let mut answer = reply::wrapped(StatusCode::TOO_MANY_REQUESTS, &body);
    let headers = answer.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    headers.insert("x-rate-limit-remaining", HeaderValue::from(0));
    headers.insert("x-rate-limit-reset", HeaderValue::from(seconds));
    crm_http::outcome::failed(answer, CODE)
}
