//! A person record as `info` and `list` write it: the columns `fields=` chose,
//! in its order, each an integer, a string or null (reference/salesman.md §6).

use serde_json::{Map, Value};

use super::Social;
use super::answer::AnswerError;

/// One value of a record or of a write's `data`. The original mixes integers
/// and strings for the same column (`list` sends `"pid":2`, `info` `"pid":"2"`),
/// so the choice is kept as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scalar {
    /// A JSON integer.
    Int(i64),
    /// A JSON string.
    Text(String),
    /// `null`: a column with no value.
    Null,
}

impl Scalar {
    /// The JSON value.
    pub fn to_value(&self) -> Value {
        match self {
            Self::Int(n) => Value::from(*n),
            Self::Text(s) => Value::from(s.as_str()),
            Self::Null => Value::Null,
        }
    }

    /// Reads an integer, string or null; `what` names the place in errors.
    pub fn from_value(value: Value, what: &str) -> Result<Self, AnswerError> {
        match value {
            Value::Null => Ok(Self::Null),
            Value::String(s) => Ok(Self::Text(s)),
            Value::Number(n) => n
                .as_i64()
                .map(Self::Int)
                .ok_or_else(|| AnswerError::shape(what, "an integer")),
            _ => Err(AnswerError::shape(what, "an integer, a string or null")),
        }
    }
}

impl From<&str> for Scalar {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}

/// One person as `info` or `list` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// Column name (`pid`, `client`, `user`, `input1`, ...) and value, in order.
    pub values: Vec<(String, Scalar)>,
    /// `socials` (only with `socinfo=yes`): every slot, empty when unset.
    pub socials: Option<Vec<(Social, String)>>,
}

impl Record {
    /// Sets `key`; a key already there keeps its place, as in a PHP array.
    pub fn insert(&mut self, key: &str, value: Scalar) {
        match self.values.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.values.push((key.to_owned(), value)),
        }
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Scalar> {
        self.values.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The JSON object.
    pub fn to_value(&self) -> Value {
        let mut out: Map<String, Value> = self
            .values
            .iter()
            .map(|(k, v)| (k.clone(), v.to_value()))
            .collect();
        if let Some(socials) = &self.socials {
            let socials = socials
                .iter()
                .map(|(slot, v)| (slot.name().to_owned(), Value::from(v.as_str())))
                .collect();
            out.insert("socials".to_owned(), Value::Object(socials));
        }
        Value::Object(out)
    }

    /// Reads a record object; `socials` must name known slots with strings.
    pub fn from_value(value: Value) -> Result<Self, AnswerError> {
        let Value::Object(object) = value else {
            return Err(AnswerError::shape("record", "an object"));
        };
        let mut record = Self::default();
        for (key, value) in object {
            if key == "socials" {
                record.socials = Some(socials(value)?);
            } else {
                let value = Scalar::from_value(value, &key)?;
                record.values.push((key, value));
            }
        }
        Ok(record)
    }
}

fn socials(value: Value) -> Result<Vec<(Social, String)>, AnswerError> {
    let Value::Object(object) = value else {
        return Err(AnswerError::shape("socials", "an object"));
    };
    object
        .into_iter()
        .map(|(name, value)| {
            let slot =
                Social::parse(&name).ok_or_else(|| AnswerError::shape(&name, "a social slot"))?;
            match value {
                Value::String(s) => Ok((slot, s)),
                _ => Err(AnswerError::shape(&name, "a string")),
            }
        })
        .collect()
}
