//! The answer to an address the gateway throttles after failed sign-ins:
//! the original's own `0007`, "Превышен лимит использования ресурсов".

use std::time::Duration;

use axum::response::Response;

use crate::error::PlanfixError;

/// The error code.
pub const CODE: &str = "0007";

/// `<response status="error"><code>0007</code>...`.
pub fn answer(retry_after: Duration) -> Response {
    let seconds = retry_after.as_secs().max(1);
    crate::reply::error(&PlanfixError::TooSlow(format!(
        "too many failed sign-ins from this address; try again in {seconds} s"
    )))
}
