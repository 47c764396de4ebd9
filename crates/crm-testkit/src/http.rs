//! A request to a dialect's real router, in process, and its answer as
//! text: what every dialect's tests send and read.

use axum::Router;
use axum::body::Body;
use http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// An answer: status, headers and body.
#[derive(Debug)]
pub struct Reply {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body, which every dialect writes as UTF-8.
    pub body: String,
}

impl Reply {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.body))
    }

    /// Asserts the status and the exact body.
    pub fn is(&self, status: StatusCode, body: &str) {
        assert_eq!((self.status, self.body.as_str()), (status, body));
    }

    /// A header's value, when it is there.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .map(|v| v.to_str().expect("a header of text"))
    }

    /// The `Content-Type`, or nothing.
    pub fn content_type(&self) -> &str {
        self.header(header::CONTENT_TYPE.as_str())
            .unwrap_or_default()
    }
}

/// Sends `request` through `app` and reads the whole answer.
pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app
        .clone()
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("the body reads")
        .to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).expect("a body of UTF-8"),
    }
}

/// `path` under `mount` with `first` (`token=…`) first in its query, before
/// any query `path` carries: where the real clients put their credential.
pub fn uri_with_first(mount: &str, path: &str, first: &str) -> String {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let sep = if query.is_empty() { "" } else { "&" };
    format!("{mount}{path}?{first}{sep}{query}")
}
