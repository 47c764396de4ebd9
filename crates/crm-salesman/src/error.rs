//! The whole SalesMan error table. Every answer is HTTP 200; the error lives in
//! the body (reference/salesman.md §1, §4; DECISIONS.md "SalesMan").

use std::time::Duration;

use axum::response::{IntoResponse, Response};
use crm_core::CoreError;
use crm_http::body::BodyError;
use crm_http::dialect::Answers;
use serde_json::Value;
use thiserror::Error;

use crate::reply;
use crate::wire::{Failure, JsonAnswer, Scalar};

/// What the dialect answers instead of a result.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SalesmanError {
    /// 400 (integer code): missing or unknown `apikey`.
    #[error("bad api key")]
    BadKey,
    /// 401 (integer code): `login` names no active user of the key's account.
    #[error("unknown user")]
    UnknownUser,
    /// 402 (integer code, no `result` key): `action` is not one of the seven.
    #[error("unknown action")]
    UnknownAction,
    /// 404 (integer code, no `result` key): a path under the mount that is not
    /// the person script.
    #[error("unknown path")]
    UnknownPath,
    /// "403": the pid is not a live person of the caller's account.
    #[error("person not found")]
    NotFound,
    /// "405": `pid` is missing.
    #[error("pid missing")]
    NoPid,
    /// "405": `person` is missing or empty.
    #[error("person missing")]
    NoName,
    /// "405": the call carries nothing to work with (`persons` of add.list).
    #[error("parameters missing")]
    Missing,
    /// "405": a parameter has a value the gateway cannot use; the text says which.
    #[error("invalid parameter: {0}")]
    Invalid(String),
    /// "406": `add` found a live person with the same name (and tel/mail).
    #[error("duplicate of {pid}")]
    Duplicate {
        /// The existing person's full name.
        name: String,
        /// Its pid.
        pid: i64,
    },
    /// "406": `delete` of a person with deals.
    #[error("person has deals")]
    HasDeals,
    /// "413": the body is larger than the configured limit.
    #[error("body too large")]
    TooLarge,
    /// "408": the request ran past the gateway's deadline, or the store
    /// stayed busy past its wait; the client may try again later.
    #[error("request took too long")]
    Timeout,
    /// "500": a fault of the gateway; logged where it happened, no detail sent.
    #[error("internal error")]
    Internal,
}

impl SalesmanError {
    /// The body, exactly as SalesMan spells it.
    pub fn body(&self) -> Value {
        self.failure().to_value()
    }

    /// The error's code, as `failure` writes it.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadKey => "400",
            Self::UnknownUser => "401",
            Self::UnknownAction => "402",
            Self::NotFound => "403",
            Self::UnknownPath => "404",
            Self::NoPid | Self::NoName | Self::Missing | Self::Invalid(_) => "405",
            Self::Duplicate { .. } | Self::HasDeals => "406",
            Self::Timeout => "408",
            Self::TooLarge => "413",
            Self::Internal => "500",
        }
    }

    /// The body as the wire value it is written from.
    pub fn failure(&self) -> Failure {
        match self {
            Self::BadKey => failed(Scalar::Int(400), "Не верный API key"),
            Self::UnknownUser => failed(Scalar::Int(401), "Неизвестный пользователь"),
            // person.php (v1 and v2) answers 402 without "result".
            Self::UnknownAction => unmarked(402, "Неизвестный метод"),
            Self::UnknownPath => unmarked(404, "Неизвестный метод"),
            Self::NotFound => failed(
                "403".into(),
                "Клиент с указанным pid не найден в пределах аккаунта указанного пользователя",
            ),
            Self::NoPid => failed("405".into(), "Отсутствуют параметры - pid контакта"),
            Self::NoName => failed("405".into(), "Отсутствуют параметры - Имя контакта"),
            Self::Missing => failed("405".into(), "Отсутствуют параметры"),
            Self::Invalid(what) => {
                failed("405".into(), &format!("Некорректные параметры - {what}"))
            }
            // The spec's short text when the core found a duplicate without naming it.
            Self::Duplicate { name, .. } if name.is_empty() => {
                failed("406".into(), "Найден существующий контакт")
            }
            Self::Duplicate { name, pid } => failed(
                "406".into(),
                &format!("Найден существующий контакт - {name} (pid = {pid}). Запрос отклонен."),
            ),
            Self::HasDeals => failed("406".into(), "Удаление контакта невозможно - есть сделки"),
            Self::TooLarge => failed("413".into(), "Превышен допустимый размер запроса"),
            Self::Timeout => failed("408".into(), "Превышено время ожидания запроса"),
            Self::Internal => failed("500".into(), "Внутренняя ошибка сервера"),
        }
    }
}

fn failed(code: Scalar, text: &str) -> Failure {
    Failure {
        result: Some("Error".to_owned()),
        code,
        text: text.to_owned(),
    }
}

fn unmarked(code: i64, text: &str) -> Failure {
    Failure {
        result: None,
        code: Scalar::Int(code),
        text: text.to_owned(),
    }
}

impl From<CoreError> for SalesmanError {
    fn from(err: CoreError) -> Self {
        match err {
            CoreError::NotFound { .. } | CoreError::Forbidden(_) => Self::NotFound,
            CoreError::Invalid { field, message } => Self::Invalid(format!("{field}: {message}")),
            CoreError::Duplicate { existing, .. } => Self::Duplicate {
                name: String::new(),
                pid: existing.unwrap_or_default(),
            },
            CoreError::HasDependents { .. } => Self::HasDeals,
            CoreError::Unauthenticated(_) => Self::UnknownUser,
            CoreError::Unavailable(detail) => {
                tracing::warn!(%detail, "salesman: store busy");
                Self::Timeout
            }
            CoreError::Internal(detail) => {
                tracing::error!(%detail, "salesman: internal error");
                Self::Internal
            }
        }
    }
}

impl IntoResponse for SalesmanError {
    fn into_response(self) -> Response {
        crm_http::outcome::failed(reply::json(&self.body()), self.code())
    }
}

/// A body the gateway could not read whole is answered as one past the
/// limit.
impl From<BodyError> for SalesmanError {
    fn from(_: BodyError) -> Self {
        Self::TooLarge
    }
}

impl Answers for SalesmanError {
    const DIALECT: &'static str = "salesman";

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
    use crm_http::php_json::encode;

    #[test]
    fn auth_errors_have_integer_codes() {
        assert_eq!(
            encode(&SalesmanError::BadKey.body()),
            r#"{"result":"Error","error":{"code":400,"text":"Не верный API key"}}"#
        );
        assert_eq!(
            encode(&SalesmanError::UnknownAction.body()),
            r#"{"error":{"code":402,"text":"Неизвестный метод"}}"#
        );
    }

    #[test]
    fn method_errors_have_string_codes() {
        assert_eq!(
            encode(&SalesmanError::NoPid.body()),
            r#"{"result":"Error","error":{"code":"405","text":"Отсутствуют параметры - pid контакта"}}"#
        );
    }

    #[test]
    fn core_errors_map_to_the_table() {
        assert_eq!(
            SalesmanError::from(CoreError::not_found("client")),
            SalesmanError::NotFound
        );
        assert_eq!(
            SalesmanError::from(CoreError::HasDependents {
                entity: "client",
                dependents: "deals"
            }),
            SalesmanError::HasDeals
        );
        assert_eq!(
            SalesmanError::from(CoreError::Unavailable("pool timed out".into())),
            SalesmanError::Timeout
        );
        assert_eq!(
            SalesmanError::from(CoreError::Internal("db down".into())),
            SalesmanError::Internal
        );
    }
}
