//! Every body `/developer/v2/person` answers, as values a server writes and a
//! client reads (reference/salesman.md §4, §6). Writing goes through PHP's
//! `json_encode` rules (`crm_http::php_json`); reading takes any JSON.

use crm_http::php_json;
use serde_json::{Map, Value};
use thiserror::Error;

use super::record::{Record, Scalar};

/// Why bytes are not the answer they were read as.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnswerError {
    /// Not JSON at all.
    #[error("not JSON: {0}")]
    Json(String),
    /// JSON, but not of this answer's shape.
    #[error("{what}: expected {expected}")]
    Shape {
        /// The key or part that is wrong.
        what: String,
        /// What it should have been.
        expected: &'static str,
    },
}

impl AnswerError {
    pub(crate) fn shape(what: &str, expected: &'static str) -> Self {
        Self::Shape {
            what: what.to_owned(),
            expected,
        }
    }
}

/// An answer body that can be written as the PHP service writes it and read
/// back from bytes a server sent.
pub trait JsonAnswer: Sized {
    /// The JSON value, keys in the order the original writes them.
    fn to_value(&self) -> Value;

    /// Reads the value.
    fn from_value(value: Value) -> Result<Self, AnswerError>;

    /// The body bytes, as `json_encode_cyr()` writes them.
    fn encode(&self) -> String {
        php_json::encode(&self.to_value())
    }

    /// Reads a body.
    fn parse(bytes: &[u8]) -> Result<Self, AnswerError> {
        let value = serde_json::from_slice(bytes).map_err(|e| AnswerError::Json(e.to_string()))?;
        Self::from_value(value)
    }
}

fn object(value: Value, what: &str) -> Result<Map<String, Value>, AnswerError> {
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(AnswerError::shape(what, "an object")),
    }
}

fn string(value: Option<Value>, what: &str) -> Result<String, AnswerError> {
    match value {
        Some(Value::String(s)) => Ok(s),
        _ => Err(AnswerError::shape(what, "a string")),
    }
}

/// What a write answers: `add`, `update`, `delete` and each good add.list
/// entry, `{"result":"Успешно","data":<pid>}` (plus `social` after a change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    /// `result`: `Успешно`, or the update's "identical data" sentence.
    pub result: String,
    /// `data`: the pid, an integer except after a changing update.
    pub data: Scalar,
    /// `social`: the update's note that the socials were rewritten.
    pub social: Option<String>,
}

impl JsonAnswer for Done {
    fn to_value(&self) -> Value {
        let mut out = Map::new();
        out.insert("result".to_owned(), Value::from(self.result.as_str()));
        out.insert("data".to_owned(), self.data.to_value());
        if let Some(social) = &self.social {
            out.insert("social".to_owned(), Value::from(social.as_str()));
        }
        Value::Object(out)
    }

    fn from_value(value: Value) -> Result<Self, AnswerError> {
        let mut map = object(value, "answer")?;
        Ok(Self {
            result: string(map.remove("result"), "result")?,
            data: Scalar::from_value(map.remove("data").unwrap_or(Value::Null), "data")?,
            social: map
                .remove("social")
                .map(|v| string(Some(v), "social"))
                .transpose()?,
        })
    }
}

/// An error: `{"result":"Error","error":{"code":…,"text":…}}`; 402 and 404
/// have no `result`, and 400/401/402/404 have integer codes, the rest strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// `result`, when sent (always `Error`).
    pub result: Option<String>,
    /// `error.code`, an integer or a string as the original chose.
    pub code: Scalar,
    /// `error.text`.
    pub text: String,
}

impl JsonAnswer for Failure {
    fn to_value(&self) -> Value {
        let mut error = Map::new();
        error.insert("code".to_owned(), self.code.to_value());
        error.insert("text".to_owned(), Value::from(self.text.as_str()));
        let mut out = Map::new();
        if let Some(result) = &self.result {
            out.insert("result".to_owned(), Value::from(result.as_str()));
        }
        out.insert("error".to_owned(), Value::Object(error));
        Value::Object(out)
    }

    fn from_value(value: Value) -> Result<Self, AnswerError> {
        let mut map = object(value, "answer")?;
        let result = map
            .remove("result")
            .map(|v| string(Some(v), "result"))
            .transpose()?;
        let mut error = object(map.remove("error").unwrap_or(Value::Null), "error")?;
        Ok(Self {
            result,
            code: Scalar::from_value(error.remove("code").unwrap_or(Value::Null), "error.code")?,
            text: string(error.remove("text"), "error.text")?,
        })
    }
}

/// One entry of the add.list answer, in the place of the person it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchEntry {
    /// The person was added.
    Done(Done),
    /// The person was refused.
    Failed(Failure),
}

/// `add.list`: one answer per sent person, as a JSON array.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch(pub Vec<BatchEntry>);

impl JsonAnswer for Batch {
    fn to_value(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|entry| match entry {
                    BatchEntry::Done(done) => done.to_value(),
                    BatchEntry::Failed(failure) => failure.to_value(),
                })
                .collect(),
        )
    }

    fn from_value(value: Value) -> Result<Self, AnswerError> {
        let Value::Array(items) = value else {
            return Err(AnswerError::shape("answer", "an array"));
        };
        items
            .into_iter()
            .map(|item| match &item {
                Value::Object(map) if map.contains_key("error") => {
                    Failure::from_value(item).map(BatchEntry::Failed)
                }
                _ => Done::from_value(item).map(BatchEntry::Done),
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }
}

/// `fields`: `{"data":{"pid":"<title>",…}}`, in the spec's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldTitles(pub Vec<(String, String)>);

impl JsonAnswer for FieldTitles {
    fn to_value(&self) -> Value {
        let data = self
            .0
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
            .collect();
        let mut out = Map::new();
        out.insert("data".to_owned(), Value::Object(data));
        Value::Object(out)
    }

    fn from_value(value: Value) -> Result<Self, AnswerError> {
        let data = object(
            object(value, "answer")?
                .remove("data")
                .unwrap_or(Value::Null),
            "data",
        )?;
        data.into_iter()
            .map(|(k, v)| string(Some(v), &k).map(|v| (k, v)))
            .collect::<Result<_, _>>()
            .map(Self)
    }
}

/// `info`: `{"data":{…one person…}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Info {
    /// The person.
    pub data: Record,
}

impl JsonAnswer for Info {
    fn to_value(&self) -> Value {
        let mut out = Map::new();
        out.insert("data".to_owned(), self.data.to_value());
        Value::Object(out)
    }

    fn from_value(value: Value) -> Result<Self, AnswerError> {
        let data = object(value, "answer")?
            .remove("data")
            .unwrap_or(Value::Null);
        Ok(Self {
            data: Record::from_value(data)?,
        })
    }
}

/// `list`: `{"data":[…],"count":N}`; reference/salesman.md §4: an empty page
/// has no `data` key at all, only `{"count":N}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct List {
    /// The persons of the page.
    pub data: Vec<Record>,
    /// `count`: every person the query matches.
    pub count: u64,
}

impl JsonAnswer for List {
    fn to_value(&self) -> Value {
        let mut out = Map::new();
        if !self.data.is_empty() {
            let data = self.data.iter().map(Record::to_value).collect();
            out.insert("data".to_owned(), Value::Array(data));
        }
        out.insert("count".to_owned(), Value::from(self.count));
        Value::Object(out)
    }

    fn from_value(value: Value) -> Result<Self, AnswerError> {
        let mut map = object(value, "answer")?;
        let data = match map.remove("data") {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .into_iter()
                .map(Record::from_value)
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(AnswerError::shape("data", "an array")),
        };
        let count = map
            .remove("count")
            .and_then(|c| c.as_u64())
            .ok_or_else(|| AnswerError::shape("count", "a non-negative integer"))?;
        Ok(Self { data, count })
    }
}

/// What a call that succeeded answers: one of the success bodies above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Success {
    /// `add`, `update`, `delete`.
    Done(Done),
    /// `add.list`.
    Batch(Batch),
    /// `fields`.
    Fields(FieldTitles),
    /// `info`.
    Info(Info),
    /// `list`.
    List(List),
}

impl Success {
    /// The JSON value of whichever body this is.
    pub fn to_value(&self) -> Value {
        match self {
            Self::Done(body) => body.to_value(),
            Self::Batch(body) => body.to_value(),
            Self::Fields(body) => body.to_value(),
            Self::Info(body) => body.to_value(),
            Self::List(body) => body.to_value(),
        }
    }
}
