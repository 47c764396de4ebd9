use crm_http::{ParamsError, params::decoded_pairs};

use crate::error::EadeskError;

/// The query string, decoded strictly: percent escapes must form UTF-8
/// (axum's `Query` would replace bad bytes silently, reference/reliability.md §1.9).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses `a=1&b=2` with the shared decoder (`+` is a space, a key
    /// without `=` has an empty value), brackets in keys left as they are.
    /// A key given twice is refused: which one was meant cannot be known.
    pub fn parse(raw: &str, max_pairs: usize) -> Result<Self, EadeskError> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for pair in decoded_pairs(raw.as_bytes(), max_pairs) {
            let (key, value) = pair.map_err(refused)?;
            if pairs.iter().any(|(k, _)| *k == key) {
                return Err(EadeskError::invalid(format!(
                    "query parameter {key} is given more than once"
                )));
            }
            pairs.push((key, value));
        }
        Ok(Self { pairs })
    }

    /// The value of `key`, when given and not empty: a JavaScript client
    /// builds its query from an options object, and an option left
    /// `undefined` goes out as `key=`, meaning "not set" to the server.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// True when `key` is given, whatever its value (even empty).
    pub fn has(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }

    /// These parameters with `key` set to `value`: in place when already
    /// given (a query never holds a key twice), else appended.
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let (key, value) = (key.into(), value.into());
        match self.pairs.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.pairs.push((key, value)),
        }
        self
    }

    /// The pairs in order, as decoded.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The query string a client sends (without `?`); [`Self::parse`] reads
    /// it back equal. Every pair is written `key=value`: a bare key reads as
    /// an empty value anyway.
    pub fn to_query(&self) -> String {
        let pairs: Vec<String> = self
            .pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect();
        pairs.join("&")
    }
}

/// JavaScript's `encodeURIComponent`, as the real client library builds its
/// query (tests/captures/yeahdesk: `search=%5C%2B7%20%5C(900%5C)%20571-83-48`).
/// Space is `%20`, not `+`: the decoder reads both as a space.
pub(crate) fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(char::from(b)),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn refused(err: ParamsError) -> EadeskError {
    EadeskError::invalid(match err {
        ParamsError::TooManyPairs(max) => format!("more than {max} query parameters"),
        ParamsError::NotUtf8(_) => "query string is not valid UTF-8".to_owned(),
        // Keys are not nested here, so no depth is ever exceeded.
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_captured_search() {
        let p = Params::parse(
            "token=t&search=%5C%2B7%20%5C(900%5C)%20571-83-48&needExistingRecords=true",
            1000,
        )
        .unwrap();
        assert_eq!(p.get("search"), Some(r"\+7 \(900\) 571-83-48"));
        assert_eq!(p.get("token"), Some("t"));
        assert!(p.has("needExistingRecords"));
    }

    #[test]
    fn bare_key_is_present_and_plus_is_space() {
        let p = Params::parse("needExistingRecords&search=a+b", 1000).unwrap();
        assert!(p.has("needExistingRecords"));
        assert_eq!(p.get("needExistingRecords"), None);
        assert_eq!(p.get("search"), Some("a b"));
        assert!(!p.has("id"));
    }

    #[test]
    fn refuses_bad_utf8_duplicates_and_floods() {
        assert_eq!(
            Params::parse("search=%C8%E2", 1000).unwrap_err(),
            EadeskError::invalid("query string is not valid UTF-8")
        );
        assert_eq!(
            Params::parse("id=1&id=2", 1000).unwrap_err(),
            EadeskError::invalid("query parameter id is given more than once")
        );
        assert_eq!(
            Params::parse("a=1&b=2&c=3", 2).unwrap_err(),
            EadeskError::invalid("more than 2 query parameters")
        );
    }
}
