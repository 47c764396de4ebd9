//! What a dialect tells the metrics about an answer, beside the answer: the
//! call it made and its own error code. Both are names from closed sets
//! (the dialect's operations, its error table), never ids, logins or paths.

use axum::response::Response;

/// The dialect's name of the call a request made (`contact.get`, `info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation(pub &'static str);

/// The dialect's own code of an error answer (`EUNAUTHORIZED`, `0005`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorCode(pub &'static str);

/// `response` marked as the error `code`.
pub fn failed(mut response: Response, code: &'static str) -> Response {
    response.extensions_mut().insert(ErrorCode(code));
    response
}

/// `response` marked as an answer to `operation`, when it is known.
pub fn answered(mut response: Response, operation: Option<&'static str>) -> Response {
    if let Some(operation) = operation {
        response.extensions_mut().insert(Operation(operation));
    }
    response
}
