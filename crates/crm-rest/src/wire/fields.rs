//! A create or update body in full: every top-level key with the whole value
//! sent under it, readable from and writable to JSON, a form and multipart.
//! [`crate::wire::Input`] is what the validators make of it.

use crm_http::params::{Param, ParamLimits, parse_query};
use serde_json::{Map, Value};

use crate::error::RestError;
use crate::wire::input::Encoding;
use crate::wire::multipart;
use crm_http::php_query::urlencode as php_urlencode;

/// The body's top-level keys and values, in order. A form's bracket arrays
/// are objects of strings (`x[]=1` is `{"x": {"0": "1"}}`), as PHP sees them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    entries: Vec<(String, Value)>,
}

/// A value a form or multipart body cannot carry: forms hold only strings
/// and non-empty arrays of them, under keys PHP keeps as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a form cannot carry {key} as sent")]
pub struct Unrepresentable {
    /// The (bracketed) name of the value.
    pub key: String,
}

impl Fields {
    /// Reads `body` in `encoding`, as Yii's `getBodyParams` does.
    pub fn parse(encoding: Encoding, body: &[u8], limits: ParamLimits) -> Result<Self, RestError> {
        match encoding {
            Encoding::Json => Self::json(body),
            Encoding::Form => Self::form(body, limits),
            Encoding::Multipart(content_type) => {
                let form = multipart::to_form(&content_type, body, limits.max_pairs)?;
                Self::form(&form, limits)
            }
        }
    }

    fn json(body: &[u8]) -> Result<Self, RestError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self::default());
        }
        // Yii's JsonParser passes PHP's `json_last_error_msg()` on.
        let value: Value = serde_json::from_slice(body).map_err(|_| {
            RestError::BadRequest("Invalid JSON data in request body: Syntax error.".to_owned())
        })?;
        match value {
            Value::Object(object) => Ok(Self {
                entries: object.into_iter().collect(),
            }),
            // PHP decodes a JSON list to an array with keys 0, 1, ...: no attribute.
            Value::Array(_) => Ok(Self::default()),
            _ => Err(RestError::BadRequest(
                "Invalid JSON data in request body: an object is expected.".to_owned(),
            )),
        }
    }

    fn form(body: &[u8], limits: ParamLimits) -> Result<Self, RestError> {
        let map =
            parse_query(body, limits).map_err(|err| RestError::BadRequest(err.to_string()))?;
        Ok(Self {
            entries: map
                .iter()
                .map(|(k, v)| (k.to_owned(), from_param(v)))
                .collect(),
        })
    }

    /// These fields with `key` set to `value`: in place when already sent,
    /// else appended.
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        let (key, value) = (key.into(), value.into());
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.entries.push((key, value)),
        }
        self
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The JSON body a client sends: one object, keys in order.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let object: Map<String, Value> = self.entries.iter().cloned().collect();
        serde_json::to_string(&object)
    }

    /// The `application/x-www-form-urlencoded` body, written as PHP's
    /// `http_build_query` writes it (`x%5Bk%5D=v`).
    pub fn to_form(&self) -> Result<String, Unrepresentable> {
        let pairs: Vec<String> = self
            .form_pairs()?
            .into_iter()
            .map(|(name, value)| format!("{}={}", php_urlencode(&name), php_urlencode(value)))
            .collect();
        Ok(pairs.join("&"))
    }

    /// The `multipart/form-data` body with `boundary`, one text part a
    /// field, as a browser's `FormData` sends it.
    pub fn to_multipart(&self, boundary: &str) -> Result<String, Unrepresentable> {
        let delimiter = format!("\r\n--{boundary}");
        let mut body = String::new();
        for (name, value) in self.form_pairs()? {
            // RFC 7578 §4.2 quotes the name: a quote or line break would end it.
            if name.contains(['"', '\r', '\n']) || value.contains(&delimiter) {
                return Err(Unrepresentable { key: name });
            }
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        Ok(body)
    }

    /// Every string with its bracketed name, depth first.
    fn form_pairs(&self) -> Result<Vec<(String, &str)>, Unrepresentable> {
        let mut out = Vec::new();
        for (key, value) in &self.entries {
            // PHP renames a base name with a space or dot and splits on brackets.
            if key.is_empty() || key.contains([' ', '.', '[', ']', '\0']) {
                return Err(Unrepresentable { key: key.clone() });
            }
            flatten(key.clone(), value, &mut out)?;
        }
        Ok(out)
    }
}

fn flatten<'a>(
    name: String,
    value: &'a Value,
    out: &mut Vec<(String, &'a str)>,
) -> Result<(), Unrepresentable> {
    match value {
        Value::String(s) => out.push((name, s)),
        Value::Object(map) if !map.is_empty() => {
            for (sub, v) in map {
                // An empty or blank-led segment is PHP's `[]` or is trimmed.
                let first_blank = sub.starts_with([' ', '\t', '\r', '\n']);
                if sub.is_empty() || first_blank || sub.contains(['[', ']', '\0']) {
                    return Err(Unrepresentable {
                        key: format!("{name}[{sub}]"),
                    });
                }
                flatten(format!("{name}[{sub}]"), v, out)?;
            }
        }
        _ => return Err(Unrepresentable { key: name }),
    }
    Ok(())
}

fn from_param(param: &Param) -> Value {
    match param {
        Param::Str(s) => Value::String(s.clone()),
        Param::Map(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.to_owned(), from_param(v)))
                .collect(),
        ),
    }
}
