//! Test support: the real router over a real database, requests as clients
//! send them, golden files compared byte for byte.

#![allow(dead_code)]

pub mod xml_tree;

use axum::Router;
use axum::body::Body;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::{Request, StatusCode};

crm_testkit::dialect_app!(
    /// One test's gateway with the Planfix router.
    Env,
    crm_planfix::CREDENTIALS,
    crm_planfix::router
);

impl Env {
    pub fn api_key(&self) -> &str {
        self.acct.key(crm_planfix::API_KEY)
    }

    pub fn private_key(&self) -> &str {
        self.acct
            .issued
            .secret(crm_planfix::PRIVATE_KEY)
            .unwrap()
            .expose()
    }

    /// `Basic <api key>:X`, as the PHP client sends.
    pub fn auth(&self) -> String {
        basic(self.api_key(), "X")
    }

    /// POSTs a raw body with the account's key.
    pub async fn post(&self, body: &str) -> (StatusCode, String) {
        send(&self.app, "POST", "/xml/", Some(&self.auth()), body).await
    }

    /// Logs in as the admin and returns the sid.
    pub async fn login(&self) -> String {
        let body = format!(
            "<request method=\"auth.login\"><account>acme</account><login>{}</login><password>{}</password></request>",
            self.acct.issued.admin.login,
            self.acct.issued.password.expose()
        );
        let (_, text) = self.post(&body).await;
        between(&text, "<sid>", "</sid>").unwrap_or_else(|| panic!("no sid in {text}"))
    }

    /// Calls `method` with `inner` after `<account>` and `<sid>`.
    pub async fn call(&self, sid: &str, method: &str, inner: &str) -> String {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request method=\"{method}\"><account>acme</account><sid>{sid}</sid>{inner}</request>"
        );
        let (status, text) = self.post(&body).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        text
    }

    /// `contact.get` by id.
    pub async fn get(&self, sid: &str, id: impl std::fmt::Display) -> String {
        self.call(
            sid,
            "contact.get",
            &format!("<contact><id>{id}</id></contact>"),
        )
        .await
    }

    /// Adds a contact and returns its id.
    pub async fn add(&self, sid: &str, contact: &str) -> i64 {
        let text = self
            .call(sid, "contact.add", &format!("<contact>{contact}</contact>"))
            .await;
        between(&text, "<id>", "</id>")
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("no id in {text}"))
    }
}

pub fn basic(user: &str, password: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{user}:{password}")))
}

pub async fn send(
    app: &Router,
    method: &str,
    path: &str,
    auth: Option<&str>,
    body: &str,
) -> (StatusCode, String) {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(auth) = auth {
        request = request.header("authorization", auth);
    }
    let request = request.body(Body::from(body.to_owned())).unwrap();
    let reply = crm_testkit::http::send(app, request).await;
    (reply.status, reply.body)
}

pub fn between(text: &str, open: &str, close: &str) -> Option<String> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(text[start..end].to_owned())
}

/// The error document for `code` and `message` exactly.
pub fn error_doc(code: &str, message: &str) -> String {
    let message = if message.is_empty() {
        "<message/>".to_owned()
    } else {
        format!("<message>{message}</message>")
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response status=\"error\"><code>{code}</code>{message}</response>\n"
    )
}

pub fn code_of(text: &str) -> String {
    between(text, "<code>", "</code>").unwrap_or_default()
}

/// Replaces values that vary between runs: the given ids (as `{name}`),
/// sids, creation dates and picture hashes.
pub fn redact(text: &str, ids: &[(i64, &str)]) -> String {
    let mut out = text.to_owned();
    for (id, name) in ids {
        for tag in ["id", "userid", "general"] {
            out = out.replace(
                &format!("<{tag}>{id}</{tag}>"),
                &format!("<{tag}>{{{name}}}</{tag}>"),
            );
        }
        out = out.replace(&format!("/userpic/{id}?"), &format!("/userpic/{{{name}}}?"));
    }
    for (open, close, with) in [
        ("<sid>", "</sid>", "{sid}"),
        ("<createdDate>", "</createdDate>", "{date}"),
        ("&amp;h=", "<", "{h}"),
    ] {
        let mut rest = out.as_str();
        let mut done = String::new();
        while let Some(start) = rest.find(open) {
            let from = start + open.len();
            let Some(len) = rest[from..].find(close) else {
                break;
            };
            done.push_str(&rest[..from]);
            done.push_str(with);
            rest = &rest[from + len..];
        }
        done.push_str(rest);
        out = done;
    }
    out
}

/// Compares with `tests/golden/<name>.xml`; `UPDATE_GOLDEN=1` writes it.
pub fn golden(name: &str, actual: &str) {
    let path = format!("{}/tests/golden/{name}.xml", env!("CARGO_MANIFEST_DIR"));
    crm_testkit::assert_golden(std::path::Path::new(&path), actual);
}
