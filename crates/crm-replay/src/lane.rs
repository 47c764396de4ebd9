//! One server a record is sent to, with what it has taught so far: the
//! ids it gave records, and its Planfix session.

use std::time::Duration;

use anyhow::Context;

use crate::credentials::Credentials;
use crate::exchange::{Answer, Body, Exchange};
use crate::ids::IdMap;
use crate::rewrite::{Keys, Prepared, prepare};
use crate::secrets::element_texts;

/// A server and its side of the id map.
#[derive(Debug)]
pub struct Lane {
    base: String,
    credentials: Option<Credentials>,
    client: reqwest::Client,
    sid: Option<String>,
    /// Recorded ids and this server's.
    pub ids: IdMap,
}

impl Lane {
    /// The server at `base` (its root URL); with `credentials`, a replay's
    /// target, which gets them in place of the record's redacted ones;
    /// without, a shadow's candidate, sent what the primary was sent.
    pub fn new(
        base: &str,
        credentials: Option<Credentials>,
        timeout: Duration,
    ) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Self {
            base: base.trim_end_matches('/').to_owned(),
            credentials,
            client,
            sid: None,
            ids: IdMap::default(),
        })
    }

    /// The request of `exchange` as this server gets it; `None` when its
    /// recorded body was cut and cannot be sent again.
    pub fn prepare(&self, exchange: &Exchange) -> anyhow::Result<Option<Prepared>> {
        if exchange.request.body.cut {
            return Ok(None);
        }
        let keys = self.credentials.as_ref().map(|credentials| Keys {
            credentials,
            sid: self.sid.as_deref(),
        });
        prepare(exchange, &self.ids, keys).map(Some)
    }

    /// Sends `prepared`, the request of `exchange`; a Planfix login's
    /// session is kept for the requests after it.
    pub async fn send(
        &mut self,
        exchange: &Exchange,
        prepared: Prepared,
    ) -> anyhow::Result<Answer> {
        let method = reqwest::Method::from_bytes(prepared.method.as_bytes())?;
        let mut request = self
            .client
            .request(method, format!("{}{}", self.base, prepared.target))
            .body(prepared.body);
        for (name, value) in &prepared.headers {
            request = request.header(name, value);
        }
        let response = request
            .send()
            .await
            .with_context(|| format!("{} {}{}", prepared.method, self.base, prepared.target))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let bytes = response.bytes().await?;
        let answer = Answer {
            status,
            headers,
            body: Body::of(&bytes, false),
        };
        if exchange.operation == "auth.login"
            && let Some(sid) = element_texts(&answer.body.text, "sid").next()
        {
            self.sid = Some(sid.to_owned());
        }
        Ok(answer)
    }
}
