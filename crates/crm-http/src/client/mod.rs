//! The side that calls a real service: one HTTP client per upstream, with
//! a per-call timeout, a bounded answer, one retry of a read, and a circuit
//! breaker. A dialect's client half writes its calls and reads its answers
//! over this; what fails here fails in a few words that never carry the
//! upstream's secrets (no query string, no body).

mod breaker;

use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};

use breaker::Breaker;
pub use breaker::BreakerConfig;

/// Where an upstream is and how long a call may take.
#[derive(Debug, Clone)]
pub struct UpstreamConfig {
    /// The base URL the real service's own clients are given, without a
    /// trailing slash (`https://acme.planfix.ru`).
    pub base_url: String,
    /// Most time one attempt of a call may take, connection included.
    pub timeout: Duration,
    /// Largest answer body read; a larger one fails the call.
    pub max_body: usize,
    /// Wait before the one retry of a read, before jitter.
    pub retry_after: Duration,
    /// When calls stop being sent to a failing upstream.
    pub breaker: BreakerConfig,
}

impl UpstreamConfig {
    /// Defaults for `base_url`: 10 s a call, 16 MiB answers, one retry
    /// after about 100 ms.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            timeout: Duration::from_secs(10),
            max_body: 16 << 20,
            retry_after: Duration::from_millis(100),
            breaker: BreakerConfig::default(),
        }
    }
}

/// Whether a call may be sent twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// A read: sent again once when the first attempt failed in transit.
    Once,
    /// A write: never sent again blindly; its caller looks up what landed.
    Never,
}

/// One HTTP call to the upstream.
#[derive(Debug, Clone)]
pub struct Call {
    /// The method.
    pub method: Method,
    /// Path and query below the base URL (`/xml/`, `/rest/client?page=2`).
    pub path: String,
    /// Headers beyond what the client sets.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The body; empty for none.
    pub body: Bytes,
    /// Whether it may be sent twice.
    pub retry: Retry,
}

impl Call {
    /// A call with no headers and no body.
    pub fn new(method: Method, path: impl Into<String>, retry: Retry) -> Self {
        Self {
            method,
            path: path.into(),
            headers: Vec::new(),
            body: Bytes::new(),
            retry,
        }
    }

    /// The call with `body` sent as `content_type`.
    pub fn with_body(mut self, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        self.headers.push((
            http::header::CONTENT_TYPE,
            HeaderValue::from_static(content_type),
        ));
        self.body = body.into();
        self
    }

    /// The call with one more header.
    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// The path without its query, which may hold credentials: what logs
    /// and errors may name.
    fn shown_path(&self) -> &str {
        self.path.split('?').next().unwrap_or_default()
    }
}

/// The upstream's answer to a call, whatever its status below 500.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body, read whole.
    pub body: Bytes,
}

/// Why a call got no answer to read. The messages name no URL query, header
/// or body, so they may be logged and shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpstreamError {
    /// The upstream took longer than the call's timeout.
    #[error("the upstream did not answer in time")]
    Timeout,
    /// No connection, or it was cut before the answer was whole.
    #[error("the upstream could not be reached")]
    Unreachable,
    /// The upstream answered with a server error.
    #[error("the upstream failed with HTTP {0}")]
    Failed(u16),
    /// The answer was larger than allowed.
    #[error("the upstream's answer is larger than {0} bytes")]
    TooLarge(usize),
    /// The upstream answered 429 twice: it wants fewer calls.
    #[error("the upstream asks for fewer calls")]
    Throttled,
    /// Recent calls failed; none is sent until the breaker's probe.
    #[error("the upstream is failing; calls are paused")]
    Paused,
    /// The base URL or a call cannot be sent at all.
    #[error("the upstream call is malformed: {0}")]
    Malformed(String),
}

impl UpstreamError {
    /// Whether the failure happened in transit, where a read may be tried
    /// again and the breaker counts it.
    fn in_transit(&self) -> bool {
        matches!(self, Self::Timeout | Self::Unreachable | Self::Failed(_))
    }
}

/// One upstream: a pooled HTTP client (rustls) for its base URL. Cheap to
/// clone; clones share the pool and the breaker.
#[derive(Debug, Clone)]
pub struct Upstream {
    http: reqwest::Client,
    config: std::sync::Arc<UpstreamConfig>,
    breaker: std::sync::Arc<Breaker>,
}

impl Upstream {
    /// A client for `config.base_url`.
    pub fn new(config: UpstreamConfig) -> Result<Self, UpstreamError> {
        if !(config.base_url.starts_with("http://") || config.base_url.starts_with("https://")) {
            return Err(UpstreamError::Malformed(
                "the base URL must start with http:// or https://".to_owned(),
            ));
        }
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| UpstreamError::Malformed(err.to_string()))?;
        Ok(Self {
            http,
            breaker: std::sync::Arc::new(Breaker::new(config.breaker)),
            config: std::sync::Arc::new(config),
        })
    }

    /// The base URL calls go to.
    pub fn base_url(&self) -> &str {
        &self.config.base_url
    }

    /// Sends `call`, once more after a jittered pause if it is a read that
    /// failed in transit, or after the wait the upstream asks for if it
    /// answered 429; any other answer below 500 is the dialect's to read.
    pub async fn send(&self, call: &Call) -> Result<Answer, UpstreamError> {
        let first = self.attempt(call).await;
        match first {
            Err(err) if err.in_transit() && call.retry == Retry::Once => {
                tokio::time::sleep(jittered(self.config.retry_after)).await;
                self.attempt(call).await
            }
            // RFC 6585: a 429 ran nothing, so a write too is sent again.
            Ok(answer) if answer.status == StatusCode::TOO_MANY_REQUESTS => {
                let wait = asked_wait(&answer.headers).min(self.config.timeout);
                tokio::time::sleep(wait).await;
                match self.attempt(call).await {
                    Ok(again) if again.status == StatusCode::TOO_MANY_REQUESTS => {
                        Err(UpstreamError::Throttled)
                    }
                    other => other,
                }
            }
            other => other,
        }
    }

    async fn attempt(&self, call: &Call) -> Result<Answer, UpstreamError> {
        let permit = self.breaker.admit()?;
        let started = std::time::Instant::now();
        let outcome = self.exchange(call).await;
        let failed = outcome
            .as_ref()
            .err()
            .is_some_and(UpstreamError::in_transit);
        permit.finish(!failed);
        tracing::debug!(
            upstream = %self.config.base_url,
            method = %call.method,
            path = call.shown_path(),
            millis = started.elapsed().as_millis() as u64,
            outcome = match &outcome {
                Ok(answer) => answer.status.as_str().to_owned(),
                Err(err) => err.to_string(),
            },
            "upstream call"
        );
        outcome
    }

    async fn exchange(&self, call: &Call) -> Result<Answer, UpstreamError> {
        let url = format!("{}{}", self.config.base_url, call.path);
        let mut request = self.http.request(call.method.clone(), url);
        for (name, value) in &call.headers {
            request = request.header(name, value);
        }
        if !call.body.is_empty() {
            request = request.body(call.body.clone());
        }
        let mut response = request.send().await.map_err(transport)?;
        let status = response.status();
        if status.is_server_error() {
            return Err(UpstreamError::Failed(status.as_u16()));
        }
        let headers = std::mem::take(response.headers_mut());
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > self.config.max_body {
                return Err(UpstreamError::TooLarge(self.config.max_body));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Answer {
            status,
            headers,
            body: body.into(),
        })
    }
}

/// The wait a 429's `Retry-After` asks for, in seconds; a second when it
/// gives none (or a date, which clocks apart would misread).
fn asked_wait(headers: &HeaderMap) -> Duration {
    headers
        .get(http::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(Duration::from_secs(1), Duration::from_secs)
}

/// reqwest's error names the URL, query and all; only its kind is kept.
fn transport(err: reqwest::Error) -> UpstreamError {
    if err.is_timeout() {
        UpstreamError::Timeout
    } else if err.is_builder() {
        UpstreamError::Malformed("the request could not be built".to_owned())
    } else {
        UpstreamError::Unreachable
    }
}

/// `base` scaled by a random factor in [0.5, 1.5), so that replicas that
/// failed together do not retry together.
fn jittered(base: Duration) -> Duration {
    let mut byte = [0u8; 1];
    let spread = match getrandom::fill(&mut byte) {
        Ok(()) => f64::from(byte[0]) / 256.0,
        Err(_) => 0.5,
    };
    base.mul_f64(0.5 + spread)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_without_a_scheme_is_refused() {
        let err = Upstream::new(UpstreamConfig::new("acme.planfix.ru")).unwrap_err();
        assert!(matches!(err, UpstreamError::Malformed(_)), "{err:?}");
    }

    #[test]
    fn the_shown_path_leaves_the_query_out() {
        let call = Call::new(Method::GET, "/rest/client?access-token=s3cret", Retry::Once);
        assert_eq!(call.shown_path(), "/rest/client");
    }

    #[test]
    fn jitter_stays_within_half_to_one_and_a_half() {
        for _ in 0..100 {
            let d = jittered(Duration::from_millis(100));
            assert!(
                d >= Duration::from_millis(50) && d < Duration::from_millis(150),
                "{d:?}"
            );
        }
    }
}
