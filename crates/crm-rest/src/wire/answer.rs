//! The envelopes and error shapes every REST answer body is made of
//! (reference/DECISIONS.md "Yii2-style REST", reference/yii.md §9-§10).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// `{"response": ...}`: every body with data is wrapped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope<T> {
    /// `response`: a client, a page of them, an error or the validation errors.
    pub response: T,
}

/// `{"items": [...]}`: a page of clients; its counts travel in headers
/// ([`crate::wire::PageHeaders`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Items<T> {
    /// `items`, in the list's order.
    pub items: Vec<T>,
}

/// `yii\web\ErrorHandler::convertExceptionToArray` without debug fields:
/// `{"name", "message", "code", "status"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// `name`: the status's reason phrase as Yii spells it (`Not Found`).
    pub name: Cow<'static, str>,
    /// `message`: what went wrong, in English.
    pub message: String,
    /// `code`: the exception's code, 0 for every HTTP exception.
    pub code: i64,
    /// `status`: the HTTP status again.
    pub status: u16,
}

/// One failed attribute of a create or update (Yii `getFirstErrors`); a
/// 422 answers `{"response": [FieldError, ...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The wire attribute name (`name`, `type`, `email`, ...).
    pub field: String,
    /// Yii's English message (`Name cannot be blank.`).
    pub message: String,
}

impl FieldError {
    /// An error of `field`.
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}
