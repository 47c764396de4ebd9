//! One call as a request document: signed, authenticated, sent, its answer
//! read; in session mode the `<sid>` got, kept and renewed once on `0005`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use crm_http::client::{Call, Retry, UpstreamError};
use http::header::AUTHORIZATION;
use http::{HeaderValue, Method};

use super::{Auth, ClientError, PlanfixClient};
use crate::op::{Op, Request};
use crate::wire::{Reply, Session, XmlBody};

/// reference/planfix.md §1: one entry for every function.
const PATH: &str = "/xml/";

/// reference/planfix.md §5: the sid is unknown or has expired.
const SESSION_EXPIRED: &str = "0005";

impl PlanfixClient {
    /// Sends `op` and reads its answer as `B`. In session mode, a `0005`
    /// leads to one fresh login and one resend: the upstream refused the
    /// call before running it, so even a write is safe to send again.
    pub(super) async fn call<B: XmlBody>(&self, op: Op, retry: Retry) -> Result<B, ClientError> {
        if self.auth == Auth::Token {
            return self.send(None, &op, retry).await;
        }
        let sid = self.sid(None).await?;
        match self.send(Some(&sid), &op, retry).await {
            Err(ClientError::Refused(failure)) if failure.code == SESSION_EXPIRED => {
                let sid = self.sid(Some(&sid)).await?;
                self.send(Some(&sid), &op, retry).await
            }
            other => other,
        }
    }

    /// The kept sid, or a new one from `auth.login` when none is kept or
    /// the kept one is `stale`. A clone that already renewed the stale sid
    /// leaves its new one for the others to use.
    async fn sid(&self, stale: Option<&str>) -> Result<String, ClientError> {
        let mut kept = self.sid.lock().await;
        if let Some(sid) = kept.as_deref().filter(|sid| Some(*sid) != stale) {
            return Ok(sid.to_owned());
        }
        *kept = None;
        let op = Op::Login {
            login: self.credentials.login.clone(),
            password: self.credentials.password.clone(),
        };
        // A login sent twice only opens one session more: safe to retry.
        let session: Session = self.send(None, &op, Retry::Once).await?;
        *kept = Some(session.sid.clone());
        Ok(session.sid)
    }

    /// One request document, signed when there is a private key, and its
    /// answer: the body, or the upstream's error as sent.
    async fn send<B: XmlBody>(
        &self,
        sid: Option<&str>,
        op: &Op,
        retry: Retry,
    ) -> Result<B, ClientError> {
        let mut request = Request::new(&self.credentials.account, sid, op.clone());
        if !self.credentials.private_key.is_empty() {
            request = request.signed(&self.credentials.private_key);
        }
        let call = Call::new(Method::POST, PATH, retry)
            .with_body("application/xml; charset=utf-8", request.to_xml())
            .with_header(AUTHORIZATION, self.authorization()?);
        let answer = self.upstream.send(&call).await?;
        match Reply::<B>::parse(&answer.body)? {
            Reply::Ok(body) => Ok(body),
            Reply::Error(failure) => Err(ClientError::Refused(failure)),
        }
    }

    /// HTTP Basic with the API key as user name; the token as password in
    /// token mode, an empty one in session mode, as the wiki's own PHP
    /// sample sends (reference/planfix.md §2). Marked sensitive so that no
    /// log of the HTTP stack shows it.
    fn authorization(&self) -> Result<HeaderValue, ClientError> {
        let password = match self.auth {
            Auth::Token => self.credentials.token.as_str(),
            Auth::Session => "",
        };
        let pair = format!("{}:{password}", self.credentials.api_key);
        let mut value =
            HeaderValue::try_from(format!("Basic {}", STANDARD.encode(pair))).map_err(|_| {
                UpstreamError::Malformed("the Authorization header cannot be built".to_owned())
            })?;
        value.set_sensitive(true);
        Ok(value)
    }
}
