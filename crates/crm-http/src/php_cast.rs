//! PHP's scalar casts and `trim`, for the dialects whose originals read
//! parameters with them: a value the original accepted must read the same.

/// PHP's `trim($text)` with its default characters: space, tab, newline,
/// carriage return, NUL and vertical tab.
pub fn php_trim(text: &str) -> &str {
    text.trim_matches([' ', '\t', '\n', '\r', '\0', '\x0B'])
}

/// PHP's `(int)` cast of a query value: leading blanks, an optional sign, then
/// as many digits as there are (`"10abc"` is 10, `"abc"` is 0); out of range
/// saturates as PHP 7 does on 64 bits.
pub fn php_int(text: &str) -> i64 {
    let s = text.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut value: i64 = 0;
    for b in digits.bytes().take_while(u8::is_ascii_digit) {
        let digit = i64::from(b - b'0');
        value = match value.checked_mul(10).and_then(|v| {
            if negative {
                v.checked_sub(digit)
            } else {
                v.checked_add(digit)
            }
        }) {
            Some(v) => v,
            None => return if negative { i64::MIN } else { i64::MAX },
        };
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn php_trim_removes_the_six_default_characters_only() {
        assert_eq!(php_trim(" \t\n\r\0\x0Ba b\x0B\0\r\n\t "), "a b");
        assert_eq!(php_trim("\u{a0}x\u{a0}"), "\u{a0}x\u{a0}");
    }

    #[test]
    fn php_int_reads_leading_digits() {
        let cases = [
            ("10", 10),
            ("10abc", 10),
            (" 7", 7),
            ("abc", 0),
            ("", 0),
            ("-5", -5),
            ("+3", 3),
            ("1e2", 1),
            ("99999999999999999999999", i64::MAX),
            ("-99999999999999999999999", i64::MIN),
        ];
        for (text, want) in cases {
            assert_eq!(php_int(text), want, "{text:?}");
        }
    }
}
