//! Every error the REST dialect answers, in one table.
//!
//! reference/yii.md §10: Yii's `ErrorHandler` renders an `HttpException` as
//! `{"name": <reason phrase>, "message": ..., "code": 0, "status": <status>}`;
//! reference/DECISIONS.md "Yii2-style REST" wraps it in `{"response": ...}`.
//! Validation failures are the one other shape: 422 with
//! `{"response": [{"field", "message"}]}` (reference/yii.md §9).

use std::time::Duration;

use crate::reply;
use crate::wire::ErrorBody;
pub use crate::wire::FieldError;
use axum::response::{IntoResponse, Response};
use crm_core::CoreError;
use crm_http::body::BodyError;
use crm_http::dialect::Answers;
use http::{HeaderValue, StatusCode, header};

/// What went wrong, as the Yii wire tells it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestError {
    /// 400 `Bad Request`: an unreadable query string or body (Yii's JsonParser:
    /// `Invalid JSON data in request body: ...`).
    #[error("{0}")]
    BadRequest(String),
    /// 401 `Unauthorized`, with `WWW-Authenticate: Bearer realm="api"` when no
    /// credential was sent at all (reference/yii.md §3).
    #[error("Your request was made with invalid credentials.")]
    Unauthorized {
        /// True when no credential of any kind came with the request.
        challenge: bool,
    },
    /// 403 `Forbidden`.
    #[error("You are not allowed to perform this action.")]
    Forbidden,
    /// 404 `Not Found`, `Object not found: <id>` (`rest\Action::findModel`).
    #[error("Object not found: {0}")]
    ObjectNotFound(String),
    /// 404 `Not Found`, `Page not found.`: no route under the mount.
    #[error("Page not found.")]
    PageNotFound,
    /// 405 with `Allow` and an empty body: a verb with no route (OptionsAction).
    #[error("Method Not Allowed.")]
    MethodNotAllowed {
        /// The verbs the path accepts.
        allow: &'static str,
    },
    /// 409 `Conflict`: the client has deals and cannot be deleted
    /// (reference/DECISIONS.md "Yii2-style REST").
    #[error("{0}")]
    Conflict(String),
    /// 413 `Request Entity Too Large`: the body is over the limit.
    #[error("The request body is larger than {limit} bytes.")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// 415 `Unsupported Media Type`: a body type the dialect does not read.
    #[error("Unsupported content type: {0}")]
    UnsupportedMediaType(String),
    /// 422 `[{"field","message"}]`: the model did not validate.
    #[error("Data Validation Failed.")]
    Validation(Vec<FieldError>),
    /// 500 `An internal server error occurred.`: a fault of the gateway.
    #[error("An internal server error occurred.")]
    Internal,
    /// 503 `Service Unavailable`: the request ran past its deadline, or the
    /// store stayed busy past its wait; the client may try again later.
    #[error("The request took too long.")]
    Timeout,
}

impl RestError {
    /// Maps a core error; `id` is the path's id for the not-found message.
    pub fn from_core(err: CoreError, id: &str) -> Self {
        match err {
            CoreError::NotFound { .. } => Self::ObjectNotFound(id.to_owned()),
            CoreError::Invalid { field, message } => {
                Self::Validation(vec![FieldError::new(field, message)])
            }
            CoreError::Duplicate { entity, .. } => {
                Self::Conflict(format!("The {entity} already exists."))
            }
            CoreError::HasDependents { entity, dependents } => Self::Conflict(format!(
                "The {entity} cannot be deleted because it has {dependents}."
            )),
            CoreError::Unauthenticated(_) => Self::Unauthorized { challenge: false },
            CoreError::Forbidden(_) => Self::Forbidden,
            CoreError::Unavailable(detail) => {
                tracing::warn!(dialect = "rest", %detail, "store busy");
                Self::Timeout
            }
            CoreError::Internal(detail) => {
                tracing::error!(dialect = "rest", %detail, "internal error");
                Self::Internal
            }
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::ObjectNotFound(_) | Self::PageNotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Timeout => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// Yii's `Response::$httpStatuses` for the statuses this dialect sends.
fn reason(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable entity",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}

impl IntoResponse for RestError {
    fn into_response(self) -> Response {
        let status = self.status();
        // Yii names an error by its status's reason phrase.
        crm_http::outcome::failed(self.answer(status), reason(status))
    }
}

impl RestError {
    fn answer(self, status: StatusCode) -> Response {
        match self {
            Self::Validation(errors) => reply::wrapped(status, &errors),
            Self::MethodNotAllowed { allow } => {
                let mut response = reply::empty(status);
                response
                    .headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static(allow));
                response
            }
            other => {
                let body = ErrorBody {
                    name: reason(status).into(),
                    message: other.to_string(),
                    code: 0,
                    status: status.as_u16(),
                };
                let mut response = reply::wrapped(status, &body);
                if let Self::Unauthorized { challenge: true } = other {
                    response.headers_mut().insert(
                        header::WWW_AUTHENTICATE,
                        HeaderValue::from_static("Bearer realm=\"api\""),
                    );
                }
                response
            }
        }
    }
}

impl From<BodyError> for RestError {
    fn from(err: BodyError) -> Self {
        match err {
            BodyError::TooLarge { limit } => Self::TooLarge { limit },
            BodyError::Unreadable => {
                Self::BadRequest("The request body could not be read.".to_owned())
            }
        }
    }
}

impl Answers for RestError {
    const DIALECT: &'static str = "rest";

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
            (
                CoreError::not_found("client"),
                RestError::ObjectNotFound("7".to_owned()),
            ),
            (
                CoreError::invalid("name", "bad"),
                RestError::Validation(vec![FieldError::new("name", "bad")]),
            ),
            (
                CoreError::Duplicate {
                    entity: "client",
                    existing: None,
                },
                RestError::Conflict("The client already exists.".to_owned()),
            ),
            (
                CoreError::HasDependents {
                    entity: "client",
                    dependents: "deals",
                },
                RestError::Conflict(
                    "The client cannot be deleted because it has deals.".to_owned(),
                ),
            ),
            (
                CoreError::Unauthenticated("x"),
                RestError::Unauthorized { challenge: false },
            ),
            (CoreError::Forbidden("x"), RestError::Forbidden),
            (
                CoreError::Unavailable("busy".to_owned()),
                RestError::Timeout,
            ),
            (CoreError::Internal("db".to_owned()), RestError::Internal),
        ];
        for (core, wire) in cases {
            assert_eq!(RestError::from_core(core, "7"), wire);
        }
    }

    #[test]
    fn reason_phrases_are_yiis() {
        assert_eq!(
            reason(StatusCode::UNPROCESSABLE_ENTITY),
            "Unprocessable entity"
        );
        assert_eq!(
            reason(StatusCode::PAYLOAD_TOO_LARGE),
            "Request Entity Too Large"
        );
        assert_eq!(
            reason(StatusCode::INTERNAL_SERVER_ERROR),
            "Internal Server Error"
        );
    }
}
