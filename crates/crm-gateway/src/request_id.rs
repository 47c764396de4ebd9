//! An id per request for correlating log lines: the caller's `x-request-id`
//! when it sends one, else a process-unique counter.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use http::{HeaderValue, Request};
use tower_http::request_id::{MakeRequestId, RequestId};

/// Numbers requests `<prefix>-1`, `<prefix>-2`, ...
#[derive(Debug, Clone)]
pub(crate) struct Counter {
    prefix: String,
    next: Arc<AtomicU64>,
}

impl Counter {
    pub(crate) fn new() -> Self {
        Self {
            prefix: format!("{:x}", std::process::id()),
            next: Arc::new(AtomicU64::new(1)),
        }
    }
}

impl MakeRequestId for Counter {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n}", self.prefix))
            .ok()
            .map(RequestId::new)
    }
}
