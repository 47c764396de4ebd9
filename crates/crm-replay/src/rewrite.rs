//! A recorded request made ready for another server: the ids it names
//! through the id map, and, for a replay, the target's credentials where
//! the record says `REDACTED`, a Planfix session of the target's own, and a
//! signature made again with the target's private key.

use crate::credentials::Credentials;
use crate::exchange::{Exchange, header};
use crate::ids::{IdKind, IdMap, kind_of};
use crate::secrets::{REDACTED, basic, basic_value, element_texts};
use crate::{form, xml};

/// A request as it will be sent.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The verb.
    pub method: String,
    /// The path and query.
    pub target: String,
    /// The headers, without those the HTTP client writes itself.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// Headers a sender writes itself, or that would ask for a compressed
/// answer the comparison could not read.
const NOT_SENT: &[&str] = &[
    "host",
    "content-length",
    "connection",
    "transfer-encoding",
    "accept-encoding",
    "keep-alive",
    "te",
    "upgrade",
];

/// What stands in for the recorded side's secrets.
#[derive(Debug, Clone, Copy)]
pub struct Keys<'a> {
    /// The target's credentials.
    pub credentials: &'a Credentials,
    /// The target's Planfix session, once `auth.login` was replayed.
    pub sid: Option<&'a str>,
}

/// `exchange`'s request for a server whose ids are `ids`' counterparts;
/// with `keys`, its secrets those of the target (a replay), without, as
/// they were (a shadow, which sends what it was sent).
pub fn prepare(
    exchange: &Exchange,
    ids: &IdMap,
    keys: Option<Keys<'_>>,
) -> anyhow::Result<Prepared> {
    let request = &exchange.request;
    let rewriter = Rewriter {
        dialect: &exchange.dialect,
        operation: &exchange.operation,
        ids,
        keys,
    };
    let (path, query) = request
        .target
        .split_once('?')
        .map_or((request.target.as_str(), None), |(p, q)| (p, Some(q)));
    let mut target = rewriter.path(path);
    if let Some(query) = query {
        target.push('?');
        target.push_str(&form::rewrite(query, |k, v| rewriter.parameter(k, v)));
    }
    let headers = request
        .headers
        .iter()
        .filter(|(name, _)| !NOT_SENT.contains(&name.as_str()))
        .map(|(name, value)| (name.clone(), rewriter.header(name, value)))
        .collect();
    let body = rewriter.body(
        header(&request.headers, "content-type"),
        request.body.bytes(),
    )?;
    Ok(Prepared {
        method: request.method.clone(),
        target,
        headers,
        body,
    })
}

struct Rewriter<'a> {
    dialect: &'a str,
    operation: &'a str,
    ids: &'a IdMap,
    keys: Option<Keys<'a>>,
}

impl Rewriter<'_> {
    fn id(&self, kind: IdKind, recorded: &str) -> Option<String> {
        self.ids.get(kind, recorded).map(str::to_owned)
    }

    /// The kind of id a path segment names: Eadesk's `…/{id}` and REST's
    /// `/rest/client/{id}`.
    fn path(&self, path: &str) -> String {
        let contact = self.operation.starts_with("contacts/update")
            || self.operation.starts_with("contacts/delete");
        let kind = match self.dialect {
            "eadesk" if contact => Some("contact"),
            "eadesk" | "rest" => Some("client"),
            _ => None,
        };
        path.split('/')
            .map(|segment| {
                kind.filter(|_| crate::classify::is_id(segment))
                    .and_then(|kind| self.id(kind, segment))
                    .unwrap_or_else(|| segment.to_owned())
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The kind of id a parameter or JSON field names.
    fn parameter_kind(&self, key: &str) -> Option<IdKind> {
        if self.dialect == "eadesk" && key == "id" {
            return Some(if self.operation.starts_with("contacts/") {
                "contact"
            } else {
                "client"
            });
        }
        kind_of(self.dialect, "", key)
    }

    fn parameter(&self, key: &str, value: &str) -> Option<String> {
        if let Some(keys) = self.keys {
            let secret = keys.credentials.parameter(self.dialect, key);
            // A SalesMan login names the account: the target's own.
            let replaced = value == REDACTED || (self.dialect == "salesman" && key == "login");
            if let Some(secret) = secret.filter(|_| replaced) {
                return Some(secret.to_owned());
            }
        }
        self.parameter_kind(key)
            .and_then(|kind| self.id(kind, value))
    }

    fn header(&self, name: &str, value: &str) -> String {
        let Some(keys) = self.keys else {
            return value.to_owned();
        };
        let credentials = keys.credentials;
        match name {
            "authorization" => self.authorization(credentials, value),
            "apikey" | "login" if self.dialect == "salesman" => self
                .parameter(name, value)
                .unwrap_or_else(|| value.to_owned()),
            _ => value.to_owned(),
        }
    }

    fn authorization(&self, credentials: &Credentials, value: &str) -> String {
        if let Some((user, password)) = basic(value) {
            let (user, password) = match self.dialect {
                "planfix" => {
                    let Some(planfix) = &credentials.planfix else {
                        return value.to_owned();
                    };
                    (
                        if user == REDACTED {
                            planfix.api_key.clone()
                        } else {
                            user
                        },
                        if password == REDACTED {
                            planfix.token.clone()
                        } else {
                            password
                        },
                    )
                }
                dialect => {
                    let token = credentials.bearer(dialect).unwrap_or_default();
                    let swap = |part: String| {
                        if part == REDACTED {
                            token.to_owned()
                        } else {
                            part
                        }
                    };
                    (swap(user), swap(password))
                }
            };
            return basic_value(&user, &password);
        }
        match (value.split_once(' '), credentials.bearer(self.dialect)) {
            (Some((scheme, REDACTED)), Some(token)) => format!("{scheme} {token}"),
            _ => value.to_owned(),
        }
    }

    fn body(&self, content_type: Option<&str>, bytes: Vec<u8>) -> anyhow::Result<Vec<u8>> {
        let Ok(text) = String::from_utf8(bytes.clone()) else {
            return Ok(bytes);
        };
        let content_type = content_type.unwrap_or_default();
        let trimmed = text.trim_start();
        Ok(if self.dialect == "planfix" && trimmed.starts_with('<') {
            self.planfix(&text)?
        } else if content_type.contains("json") || trimmed.starts_with('{') {
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(mut value) => {
                    self.json(&mut value);
                    serde_json::to_string(&value)?
                }
                Err(_) => text,
            }
        } else if content_type.contains("x-www-form-urlencoded") || self.dialect == "salesman" {
            form::rewrite(&text, |k, v| self.parameter(k, v))
        } else {
            text
        }
        .into_bytes())
    }

    fn json(&self, value: &mut serde_json::Value) {
        if let serde_json::Value::Object(fields) = value {
            for (key, field) in fields.iter_mut() {
                match field {
                    serde_json::Value::String(text) => {
                        if let Some(new) = self.parameter(key, text) {
                            *text = new;
                        }
                    }
                    serde_json::Value::Number(number) => {
                        let recorded = number.to_string();
                        if let Some(new) =
                            self.parameter_kind(key).and_then(|k| self.id(k, &recorded))
                            && let Ok(new) = new.parse::<i64>()
                        {
                            *field = serde_json::Value::from(new);
                        }
                    }
                    other => self.json(other),
                }
            }
        }
    }

    fn planfix(&self, text: &str) -> anyhow::Result<String> {
        let rewritten = xml::rewrite_leaves(text, |parent, name, value| {
            if let Some(keys) = self.keys {
                let planfix = keys.credentials.planfix.as_ref()?;
                let secret = match name {
                    "account" => Some(planfix.account.as_str()),
                    "sid" => keys.sid,
                    "login" if self.operation == "auth.login" => Some(planfix.login.as_str()),
                    "password" if value == REDACTED => Some(planfix.password.as_str()),
                    _ => None,
                };
                if let Some(secret) = secret {
                    return Some(secret.to_owned());
                }
            }
            kind_of("planfix", parent, name).and_then(|kind| self.id(kind, value))
        });
        let Some(keys) = self.keys else {
            return Ok(rewritten);
        };
        if element_texts(&rewritten, "signature").next().is_none() {
            return Ok(rewritten);
        }
        let signature = crm_planfix::signature::sign_document(
            &rewritten,
            keys.credentials
                .planfix
                .as_ref()
                .map_or("", |p| p.private_key.as_str()),
        )
        .map_err(|err| anyhow::anyhow!("signing a Planfix request again: {err}"))?;
        Ok(xml::rewrite_leaves(&rewritten, |_, name, _| {
            (name == "signature").then(|| signature.clone())
        }))
    }
}
