//! PHP's `http_build_query`, the writer whose output
//! [`parse_query`](crate::params::parse_query) reads back: how the PHP
//! clients of SalesMan and the Yii REST API write query strings and form
//! bodies.

use crate::Param;

/// `http_build_query($params)` with PHP's defaults: [`urlencode`] (RFC 1738,
/// space as `+`), brackets percent-encoded, nested arrays as `a[b][c]=v`,
/// depth first. An empty array writes nothing, as in PHP.
pub fn http_build_query<'a>(params: impl IntoIterator<Item = (&'a str, &'a Param)>) -> String {
    let mut pairs = Vec::new();
    for (key, value) in params {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ParamMap;
    use crate::params::{ParamLimits, parse_query};

    #[test]
    fn urlencode_escapes_as_php_does() {
        assert_eq!(urlencode("a b+c/д~*"), "a+b%2Bc%2F%D0%B4%7E%2A");
    }

    #[test]
    fn nested_arrays_are_written_depth_first_and_read_back_equal() {
        let text = "login=ivan&filter%5Bname%5D=%D0%98%D0%B2%D0%B0%D0%BD&filter%5Btel%5D%5B0%5D=1";
        let read: ParamMap = parse_query(
            text.as_bytes(),
            ParamLimits {
                max_pairs: 10,
                max_depth: 4,
            },
        )
        .unwrap();
        assert_eq!(http_build_query(read.iter()), text);
    }
}
