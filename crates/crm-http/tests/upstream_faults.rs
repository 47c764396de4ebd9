#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The client side against a stub upstream on loopback that stalls, fails,
//! cuts the connection or sends too much: every fault comes back as an
//! `UpstreamError` within the call's timeout, reads are tried once more,
//! writes never, and a failing upstream is paused.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use crm_http::client::{BreakerConfig, Call, Retry, Upstream, UpstreamConfig, UpstreamError};
use http::Method;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

#[derive(Clone, Default)]
struct Hits(Arc<AtomicUsize>);

impl Hits {
    fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// Fails the first call with 503, answers every later one.
async fn flaky(State(hits): State<Hits>) -> (StatusCode, &'static str) {
    if hits.0.fetch_add(1, Ordering::SeqCst) == 0 {
        (StatusCode::SERVICE_UNAVAILABLE, "busy")
    } else {
        (StatusCode::OK, "fine")
    }
}

async fn failing(State(hits): State<Hits>) -> StatusCode {
    hits.0.fetch_add(1, Ordering::SeqCst);
    StatusCode::INTERNAL_SERVER_ERROR
}

async fn stalling() -> &'static str {
    tokio::time::sleep(Duration::from_secs(30)).await;
    "too late"
}

async fn start(router: Router) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

/// Accepts connections and writes half an HTTP answer before hanging up.
async fn start_cutter() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial")
                .await;
        }
    });
    format!("http://{addr}")
}

fn upstream(base: &str) -> Upstream {
    let mut config = UpstreamConfig::new(base);
    config.timeout = Duration::from_millis(300);
    config.max_body = 1024;
    config.retry_after = Duration::from_millis(10);
    config.breaker = BreakerConfig {
        failures: 3,
        open_for: Duration::from_secs(60),
    };
    Upstream::new(config).unwrap()
}

#[tokio::test]
async fn a_read_that_fails_in_transit_is_sent_once_more() {
    let hits = Hits::default();
    let base = start(
        Router::new()
            .route("/flaky", get(flaky))
            .with_state(hits.clone()),
    )
    .await;
    let answer = upstream(&base)
        .send(&Call::new(Method::GET, "/flaky", Retry::Once))
        .await
        .unwrap();
    assert_eq!(
        (answer.status, &answer.body[..]),
        (StatusCode::OK, &b"fine"[..])
    );
    assert_eq!(hits.count(), 2);
}

#[tokio::test]
async fn a_write_is_never_sent_twice() {
    let hits = Hits::default();
    let base = start(
        Router::new()
            .route("/flaky", get(flaky))
            .with_state(hits.clone()),
    )
    .await;
    let err = upstream(&base)
        .send(&Call::new(Method::GET, "/flaky", Retry::Never))
        .await
        .unwrap_err();
    assert_eq!(err, UpstreamError::Failed(503));
    assert_eq!(hits.count(), 1);
}

#[tokio::test]
async fn a_stalled_upstream_times_out_within_the_call_timeout() {
    let base = start(Router::new().route("/stall", get(stalling))).await;
    let started = Instant::now();
    let err = upstream(&base)
        .send(&Call::new(Method::GET, "/stall", Retry::Never))
        .await
        .unwrap_err();
    assert_eq!(err, UpstreamError::Timeout);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_cut_connection_is_unreachable() {
    let base = start_cutter().await;
    let err = upstream(&base)
        .send(&Call::new(Method::GET, "/", Retry::Never))
        .await
        .unwrap_err();
    assert_eq!(err, UpstreamError::Unreachable);
}

#[tokio::test]
async fn a_refused_connection_is_unreachable() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let err = upstream(&base)
        .send(&Call::new(Method::GET, "/", Retry::Never))
        .await
        .unwrap_err();
    assert_eq!(err, UpstreamError::Unreachable);
}

#[tokio::test]
async fn an_answer_over_the_limit_is_refused() {
    let big = "x".repeat(4096);
    let base = start(Router::new().route("/big", get(move || async move { big }))).await;
    let err = upstream(&base)
        .send(&Call::new(Method::GET, "/big", Retry::Once))
        .await
        .unwrap_err();
    assert_eq!(err, UpstreamError::TooLarge(1024));
}

#[tokio::test]
async fn a_failing_upstream_is_paused_without_being_called() {
    let hits = Hits::default();
    let base = start(
        Router::new()
            .route("/fail", get(failing))
            .with_state(hits.clone()),
    )
    .await;
    let upstream = upstream(&base);
    let call = Call::new(Method::GET, "/fail", Retry::Never);
    for _ in 0..3 {
        assert_eq!(
            upstream.send(&call).await.unwrap_err(),
            UpstreamError::Failed(500)
        );
    }
    assert_eq!(
        upstream.send(&call).await.unwrap_err(),
        UpstreamError::Paused
    );
    assert_eq!(hits.count(), 3);
}

#[tokio::test]
async fn errors_never_show_the_query_or_the_body() {
    let base = start(
        Router::new()
            .route("/fail", get(failing))
            .with_state(Hits::default()),
    )
    .await;
    let call = Call::new(Method::GET, "/fail?access-token=s3cret", Retry::Never)
        .with_body("application/json", r#"{"password":"s3cret"}"#);
    let err = upstream(&base).send(&call).await.unwrap_err();
    assert!(!err.to_string().contains("s3cret"), "{err}");
    assert!(!format!("{err:?}").contains("s3cret"), "{err:?}");
}

/// Answers 429 (`Retry-After: 0`) to the first `busy` calls, then 200.
async fn limited(
    State((hits, busy)): State<(Hits, usize)>,
) -> (StatusCode, [(&'static str, &'static str); 1], &'static str) {
    if hits.0.fetch_add(1, Ordering::SeqCst) < busy {
        (
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", "0")],
            "slow down",
        )
    } else {
        (StatusCode::OK, [("retry-after", "0")], "fine")
    }
}

#[tokio::test]
async fn a_429_is_waited_out_and_sent_once_more_even_for_a_write() {
    let hits = Hits::default();
    let router = Router::new()
        .route("/limited", get(limited))
        .with_state((hits.clone(), 1));
    let base = start(router).await;
    let answer = upstream(&base)
        .send(&Call::new(Method::GET, "/limited", Retry::Never))
        .await
        .unwrap();
    assert_eq!(
        (answer.status, &answer.body[..]),
        (StatusCode::OK, &b"fine"[..])
    );
    assert_eq!(hits.count(), 2);
}

#[tokio::test]
async fn a_second_429_is_throttled() {
    let hits = Hits::default();
    let router = Router::new()
        .route("/limited", get(limited))
        .with_state((hits.clone(), 9));
    let base = start(router).await;
    let err = upstream(&base)
        .send(&Call::new(Method::GET, "/limited", Retry::Once))
        .await
        .unwrap_err();
    assert_eq!(err, UpstreamError::Throttled);
    assert_eq!(hits.count(), 2);
}
