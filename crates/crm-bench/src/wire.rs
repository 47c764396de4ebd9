//! The requests of each case, as each dialect's integrations send them, and
//! what counts as a success in each dialect's answer.

use base64::Engine;
use bytes::Bytes;
use http::{Method, Request, header};
use http_body_util::Full;
use md5::{Digest, Md5};
use serde_json::{Value, json};

use crate::seed::MARKER;

/// An account's credentials and its Planfix session.
#[derive(Debug, Clone)]
pub struct Wire {
    creds: Value,
    /// The Planfix session `auth.login` opened.
    pub sid: String,
}

/// A request of the load generator.
pub type Req = Request<Full<Bytes>>;

fn request(method: Method, uri: &str, headers: &[(&str, &str)], body: impl Into<Bytes>) -> Req {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, "bench");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Full::new(body.into())).unwrap_or_default()
}

fn query(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

impl Wire {
    /// Requests as the account `creds` (`account create --json`) describes.
    pub fn new(creds: Value) -> Self {
        Self {
            creds,
            sid: String::new(),
        }
    }

    fn cred(&self, dialect: &str, key: &str) -> String {
        self.creds[dialect][key]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The bare server's read of client `id`.
    pub fn bare_read(&self, id: i64) -> Req {
        let account = self.creds["account_id"].as_i64().unwrap_or_default();
        request(
            Method::GET,
            &format!("/clients/{account}/{id}"),
            &[],
            Bytes::new(),
        )
    }

    fn rest(&self, method: Method, path: &str, body: Option<Value>) -> Req {
        let bearer = self.rest_bearer();
        let mut headers = vec![("authorization", bearer.as_str())];
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        if !body.is_empty() {
            headers.push(("content-type", "application/json"));
        }
        request(method, &format!("/rest/client{path}"), &headers, body)
    }

    /// REST `GET /rest/client/{id}`.
    pub fn rest_read(&self, id: i64) -> Req {
        self.rest(Method::GET, &format!("/{id}"), None)
    }

    /// REST page `page` of 50.
    pub fn rest_list(&self, page: u64) -> Req {
        self.rest(Method::GET, &format!("?page={page}&per-page=50"), None)
    }

    /// REST `POST /rest/client`.
    pub fn rest_create(&self, tag: &str) -> Req {
        let body = json!({"type": 2, "name": format!("Бенч {tag}"), "phone": "+79001234567"});
        self.rest(Method::POST, "", Some(body))
    }

    /// REST `PUT /rest/client/{id}` of the description alone.
    pub fn rest_update(&self, id: i64, description: &str) -> Req {
        let body = json!({ "description": description });
        self.rest(Method::PUT, &format!("/{id}"), Some(body))
    }

    /// The REST dialect's `Authorization` header value.
    pub fn rest_bearer(&self) -> String {
        format!("Bearer {}", self.cred("rest", "access_token"))
    }

    fn eadesk(&self, path: &str, pairs: &[(&str, &str)]) -> String {
        let token = self.cred("eadesk", "token");
        let mut all = pairs.to_vec();
        all.push(("token", &token));
        format!("/api/clients/person/{path}?{}", query(&all))
    }

    /// Eadesk `read?id=`.
    pub fn eadesk_read(&self, id: i64) -> Req {
        request(
            Method::GET,
            &self.eadesk("read", &[("id", &id.to_string())]),
            &[],
            Bytes::new(),
        )
    }

    /// Eadesk `read?search=`: a regular expression with a literal, matching
    /// one client in a hundred.
    pub fn eadesk_search(&self) -> Req {
        let pattern = format!("{MARKER} Иван");
        let uri = self.eadesk("read", &[("search", &pattern), ("limit", "50")]);
        request(Method::GET, &uri, &[], Bytes::new())
    }

    /// Eadesk `create`.
    pub fn eadesk_create(&self, tag: &str) -> Req {
        let body = json!({"name": format!("Бенч {tag}"), "description": ""}).to_string();
        request(
            Method::POST,
            &self.eadesk("create", &[]),
            &[("content-type", "application/json")],
            body,
        )
    }

    fn salesman_form(&self, fields: &[(&str, &str)]) -> Req {
        let (login, apikey) = (
            self.cred("salesman", "login"),
            self.cred("salesman", "apikey"),
        );
        let mut all = vec![("login", login.as_str()), ("apikey", apikey.as_str())];
        all.extend_from_slice(fields);
        let form = [("content-type", "application/x-www-form-urlencoded")];
        request(Method::POST, "/developer/v2/person", &form, query(&all))
    }

    /// SalesMan `action=info`.
    pub fn salesman_info(&self, id: i64) -> Req {
        self.salesman_form(&[("action", "info"), ("pid", &id.to_string())])
    }

    /// SalesMan `action=list&word=`.
    pub fn salesman_word(&self) -> Req {
        self.salesman_form(&[("action", "list"), ("word", MARKER)])
    }

    /// SalesMan `action=add`.
    pub fn salesman_add(&self, tag: &str) -> Req {
        let name = format!("Бенч {tag}");
        self.salesman_form(&[
            ("action", "add"),
            ("person", &name),
            ("tel", "+79001234567"),
        ])
    }

    /// SalesMan `action=add.list` of 500, a name each: the gateway counts a
    /// JSON body's parameters against `limits.max_params` (1000) as PHP's
    /// `max_input_vars` counts a form's.
    pub fn salesman_add_list(&self, tag: &str) -> Req {
        let persons: Vec<Value> = (0..500)
            .map(|i| json!({"person": format!("Бенч {tag} {i}")}))
            .collect();
        let body = json!({
            "action": "add.list",
            "login": self.cred("salesman", "login"),
            "apikey": self.cred("salesman", "apikey"),
            "persons": persons,
        });
        request(
            Method::POST,
            "/developer/v2/person",
            &[("content-type", "application/json")],
            body.to_string(),
        )
    }

    fn planfix(&self, password: &str, body: String) -> Req {
        let user = self.cred("planfix", "api_key");
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        let auth = format!("Basic {basic}");
        request(
            Method::POST,
            "/xml/",
            &[
                ("authorization", auth.as_str()),
                ("content-type", "application/xml"),
            ],
            body,
        )
    }

    /// Planfix `auth.login`.
    pub fn planfix_login(&self) -> Req {
        let (account, login, password) = (
            self.cred("planfix", "account"),
            self.cred("planfix", "login"),
            self.cred("planfix", "password"),
        );
        self.planfix("X", format!("<request method=\"auth.login\"><account>{account}</account><login>{login}</login><password>{password}</password></request>"))
    }

    /// Planfix `contact.get` in token mode.
    pub fn planfix_get_token(&self, id: i64) -> Req {
        let account = self.cred("planfix", "account");
        let token = self.cred("planfix", "token");
        self.planfix(&token, format!("<request method=\"contact.get\"><account>{account}</account><contact><id>{id}</id></contact></request>"))
    }

    /// Planfix `contact.get` in the session, signed with the private key
    /// (reference/planfix.md §3: md5 of the method, the leaves in name order
    /// and the key).
    pub fn planfix_get_signed(&self, id: i64) -> Req {
        let account = self.cred("planfix", "account");
        let key = self.cred("planfix", "private_key");
        let signature = hex::encode(Md5::digest(format!(
            "contact.get{account}{id}{}{key}",
            self.sid
        )));
        self.planfix("X", format!("<request method=\"contact.get\"><account>{account}</account><sid>{}</sid><contact><id>{id}</id></contact><signature>{signature}</signature></request>", self.sid))
    }

    /// Planfix `contact.add` in token mode.
    pub fn planfix_add(&self, tag: &str) -> Req {
        let account = self.cred("planfix", "account");
        let token = self.cred("planfix", "token");
        self.planfix(&token, format!("<request method=\"contact.add\"><account>{account}</account><contact><name>Бенч</name><lastName>{tag}</lastName></contact></request>"))
    }
}

fn contains(body: &[u8], needle: &[u8]) -> bool {
    body.windows(needle.len()).any(|w| w == needle)
}

/// A 2xx.
pub fn http_ok(status: u16, _: &[u8]) -> bool {
    (200..300).contains(&status)
}

/// Eadesk: HTTP 200 without an `err`.
pub fn eadesk_ok(status: u16, body: &[u8]) -> bool {
    status == 200 && !body.starts_with(b"{\"err\"")
}

/// SalesMan: no `"result":"Error"` (its errors are HTTP 200 too).
pub fn salesman_ok(status: u16, body: &[u8]) -> bool {
    status == 200 && !contains(body, b"\"result\":\"Error\"")
}

/// Planfix: `status="ok"`.
pub fn planfix_ok(status: u16, body: &[u8]) -> bool {
    status == 200 && contains(body, b"status=\"ok\"")
}

/// The sid of an `auth.login` answer.
pub fn sid_of(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let start = text.find("<sid>")? + "<sid>".len();
    let end = text[start..].find("</sid>")? + start;
    Some(text[start..end].to_owned())
}
