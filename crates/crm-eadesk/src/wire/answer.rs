use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// `{"result": ...}`: update, both contact calls and both deletes
/// (reference/eadesk.md §4); create and read answer bare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wrapped<T> {
    /// `result`: a person, a contact datum, a list of them, or `true`.
    pub result: T,
}

/// `{"err": CODE}` or `{"err": CODE, "message": ...}`, whatever the status
/// (reference/eadesk.md §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// `err`: `ENOT_FOUND`, `EINVALID`, `EUNAUTHORIZED`, ...
    pub err: Cow<'static, str>,
    /// `message`: only on the errors that explain themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}
