//! Why a call to a real SalesMan gave no answer of the expected kind.

use crm_http::client::UpstreamError;
use thiserror::Error;

use crate::op::Unwritable;
use crate::wire::{AnswerError, Failure, Scalar};

/// A failed call. None of the variants holds the `apikey`: calls carry it
/// in the body, which neither `UpstreamError` nor the parsers repeat.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClientError {
    /// The call got no answer (timeout, no connection, HTTP 5xx, paused).
    #[error(transparent)]
    Upstream(#[from] UpstreamError),
    /// SalesMan answered with its own error (`400` bad key, `401` unknown
    /// user, `"403"` unknown pid, ...), kept as sent so that it can be passed on.
    #[error("SalesMan refused the call: {} {}", code(&.0.code), .0.text)]
    Refused(Failure),
    /// The answer is not the JSON this call answers with.
    #[error("the SalesMan answer cannot be read: {0}")]
    Unreadable(String),
    /// The call has no SalesMan spelling (a sort key or filter it lacks).
    #[error(transparent)]
    Unwritable(#[from] Unwritable),
}

impl From<AnswerError> for ClientError {
    fn from(err: AnswerError) -> Self {
        Self::Unreadable(err.to_string())
    }
}

fn code(code: &Scalar) -> String {
    match code {
        Scalar::Int(n) => n.to_string(),
        Scalar::Text(s) => s.clone(),
        Scalar::Null => String::new(),
    }
}
