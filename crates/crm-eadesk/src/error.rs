//! Every error the Eadesk dialect answers, in one table.
//!
//! reference/eadesk.md §3: application errors travel as HTTP 200 with
//! `{"err": CODE}`; the status codes 400/401/404/500 come from the real client
//! library's handling. The bodies of the non-200 answers are ours
//! (reference/DECISIONS.md "Eadesk").

use std::time::Duration;

use crate::reply;
use crate::wire::ErrorBody;
use axum::response::{IntoResponse, Response};
use crm_core::CoreError;
use crm_http::body::BodyError;
use crm_http::dialect::Answers;
use http::StatusCode;

/// What went wrong, as the Eadesk wire tells it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EadeskError {
    /// HTTP 200 `{"err":"ENOT_FOUND"}`: the record is not in the caller's account.
    #[error("not found")]
    NotFound,
    /// HTTP 400 `{"err":"EINVALID","message":...}`: the request is malformed.
    #[error("{0}")]
    Invalid(String),
    /// HTTP 401 `{"err":"EUNAUTHORIZED"}`: missing or unknown token.
    #[error("unauthorized")]
    Unauthorized,
    /// HTTP 403 `{"err":"EACCESS"}`: the token's user may not do this.
    #[error("forbidden")]
    Forbidden,
    /// HTTP 404 `{"err":"ENOT_FOUND","message":"Cannot PUT /api/..."}`: no
    /// such method (unknown path or verb).
    #[error("Cannot {method} {path}")]
    NoSuchMethod {
        /// The request's verb.
        method: String,
        /// The request's path.
        path: String,
    },
    /// HTTP 413 `{"err":"ETOO_LARGE","message":...}`: the body is over the limit.
    #[error("request body is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// HTTP 200 `{"err":"EHAS_DEPENDENTS","message":...}`: the person has
    /// records (deals) that forbid deleting it.
    #[error("{0}")]
    HasDependents(String),
    /// HTTP 200 `{"err":"EDUPLICATE"}`: the same record already exists.
    #[error("duplicate")]
    Duplicate,
    /// HTTP 500 `{"err":"EINTERNAL"}`: a fault of the gateway, never the caller's.
    #[error("internal error")]
    Internal,
    /// HTTP 503 `{"err":"ETIMEOUT"}`: the request ran past its deadline, or
    /// the store stayed busy past its wait; the client may try again later.
    #[error("request timed out")]
    Timeout,
}

impl EadeskError {
    /// Shorthand for [`EadeskError::Invalid`].
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::Invalid(message.into())
    }
}

impl From<CoreError> for EadeskError {
    fn from(err: CoreError) -> Self {
        match err {
            CoreError::NotFound { .. } => Self::NotFound,
            CoreError::Invalid { field, message } => Self::Invalid(format!("{field}: {message}")),
            CoreError::Duplicate { .. } => Self::Duplicate,
            CoreError::HasDependents { entity, dependents } => {
                Self::HasDependents(format!("{entity} has {dependents}"))
            }
            CoreError::Unauthenticated(_) => Self::Unauthorized,
            CoreError::Forbidden(_) => Self::Forbidden,
            CoreError::Unavailable(detail) => {
                tracing::warn!(dialect = "eadesk", %detail, "store busy");
                Self::Timeout
            }
            CoreError::Internal(detail) => {
                tracing::error!(dialect = "eadesk", %detail, "internal error");
                Self::Internal
            }
        }
    }
}

impl EadeskError {
    fn parts(&self) -> (StatusCode, &'static str, Option<String>) {
        match self {
            Self::NotFound => (StatusCode::OK, "ENOT_FOUND", None),
            Self::Invalid(message) => (StatusCode::BAD_REQUEST, "EINVALID", Some(message.clone())),
            Self::Unauthorized => (StatusCode::UNAUTHORIZED, "EUNAUTHORIZED", None),
            Self::Forbidden => (StatusCode::FORBIDDEN, "EACCESS", None),
            Self::NoSuchMethod { .. } => {
                (StatusCode::NOT_FOUND, "ENOT_FOUND", Some(self.to_string()))
            }
            Self::TooLarge { .. } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "ETOO_LARGE",
                Some(self.to_string()),
            ),
            Self::HasDependents(message) => {
                (StatusCode::OK, "EHAS_DEPENDENTS", Some(message.clone()))
            }
            Self::Duplicate => (StatusCode::OK, "EDUPLICATE", None),
            Self::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "EINTERNAL", None),
            Self::Timeout => (StatusCode::SERVICE_UNAVAILABLE, "ETIMEOUT", None),
        }
    }
}

impl IntoResponse for EadeskError {
    fn into_response(self) -> Response {
        let (status, err, message) = self.parts();
        let body = ErrorBody {
            err: err.into(),
            message,
        };
        crm_http::outcome::failed(reply::json(status, &body), err)
    }
}

impl From<BodyError> for EadeskError {
    fn from(err: BodyError) -> Self {
        match err {
            BodyError::TooLarge { limit } => Self::TooLarge { limit },
            BodyError::Unreadable => Self::invalid("the request body could not be read"),
        }
    }
}

impl Answers for EadeskError {
    const DIALECT: &'static str = "eadesk";

    fn expired(_: Duration) -> Self {
        Self::Timeout
    }

    fn internal() -> Self {
        Self::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_error_has_a_wire_form() {
        let cases = [
            (CoreError::not_found("client"), EadeskError::NotFound),
            (
                CoreError::invalid("search", "bad"),
                EadeskError::Invalid("search: bad".to_owned()),
            ),
            (
                CoreError::Duplicate {
                    entity: "client",
                    existing: None,
                },
                EadeskError::Duplicate,
            ),
            (
                CoreError::HasDependents {
                    entity: "client",
                    dependents: "deals",
                },
                EadeskError::HasDependents("client has deals".to_owned()),
            ),
            (CoreError::Unauthenticated("x"), EadeskError::Unauthorized),
            (CoreError::Forbidden("x"), EadeskError::Forbidden),
            (
                CoreError::Unavailable("busy".to_owned()),
                EadeskError::Timeout,
            ),
            (CoreError::Internal("db".to_owned()), EadeskError::Internal),
        ];
        for (core, wire) in cases {
            assert_eq!(EadeskError::from(core), wire);
        }
    }

    #[test]
    fn not_found_is_http_200() {
        let (status, err, message) = EadeskError::NotFound.parts();
        assert_eq!((status, err, message), (StatusCode::OK, "ENOT_FOUND", None));
    }
}
