//! `application/x-www-form-urlencoded` pairs, read and written again.

/// The pairs of a query string or form body, decoded.
pub fn pairs(text: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(text)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// `text` with the value of every pair `change` rewrites replaced; the
/// other pairs keep their bytes as written.
pub fn rewrite(text: &str, mut change: impl FnMut(&str, &str) -> Option<String>) -> String {
    text.split('&')
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decoded = |s: &str| {
                url::form_urlencoded::parse(format!("k={s}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default()
            };
            match change(&decoded(key), &decoded(value)) {
                Some(new) => format!("{key}={}", encode(&new)),
                None => pair.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}
