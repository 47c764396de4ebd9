#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Every request real client libraries sent (tests/captures, copied from
//! reference/captures/planfix-*), replayed in order against the router. The
//! fake credentials, sid and contact id of the captures are swapped for this
//! account's, and signed requests are signed again with its private key.

mod support;

use axum::body::Body;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use crm_core::{NewUser, Role};
use http::Request;
use http_body_util::BodyExt;
use support::{Env, between, golden, redact};
use tower::ServiceExt;

const FAKE_KEY: &str = "pf_api_key_0123456789abcdef";
const FAKE_SID: &str = "0123456789abcdef0123456789abcdef";
const FAKE_ID: &str = "4021";

struct Captured {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

fn read(path: &std::path::Path) -> Captured {
    let raw = std::fs::read(path).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = std::str::from_utf8(&raw[..split]).unwrap();
    let body = &raw[split + 4..];
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap().split(' ');
    let method = request_line.next().unwrap().to_owned();
    let path = request_line.next().unwrap().to_owned();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (k, v) = l.split_once(':').unwrap();
            (k.trim().to_owned(), v.trim().to_owned())
        })
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.parse().unwrap())
        .unwrap();
    Captured {
        method,
        path,
        headers,
        body: String::from_utf8(body[..length].to_vec()).unwrap(),
    }
}

async fn replay(client: &str) {
    let env = Env::new().await;
    let ivan = NewUser {
        login: "ivan".into(),
        first_name: "Иван".into(),
        last_name: "Петров".into(),
        email: "ivan@acme".into(),
        role: Role::Admin,
        manager: None,
    };
    env.crm
        .create_user(env.acct.admin, &ivan, Some("secret"))
        .await
        .unwrap();
    let dir = format!("{}/tests/captures/{client}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut sid = String::new();
    let mut id = String::from("0");
    for file in files {
        let captured = read(&file);
        let name = file.file_stem().unwrap().to_str().unwrap().to_owned();
        let mut body = captured
            .body
            .replace(
                &format!("<sid>{FAKE_SID}</sid>"),
                &format!("<sid>{sid}</sid>"),
            )
            .replace(&format!("<id>{FAKE_ID}</id>"), &format!("<id>{id}</id>"));
        if let Some(old) = between(&body, "<signature>", "</signature>") {
            let unsigned = body.replace(&format!("<signature>{old}</signature>"), "");
            let fresh =
                crm_planfix::signature::sign_document(&unsigned, env.private_key()).unwrap();
            body = body.replace(&old, &fresh);
        }
        let mut request = Request::builder()
            .method(captured.method.as_str())
            .uri(&captured.path);
        for (k, v) in &captured.headers {
            let v = if k.eq_ignore_ascii_case("authorization") {
                let decoded =
                    String::from_utf8(STANDARD.decode(v.trim_start_matches("Basic ")).unwrap())
                        .unwrap();
                format!(
                    "Basic {}",
                    STANDARD.encode(decoded.replace(FAKE_KEY, env.api_key()))
                )
            } else {
                v.clone()
            };
            if !k.eq_ignore_ascii_case("content-length") {
                request = request.header(k.as_str(), v);
            }
        }
        let response = env
            .app
            .clone()
            .oneshot(request.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{client}/{name}");
        assert_eq!(
            response.headers()["content-type"],
            "application/xml; charset=utf-8"
        );
        let text = String::from_utf8(
            response
                .into_body()
                .collect()
                .await
                .unwrap()
                .to_bytes()
                .to_vec(),
        )
        .unwrap();
        if name.ends_with("auth.login") {
            sid = between(&text, "<sid>", "</sid>").unwrap_or_else(|| panic!("{name}: {text}"));
        }
        if name.ends_with("contact.add") {
            // The PHP client's parser needs <contact> first (captures/INDEX.md).
            assert!(
                text.contains("<response status=\"ok\"><contact><id>"),
                "{text}"
            );
            id = between(&text, "<id>", "</id>").unwrap();
        }
        let numeric: i64 = id.parse().unwrap();
        golden(
            &format!("captures/{client}/{name}"),
            &redact(&text, &[(numeric, "id")]),
        );
    }
}

#[tokio::test]
async fn planfix_php_client_session() {
    replay("planfix-php-client").await;
}

#[tokio::test]
async fn planfix_go_session() {
    replay("planfix-go").await;
}

#[tokio::test]
async fn planfix_api_js_session_over_get() {
    replay("planfix-api").await;
}
