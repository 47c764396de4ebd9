//! A tower layer that hands every exchange to its sinks (the record, the
//! shadow) once the answer has been sent: bodies are copied as they stream
//! through, up to a bound, so nothing waits for a record and the dialects'
//! own body limits still apply first.

use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use axum::body::Body;
use bytes::Bytes;
use http::{HeaderMap, Request, Response};
use http_body::Frame;
use tower::{Layer, Service};

use crate::exchange::{Answer, Body as Kept, Exchange, Request as Asked};

/// Where finished exchanges go. `take` runs on the request's task: it must
/// not block.
pub trait Sink: Send + Sync + 'static {
    /// One exchange, its answer sent.
    fn take(&self, exchange: Exchange);
}

/// The layer, with its sinks.
#[derive(Clone)]
pub struct CaptureLayer {
    sinks: Arc<[Arc<dyn Sink>]>,
    max_body: usize,
}

impl std::fmt::Debug for CaptureLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptureLayer")
            .field("sinks", &self.sinks.len())
            .field("max_body", &self.max_body)
            .finish()
    }
}

impl CaptureLayer {
    /// Exchanges to `sinks`, each body kept up to `max_body` bytes.
    pub fn new(sinks: Vec<Arc<dyn Sink>>, max_body: usize) -> Self {
        Self {
            sinks: sinks.into(),
            max_body,
        }
    }
}

impl<S> Layer<S> for CaptureLayer {
    type Service = Capture<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Capture {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service the layer makes.
#[derive(Clone, Debug)]
pub struct Capture<S> {
    inner: S,
    layer: CaptureLayer,
}

impl<S> Service<Request<Body>> for Capture<S>
where
    S: Service<Request<Body>, Response = Response<Body>> + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response<Body>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let (parts, body) = request.into_parts();
        let asked = Asked {
            method: parts.method.to_string(),
            target: parts
                .uri
                .path_and_query()
                .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned()),
            headers: headers(&parts.headers),
            body: Kept::default(),
        };
        let seen = Seen::new(self.layer.max_body);
        // A body known to be empty (a GET's) is passed as it is.
        let body = if http_body::Body::is_end_stream(&body) {
            body
        } else {
            Body::new(Tee {
                inner: body,
                seen: seen.clone(),
                finish: None,
            })
        };
        let future = self.inner.call(Request::from_parts(parts, body));
        let layer = self.layer.clone();
        Box::pin(async move {
            let response = future.await?;
            let (parts, body) = response.into_parts();
            let finish = Finish {
                at,
                asked,
                asked_body: seen,
                status: parts.status.as_u16(),
                headers: headers(&parts.headers),
                sinks: layer.sinks.clone(),
            };
            let body = Body::new(Tee {
                inner: body,
                seen: Seen::new(layer.max_body),
                finish: Some(finish),
            });
            Ok(Response::from_parts(parts, body))
        })
    }
}

fn headers(map: &HeaderMap) -> Vec<(String, String)> {
    map.iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// The bytes of a body seen so far, up to a bound.
#[derive(Clone)]
struct Seen(Arc<Mutex<(Vec<u8>, bool)>>, usize);

impl Seen {
    fn new(max: usize) -> Self {
        Self(Arc::new(Mutex::new((Vec::new(), false))), max)
    }

    fn add(&self, data: &Bytes) {
        let mut seen = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let room = self.1.saturating_sub(seen.0.len());
        if data.len() > room {
            seen.1 = true;
        }
        seen.0.extend_from_slice(&data[..data.len().min(room)]);
    }

    fn body(&self) -> Kept {
        let seen = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        Kept::of(&seen.0, seen.1)
    }
}

/// What is handed to the sinks when the answer's body is done with.
struct Finish {
    at: String,
    asked: Asked,
    asked_body: Seen,
    status: u16,
    headers: Vec<(String, String)>,
    sinks: Arc<[Arc<dyn Sink>]>,
}

/// A body passed through, its bytes copied into `seen`; the answer's also
/// hands the exchange over when dropped (sent whole, or cut by a client
/// that went away).
struct Tee {
    inner: Body,
    seen: Seen,
    finish: Option<Finish>,
}

impl http_body::Body for Tee {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if let Poll::Ready(Some(Ok(frame))) = &polled
            && let Some(data) = frame.data_ref()
        {
            self.seen.add(data);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for Tee {
    fn drop(&mut self) {
        let Some(finish) = self.finish.take() else {
            return;
        };
        let mut asked = finish.asked;
        asked.body = finish.asked_body.body();
        let exchange = Exchange {
            at: finish.at,
            dialect: String::new(),
            operation: String::new(),
            account: String::new(),
            request: asked,
            answer: Answer {
                status: finish.status,
                headers: finish.headers,
                body: self.seen.body(),
            },
        };
        if let Some((last, others)) = finish.sinks.split_last() {
            for sink in others {
                sink.take(exchange.clone());
            }
            last.take(exchange);
        }
    }
}
