//! A router served over real TCP on a loopback port, and an upstream that
//! calls it: how a dialect's client half is tested against its server half
//! (or against a stub standing in for a real service).

use axum::Router;
use crm_http::client::{Upstream, UpstreamConfig};

/// Serves `router` on a loopback port for as long as the test runs; the base
/// URL to reach it.
pub async fn loopback(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}")
}

/// An upstream at `base_url` with the default timeout, retry and breaker.
pub fn upstream(base_url: &str) -> Upstream {
    Upstream::new(UpstreamConfig::new(base_url)).unwrap()
}
