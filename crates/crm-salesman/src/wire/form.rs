//! Parameters written the way SalesMan's clients send them, so that the
//! reader of `request.rs` gives back what was written: PHP's
//! `http_build_query` for query strings and form bodies, and a JSON object
//! for JSON mode (reference/salesman.md §2).

use crm_http::{Param, ParamMap};
use serde_json::{Map, Value};

/// `http_build_query($params)` with PHP's defaults: `urlencode` (RFC 1738,
/// space as `+`), brackets percent-encoded, nested arrays as `a[b][c]=v`.
/// An empty array writes nothing, as in PHP.
pub fn http_build_query(params: &ParamMap) -> String {
    let mut pairs = Vec::new();
    for (key, value) in params.iter() {
        build(&urlencode(key), value, &mut pairs);
    }
    pairs.join("&")
}

fn build(prefix: &str, value: &Param, pairs: &mut Vec<String>) {
    match value {
        Param::Str(s) => pairs.push(format!("{prefix}={}", urlencode(s))),
        Param::Map(map) => {
            for (key, value) in map.iter() {
                build(&format!("{prefix}%5B{}%5D", urlencode(key)), value, pairs);
            }
        }
    }
}

/// PHP's `urlencode`: every byte but `A-Z a-z 0-9 - _ .` escaped, space as `+`.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(char::from(b)),
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// The JSON-mode body: every parameter a string, every array an object with
/// its keys as sent (a list's keys are `"0"`, `"1"`, …, which PHP's
/// `json_decode(…, true)` reads as the same array).
pub fn json_body(params: &ParamMap) -> String {
    json_object(params).to_string()
}

fn json_object(params: &ParamMap) -> Value {
    let map: Map<String, Value> = params
        .iter()
        .map(|(key, value)| {
            let value = match value {
                Param::Str(s) => Value::from(s.as_str()),
                Param::Map(m) => json_object(m),
            };
            (key.to_owned(), value)
        })
        .collect();
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, Param)]) -> ParamMap {
        let mut map = ParamMap::new();
        for (k, v) in pairs {
            map.insert((*k).to_owned(), v.clone());
        }
        map
    }

    #[test]
    fn brackets_and_cyrillic_are_encoded_as_php_does() {
        let socials = params(&[("blog", Param::Str("http://a.ru/x y".into()))]);
        let map = params(&[
            ("person", Param::Str("Иван".into())),
            ("socials", Param::Map(socials)),
            ("empty", Param::Str(String::new())),
        ]);
        assert_eq!(
            http_build_query(&map),
            "person=%D0%98%D0%B2%D0%B0%D0%BD&socials%5Bblog%5D=http%3A%2F%2Fa.ru%2Fx+y&empty="
        );
        assert_eq!(
            json_body(&map),
            r#"{"person":"Иван","socials":{"blog":"http://a.ru/x y"},"empty":""}"#
        );
    }
}
