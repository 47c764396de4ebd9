//! `crm-gateway record --listen ADDR --upstream URL --dir DIR`: a
//! pass-through proxy in front of any server (the real CRM included) that
//! records what an integration sends it and what it answers.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::State;
use axum::http::{Request, Response, StatusCode};

use crate::capture::{CaptureLayer, Sink};
use crate::journal::Journal;

/// Most bytes of a request body passed on.
const MAX_BODY: usize = 16 << 20;

/// Headers the proxy does not pass on: its own connection's, and
/// `Accept-Encoding`, so answers are recorded as text.
const HOP: &[&str] = &[
    "host",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "upgrade",
    "content-length",
    "accept-encoding",
    "proxy-authorization",
];

#[derive(Clone)]
struct Upstream {
    base: String,
    client: reqwest::Client,
}

/// The proxy's router: everything passed to `upstream` (its root URL),
/// every exchange to `journal`, bodies kept up to `max_body` bytes.
pub fn router(upstream: &str, journal: Arc<Journal>, max_body: usize) -> anyhow::Result<Router> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let upstream = Upstream {
        base: upstream.trim_end_matches('/').to_owned(),
        client,
    };
    let sinks: Vec<Arc<dyn Sink>> = vec![journal];
    Ok(Router::new()
        .fallback(forward)
        .with_state(upstream)
        .layer(CaptureLayer::new(sinks, max_body)))
}

async fn forward(State(upstream): State<Upstream>, request: Request<Body>) -> Response<Body> {
    match pass(&upstream, request).await {
        Ok(response) => response,
        Err(err) => {
            tracing::warn!(err = %format!("{err:#}"), "the upstream did not answer");
            let mut response =
                Response::new(Body::from(format!("the upstream did not answer: {err}")));
            *response.status_mut() = StatusCode::BAD_GATEWAY;
            response
        }
    }
}

async fn pass(upstream: &Upstream, request: Request<Body>) -> anyhow::Result<Response<Body>> {
    let (parts, body) = request.into_parts();
    let target = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let body = to_bytes(body, MAX_BODY).await?;
    let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes())?;
    let mut sent = upstream
        .client
        .request(method, format!("{}{target}", upstream.base))
        .body(body);
    for (name, value) in &parts.headers {
        if !HOP.contains(&name.as_str()) {
            sent = sent.header(name.as_str(), value.as_bytes());
        }
    }
    let answer = sent.send().await?;
    let mut response = Response::builder().status(answer.status().as_u16());
    for (name, value) in answer.headers() {
        if !HOP.contains(&name.as_str()) {
            response = response.header(name.as_str(), value.as_bytes());
        }
    }
    Ok(response.body(Body::from(answer.bytes().await?))?)
}
