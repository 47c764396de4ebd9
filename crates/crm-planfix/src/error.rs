//! The Planfix error table (reference/planfix.md §5): every error is HTTP 200
//! with `<response status="error"><code>NNNN</code><message>…</message></response>`.

use std::time::Duration;

use axum::response::{IntoResponse, Response};
use crm_core::CoreError;
use crm_http::body::BodyError;
use crm_http::dialect::Answers;

use crate::reply;

/// Everything this dialect answers with `status="error"`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanfixError {
    /// `0001`: missing or unknown API key (Basic user name).
    #[error("0001")]
    BadApiKey,
    /// `0003`: the body is not a well-formed, allowed XML request.
    #[error("0003: {0}")]
    MalformedXml(String),
    /// `0004`: `<account>` names no account or another account than the key.
    #[error("0004")]
    UnknownAccount,
    /// `0005`: the sid is unknown or expired.
    #[error("0005")]
    BadSession,
    /// `0006`: a present signature does not match.
    #[error("0006")]
    BadSignature,
    /// `0007`: the request ran past the gateway's time limit, or the store
    /// stayed busy past its wait; the client may try again later.
    #[error("0007: {0}")]
    TooSlow(String),
    /// `0008`: unknown `method`.
    #[error("0008")]
    UnknownMethod,
    /// `0009`: a required parameter is missing; names it.
    #[error("0009: {0}")]
    MissingParameter(&'static str),
    /// `0012`: neither sid nor token (or an unknown token).
    #[error("0012")]
    NoSession,
    /// `0015`: a parameter has a value the dialect cannot accept.
    #[error("0015: {0}")]
    InvalidValue(String),
    /// `0018`: a documented option the gateway does not implement.
    #[error("0018: {0}")]
    NotImplemented(String),
    /// `1001`: `auth.login` with a wrong login or password.
    #[error("1001")]
    BadLogin,
    /// `8001`: the caller lacks the rights (not an administrator).
    #[error("8001")]
    NoRights,
    /// `8002`: the contact does not exist (foreign and deleted ids too).
    #[error("8002")]
    ContactNotFound,
    /// `8004`: the change cannot be made (a contact with deals cannot be deleted).
    #[error("8004: {0}")]
    UpdateFailed(String),
    /// `8006`: the contact has no Planfix access.
    #[error("8006")]
    NoPlanfixAccess,
    /// `8007`: the e-mail is not unique.
    #[error("8007")]
    NotUnique,
    /// `8010`: the e-mail address is not valid.
    #[error("8010")]
    BadEmail,
    /// `0000`: a fault of the gateway; logged, answered without detail.
    #[error("0000")]
    Internal,
}

impl PlanfixError {
    /// The four-digit code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadApiKey => "0001",
            Self::MalformedXml(_) => "0003",
            Self::UnknownAccount => "0004",
            Self::BadSession => "0005",
            Self::BadSignature => "0006",
            Self::TooSlow(_) => "0007",
            Self::UnknownMethod => "0008",
            Self::MissingParameter(_) => "0009",
            Self::NoSession => "0012",
            Self::InvalidValue(_) => "0015",
            Self::NotImplemented(_) => "0018",
            Self::BadLogin => "1001",
            Self::NoRights => "8001",
            Self::ContactNotFound => "8002",
            Self::UpdateFailed(_) => "8004",
            Self::NoPlanfixAccess => "8006",
            Self::NotUnique => "8007",
            Self::BadEmail => "8010",
            Self::Internal => "0000",
        }
    }

    /// The `<message>` text: the wiki's Russian sentence, plus what exactly
    /// was wrong where that helps the caller.
    pub fn message(&self) -> String {
        let (base, detail): (&str, Option<&str>) = match self {
            // The one real capture has an empty message for 0001 (reference/planfix.md §4).
            Self::BadApiKey => ("", None),
            Self::MalformedXml(d) => ("Ошибка XML разбора. Некорректный XML", Some(d)),
            Self::UnknownAccount => ("Неизвестный аккаунт", None),
            Self::BadSession => (
                "Ключ сессии недействителен (время жизни сессии истекло)",
                None,
            ),
            Self::BadSignature => ("Неверная подпись", None),
            Self::TooSlow(d) => ("Превышен лимит использования ресурсов", Some(d)),
            Self::UnknownMethod => ("Неизвестное имя функции", None),
            Self::MissingParameter(d) => (
                "Отсутствует один из обязательных параметров функции",
                Some(d),
            ),
            Self::NoSession => (
                "Отсутствует сессия, не передан параметр сессии в запрос",
                None,
            ),
            Self::InvalidValue(d) => ("Недопустимое значение параметра", Some(d)),
            Self::NotImplemented(d) => ("Функции/функционал не реализована", Some(d)),
            Self::BadLogin => ("Неверный логин или пароль", None),
            Self::NoRights => (
                "На выполнение данного запроса отсутствуют права (привилегии)",
                None,
            ),
            Self::ContactNotFound => ("Контакт не существует", None),
            Self::UpdateFailed(d) => ("Ошибка обновления данных", Some(d)),
            Self::NoPlanfixAccess => ("Контакту не предоставлен доступ в ПланФикс", None),
            Self::NotUnique => ("E-mail, указанный для логина, не уникален", None),
            Self::BadEmail => ("Указан некорректный e-mail адрес", None),
            Self::Internal => ("Внутренняя ошибка сервера", None),
        };
        match detail {
            Some(d) if !d.is_empty() => format!("{base}: {d}"),
            _ => base.to_owned(),
        }
    }
}

impl From<CoreError> for PlanfixError {
    fn from(err: CoreError) -> Self {
        match err {
            CoreError::NotFound { .. } => Self::ContactNotFound,
            CoreError::Invalid { field, message } => {
                Self::InvalidValue(format!("{field}: {message}"))
            }
            CoreError::Duplicate { .. } => Self::NotUnique,
            CoreError::HasDependents { entity, dependents } => {
                Self::UpdateFailed(format!("the {entity} has {dependents}"))
            }
            CoreError::Unauthenticated(_) => Self::NoSession,
            CoreError::Forbidden(_) => Self::NoRights,
            CoreError::Unavailable(detail) => {
                tracing::warn!(%detail, "planfix: try later");
                Self::TooSlow("busy, or a limit was reached; try again later".to_owned())
            }
            CoreError::Internal(detail) => {
                tracing::error!(%detail, "planfix request failed");
                Self::Internal
            }
        }
    }
}

impl IntoResponse for PlanfixError {
    fn into_response(self) -> Response {
        reply::error(&self)
    }
}

/// A body Planfix cannot read whole is XML it cannot parse.
impl From<BodyError> for PlanfixError {
    fn from(err: BodyError) -> Self {
        Self::MalformedXml(err.to_string())
    }
}

impl Answers for PlanfixError {
    const DIALECT: &'static str = "planfix";

    fn expired(after: Duration) -> Self {
        Self::TooSlow(format!(
            "the request took longer than {} ms",
            after.as_millis()
        ))
    }

    fn internal() -> Self {
        Self::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_store_is_0007_and_a_fault_is_0000() {
        let busy = PlanfixError::from(CoreError::Unavailable("pool timed out".to_owned()));
        assert_eq!(busy.code(), "0007");
        assert_eq!(
            busy.message(),
            "Превышен лимит использования ресурсов: busy, or a limit was reached; try again later"
        );
        let fault = PlanfixError::from(CoreError::Internal("disk".to_owned()));
        assert_eq!(
            (fault.code(), fault.message().as_str()),
            ("0000", "Внутренняя ошибка сервера")
        );
    }
}
