//! JSON written byte for byte as SalesMan's `json_encode_cyr()` writes it:
//! PHP's `json_encode` with default flags, then the `\uXXXX` escapes of the 66
//! Russian letters put back as raw UTF-8 (reference/salesman.md §4). So `/` is
//! `\/`, Russian letters are raw, and every other non-ASCII character is a
//! lowercase `\uXXXX` escape (a surrogate pair above the BMP).

use std::fmt::Write as _;

use serde_json::Value;

/// Encodes `value` as PHP would. Object keys keep their insertion order.
/// PHP writes an empty array as `[]`: pass `Value::Array` where the original
/// would have had an empty PHP array.
pub fn encode(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, k);
                out.push(':');
                write_value(out, v);
            }
            out.push('}');
        }
    }
}

/// Writes one JSON string literal, quotes included.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' => out.push_str("\\/"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => push_escape(out, c as u32),
            c if c.is_ascii() || is_russian_letter(c) => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    push_escape(out, u32::from(*unit));
                }
            }
        }
    }
    out.push('"');
}

fn push_escape(out: &mut String, unit: u32) {
    let _ = write!(out, "\\u{unit:04x}");
}

/// А-я, Ё and ё: the letters `json_encode_cyr` restores.
fn is_russian_letter(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё')
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn slash_is_escaped_and_russian_is_raw() {
        let v = json!({"result": "Успешно", "url": "http://api.blog.rus/a"});
        assert_eq!(
            encode(&v),
            r#"{"result":"Успешно","url":"http:\/\/api.blog.rus\/a"}"#
        );
    }

    #[test]
    fn other_non_ascii_is_escaped_lowercase() {
        let v = json!("ООО ”Брикет” «№» é Ї 😀");
        assert_eq!(
            encode(&v),
            r#""ООО \u201dБрикет\u201d \u00ab\u2116\u00bb \u00e9 \u0407 \ud83d\ude00""#
        );
    }

    #[test]
    fn yo_is_raw_and_neighbours_are_not() {
        assert_eq!(encode(&json!("Ёё Ѐѐ")), r#""Ёё \u0400\u0450""#);
    }

    #[test]
    fn control_characters_use_short_or_unicode_escapes() {
        assert_eq!(
            encode(&json!("a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{7f}")),
            "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\u{7f}\""
        );
    }

    #[test]
    fn keys_keep_order_and_scalars_print_as_php() {
        let v = json!({"z": 1, "a": [true, false, null, -2, 1.5], "e": [], "o": {}});
        assert_eq!(
            encode(&v),
            r#"{"z":1,"a":[true,false,null,-2,1.5],"e":[],"o":{}}"#
        );
    }
}
