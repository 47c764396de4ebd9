//! Clients that hang up: raw HTTP/1.1 writes of every dialect, sent over a
//! socket that is reset before the body is complete, right after it, or as
//! the answer starts to arrive.

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::dialect::{Dialect, escape};

/// Where in its life a request is cut.
#[derive(Debug, Clone, Copy)]
pub enum Cut {
    /// Only the first `n` bytes (at least the request line) are sent.
    MidRequest(usize),
    /// The whole request is sent; the socket is reset after this long.
    AfterRequest(Duration),
    /// The whole request is sent; the socket is reset once the status line
    /// has arrived, whatever else is still on its way.
    MidAnswer,
}

/// One write request, as bytes on the wire.
#[derive(Debug, Clone)]
pub struct RawRequest {
    /// The request line, headers and body.
    pub bytes: Vec<u8>,
}

impl RawRequest {
    fn new(method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Self {
        let mut head = format!("{method} {target} HTTP/1.1\r\nHost: gateway\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(body);
        Self { bytes }
    }

    fn json(method: &str, target: &str, headers: &[(&str, &str)], body: &Value) -> Self {
        let mut headers = headers.to_vec();
        headers.push(("Content-Type", "application/json"));
        Self::new(method, target, &headers, body.to_string().as_bytes())
    }

    fn form(target: &str, headers: &[(&str, &str)], fields: &[(&str, &str)]) -> Self {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let mut headers = headers.to_vec();
        headers.push(("Content-Type", "application/x-www-form-urlencoded"));
        Self::new("POST", target, &headers, body.as_bytes())
    }

    /// Sends the request over a fresh connection to `addr` and cuts it as
    /// `cut` says. Returns the HTTP status when a status line arrived.
    pub async fn send_cut(&self, addr: SocketAddr, cut: Cut) -> std::io::Result<Option<u16>> {
        let mut stream = TcpStream::connect(addr).await?;
        // A reset, not an orderly close: what a killed client or a load
        // balancer's timeout does.
        stream.set_zero_linger()?;
        match cut {
            Cut::MidRequest(n) => {
                let n = n.clamp(1, self.bytes.len().saturating_sub(1).max(1));
                stream.write_all(&self.bytes[..n]).await?;
                Ok(None)
            }
            Cut::AfterRequest(pause) => {
                stream.write_all(&self.bytes).await?;
                tokio::time::sleep(pause).await;
                Ok(None)
            }
            Cut::MidAnswer => {
                stream.write_all(&self.bytes).await?;
                Ok(read_status(&mut stream).await)
            }
        }
    }
}

async fn read_status(stream: &mut TcpStream) -> Option<u16> {
    let mut line = Vec::new();
    let mut buf = [0_u8; 64];
    while line.len() < 12 {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        line.extend_from_slice(&buf[..n]);
    }
    std::str::from_utf8(&line[9..12]).ok()?.parse().ok()
}

/// Builds the write requests of every dialect for one account, from the
/// object `account create --json` printed and a Planfix session.
#[derive(Debug, Clone)]
pub struct Writes {
    creds: Value,
    sid: String,
}

impl Writes {
    /// Writes as the account `creds` describes, in the Planfix session `sid`.
    pub fn new(creds: Value, sid: String) -> Self {
        Self { creds, sid }
    }

    fn cred(&self, dialect: &str, key: &str) -> String {
        self.creds[dialect][key]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Write number `n` of `dialect`: creates, updates, deletes, contact
    /// points, bulk adds and (Planfix) logins, in turn; `victim` is the
    /// client that updates and deletes name.
    pub fn nth(&self, dialect: Dialect, n: usize, victim: i64, tag: &str) -> RawRequest {
        match dialect {
            Dialect::Eadesk => self.eadesk(n, victim, tag),
            Dialect::Rest => self.rest(n, victim, tag),
            Dialect::Salesman => self.salesman(n, victim, tag),
            Dialect::Planfix => self.planfix(n, victim, tag),
        }
    }

    fn eadesk(&self, n: usize, victim: i64, tag: &str) -> RawRequest {
        let token = self.cred("eadesk", "token");
        let (path, body) = match n % 4 {
            0 => ("create".to_owned(), json!({"name": tag, "description": ""})),
            1 => (
                format!("contacts/create/{victim}"),
                json!({"value": format!("{tag}@example.com"), "type": "mail", "service": "mail"}),
            ),
            2 => (format!("update/{victim}"), json!({"name": tag})),
            _ => (format!("delete/{victim}"), json!({})),
        };
        let target = format!("/api/clients/person/{path}?token={token}");
        RawRequest::json("POST", &target, &[], &body)
    }

    fn rest(&self, n: usize, victim: i64, tag: &str) -> RawRequest {
        let bearer = format!("Bearer {}", self.cred("rest", "access_token"));
        let auth = [("Authorization", bearer.as_str())];
        match n % 3 {
            0 => RawRequest::json(
                "POST",
                "/rest/client",
                &auth,
                &json!({"type": 2, "name": tag, "phone": "+79001112233"}),
            ),
            1 => RawRequest::json(
                "PATCH",
                &format!("/rest/client/{victim}"),
                &auth,
                &json!({"name": tag}),
            ),
            _ => RawRequest::new("DELETE", &format!("/rest/client/{victim}"), &auth, b""),
        }
    }

    fn salesman(&self, n: usize, victim: i64, tag: &str) -> RawRequest {
        let (login, apikey) = (
            self.cred("salesman", "login"),
            self.cred("salesman", "apikey"),
        );
        let auth = [("login", login.as_str()), ("apikey", apikey.as_str())];
        let target = "/developer/v2/person";
        let pid = victim.to_string();
        match n % 4 {
            0 => {
                let fields = [("action", "add"), ("person", tag), ("tel", "+79001112233")];
                RawRequest::form(target, &[], &[&auth[..], &fields[..]].concat())
            }
            1 => {
                let persons: Vec<Value> = (0..20)
                    .map(|i| json!({"person": format!("{tag} {i}"), "tel": "+79001112233"}))
                    .collect();
                let body = json!({"action": "add.list", "login": login, "apikey": apikey, "persons": persons});
                RawRequest::json("POST", target, &[], &body)
            }
            2 => {
                let fields = [("action", "update"), ("pid", pid.as_str()), ("person", tag)];
                RawRequest::form(target, &[], &[&auth[..], &fields[..]].concat())
            }
            _ => {
                let fields = [("action", "delete"), ("pid", pid.as_str())];
                RawRequest::form(target, &[], &[&auth[..], &fields[..]].concat())
            }
        }
    }

    fn planfix(&self, n: usize, victim: i64, tag: &str) -> RawRequest {
        let account = self.cred("planfix", "account");
        let call = |method: &str, inner: String| {
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request method=\"{method}\"><account>{account}</account><sid>{}</sid>{inner}</request>",
                self.sid
            )
        };
        // Logins keep the cores busy with Argon2 hashes, as a login flood
        // does; the gateway's threads then wait for a core between steps.
        let body = match (n % 4, n % 3) {
            (0, _) => format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request method=\"auth.login\"><account>{account}</account><login>{}</login><password>{}</password></request>",
                self.cred("planfix", "login"),
                self.cred("planfix", "password")
            ),
            (_, 0) => call(
                "contact.add",
                format!(
                    "<contact><name>{}</name><lastName>Обрыв</lastName></contact>",
                    escape(tag)
                ),
            ),
            (_, 1) => call(
                "contact.update",
                format!(
                    "<contact><id>{victim}</id><name>{}</name></contact>",
                    escape(tag)
                ),
            ),
            _ => call(
                "contact.delete",
                format!("<contact><id>{victim}</id></contact>"),
            ),
        };
        let basic = format!("Basic {}", basic(&self.cred("planfix", "api_key")));
        RawRequest::new(
            "POST",
            "/xml/",
            &[
                ("Authorization", &basic),
                ("Content-Type", "application/xml"),
            ],
            body.as_bytes(),
        )
    }
}

/// `user:X` in base64, the Planfix API key as Basic user name.
fn basic(user: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:X"))
}
