//! What a call to a real REST service can end in besides its answer, and
//! the reading of an answer into the wire types.

use crm_http::client::{Answer, UpstreamError};
use http::StatusCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::wire::{Envelope, ErrorBody, FieldError};

/// The body of a refusal, inside `{"response": ...}` (reference/DECISIONS.md
/// "Yii2-style REST"): Yii's error object, or a 422's failed attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Refusal {
    /// `{"name", "message", "code", "status"}`.
    Error(ErrorBody),
    /// `[{"field", "message"}, ...]`.
    Validation(Vec<FieldError>),
}

/// Why a call did not give what it asked for. Neither `Display` nor `Debug`
/// carries the token: an upstream error names no query, an unreadable answer
/// is described without its body, and the token is cut out of a refusal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// The call got no answer (timeout, no connection, a 5xx, paused).
    #[error(transparent)]
    Upstream(#[from] UpstreamError),
    /// The service answered a 4xx with its own error body: 401 for a bad
    /// token, 404 for a missing client, 422 for invalid attributes, ...
    #[error("the REST service refused the call with HTTP {status}")]
    Refused {
        /// The answer's status.
        status: StatusCode,
        /// The error as the service wrote it, for a proxy to answer with.
        body: Refusal,
    },
    /// The answer is not one the REST service gives to this call.
    #[error("{0}")]
    Unreadable(String),
}

/// The answer to `what`: `{"response": T}` on a 2xx, the service's error
/// otherwise.
pub(crate) fn read<T: DeserializeOwned>(
    answer: &Answer,
    what: &str,
    token: &str,
) -> Result<T, ClientError> {
    if answer.status.is_success() {
        let envelope: Envelope<T> = serde_json::from_slice(&answer.body)
            .map_err(|e| unreadable(answer, what, &shape(&e)))?;
        return Ok(envelope.response);
    }
    Err(refusal(answer, what, token))
}

/// The service's error in `answer`, or why it is not one.
pub(crate) fn refusal(answer: &Answer, what: &str, token: &str) -> ClientError {
    match serde_json::from_slice::<Envelope<Refusal>>(&answer.body) {
        Ok(envelope) => ClientError::Refused {
            status: answer.status,
            body: redacted(envelope.response, token),
        },
        Err(e) => unreadable(answer, what, &shape(&e)),
    }
}

/// An unreadable answer, told by status and kind of mismatch only.
pub(crate) fn unreadable(answer: &Answer, what: &str, why: &str) -> ClientError {
    ClientError::Unreadable(format!(
        "the answer to {what} (HTTP {}) is not the REST service's: {why}",
        answer.status.as_u16()
    ))
}

/// What kind of mismatch, without serde's message, which may quote the
/// body (and so a client's data) back.
fn shape(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match err.classify() {
        Category::Data => "JSON of another shape".to_owned(),
        Category::Io | Category::Syntax | Category::Eof => {
            format!("not JSON (line {}, column {})", err.line(), err.column())
        }
    }
}

/// Yii's `Link` and some messages repeat the request's query, token and
/// all; none is let through.
fn redacted(refusal: Refusal, token: &str) -> Refusal {
    let cut = |text: String| {
        if token.is_empty() {
            text
        } else {
            text.replace(token, "<token>")
        }
    };
    match refusal {
        Refusal::Error(body) => Refusal::Error(ErrorBody {
            message: cut(body.message),
            ..body
        }),
        Refusal::Validation(fields) => Refusal::Validation(
            fields
                .into_iter()
                .map(|f| FieldError {
                    field: f.field,
                    message: cut(f.message),
                })
                .collect(),
        ),
    }
}
