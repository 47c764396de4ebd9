//! `multipart/form-data` as PHP fills `$_POST` from it (what a browser's
//! `FormData` and Guzzle's `multipart` option send): the text parts are the
//! fields, file parts are skipped (crm-http parses). The fields are handed on
//! as a URL-encoded form, so PHP's bracket arrays and the parameter limits
//! apply exactly as to a form body.

use bytes::Bytes;
use crm_http::multipart::{self as parse, MultipartError, text_fields};

use crate::error::RestError;
use crm_http::php_query::urlencode as php_urlencode;

fn bad_request(err: MultipartError) -> RestError {
    let message = match err {
        MultipartError::NoBoundary => "The multipart boundary is missing.".to_owned(),
        MultipartError::TooManyFields(n) => format!("The multipart body has more than {n} fields."),
        MultipartError::Malformed(_) => "The multipart body is malformed.".to_owned(),
    };
    RestError::BadRequest(message)
}

/// Checks that `content_type` names a boundary, before the body is read.
pub fn check_boundary(content_type: &str) -> Result<(), RestError> {
    parse::check_boundary(content_type).map_err(bad_request)
}

/// The text fields of `body` as `name=value&...`, in order; unnamed parts
/// are dropped as PHP drops them.
pub fn to_form(content_type: &str, body: &[u8], max_fields: usize) -> Result<Vec<u8>, RestError> {
    let fields =
        text_fields(content_type, Bytes::copy_from_slice(body), max_fields).map_err(bad_request)?;
    let pairs: Vec<String> = fields
        .iter()
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, value)| format!("{}={}", php_urlencode(name), php_urlencode(value)))
        .collect();
    Ok(pairs.join("&").into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPE: &str = "multipart/form-data; boundary=XyZ";

    fn form(body: &str) -> Result<String, RestError> {
        to_form(TYPE, body.as_bytes(), 100).map(|b| String::from_utf8(b).unwrap_or_default())
    }

    #[test]
    fn text_parts_become_form_fields_and_files_are_skipped() {
        let body = "preamble\r\n--XyZ\r\n\
            Content-Disposition: form-data; name=\"name\"\r\n\r\n\
            Иван a&b\r\n\
            --XyZ\r\n\
            content-disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\n\
            Content-Type: image/png\r\n\r\n\
            \u{1}PNG\r\n--XyZ\r\n\
            Content-Disposition: form-data; name=\"user[x]\"\r\n\r\n\
            \r\n--XyZ--\r\nepilogue";
        assert_eq!(
            form(body).unwrap(),
            "name=%D0%98%D0%B2%D0%B0%D0%BD+a%26b&user%5Bx%5D="
        );
    }

    #[test]
    fn broken_bodies_are_bad_requests() {
        for body in [
            "",
            "no delimiter",
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated",
        ] {
            assert!(
                matches!(form(body), Err(RestError::BadRequest(_))),
                "{body:?}"
            );
        }
    }

    #[test]
    fn the_boundary_comes_from_the_content_type() {
        assert!(check_boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"").is_ok());
        assert!(check_boundary("multipart/form-data").is_err());
    }
}
