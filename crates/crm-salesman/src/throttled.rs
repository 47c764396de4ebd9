//! The answer to an address the gateway throttles after failed sign-ins.
//! The script has no rate-limit error; the closest is its "try later",
//! `"408"`, with a text that says why (`docs/dialects/salesman.md`), in
//! HTTP 200 as every error of the script.

use std::time::Duration;

use axum::response::Response;

use crate::reply;
use crate::wire::{Failure, JsonAnswer, Scalar};

/// The error code.
pub const CODE: &str = "408";

/// `{"result":"Error","error":{"code":"408","text":...}}`.
pub fn answer(retry_after: Duration) -> Response {
    let seconds = retry_after.as_secs().max(1);
    let failure = Failure {
        result: Some("Error".to_owned()),
        code: Scalar::Text(CODE.to_owned()),
        text: format!("Слишком много неудачных попыток входа, повторите через {seconds} с"),
    };
    crm_http::outcome::failed(reply::json(&failure.to_value()), CODE)
}
