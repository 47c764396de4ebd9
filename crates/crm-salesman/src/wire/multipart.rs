//! `multipart/form-data` bodies, enough of RFC 7578 for PHP clients posting
//! `CURLOPT_POSTFIELDS` as an array: text fields only, files are skipped
//! (reference/salesman.md §2).

/// The boundary of a `multipart/form-data` content type, if it names one.
pub fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty() && b.len() <= 200)
    })
}

/// The text fields of the body, in order, as `(name, value)`. `Err` says why
/// the body cannot be read.
pub fn fields(body: &[u8], boundary: &str) -> Result<Vec<(String, String)>, &'static str> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut rest = match find(body, delimiter) {
        Some(i) => &body[i + delimiter.len()..],
        None => return Err("граница multipart не найдена"),
    };
    let mut out = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Ok(out);
        }
        rest = strip_line_end(rest).ok_or("испорченный разделитель multipart")?;
        let (head_len, sep_len) = find(rest, b"\r\n\r\n")
            .map(|i| (i, 4))
            .or_else(|| find(rest, b"\n\n").map(|i| (i, 2)))
            .ok_or("испорченные заголовки части multipart")?;
        let head = std::str::from_utf8(&rest[..head_len])
            .map_err(|_| "заголовки части multipart не в UTF-8")?;
        rest = &rest[head_len + sep_len..];
        let end = find(rest, delimiter).ok_or("незавершённое тело multipart")?;
        let mut content = &rest[..end];
        content = content.strip_suffix(b"\n").unwrap_or(content);
        content = content.strip_suffix(b"\r").unwrap_or(content);
        rest = &rest[end + delimiter.len()..];
        let Some((name, is_file)) = disposition(head) else {
            continue;
        };
        if is_file {
            continue;
        }
        let value = String::from_utf8(content.to_vec())
            .map_err(|_| "значение части multipart не в UTF-8")?;
        out.push((name, value));
    }
}

fn strip_line_end(s: &[u8]) -> Option<&[u8]> {
    s.strip_prefix(b"\r\n").or_else(|| s.strip_prefix(b"\n"))
}

/// `name` of a `Content-Disposition: form-data` header, and whether it is a file.
fn disposition(head: &str) -> Option<(String, bool)> {
    let line = head.lines().find(|l| {
        l.split_once(':')
            .is_some_and(|(h, _)| h.trim().eq_ignore_ascii_case("content-disposition"))
    })?;
    let (_, value) = line.split_once(':')?;
    let mut name = None;
    let mut is_file = false;
    for param in value.split(';').skip(1) {
        let Some((k, v)) = param.split_once('=') else {
            continue;
        };
        let v = v.trim().trim_matches('"').to_owned();
        match k.trim().to_ascii_lowercase().as_str() {
            "name" => name = Some(v),
            "filename" => is_file = true,
            _ => {}
        }
    }
    Some((name?, is_file))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_style_body_yields_text_fields_and_skips_files() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nadd\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"socials[skype]\"\r\n\r\nваня\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nbytes\r\n\
                    --XyZ--\r\n";
        assert_eq!(
            fields(body.as_bytes(), "XyZ"),
            Ok(vec![
                ("action".to_owned(), "add".to_owned()),
                ("socials[skype]".to_owned(), "ваня".to_owned()),
            ])
        );
    }

    #[test]
    fn boundary_is_read_from_the_content_type() {
        assert_eq!(
            boundary("multipart/form-data; boundary=\"a b\"").as_deref(),
            Some("a b")
        );
        assert_eq!(boundary("multipart/form-data"), None);
    }

    #[test]
    fn truncated_body_is_refused() {
        let body = b"--X\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue";
        assert_eq!(fields(body, "X"), Err("незавершённое тело multipart"));
        assert_eq!(fields(b"garbage", "X"), Err("граница multipart не найдена"));
    }
}
