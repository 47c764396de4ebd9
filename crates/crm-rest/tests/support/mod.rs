//! The real router over a real database, and golden-file comparison.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use axum::body::Body;
use crm_core::{ClientId, DocumentKind};
use crm_rest::MOUNT;
use crm_rest::auth::{CREDENTIALS, TOKEN};
pub use crm_testkit::http::Reply;
use crm_testkit::http::uri_with_first;
use http::{Method, Request, StatusCode};
use regex::Regex;
use serde_json::Value;

crm_testkit::dialect_app!(
    /// One test's gateway with the REST router.
    App,
    CREDENTIALS,
    crm_rest::router
);

/// Yii's envelope around an answer.
pub trait Envelope {
    /// The `response` of the envelope.
    fn response(&self) -> Value;

    /// The ids of a list answer, in order.
    fn ids(&self) -> Vec<i64>;
}

impl Envelope for Reply {
    fn response(&self) -> Value {
        self.json()["response"].clone()
    }

    fn ids(&self) -> Vec<i64> {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        self.response()["items"]
            .as_array()
            .unwrap_or_else(|| panic!("no items: {}", self.body))
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect()
    }
}

impl App {
    /// The admin's token.
    pub fn token(&self) -> &str {
        self.acct.key(TOKEN)
    }

    /// `path` under the mount with `?access-token=` first, as the spec's links show.
    pub fn url(&self, path: &str) -> String {
        url_with(self.token(), path)
    }

    /// A request with `Host: crm.example` and a body of `content_type`.
    pub async fn raw(&self, method: Method, uri: &str, content_type: &str, body: &str) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header("host", "crm.example");
        if !content_type.is_empty() {
            request = request.header("content-type", content_type);
        }
        self.send(request.body(Body::from(body.to_owned())).unwrap())
            .await
    }

    pub async fn call(&self, method: Method, path: &str, body: &str) -> Reply {
        self.raw(method, &self.url(path), "application/json", body)
            .await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, "").await
    }

    pub async fn post(&self, body: &str) -> Reply {
        self.call(Method::POST, "", body).await
    }

    pub async fn form(&self, method: Method, path: &str, body: &str) -> Reply {
        self.raw(
            method,
            &self.url(path),
            "application/x-www-form-urlencoded",
            body,
        )
        .await
    }

    /// Creates a client through the router and returns its id.
    pub async fn client(&self, name: &str, kind: i64) -> i64 {
        let reply = self
            .post(&serde_json::json!({ "name": name, "type": kind }).to_string())
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.response()["id"].as_i64().unwrap()
    }

    /// Records documents of `kind` for a client.
    pub async fn documents(&self, client: i64, kind: DocumentKind, n: usize) {
        for i in 0..n {
            self.crm
                .add_document(self.acct.admin, ClientId(client), kind, &format!("doc {i}"))
                .await
                .unwrap();
        }
    }

    pub fn admin_id(&self) -> i64 {
        self.acct.admin.user.get()
    }
}

/// `path` under the mount with `access-token` first in the query.
pub fn url_with(token: &str, path: &str) -> String {
    uri_with_first(MOUNT, path, &format!("access-token={token}"))
}

/// Replaces what varies between runs with placeholders, checking each has the
/// right form: instants, the admin's id, the token, and client ids numbered by
/// first appearance.
pub fn scrub(body: &str, admin: i64, token: &str) -> String {
    let body = body.replace(token, "<token>");
    let at = Regex::new(r#""(created_at|updated_at)":"([^"]*)""#).unwrap();
    let form = Regex::new(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$").unwrap();
    let body = at.replace_all(&body, |c: &regex::Captures<'_>| {
        assert!(form.is_match(&c[2]), "{} {}", &c[1], &c[2]);
        format!(r#""{}":"<datetime>""#, &c[1])
    });
    let user = Regex::new(&format!(r#""(user|user_id)":{admin}\b"#)).unwrap();
    let body = user.replace_all(&body, r#""$1":"<admin>""#);
    let nested = Regex::new(&format!(r#"\{{"id":{admin},"username""#)).unwrap();
    let body = nested.replace_all(&body, r#"{"id":"<admin>","username""#);
    let ids = Regex::new(r#""id":(\d+)"#).unwrap();
    let mut seen: Vec<String> = Vec::new();
    ids.replace_all(&body, |c: &regex::Captures<'_>| {
        let id = c[1].to_owned();
        if !seen.contains(&id) {
            seen.push(id.clone());
        }
        let n = seen.iter().position(|s| *s == id).unwrap_or(0) + 1;
        format!(r#""id":"<client{n}>""#)
    })
    .into_owned()
}

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.json"))
}

/// Compares the scrubbed body with `tests/golden/<name>.json` byte for byte.
/// `UPDATE_GOLDEN=1` (never in CI) rewrites the file instead.
pub fn golden(app: &App, name: &str, reply: &Reply) {
    assert_eq!(
        reply.header("content-type"),
        Some("application/json; charset=UTF-8")
    );
    let actual = scrub(&reply.body, app.admin_id(), app.token());
    crm_testkit::assert_golden(&golden_path(name), &format!("{actual}\n"));
}
