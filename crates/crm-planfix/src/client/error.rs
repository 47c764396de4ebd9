//! Why a call to a real Planfix gave no answer of the expected kind.

use crm_http::client::UpstreamError;
use thiserror::Error;

use crate::wire::{Failure, ParseError};

/// A failed call. No variant holds a key, password, token or sid: they
/// travel in the Authorization header and the body, which neither
/// `UpstreamError` nor the parsers repeat.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClientError {
    /// The call got no answer (timeout, no connection, HTTP 5xx, paused).
    #[error(transparent)]
    Upstream(#[from] UpstreamError),
    /// Planfix answered `status="error"`: its four-digit code (`0001` bad
    /// key, `1001` bad login, `8002` unknown contact, ...) and message, kept
    /// as sent so that they can be passed on.
    #[error("Planfix refused the call: {} {}", .0.code, .0.message)]
    Refused(Failure),
    /// The answer is not the Planfix response this call answers with.
    #[error("the Planfix answer cannot be read: {0}")]
    Unreadable(String),
}

impl From<ParseError> for ClientError {
    fn from(err: ParseError) -> Self {
        Self::Unreadable(err.to_string())
    }
}
