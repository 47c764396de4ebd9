//! The real router over a real database, and requests encoded the way PHP's
//! `http_build_query` encodes them.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::Request;
use crm_core::{
    ClientId, ClientKind, DocumentKind, Name, NewClient, NewUser, Principal, Role, User,
};
use crm_salesman::auth::{API_KEY, CREDENTIALS};
pub use crm_salesman::wire::form::urlencode;
pub use crm_testkit::http::Reply;
use serde_json::{Map, Value, json};

pub const PATH: &str = "/developer/v2/person";

crm_testkit::dialect_app!(
    /// One test's gateway with the SalesMan router.
    App,
    CREDENTIALS,
    crm_salesman::router
);

impl App {
    pub fn login(&self) -> String {
        self.acct.issued.admin.login.clone()
    }

    pub fn apikey(&self) -> String {
        self.acct.key(API_KEY).to_owned()
    }

    pub fn admin(&self) -> Principal {
        self.acct.admin
    }

    /// `login`, `apikey`, `action` and then `rest`, as the spec's examples order them.
    pub fn params(&self, action: &str, rest: Value) -> Value {
        let mut map = Map::new();
        map.insert("login".into(), json!(self.login()));
        map.insert("apikey".into(), json!(self.apikey()));
        map.insert("action".into(), json!(action));
        if let Value::Object(rest) = rest {
            map.extend(rest);
        }
        Value::Object(map)
    }

    /// POST `http_build_query($params)` as a form, like the official examples.
    pub async fn post(&self, action: &str, rest: Value) -> Reply {
        let body = http_build_query(&self.params(action, rest));
        self.send(form(&body)).await
    }

    pub async fn post_json(&self, action: &str, rest: Value) -> Value {
        self.post(action, rest).await.json()
    }

    /// A company the persons can belong to.
    pub async fn company(&self, name: &str) -> ClientId {
        let new = NewClient::new(ClientKind::Company, Name::full(name));
        self.acct
            .create_client(&self.crm, crm_testkit::origin::REST, new)
            .await
            .id
    }

    /// An employee reporting to `manager`.
    pub async fn user(&self, login: &str, manager: Option<crm_core::UserId>) -> User {
        self.crm
            .create_user(
                self.admin(),
                &NewUser {
                    login: login.to_owned(),
                    first_name: "U".into(),
                    last_name: login.into(),
                    email: login.into(),
                    role: Role::User,
                    manager,
                },
                None,
            )
            .await
            .unwrap()
    }

    pub async fn deal(&self, client: i64) {
        self.crm
            .add_document(self.admin(), ClientId(client), DocumentKind::Deal, "deal")
            .await
            .unwrap();
    }

    /// Adds a person through the dialect and returns its pid.
    pub async fn add(&self, rest: Value) -> i64 {
        let answer = self.post_json("add", rest).await;
        answer["data"]
            .as_i64()
            .unwrap_or_else(|| panic!("add failed: {answer}"))
    }
}

pub fn form(body: &str) -> Request<Body> {
    Request::post(PATH)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

/// PHP's `http_build_query` with its defaults: `urlencode` (RFC 1738, space as
/// `+`), brackets encoded, integer keys for lists.
pub fn http_build_query(params: &Value) -> String {
    let mut pairs = Vec::new();
    if let Value::Object(map) = params {
        for (k, v) in map {
            build(&urlencode(k), v, &mut pairs);
        }
    }
    pairs.join("&")
}

fn build(prefix: &str, value: &Value, pairs: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                build(&format!("{prefix}%5B{}%5D", urlencode(k)), v, pairs);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                build(&format!("{prefix}%5B{i}%5D"), v, pairs);
            }
        }
        Value::Null => {}
        Value::Bool(b) => pairs.push(format!("{prefix}={}", u8::from(*b))),
        Value::Number(n) => pairs.push(format!("{prefix}={n}")),
        Value::String(s) => pairs.push(format!("{prefix}={}", urlencode(s))),
    }
}

/// The body with every `date_create`/`date_edit` value replaced, for goldens.
pub fn redact_dates(body: &str) -> String {
    let mut out = body.to_owned();
    for key in ["\"date_create\":\"", "\"date_edit\":\""] {
        let mut from = 0;
        while let Some(i) = out[from..].find(key) {
            let start = from + i + key.len();
            let end = start + out[start..].find('"').unwrap();
            out.replace_range(start..end, "[date]");
            from = start;
        }
    }
    out
}

/// Compares `body` with `tests/golden/<name>.json` byte for byte;
/// `UPDATE_GOLDEN=1` (never in CI) rewrites the file instead.
pub fn golden(name: &str, body: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.json"));
    crm_testkit::assert_golden(&path, &format!("{body}\n"));
}
