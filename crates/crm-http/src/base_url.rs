//! The scheme and host a client reached the gateway by, for the absolute
//! URLs some answers carry (REST's `Link` header, Planfix picture URLs).

use http::{HeaderMap, Uri, header};

/// Longest host (name and port) taken from a request, as DNS allows.
const MOST_HOST_BYTES: usize = 255;

/// `http://host` or `https://host`. The host is the `Host` header, or the
/// URI's authority; the scheme is `https` when `X-Forwarded-Proto` says so
/// (in any case) or the URI has it. A host that is not a plain name or
/// address and port gives `localhost`, so a forged header cannot write
/// into an answer.
pub fn base_url(headers: &HeaderMap, uri: &Uri) -> String {
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
        || uri.scheme_str() == Some("https");
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()))
        .filter(|h| plain_host(h))
        .unwrap_or("localhost");
    format!("{}://{host}", if https { "https" } else { "http" })
}

fn plain_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= MOST_HOST_BYTES
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]_".contains(&b))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn base(host: &str, proto: Option<&str>) -> String {
        let mut request = http::Request::builder().uri("/any").header("host", host);
        if let Some(proto) = proto {
            request = request.header("x-forwarded-proto", proto);
        }
        let (parts, ()) = request.body(()).unwrap().into_parts();
        base_url(&parts.headers, &parts.uri)
    }

    #[test]
    fn the_host_and_the_forwarded_scheme_make_the_base() {
        assert_eq!(base("crm.example:8080", None), "http://crm.example:8080");
        assert_eq!(base("crm.example", Some("HTTPS")), "https://crm.example");
        assert_eq!(base("[::1]:8080", Some("http")), "http://[::1]:8080");
    }

    #[test]
    fn odd_hosts_give_localhost() {
        assert_eq!(base("evil.example/x?", None), "http://localhost");
        assert_eq!(base("a b", None), "http://localhost");
        assert_eq!(base(&"a".repeat(256), None), "http://localhost");
    }

    #[test]
    fn without_a_host_header_the_uri_names_the_host() {
        let uri: Uri = "https://crm.example/rest/client".parse().unwrap();
        assert_eq!(base_url(&HeaderMap::new(), &uri), "https://crm.example");
    }
}
