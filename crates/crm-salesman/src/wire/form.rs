//! Parameters written the way SalesMan's clients send them, so that the
//! reader of `request.rs` gives back what was written: PHP's
//! `http_build_query` for query strings and form bodies, and a JSON object
//! for JSON mode (reference/salesman.md §2).

pub use crm_http::php_query::urlencode;
use crm_http::{Param, ParamMap};
use serde_json::{Map, Value};

/// `http_build_query($params)` as PHP writes it.
pub fn http_build_query(params: &ParamMap) -> String {
    crm_http::php_query::http_build_query(params.iter())
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
