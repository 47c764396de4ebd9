//! What a call to a real Eadesk service can end in besides its answer, and
//! the reading of an answer into the wire types.

use crm_http::client::{Answer, UpstreamError};
use http::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::wire::ErrorBody;

/// Why a call did not give what it asked for. Neither `Display` nor `Debug`
/// carries the token: an upstream error names no query, an unreadable answer
/// is described without its body, and the token is cut out of a refusal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// The call got no answer (timeout, no connection, a 5xx, paused).
    #[error(transparent)]
    Upstream(#[from] UpstreamError),
    /// The service answered with its own error, `{"err": CODE}`: on HTTP 200
    /// for an application error (`ENOT_FOUND`), or with 400/401/404.
    #[error("the Eadesk service refused the call with HTTP {status}: {}", body.err)]
    Refused {
        /// The answer's status.
        status: StatusCode,
        /// The error as the service wrote it, for a proxy to answer with.
        body: ErrorBody,
    },
    /// The answer is not one Eadesk gives to this call.
    #[error("{0}")]
    Unreadable(String),
}

/// Reads `answer` to the call `what`: the service's error whatever the
/// status (reference/eadesk.md §3: an application error is HTTP 200 with
/// `err`), else `T` from a 200.
pub(crate) fn read<T: DeserializeOwned>(
    answer: &Answer,
    what: &str,
    token: &str,
) -> Result<T, ClientError> {
    let unreadable = |why: String| {
        ClientError::Unreadable(format!(
            "the answer to {what} (HTTP {}) is not Eadesk's: {why}",
            answer.status.as_u16()
        ))
    };
    let value: Value = serde_json::from_slice(&answer.body).map_err(|e| unreadable(shape(&e)))?;
    if value.get("err").is_some() {
        let mut body: ErrorBody =
            serde_json::from_value(value).map_err(|e| unreadable(shape(&e)))?;
        if let Some(message) = body.message.as_mut() {
            redact(message, token);
        }
        return Err(ClientError::Refused {
            status: answer.status,
            body,
        });
    }
    if answer.status != StatusCode::OK {
        return Err(unreadable("no error body".to_owned()));
    }
    serde_json::from_value(value).map_err(|e| unreadable(shape(&e)))
}

/// What kind of mismatch, without serde's message, which may quote the
/// body (and so a person's data) back.
fn shape(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match err.classify() {
        Category::Data => "JSON of another shape".to_owned(),
        Category::Io | Category::Syntax | Category::Eof => {
            format!("not JSON (line {}, column {})", err.line(), err.column())
        }
    }
}

/// A service that echoes the request in a message would echo the token too.
fn redact(text: &mut String, token: &str) {
    if !token.is_empty() && text.contains(token) {
        *text = text.replace(token, "<token>");
    }
}
