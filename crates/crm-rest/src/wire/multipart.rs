//! `multipart/form-data` as PHP fills `$_POST` from it (what a browser's
//! `FormData` and Guzzle's `multipart` option send): the text parts are the
//! fields; a part with a `filename` goes to `$_FILES`, which no attribute
//! reads. The fields are handed on as a URL-encoded form, so PHP's bracket
//! arrays and the parameter limits apply exactly as to a form body.

use regex::bytes::Regex;

use crate::error::RestError;
use crate::pagination::php_urlencode;

/// RFC 2046 §5.1.1: a boundary is 1 to 70 characters.
const MAX_BOUNDARY: usize = 70;

fn malformed() -> RestError {
    RestError::BadRequest("The multipart body is malformed.".to_owned())
}

/// The `boundary` parameter of a `multipart/form-data` content type.
pub fn boundary(content_type: &str) -> Result<String, RestError> {
    content_type
        .split(';')
        .skip(1)
        .filter_map(|param| param.split_once('='))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, value)| value.trim().trim_matches('"').to_owned())
        .filter(|b| !b.is_empty() && b.len() <= MAX_BOUNDARY)
        .ok_or_else(|| RestError::BadRequest("The multipart boundary is missing.".to_owned()))
}

/// The text fields of `body` as `name=value&...`, in order.
pub fn to_form(boundary: &str, body: &[u8]) -> Result<Vec<u8>, RestError> {
    let delimiter = format!("--{boundary}");
    let next =
        Regex::new(&format!("\r\n{}", regex::escape(&delimiter))).map_err(|_| malformed())?;
    let start = Regex::new(&format!("(?:^|\r\n){}", regex::escape(&delimiter)))
        .map_err(|_| malformed())?
        .find(body)
        .ok_or_else(malformed)?;
    let mut rest = body.get(start.end()..).unwrap_or_default();
    let mut pairs: Vec<String> = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            break;
        }
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(malformed)?;
        // Only transport padding may follow a delimiter on its line.
        if !rest[..line_end].iter().all(|b| *b == b' ' || *b == b'\t') {
            return Err(malformed());
        }
        let part_and_rest = &rest[line_end + 2..];
        let end = next.find(part_and_rest).ok_or_else(malformed)?;
        if let Some(pair) = field(&part_and_rest[..end.start()])? {
            pairs.push(pair);
        }
        rest = &part_and_rest[end.end()..];
    }
    Ok(pairs.join("&").into_bytes())
}

/// One part as `name=value`, or `None` for a file or a part without a name.
fn field(part: &[u8]) -> Result<Option<String>, RestError> {
    let (head, content) = if let Some(content) = part.strip_prefix(b"\r\n") {
        (&b""[..], content)
    } else {
        let split = part
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(malformed)?;
        (&part[..split], &part[split + 4..])
    };
    let head = std::str::from_utf8(head).map_err(|_| malformed())?;
    let Some(disposition) = head.split("\r\n").find_map(|line| {
        line.split_once(':')
            .filter(|(name, _)| name.trim().eq_ignore_ascii_case("content-disposition"))
            .map(|(_, value)| value)
    }) else {
        return Ok(None);
    };
    let mut name = None;
    for param in disposition.split(';').skip(1) {
        let Some((key, value)) = param.split_once('=') else {
            continue;
        };
        match key.trim().to_ascii_lowercase().as_str() {
            "name" => name = Some(value.trim().trim_matches('"')),
            "filename" => return Ok(None),
            _ => {}
        }
    }
    let value = std::str::from_utf8(content)
        .map_err(|_| RestError::BadRequest("The request body is not valid UTF-8.".to_owned()))?;
    Ok(name
        .filter(|n| !n.is_empty())
        .map(|n| format!("{}={}", php_urlencode(n), php_urlencode(value))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(body: &str) -> Result<String, RestError> {
        to_form("XyZ", body.as_bytes()).map(|b| String::from_utf8(b).unwrap_or_default())
    }

    #[test]
    fn text_parts_become_form_fields_and_files_are_skipped() {
        let body = "preamble\r\n--XyZ\r\n\
            Content-Disposition: form-data; name=\"name\"\r\n\r\n\
            Иван a&b\r\n\
            --XyZ  \r\n\
            content-disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\n\
            Content-Type: image/png\r\n\r\n\
            \u{1}PNG\r\n--XyZ\r\n\
            Content-Disposition: form-data; name=\"user[x]\"\r\n\r\n\
            \r\n--XyZ--\r\nepilogue";
        assert_eq!(
            form(body).unwrap(),
            "name=%D0%98%D0%B2%D0%B0%D0%BD+a%26b&user%5Bx%5D="
        );
        assert_eq!(form("--XyZ--").unwrap(), "");
    }

    #[test]
    fn broken_bodies_are_bad_requests() {
        for body in [
            "",
            "no delimiter",
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated",
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nno blank line\r\n--XyZ--",
            "--XyZjunk\r\n\r\nx\r\n--XyZ--",
        ] {
            assert!(
                matches!(form(body), Err(RestError::BadRequest(_))),
                "{body:?}"
            );
        }
    }

    #[test]
    fn the_boundary_comes_from_the_content_type() {
        assert_eq!(
            boundary("multipart/form-data; charset=utf-8; Boundary=\"a b\"").unwrap(),
            "a b"
        );
        assert!(boundary("multipart/form-data").is_err());
        assert!(boundary(&format!("multipart/form-data; boundary={}", "x".repeat(71))).is_err());
    }
}
