use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::EadeskError;

// The bodies serialize as a client sends them: a field that is not set is
// left out, which reads back as the same value (absent and null are alike).

/// The body of `create` and `update/:id`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PersonInput {
    /// `name`; absent or null when not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `description`; absent or null when not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `segments`; `[]` when absent or null (spec: "не может быть undefined/null,
    /// по умолчанию будет создан пустой массив").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<String>,
}

/// The body of `contacts/create/:contact_id`: all three fields required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactInput {
    /// `value`.
    pub value: String,
    /// `type`, as sent.
    #[serde(rename = "type")]
    pub kind: String,
    /// `service`, as sent.
    pub service: String,
    /// `origin`, when the client names one (reference/DECISIONS.md "Eadesk").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// The body of `contacts/update/:id`: `value` optional, `type` and `service` required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactUpdateInput {
    /// `value`; kept when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// `type`, as sent.
    #[serde(rename = "type")]
    pub kind: String,
    /// `service`, as sent.
    pub service: String,
}

impl PersonInput {
    /// The JSON body a client sends; [`Self::from_json`] reads it back equal.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Reads the JSON body; unknown keys are ignored (`_id`, `accountId`,
    /// `status` are never settable).
    pub fn from_json(body: &[u8]) -> Result<Self, EadeskError> {
        let map = object(body)?;
        Ok(Self {
            name: opt_string(&map, "name")?,
            description: opt_string(&map, "description")?,
            segments: string_list(&map, "segments")?,
        })
    }
}

impl ContactInput {
    /// The JSON body a client sends; [`Self::from_json`] reads it back equal.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Reads the JSON body.
    pub fn from_json(body: &[u8]) -> Result<Self, EadeskError> {
        let map = object(body)?;
        Ok(Self {
            value: required(&map, "value")?,
            kind: required(&map, "type")?,
            service: required(&map, "service")?,
            origin: opt_string(&map, "origin")?,
        })
    }
}

impl ContactUpdateInput {
    /// The JSON body a client sends; [`Self::from_json`] reads it back equal.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Reads the JSON body.
    pub fn from_json(body: &[u8]) -> Result<Self, EadeskError> {
        let map = object(body)?;
        Ok(Self {
            value: opt_string(&map, "value")?,
            kind: required(&map, "type")?,
            service: required(&map, "service")?,
        })
    }
}

/// The body as a JSON object. An empty body reads as `{}`: the real client
/// sends `Content-Length: 0` labelled JSON (captures/INDEX.md, yeahdesk).
/// A leading UTF-8 byte order mark is skipped, as Express's body-parser
/// (iconv-lite decoding) skips it.
fn object(body: &[u8]) -> Result<Map<String, Value>, EadeskError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(EadeskError::invalid("request body must be a JSON object")),
        Err(err) => Err(EadeskError::invalid(format!("malformed JSON body: {err}"))),
    }
}

fn opt_string(map: &Map<String, Value>, key: &str) -> Result<Option<String>, EadeskError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(EadeskError::invalid(format!("{key} must be a string"))),
    }
}

fn required(map: &Map<String, Value>, key: &str) -> Result<String, EadeskError> {
    opt_string(map, key)?.ok_or_else(|| EadeskError::invalid(format!("{key} is required")))
}

fn string_list(map: &Map<String, Value>, key: &str) -> Result<Vec<String>, EadeskError> {
    let refuse = || EadeskError::invalid(format!("{key} must be an array of strings"));
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned).ok_or_else(refuse))
            .collect(),
        Some(_) => Err(refuse()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(err: EadeskError) -> String {
        match err {
            EadeskError::Invalid(m) => m,
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn empty_body_is_an_empty_person() {
        assert_eq!(PersonInput::from_json(b"").unwrap(), PersonInput::default());
        assert_eq!(
            PersonInput::from_json(b" \n").unwrap(),
            PersonInput::default()
        );
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let input = PersonInput::from_json(b"\xEF\xBB\xBF{\"name\":\"A\"}").unwrap();
        assert_eq!(input.name.as_deref(), Some("A"));
        assert_eq!(
            PersonInput::from_json(b"\xEF\xBB\xBF").unwrap(),
            PersonInput::default()
        );
    }

    #[test]
    fn null_segments_are_empty_and_unknown_keys_ignored() {
        let input =
            PersonInput::from_json(br#"{"name":"A","segments":null,"_id":"9","status":"deleted"}"#)
                .unwrap();
        assert_eq!(input.name.as_deref(), Some("A"));
        assert!(input.segments.is_empty());
    }

    #[test]
    fn wrong_types_name_the_field() {
        let cases: [(&[u8], &str); 4] = [
            (br#"{"name":5}"#, "name must be a string"),
            (br#"{"description":[]}"#, "description must be a string"),
            (
                br#"{"segments":"a"}"#,
                "segments must be an array of strings",
            ),
            (
                br#"{"segments":["a",1]}"#,
                "segments must be an array of strings",
            ),
        ];
        for (body, want) in cases {
            assert_eq!(message(PersonInput::from_json(body).unwrap_err()), want);
        }
    }

    #[test]
    fn non_object_and_malformed_bodies_are_refused() {
        assert_eq!(
            message(PersonInput::from_json(b"[1]").unwrap_err()),
            "request body must be a JSON object"
        );
        assert!(
            message(PersonInput::from_json(b"{\"name\":").unwrap_err())
                .starts_with("malformed JSON body: ")
        );
    }

    #[test]
    fn contact_fields_are_required_in_order() {
        let cases: [(&[u8], &str); 3] = [
            (br#"{}"#, "value is required"),
            (br#"{"value":"x"}"#, "type is required"),
            (br#"{"value":"x","type":"mail"}"#, "service is required"),
        ];
        for (body, want) in cases {
            assert_eq!(message(ContactInput::from_json(body).unwrap_err()), want);
        }
    }

    #[test]
    fn contact_update_value_is_optional() {
        let input = ContactUpdateInput::from_json(br#"{"type":"mail","service":"mail"}"#).unwrap();
        assert_eq!(input.value, None);
        assert_eq!(input.kind, "mail");
    }
}
