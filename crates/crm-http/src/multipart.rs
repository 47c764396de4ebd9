//! `multipart/form-data` bodies as PHP fills `$_POST` from them: the text
//! parts are the fields, parts with a `filename` (PHP's `$_FILES`) are
//! skipped. Parsed by multer, the parser axum's own extractor uses.

use std::convert::Infallible;

use bytes::Bytes;
use futures_util::FutureExt;
use futures_util::stream;

/// Why a multipart body cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MultipartError {
    /// The content type names no boundary.
    #[error("the multipart boundary is missing")]
    NoBoundary,
    /// More text parts than the caller allows.
    #[error("more than {0} multipart fields")]
    TooManyFields(usize),
    /// The body does not follow RFC 7578, or a text part is not UTF-8.
    #[error("the multipart body is malformed: {0}")]
    Malformed(String),
}

/// Checks that a content type names a boundary, before any body is read.
pub fn check_boundary(content_type: &str) -> Result<(), MultipartError> {
    multer::parse_boundary(content_type)
        .map(drop)
        .map_err(|_| MultipartError::NoBoundary)
}

/// The text fields of `body`, in order, as `(name, value)`; at most
/// `max_fields` of them.
pub fn text_fields(
    content_type: &str,
    body: Bytes,
    max_fields: usize,
) -> Result<Vec<(String, String)>, MultipartError> {
    let boundary = multer::parse_boundary(content_type).map_err(|_| MultipartError::NoBoundary)?;
    let chunks = stream::once(async move { Ok::<Bytes, Infallible>(body) });
    let mut multipart = multer::Multipart::new(chunks, boundary);
    let mut fields = Vec::new();
    // The whole body is already in memory, so every step is ready at once.
    let malformed = |err: multer::Error| MultipartError::Malformed(err.to_string());
    let pending = || MultipartError::Malformed("body ended early".to_owned());
    while let Some(field) = multipart
        .next_field()
        .now_or_never()
        .ok_or_else(pending)?
        .map_err(malformed)?
    {
        if field.file_name().is_some() {
            continue;
        }
        let name = field.name().unwrap_or_default().to_owned();
        // multer's `text()` would swap bad bytes for U+FFFD and lose them.
        let bytes = field
            .bytes()
            .now_or_never()
            .ok_or_else(pending)?
            .map_err(malformed)?;
        let value = String::from_utf8(bytes.to_vec())
            .map_err(|_| MultipartError::Malformed(format!("field {name} is not UTF-8")))?;
        if fields.len() == max_fields {
            return Err(MultipartError::TooManyFields(max_fields));
        }
        fields.push((name, value));
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CURL: &str = "--XyZ\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nadd\r\n\
        --XyZ\r\nContent-Disposition: form-data; name=\"socials[skype]\"\r\n\r\nваня\r\n\
        --XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\
        Content-Type: text/plain\r\n\r\nbytes\r\n--XyZ--\r\n";

    fn parse(content_type: &str, body: &str) -> Result<Vec<(String, String)>, MultipartError> {
        text_fields(content_type, Bytes::from(body.to_owned()), 10)
    }

    #[test]
    fn text_parts_are_fields_and_files_are_skipped() {
        let fields = parse("multipart/form-data; boundary=XyZ", CURL).unwrap_or_default();
        let expected = [("action", "add"), ("socials[skype]", "ваня")];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        assert_eq!(fields, expected);
    }

    #[test]
    fn a_content_type_without_boundary_is_refused() {
        assert_eq!(
            parse("multipart/form-data", CURL),
            Err(MultipartError::NoBoundary)
        );
    }

    #[test]
    fn a_truncated_body_is_malformed() {
        let cut = &CURL[..60];
        let err = parse("multipart/form-data; boundary=XyZ", cut);
        assert!(matches!(err, Err(MultipartError::Malformed(_))), "{err:?}");
    }

    #[test]
    fn a_field_that_is_not_utf8_is_malformed() {
        let mut body = b"--X\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n".to_vec();
        body.extend_from_slice(&[0xff, 0xfe]);
        body.extend_from_slice(b"\r\n--X--\r\n");
        let err = text_fields("multipart/form-data; boundary=X", Bytes::from(body), 10);
        assert_eq!(
            err,
            Err(MultipartError::Malformed("field a is not UTF-8".to_owned()))
        );
    }

    #[test]
    fn fields_past_the_limit_are_refused() {
        let err = text_fields("multipart/form-data; boundary=XyZ", Bytes::from(CURL), 1);
        assert_eq!(err, Err(MultipartError::TooManyFields(1)));
    }
}
