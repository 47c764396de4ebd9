//! The real router over a real database, and golden-file comparison.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use axum::body::Body;
use crm_core::credential::Credential;
use crm_eadesk::MOUNT;
use crm_eadesk::auth::{CREDENTIALS, TOKEN};
use crm_testkit::credentials::OTHER_TOKEN;
pub use crm_testkit::http::Reply;
use crm_testkit::http::uri_with_first;
use http::{Method, Request, StatusCode};
use regex::Regex;

/// Eadesk's credentials and a token of another kind, which Eadesk must
/// refuse.
pub fn credentials() -> Vec<Credential> {
    let other = Credential::Key {
        kind: OTHER_TOKEN,
        names_user: true,
    };
    [CREDENTIALS, &[other]].concat()
}

crm_testkit::dialect_app!(
    /// One test's gateway with the Eadesk router.
    App,
    credentials(),
    crm_eadesk::router
);

impl App {
    /// The admin's token.
    pub fn token(&self) -> &str {
        self.acct.key(TOKEN)
    }

    /// `path` under the mount, with `?token=` first as the real client puts it.
    pub fn url(&self, path: &str) -> String {
        url_with(self.token(), path)
    }

    /// A call under another account's token.
    pub async fn call_as(&self, token: &str, method: Method, path: &str, body: &str) -> Reply {
        self.raw(method, &url_with(token, path), body).await
    }

    pub async fn raw(&self, method: Method, uri: &str, body: &str) -> Reply {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", "application/json")
            .body(Body::from(body.to_owned()))
            .unwrap();
        self.send(request).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.raw(Method::GET, &self.url(path), "").await
    }

    pub async fn post(&self, path: &str, body: &str) -> Reply {
        self.raw(Method::POST, &self.url(path), body).await
    }

    /// Creates a person and returns its `_id`.
    pub async fn person(&self, name: &str) -> String {
        let reply = self
            .post("/create", &serde_json::json!({ "name": name }).to_string())
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()["_id"].as_str().unwrap().to_owned()
    }

    /// Adds contact data to a person and returns its `id`.
    pub async fn contact(&self, person: &str, value: &str, kind: &str, service: &str) -> String {
        let body = serde_json::json!({ "value": value, "type": kind, "service": service });
        let reply = self
            .post(&format!("/contacts/create/{person}"), &body.to_string())
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()["result"]["id"].as_str().unwrap().to_owned()
    }

    /// The `_id`s `read` answers, in order.
    pub async fn read_ids(&self, query: &str) -> Vec<String> {
        let reply = self.get(&format!("/read?{query}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply
            .json()
            .as_array()
            .unwrap_or_else(|| panic!("not an array: {}", reply.body))
            .iter()
            .map(|p| p["_id"].as_str().unwrap().to_owned())
            .collect()
    }
}

/// `path` under the mount with `token` first in the query.
pub fn url_with(token: &str, path: &str) -> String {
    uri_with_first(MOUNT, path, &format!("token={token}"))
}

/// Replaces what varies between runs (ids, account, instants, colours) with
/// placeholders, checking each has the right form. Ids are numbered by first
/// appearance, so the golden file still shows which ids are the same.
pub fn scrub(body: &str) -> String {
    let created = Regex::new(r#""createdAt":"([^"]*)""#).unwrap();
    let instant = Regex::new(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$").unwrap();
    let body = created.replace_all(body, |c: &regex::Captures<'_>| {
        assert!(instant.is_match(&c[1]), "createdAt {}", &c[1]);
        r#""createdAt":"<createdAt>""#.to_owned()
    });
    let color = Regex::new(r##""avatarBgColor":"#[0-9A-F]{6}""##).unwrap();
    let body = color.replace_all(&body, r#""avatarBgColor":"<color>""#);
    let account = Regex::new(r#""accountId":"\d+""#).unwrap();
    let body = account.replace_all(&body, r#""accountId":"<account>""#);
    let ids = Regex::new(r#""(_id|id)":"(\d+)""#).unwrap();
    let mut seen: Vec<(String, String)> = Vec::new();
    ids.replace_all(&body, |c: &regex::Captures<'_>| {
        let key = (c[1].to_owned(), c[2].to_owned());
        if !seen.contains(&key) {
            seen.push(key.clone());
        }
        let n = seen
            .iter()
            .filter(|k| k.0 == key.0)
            .position(|k| *k == key)
            .unwrap_or(0)
            + 1;
        let label = if &c[1] == "_id" { "person" } else { "contact" };
        format!(r#""{}":"<{label}{n}>""#, &c[1])
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
pub fn golden(name: &str, reply: &Reply) {
    assert_eq!(reply.content_type(), "application/json; charset=utf-8");
    let actual = scrub(&reply.body);
    crm_testkit::assert_golden(&golden_path(name), &format!("{actual}\n"));
}
