//! A whole-request deadline whose expiry each dialect renders in its own error
//! shape (tower-http's `TimeoutLayer` answers a bare 408).

use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;

/// How long a request may take and what to answer when it takes longer.
#[derive(Debug, Clone, Copy)]
struct Deadline {
    after: Duration,
    expired: fn(Duration) -> Response,
}

/// Wraps every route of `router` in a deadline of `after`; a request still
/// running then is dropped and answered with `expired(after)`.
pub fn with_deadline(router: Router, after: Duration, expired: fn(Duration) -> Response) -> Router {
    router.layer(middleware::from_fn_with_state(
        Deadline { after, expired },
        enforce,
    ))
}

async fn enforce(State(deadline): State<Deadline>, request: Request, next: Next) -> Response {
    // A timer only fires once the request waits; a zero deadline must expire
    // even the request that never does (one answered from caches alone).
    let response = if deadline.after.is_zero() {
        None
    } else {
        tokio::time::timeout(deadline.after, next.run(request))
            .await
            .ok()
    };
    response.unwrap_or_else(|| {
        tracing::warn!(after = ?deadline.after, "request deadline passed");
        (deadline.expired)(deadline.after)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use axum::body::Body;
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    fn expired(_: Duration) -> Response {
        (StatusCode::REQUEST_TIMEOUT, "late").into_response()
    }

    fn app() -> Router {
        let routes = Router::new().route("/fast", get(|| async { "ok" })).route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(60)).await;
                "never"
            }),
        );
        with_deadline(routes, Duration::from_millis(50), expired)
    }

    async fn status(path: &str) -> StatusCode {
        let request = Request::get(path).body(Body::empty()).unwrap();
        app().oneshot(request).await.unwrap().status()
    }

    #[tokio::test]
    async fn a_request_within_the_deadline_is_answered() {
        assert_eq!(status("/fast").await, StatusCode::OK);
    }

    #[tokio::test]
    async fn a_request_past_the_deadline_gets_the_dialects_answer() {
        assert_eq!(status("/slow").await, StatusCode::REQUEST_TIMEOUT);
    }

    #[tokio::test]
    async fn a_zero_deadline_expires_even_a_request_that_never_waits() {
        let routes = Router::new().route("/fast", get(|| async { "ok" }));
        let app = with_deadline(routes, Duration::ZERO, expired);
        let request = Request::get("/fast").body(Body::empty()).unwrap();
        let status = app.oneshot(request).await.unwrap().status();
        assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
    }
}
