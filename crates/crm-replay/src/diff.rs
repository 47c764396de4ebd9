//! Two answers to the same request compared as each dialect means them:
//! bodies as values (JSON, or XML as a tree), ids through the id map,
//! instants and `sid`s by shape, URLs by path, a secret the record left
//! out as a wildcard; the headers that carry meaning, and the status.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::exchange::{Answer, header};
use crate::ids::{IdMap, kind_of};
use crate::secrets::REDACTED;
use crate::tree;

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    /// Where, with list positions: `body.response.items[3].name`.
    pub path: String,
    /// Where, list positions left out: what differences are grouped by.
    pub field: String,
    /// The recorded value (`(absent)` when there was none).
    pub recorded: String,
    /// The value answered now.
    pub answered: String,
}

/// Headers whose values are part of an answer's meaning.
const COMPARED_HEADERS: &[&str] = &[
    "content-type",
    "location",
    "link",
    "www-authenticate",
    "x-pagination-total-count",
    "x-pagination-page-count",
    "x-pagination-current-page",
    "x-pagination-per-page",
];

const ABSENT: &str = "(absent)";

/// What differs between `recorded` and `answered`, answers of `dialect`,
/// learning the ids `answered` names for the first time.
pub fn compare(
    dialect: &str,
    recorded: &Answer,
    answered: &Answer,
    ids: &mut IdMap,
) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut walk = Walk {
        dialect,
        ids,
        out: &mut out,
    };
    if recorded.status != answered.status {
        walk.differ(
            "status".into(),
            &recorded.status.to_string(),
            &answered.status.to_string(),
        );
    }
    for name in COMPARED_HEADERS {
        let (was, now) = (
            header(&recorded.headers, name),
            header(&answered.headers, name),
        );
        let same = match (was, now) {
            (Some(was), Some(now)) if *name == "link" => links(was) == links(now),
            (Some(was), Some(now)) => walk.same_text(was, now),
            (None, None) => true,
            _ => false,
        };
        if !same {
            walk.differ(
                format!("header.{name}"),
                was.unwrap_or(ABSENT),
                now.unwrap_or(ABSENT),
            );
        }
    }
    let content_type = header(&recorded.headers, "content-type");
    let was = tree::parse(content_type, &recorded.body.text);
    let now = tree::parse(
        header(&answered.headers, "content-type"),
        &answered.body.text,
    );
    walk.value(&mut Place::root(), &was, &now);
    out
}

/// Where in a body the walk stands.
struct Place {
    path: String,
    field: String,
    parent: String,
    key: String,
}

impl Place {
    fn root() -> Self {
        Self {
            path: "body".into(),
            field: "body".into(),
            parent: String::new(),
            key: String::new(),
        }
    }

    fn key(&self, key: &str) -> Self {
        Self {
            path: format!("{}.{key}", self.path),
            field: format!("{}.{key}", self.field),
            parent: self.key.clone(),
            key: key.to_owned(),
        }
    }

    fn index(&self, index: usize) -> Self {
        Self {
            path: format!("{}[{index}]", self.path),
            field: format!("{}[]", self.field),
            parent: self.parent.clone(),
            key: self.key.clone(),
        }
    }
}

struct Walk<'a> {
    dialect: &'a str,
    ids: &'a mut IdMap,
    out: &'a mut Vec<Difference>,
}

impl Walk<'_> {
    fn differ(&mut self, path: String, recorded: &str, answered: &str) {
        self.out.push(Difference {
            field: path.clone(),
            path,
            recorded: recorded.to_owned(),
            answered: answered.to_owned(),
        });
    }

    fn differ_at(&mut self, place: &Place, recorded: &Value, answered: &Value) {
        self.out.push(Difference {
            path: place.path.clone(),
            field: place.field.clone(),
            recorded: shown(recorded),
            answered: shown(answered),
        });
    }

    fn value(&mut self, place: &mut Place, was: &Value, now: &Value) {
        match (was, now) {
            (Value::Object(was), Value::Object(now)) => {
                for (key, value) in was {
                    let other = now.get(key).unwrap_or(&Value::Null);
                    let present = now.contains_key(key);
                    let mut inner = place.key(key);
                    if present {
                        self.value(&mut inner, value, other);
                    } else {
                        self.differ_at(&inner, value, &Value::String(ABSENT.into()));
                    }
                }
                for (key, value) in now.iter().filter(|(k, _)| !was.contains_key(*k)) {
                    self.differ_at(&place.key(key), &Value::String(ABSENT.into()), value);
                }
            }
            (Value::Array(was), Value::Array(now)) => {
                for index in 0..was.len().max(now.len()) {
                    let mut inner = place.index(index);
                    match (was.get(index), now.get(index)) {
                        (Some(a), Some(b)) => self.value(&mut inner, a, b),
                        (a, b) => {
                            let absent = Value::String(ABSENT.into());
                            self.differ_at(&inner, a.unwrap_or(&absent), b.unwrap_or(&absent));
                        }
                    }
                }
            }
            (was, now) if self.same_leaf(place, was, now) => {}
            (was, now) => self.differ_at(place, was, now),
        }
    }

    fn same_leaf(&mut self, place: &Place, was: &Value, now: &Value) -> bool {
        let (Some(a), Some(b)) = (scalar(was), scalar(now)) else {
            return false;
        };
        if let Some(kind) = kind_of(self.dialect, &place.parent, &place.key)
            && !a.is_empty()
            && a != "0"
        {
            return self.ids.agree(kind, &a, &b);
        }
        if place.key == "sid" && is_hex(&b) {
            return a == REDACTED || is_hex(&a);
        }
        if let Some(shape) = chosen_by_server(self.dialect, &place.key) {
            return shape(&a) && shape(&b);
        }
        self.same_text(&a, &b)
    }

    fn same_text(&self, a: &str, b: &str) -> bool {
        a == b
            || (a.contains(REDACTED) && wildcard(a, b))
            || (is_instant(a) && is_instant(b))
            || (is_url(a) && is_url(b) && url_path(a) == url_path(b))
    }
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some("null".into()),
        _ => None,
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Whether `text` fits `pattern`, each `REDACTED` of which stands for any
/// run of characters.
fn wildcard(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split(REDACTED).collect();
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return false;
    };
    if !text.starts_with(first) || !text[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// A field whose value the server picks as it likes, compared by its
/// shape: Eadesk's `avatarBgColor` ("arbitrary but stable", reference
/// eadesk.md §5).
fn chosen_by_server(dialect: &str, key: &str) -> Option<fn(&str) -> bool> {
    match (dialect, key) {
        ("eadesk", "avatarBgColor") => Some(is_color),
        _ => None,
    }
}

fn is_color(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

fn is_hex(text: &str) -> bool {
    text.len() >= 16 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A date, with or without a time: `2026-11-28…`, `28-11-2026…`,
/// `28.11.2026…`. Two instants are the same field whatever their values:
/// a replay runs at another time.
pub fn is_instant(text: &str) -> bool {
    let digits: Vec<usize> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .map(str::len)
        .collect();
    let separators_fit = text
        .chars()
        .all(|c| c.is_ascii_digit() || "-.:/ TZ+".contains(c));
    separators_fit && matches!(digits.as_slice(), [4, 2, 2, ..] | [2, 2, 4, ..])
}

fn is_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

/// A URL's path, its numbers masked (they are ids of either server).
fn url_path(text: &str) -> String {
    let path = url::Url::parse(text)
        .map(|u| u.path().to_owned())
        .unwrap_or_default();
    path.split('/')
        .map(|segment| {
            if crate::classify::is_id(segment) {
                "{id}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A `Link` header as its paths and relations.
fn links(value: &str) -> Vec<(String, String)> {
    value
        .split(',')
        .map(|part| {
            let url = part
                .split('<')
                .nth(1)
                .and_then(|rest| rest.split('>').next())
                .unwrap_or("");
            let rel = part
                .split("rel=")
                .nth(1)
                .unwrap_or("")
                .trim()
                .trim_matches('"');
            (url_path(url), rel.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::exchange::Body;

    fn answer(body: &str) -> Answer {
        Answer {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: Body::of(body.as_bytes(), false),
        }
    }

    #[test]
    fn ids_instants_and_secrets_are_not_findings_and_a_changed_name_is() {
        let mut ids = IdMap::default();
        let was = answer(
            r#"{"_id":"1","name":"Иван","createdAt":"2026-11-27T10:00:00.000Z","contacts":[{"id":"1"}],"link":"http://a/x?token=REDACTED"}"#,
        );
        let now = answer(
            r#"{"_id":"7","name":"Пётр","createdAt":"2026-11-28T11:30:00.000Z","contacts":[{"id":"3"}],"link":"http://a/x?token=abc"}"#,
        );
        let found = compare("eadesk", &was, &now, &mut ids);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path, "body.name");
        assert_eq!(
            (found[0].recorded.as_str(), found[0].answered.as_str()),
            ("Иван", "Пётр")
        );
        let again = answer(
            r#"{"_id":"8","name":"Иван","createdAt":"x","contacts":[{"id":"3"}],"link":"http://a/x?token=abc"}"#,
        );
        let found = compare("eadesk", &was, &again, &mut ids);
        let fields: Vec<&str> = found.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, ["body._id", "body.createdAt"]);
    }

    #[test]
    fn xml_answers_are_compared_as_trees() {
        let xml = |id: &str, sid: &str| {
            Answer {
            status: 200,
            headers: vec![],
            body: Body::of(format!("<?xml version=\"1.0\"?><response status=\"ok\"><sid>{sid}</sid><contact><id>{id}</id><name>A</name></contact></response>").as_bytes(), false),
        }
        };
        let mut ids = IdMap::default();
        let found = compare(
            "planfix",
            &xml("4", REDACTED),
            &xml("9", "0123456789abcdef0123456789abcdef"),
            &mut ids,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn instants_have_a_shape() {
        for text in [
            "2026-11-28",
            "2026-11-28 10:00:00",
            "28-11-2026 10:00",
            "28.11.2026",
            "2026-11-28T10:00:00.000Z",
        ] {
            assert!(is_instant(text), "{text}");
        }
        for text in ["+7 916 000-00-01", "12345", "Иван", "1-2-3"] {
            assert!(!is_instant(text), "{text}");
        }
    }
}
