//! A create or update body as Yii's `Request::getBodyParams` reads it: JSON
//! through `JsonParser`, `application/x-www-form-urlencoded` as PHP's
//! `parse_str`, `multipart/form-data` as PHP's `$_POST` (reference/yii.md §4). Unknown keys are kept here and ignored
//! by the mapping, as `Model::load` ignores unsafe attributes.

use crm_http::params::ParamLimits;

use crate::error::RestError;
pub use crate::wire::fields::Fields;
use crate::wire::multipart;

/// One body value, as far as Yii's validators tell values apart.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// JSON `null`.
    Null,
    /// JSON `true` / `false`.
    Bool(bool),
    /// A JSON number, as written.
    Number(serde_json::Number),
    /// A string (every form value is one).
    Str(String),
    /// A JSON array or object, or a PHP bracket array; `true` when empty.
    Array(bool),
}

impl Value {
    /// `Validator::isEmpty`: null, `''` or `[]`.
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Null | Self::Array(true))
            || matches!(self, Self::Str(s) if s.is_empty())
    }

    fn from_json(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Self::Null,
            serde_json::Value::Bool(b) => Self::Bool(b),
            serde_json::Value::Number(n) => Self::Number(n),
            serde_json::Value::String(s) => Self::Str(s),
            serde_json::Value::Array(a) => Self::Array(a.is_empty()),
            serde_json::Value::Object(o) => Self::Array(o.is_empty()),
        }
    }
}

/// The body's top-level keys and values, in order, as the validators see
/// them: read from [`Fields`], which keeps what was sent in full.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    entries: Vec<(String, Value)>,
}

impl From<&Fields> for Input {
    fn from(fields: &Fields) -> Self {
        Self {
            entries: fields
                .iter()
                .map(|(k, v)| (k.to_owned(), Value::from_json(v.clone())))
                .collect(),
        }
    }
}

/// How the body is encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Encoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`, with its whole content type (the boundary).
    Multipart(String),
}

impl Encoding {
    /// The encoding a `Content-Type` names. Without one, a body that starts
    /// with `{` or `[` is JSON and anything else a form, since PHP clients
    /// often post forms without the header.
    pub fn of(content_type: Option<&str>, body: &[u8]) -> Result<Self, RestError> {
        let essence = content_type
            .and_then(|ct| ct.split(';').next())
            .map(|ct| ct.trim().to_ascii_lowercase())
            .unwrap_or_default();
        match essence.as_str() {
            "application/json" => Ok(Self::Json),
            "application/x-www-form-urlencoded" => Ok(Self::Form),
            "multipart/form-data" => {
                let content_type = content_type.unwrap_or_default();
                multipart::check_boundary(content_type)?;
                Ok(Self::Multipart(content_type.to_owned()))
            }
            "" | "text/plain" | "application/octet-stream" => {
                let first = body.iter().find(|b| !b.is_ascii_whitespace());
                Ok(if matches!(first, Some(b'{' | b'[')) {
                    Self::Json
                } else {
                    Self::Form
                })
            }
            other if other.ends_with("+json") => Ok(Self::Json),
            other => Err(RestError::UnsupportedMediaType(
                other.chars().take(64).collect(),
            )),
        }
    }
}

impl Input {
    /// Reads `body` in `encoding`.
    pub fn parse(encoding: Encoding, body: &[u8], limits: ParamLimits) -> Result<Self, RestError> {
        Fields::parse(encoding, body, limits).map(|fields| Self::from(&fields))
    }

    /// The value under `key`, when sent.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: ParamLimits = ParamLimits {
        max_pairs: 100,
        max_depth: 5,
    };

    #[test]
    fn json_and_form_read_the_same_attributes() {
        let json = Input::parse(Encoding::Json, br#"{"name":"A","type":1}"#, LIMITS).unwrap();
        assert_eq!(json.get("name"), Some(&Value::Str("A".to_owned())));
        assert!(matches!(json.get("type"), Some(Value::Number(_))));
        let form = Input::parse(Encoding::Form, b"name=A+b&type=1&x[]=1", LIMITS).unwrap();
        assert_eq!(form.get("name"), Some(&Value::Str("A b".to_owned())));
        assert_eq!(form.get("type"), Some(&Value::Str("1".to_owned())));
        assert_eq!(form.get("x"), Some(&Value::Array(false)));
    }

    #[test]
    fn malformed_bodies_are_bad_requests() {
        for body in [&b"{"[..], b"\"x\"", b"{\"a\":1}}"] {
            let err = Input::parse(Encoding::Json, body, LIMITS).unwrap_err();
            assert!(matches!(err, RestError::BadRequest(_)), "{body:?}");
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(Input::parse(Encoding::Json, deep.as_bytes(), LIMITS).is_err());
        assert!(Input::parse(Encoding::Form, b"a[b][c][d][e][f][g]=1", LIMITS).is_err());
        assert!(Input::parse(Encoding::Form, b"a=%FF", LIMITS).is_err());
    }

    #[test]
    fn content_types_choose_the_parser() {
        let cases = [
            (Some("application/json; charset=UTF-8"), Encoding::Json),
            (Some("Application/X-WWW-Form-Urlencoded"), Encoding::Form),
            (Some("application/vnd.api+json"), Encoding::Json),
            (None, Encoding::Form),
        ];
        for (ct, want) in cases {
            assert_eq!(Encoding::of(ct, b"a=1").unwrap(), want, "{ct:?}");
        }
        assert_eq!(Encoding::of(None, b" {}").unwrap(), Encoding::Json);
        assert_eq!(
            Encoding::of(Some("multipart/form-data; boundary=x"), b"").unwrap(),
            Encoding::Multipart("multipart/form-data; boundary=x".to_owned())
        );
        assert!(Encoding::of(Some("multipart/form-data"), b"").is_err());
        assert!(Encoding::of(Some("text/xml"), b"").is_err());
    }
}
