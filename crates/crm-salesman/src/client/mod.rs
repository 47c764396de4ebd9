//! The client half: the calls of `/developer/v2/person` sent to a real
//! SalesMan, written with `op::Call` and read with the `wire` answers, over
//! the shared upstream client.

mod credentials;
mod error;

use axum::http::Method;
use crm_core::ClientId;
use crm_http::client::{Call as HttpCall, Retry, Upstream};
use serde_json::Value;

pub use credentials::Credentials;
pub use error::ClientError;

use crate::MOUNT;
use crate::op::{Call, ListArgs, Op, PersonInput, View};
use crate::wire::form::http_build_query;
use crate::wire::{Batch, Done, Failure, FieldTitles, Info, JsonAnswer, List, Scalar};

/// A SalesMan account reached through its API. Cheap to clone; clones share
/// the upstream's connection pool and breaker.
#[derive(Debug, Clone)]
pub struct SalesmanClient {
    upstream: Upstream,
    credentials: Credentials,
}

impl SalesmanClient {
    /// A client of the account `credentials` name, at `upstream`'s base URL.
    pub fn new(upstream: Upstream, credentials: Credentials) -> Self {
        Self {
            upstream,
            credentials,
        }
    }

    /// `fields`: the column titles.
    pub async fn fields(&self) -> Result<FieldTitles, ClientError> {
        self.call(Op::Fields, Retry::Once).await
    }

    /// `list`: one page (200 rows) of persons, filtered and ordered by `args`.
    pub async fn list(&self, args: &ListArgs) -> Result<List, ClientError> {
        self.call(Op::List(args.clone()), Retry::Once).await
    }

    /// `info`: one person, with the columns of `view`.
    pub async fn info(&self, pid: ClientId, view: &View) -> Result<Info, ClientError> {
        let view = view.clone();
        self.call(Op::Info { pid, view }, Retry::Once).await
    }

    /// `add`: one new person; a duplicate is refused with `"406"`.
    pub async fn add(&self, person: &PersonInput) -> Result<Done, ClientError> {
        self.call(Op::Add(person.clone()), Retry::Never).await
    }

    /// `add.list`: several persons, answered one entry per person in order.
    pub async fn add_list(&self, persons: &[PersonInput]) -> Result<Batch, ClientError> {
        let entries = persons.iter().cloned().map(Ok).collect();
        self.call(Op::AddList(entries), Retry::Never).await
    }

    /// `update`: the values `person` carries; the others stay.
    pub async fn update(&self, pid: ClientId, person: &PersonInput) -> Result<Done, ClientError> {
        let input = person.clone();
        self.call(Op::Update { pid, input }, Retry::Never).await
    }

    /// `delete`: the person; one with deals is refused with `"406"`.
    pub async fn delete(&self, pid: ClientId) -> Result<Done, ClientError> {
        self.call(Op::Delete { pid }, Retry::Never).await
    }

    /// POSTs the call as a form, as the official examples do
    /// (reference/salesman.md §2), and reads the answer as `T`.
    async fn call<T: JsonAnswer>(&self, op: Op, retry: Retry) -> Result<T, ClientError> {
        let call = Call {
            login: self.credentials.login.clone(),
            apikey: self.credentials.apikey.clone(),
            op,
        };
        let body = http_build_query(&call.to_params()?);
        let request = HttpCall::new(Method::POST, MOUNT, retry)
            .with_body("application/x-www-form-urlencoded", body);
        let answer = self.upstream.send(&request).await?;
        read(&answer.body)
    }
}

/// Every SalesMan answer is HTTP 200 (reference/salesman.md §1): an error is
/// told apart by an `error` object in the body. The 2024 v2 code also sends
/// `"error":""` beside a success, which is not one, and refuses a delete with
/// `"error":"<text>"` and no code (§6 "delete"), which is.
fn read<T: JsonAnswer>(body: &[u8]) -> Result<T, ClientError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|err| ClientError::Unreadable(format!("not JSON: {err}")))?;
    match value.as_object().and_then(|map| map.get("error")) {
        Some(Value::Object(_)) => Err(ClientError::Refused(Failure::from_value(value)?)),
        Some(Value::String(text)) if !text.is_empty() => Err(ClientError::Refused(Failure {
            result: value
                .get("result")
                .and_then(Value::as_str)
                .map(str::to_owned),
            code: Scalar::Null,
            text: text.clone(),
        })),
        _ => Ok(T::from_value(value)?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_object_or_text_is_refused_and_an_empty_error_string_is_not() {
        let refused = read::<Done>(br#"{"error":{"code":402,"text":"Unknown"}}"#);
        assert_eq!(
            refused,
            Err(ClientError::Refused(Failure {
                result: None,
                code: Scalar::Int(402),
                text: "Unknown".to_owned(),
            }))
        );
        let done = read::<Done>(br#"{"result":"ok","data":7,"error":""}"#).unwrap();
        assert_eq!(done.data, Scalar::Int(7));
        let kept = read::<Done>(br#"{"result":"Not deleted","error":"Has deals","data":7}"#);
        assert_eq!(
            kept,
            Err(ClientError::Refused(Failure {
                result: Some("Not deleted".to_owned()),
                code: Scalar::Null,
                text: "Has deals".to_owned(),
            }))
        );
    }

    #[test]
    fn html_is_unreadable() {
        let err = read::<List>(b"<html>oops</html>").unwrap_err();
        assert!(matches!(err, ClientError::Unreadable(_)), "{err:?}");
    }
}
