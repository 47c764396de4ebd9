//! Which dialect a request speaks and which of its calls it makes, from
//! the request alone: a record made in front of any server (the real CRM
//! included) names them as the gateway would.

use crate::exchange::{Exchange, header};
use crate::form::pairs;

/// `exchange` with its dialect and operation named from its request.
pub fn complete(mut exchange: Exchange) -> Exchange {
    let request = &exchange.request;
    let path = request.target.split('?').next().unwrap_or_default();
    exchange.dialect = dialect(path).to_owned();
    exchange.operation = operation(
        &exchange.dialect,
        &request.method,
        &request.target,
        &request.headers,
        &request.body.bytes(),
    );
    exchange
}

/// The dialects, by where their calls live.
const MOUNTS: &[(&str, &str)] = &[
    ("/api/clients/person", "eadesk"),
    ("/rest/client", "rest"),
    ("/developer/v2/person", "salesman"),
    ("/xml", "planfix"),
];

/// `name` as one of the dialects' own names, or `other`.
pub fn dialect_name(name: &str) -> &'static str {
    MOUNTS
        .iter()
        .map(|(_, dialect)| *dialect)
        .find(|dialect| *dialect == name)
        .unwrap_or("other")
}

/// The dialect a path belongs to, or `other`.
pub fn dialect(path: &str) -> &'static str {
    MOUNTS
        .iter()
        .find(|(mount, _)| {
            path.strip_prefix(mount)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '.', '?']))
        })
        .map_or("other", |(_, dialect)| dialect)
}

/// The call a request makes in its dialect: Eadesk's path below the mount
/// with ids as `{id}`, REST's verb and path, SalesMan's `action`,
/// Planfix's `method`.
pub fn operation(
    dialect: &str,
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> String {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    match dialect {
        "eadesk" => shape(path.trim_start_matches("/api/clients/person/")),
        "rest" => format!("{method} {}", shape(path)),
        "salesman" => {
            salesman_action(query, headers, body).unwrap_or_else(|| "(no action)".to_owned())
        }
        "planfix" => planfix_method(body).unwrap_or_else(|| "(no method)".to_owned()),
        _ => format!("{method} {path}"),
    }
}

/// A path with every segment that names a record written `{id}`.
fn shape(path: &str) -> String {
    path.split('/')
        .map(|segment| if is_id(segment) { "{id}" } else { segment })
        .collect::<Vec<_>>()
        .join("/")
}

/// A decimal number or 24 hex digits (a real Eadesk's ids).
pub fn is_id(segment: &str) -> bool {
    let decimal = !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit());
    let hex = segment.len() == 24 && segment.bytes().all(|b| b.is_ascii_hexdigit());
    decimal || hex
}

fn salesman_action(query: &str, headers: &[(String, String)], body: &[u8]) -> Option<String> {
    let from_query = pairs(query.as_bytes())
        .into_iter()
        .find(|(k, _)| k == "action");
    if let Some((_, action)) = from_query {
        return Some(action);
    }
    let json = header(headers, "content-type").is_some_and(|t| t.contains("json"));
    if json {
        let value: serde_json::Value = serde_json::from_slice(body).ok()?;
        return value.get("action")?.as_str().map(str::to_owned);
    }
    pairs(body)
        .into_iter()
        .find(|(k, _)| k == "action")
        .map(|(_, v)| v)
}

fn planfix_method(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let start = text.find("<request")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let at = tag.find("method=")? + "method=".len();
    let quote = tag[at..].chars().next()?;
    let rest = &tag[at + 1..];
    Some(rest[..rest.find(quote)?].to_owned())
}

/// Whether the call only reads: a shadow sends it to the candidate without
/// being told that writes may go there too.
pub fn reads_only(dialect: &str, method: &str, operation: &str) -> bool {
    match dialect {
        "eadesk" | "rest" => method == "GET" || method == "HEAD",
        "salesman" => matches!(operation, "info" | "list" | "fields"),
        "planfix" => operation.ends_with(".get") || operation.ends_with(".getList"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_dialect_names_its_calls() {
        assert_eq!(dialect("/api/clients/person/read"), "eadesk");
        assert_eq!(dialect("/rest/client/5"), "rest");
        assert_eq!(dialect("/developer/v2/person.php"), "salesman");
        assert_eq!(dialect("/xml/"), "planfix");
        assert_eq!(dialect("/xmlish"), "other");
        let none: &[(String, String)] = &[];
        let op = |d, m, t, b: &str| operation(d, m, t, none, b.as_bytes());
        assert_eq!(
            op(
                "eadesk",
                "POST",
                "/api/clients/person/contacts/update/5f1d7a3c9b1e4a0000000001?token=t",
                ""
            ),
            "contacts/update/{id}"
        );
        assert_eq!(
            op("rest", "GET", "/rest/client/17?access-token=t", ""),
            "GET /rest/client/{id}"
        );
        assert_eq!(
            op(
                "salesman",
                "POST",
                "/developer/v2/person",
                "action=info&id=3"
            ),
            "info"
        );
        assert_eq!(
            op(
                "planfix",
                "POST",
                "/xml/",
                "<?xml version=\"1.0\"?><request method='contact.get'>"
            ),
            "contact.get"
        );
    }
}
