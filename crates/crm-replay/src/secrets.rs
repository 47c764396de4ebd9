//! Secrets out of a record: tokens, API keys, passwords, Planfix `sid`s and
//! signatures, and every `Authorization`. Each secret a request or its
//! answer carries is found where its dialect puts it, then every copy of it
//! anywhere in the exchange is written `REDACTED`, so a secret echoed in a
//! `Link` header or a body leaves no trace either.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use crate::exchange::{Body, Exchange, header};
use crate::form::pairs;

/// What a secret is written as.
pub const REDACTED: &str = "REDACTED";

/// Parameter and field names whose values are secrets, in every dialect.
const SECRET_KEYS: &[&str] = &[
    "token",
    "access-token",
    "access_token",
    "auth_key",
    "apikey",
    "api_key",
    "password",
    "sid",
    "signature",
];

/// XML elements whose text is a secret (Planfix).
const SECRET_ELEMENTS: &[&str] = &["sid", "signature", "password", "token"];

/// Headers whose whole value is a secret.
const SECRET_HEADERS: &[&str] = &["cookie", "set-cookie", "apikey", "x-api-key"];

/// Shorter values are not taken for secrets: Planfix's session-mode
/// password `x` would otherwise blank every `x` of the record.
const SHORTEST: usize = 4;

/// `exchange` with its account named and its secrets redacted.
pub fn redact(mut exchange: Exchange) -> Exchange {
    let found = secrets(&exchange);
    exchange.account = account(&exchange, &found);
    let authorization =
        header(&exchange.request.headers, "authorization").map(rewrite_authorization);
    let mut secrets: Vec<String> = found.into_iter().filter(|s| s.len() >= SHORTEST).collect();
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    secrets.dedup();
    let blank = |text: &str| blank(text, &secrets);
    let request = &mut exchange.request;
    request.target = blank(&request.target);
    for (name, value) in &mut request.headers {
        *value = if name == "authorization" {
            authorization.clone().unwrap_or_default()
        } else if SECRET_HEADERS.contains(&name.as_str()) {
            REDACTED.to_owned()
        } else {
            blank(value)
        };
    }
    blank_body(&mut request.body, &blank);
    for (name, value) in &mut exchange.answer.headers {
        *value = if SECRET_HEADERS.contains(&name.as_str()) {
            REDACTED.to_owned()
        } else {
            blank(value)
        };
    }
    blank_body(&mut exchange.answer.body, &blank);
    exchange
}

fn blank_body(body: &mut Body, blank: &impl Fn(&str) -> String) {
    if !body.base64 {
        body.text = blank(&body.text);
    }
}

/// `text` with every secret, as written or form-encoded, replaced.
fn blank(text: &str, secrets: &[String]) -> String {
    let mut text = text.to_owned();
    for secret in secrets {
        if text.contains(secret.as_str()) {
            text = text.replace(secret.as_str(), REDACTED);
        }
        let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        if encoded != *secret && text.contains(&encoded) {
            text = text.replace(&encoded, REDACTED);
        }
    }
    text
}

/// Every secret value the exchange carries where a dialect puts one.
fn secrets(exchange: &Exchange) -> Vec<String> {
    let request = &exchange.request;
    let mut found = Vec::new();
    let query = request.target.split_once('?').map_or("", |(_, q)| q);
    found.extend(secret_pairs(pairs(query.as_bytes())));
    for body in [&request.body, &exchange.answer.body] {
        if !body.base64 {
            body_secrets(&body.text, &mut found);
        }
    }
    for (name, value) in &request.headers {
        if name == "authorization" {
            found.extend(authorization_secrets(value));
        } else if SECRET_HEADERS.contains(&name.as_str()) {
            found.push(value.clone());
        }
    }
    found
}

/// The secrets of a body, read as what it looks like: JSON, XML or a form.
fn body_secrets(text: &str, found: &mut Vec<String>) {
    match text.trim_start().as_bytes().first() {
        None => {}
        // Parsed only when a secret's key is there: most answers hold none.
        Some(b'{' | b'[') if SECRET_KEYS.iter().any(|key| has_key(text, key)) => {
            if let Ok(json) = serde_json::from_str::<serde_json::Value>(text) {
                json_secrets(&json, found);
            }
        }
        Some(b'{' | b'[') => {}
        Some(b'<') => {
            for element in SECRET_ELEMENTS {
                found.extend(element_texts(text, element).map(str::to_owned));
            }
        }
        Some(_) => found.extend(secret_pairs(pairs(text.as_bytes()))),
    }
}

/// Whether `"key"` is written in `json`.
fn has_key(json: &str, key: &str) -> bool {
    json.match_indices(key).any(|(at, _)| {
        let before = json[..at].ends_with('"');
        before && json[at + key.len()..].starts_with('"')
    })
}

fn secret_pairs(pairs: Vec<(String, String)>) -> impl Iterator<Item = String> {
    pairs
        .into_iter()
        .filter(|(key, _)| SECRET_KEYS.contains(&key.as_str()))
        .map(|(_, value)| value)
}

fn json_secrets(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(fields) => {
            for (key, field) in fields {
                match field {
                    serde_json::Value::String(text) if SECRET_KEYS.contains(&key.as_str()) => {
                        found.push(text.clone());
                    }
                    other => json_secrets(other, found),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| json_secrets(item, found)),
        _ => {}
    }
}

/// The texts of every `<name>…</name>` of an XML document.
pub fn element_texts<'a>(xml: &'a str, name: &str) -> impl Iterator<Item = &'a str> {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    let mut rest = xml;
    std::iter::from_fn(move || {
        let start = rest.find(&open)? + open.len();
        let end = start + rest[start..].find(&close)?;
        let text = &rest[start..end];
        rest = &rest[end + close.len()..];
        Some(text)
    })
}

/// The two halves of a `Basic` value, decoded.
pub fn basic(value: &str) -> Option<(String, String)> {
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (user, password) = decoded.split_once(':').unwrap_or((&decoded, ""));
    Some((user.to_owned(), password.to_owned()))
}

/// A `Basic` value of `user` and `password`.
pub fn basic_value(user: &str, password: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{user}:{password}")))
}

fn authorization_secrets(value: &str) -> Vec<String> {
    if let Some((user, password)) = basic(value) {
        return vec![user, password];
    }
    match value.trim().split_once(' ') {
        Some((_, token)) => vec![token.trim().to_owned()],
        None => vec![value.to_owned()],
    }
}

/// The `Authorization` value with its secrets redacted and its shape kept:
/// the scheme, and a Planfix session-mode password (`x` or none), which
/// tells a replay which credential to put back.
fn rewrite_authorization(value: &str) -> String {
    if let Some((user, password)) = basic(value) {
        let keep = |part: &str| {
            if part.len() < SHORTEST {
                part.to_owned()
            } else {
                REDACTED.to_owned()
            }
        };
        return basic_value(&keep(&user), &keep(&password));
    }
    match value.trim().split_once(' ') {
        Some((scheme, _)) => format!("{scheme} {REDACTED}"),
        None => REDACTED.to_owned(),
    }
}

/// The account that asked: a Planfix request names it; otherwise the first
/// secret found, fingerprinted.
fn account(exchange: &Exchange, secrets: &[String]) -> String {
    let body = &exchange.request.body.text;
    if let Some(name) = element_texts(body, "account").next() {
        return name.to_owned();
    }
    secrets
        .iter()
        .find(|s| s.len() >= SHORTEST && !looks_like_sid(s, body))
        .map(|s| fingerprint(s))
        .unwrap_or_default()
}

fn looks_like_sid(secret: &str, body: &str) -> bool {
    element_texts(body, "sid").any(|sid| sid == secret)
}

/// 8 hex digits of the SHA-256 of `secret`: names a credential without
/// telling it.
pub fn fingerprint(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    format!(
        "key:{:02x}{:02x}{:02x}{:02x}",
        digest[0], digest[1], digest[2], digest[3]
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn exchange(target: &str, headers: &[(&str, &str)], body: &str, answer: &str) -> Exchange {
        let pairs = |h: &[(&str, &str)]| {
            h.iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        let mut exchange = Exchange::sample("POST", target, body, answer);
        exchange.request.headers = pairs(headers);
        let link = "<http://h/rest/client?access-token=tok12345&page=2>; rel=next";
        exchange.answer.headers = pairs(&[("link", link)]);
        exchange
    }

    #[test]
    fn no_secret_survives_anywhere_in_the_exchange() {
        let key = basic_value("pf_api_key_0123", "x");
        let recorded = redact(exchange(
            "/rest/client?access-token=tok12345&page=1",
            &[
                ("authorization", &key),
                ("apikey", "sm-key-1"),
                ("cookie", "PHPSESSID=abcd"),
            ],
            "<request method=\"auth.login\"><account>acme</account><login>ivan</login><password>secret-pw</password><signature>0a1b2c3d</signature></request>",
            "<response status=\"ok\"><sid>0123456789abcdef</sid></response>",
        ));
        let text = serde_json::to_string(&recorded).unwrap();
        for secret in [
            "tok12345",
            "pf_api_key_0123",
            "sm-key-1",
            "PHPSESSID",
            "secret-pw",
            "0a1b2c3d",
            "0123456789abcdef",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert_eq!(recorded.account, "acme");
        let (user, password) =
            basic(header(&recorded.request.headers, "authorization").unwrap()).unwrap();
        assert_eq!((user.as_str(), password.as_str()), (REDACTED, "x"));
        assert!(recorded.request.body.text.contains("<login>ivan</login>"));
    }

    #[test]
    fn an_account_is_named_by_a_fingerprint_of_its_key() {
        let recorded = redact(exchange(
            "/api/clients/person/read?token=ed_tok_1",
            &[],
            "",
            "[]",
        ));
        assert_eq!(recorded.account, fingerprint("ed_tok_1"));
        assert!(recorded.request.target.ends_with("token=REDACTED"));
    }
}
