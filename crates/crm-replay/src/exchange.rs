//! One request and its answer, as a record keeps them: a line of JSON.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

/// A request and the answer it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    /// When the request arrived, RFC 3339 in UTC.
    pub at: String,
    /// `eadesk`, `rest`, `salesman`, `planfix`, or `other`.
    pub dialect: String,
    /// The dialect's own name of the call (`read`, `GET /rest/client/{id}`,
    /// `info`, `contact.get`).
    pub operation: String,
    /// Which account asked: the Planfix account name, or else a
    /// fingerprint of the credential (8 hex digits of its SHA-256), never
    /// the credential.
    pub account: String,
    /// What was asked.
    pub request: Request,
    /// What was answered.
    pub answer: Answer,
}

/// A request as it was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// The verb.
    pub method: String,
    /// The path and query.
    pub target: String,
    /// Headers in the order sent, names lowercase.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body,
}

/// An answer as it was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// Headers in the order sent, names lowercase.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body,
}

/// A body: text when it is UTF-8, else base64.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// The text, or the bytes in base64.
    pub text: String,
    /// Whether `text` is base64.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub base64: bool,
    /// Whether bytes past the record's bound were left out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cut: bool,
}

impl Body {
    /// The body of `bytes`, `cut` when it is the start of a longer one.
    pub fn of(bytes: &[u8], cut: bool) -> Self {
        match std::str::from_utf8(bytes) {
            Ok(text) => Self {
                text: text.to_owned(),
                base64: false,
                cut,
            },
            Err(_) => Self {
                text: STANDARD.encode(bytes),
                base64: true,
                cut,
            },
        }
    }

    /// The bytes.
    pub fn bytes(&self) -> Vec<u8> {
        if self.base64 {
            STANDARD.decode(&self.text).unwrap_or_default()
        } else {
            self.text.clone().into_bytes()
        }
    }
}

/// The value of header `name` (lowercase), the first sent.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

#[cfg(test)]
impl Exchange {
    /// A `method` request for `target` with `body`, answered 200 with
    /// `answer`, for tests.
    pub(crate) fn sample(method: &str, target: &str, body: &str, answer: &str) -> Self {
        Self {
            at: String::new(),
            dialect: String::new(),
            operation: String::new(),
            account: String::new(),
            request: Request {
                method: method.into(),
                target: target.into(),
                headers: Vec::new(),
                body: Body::of(body.as_bytes(), false),
            },
            answer: Answer {
                status: 200,
                headers: Vec::new(),
                body: Body::of(answer.as_bytes(), false),
            },
        }
    }
}
