//! `GET /metrics` in the Prometheus text format: requests by dialect,
//! operation and outcome (the dialect's own error code), their latency,
//! panics caught, deadline answers, the record's and the shadow's counts,
//! the store's pool and SQLite's group commits, each store call's time by
//! the store method that made it, and the calls to a bound upstream.
//! Every label value comes from a closed set: the dialects, each dialect's
//! operations ([`OPERATIONS`]), its error codes, or `unknown`.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use crm_http::outcome::{ErrorCode, Operation};
use crm_replay::classify;
use crm_store::SqlStore;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// The operations of the dialects whose call the path names, as metrics
/// label them; SalesMan and Planfix name theirs in the answer.
pub const OPERATIONS: &[(&str, &[&str])] = &[
    (
        "eadesk",
        &[
            "create",
            "read",
            "update/{id}",
            "delete/{id}",
            "contacts/create/{id}",
            "contacts/read",
            "contacts/update/{id}",
            "contacts/delete/{id}",
        ],
    ),
    (
        "rest",
        &[
            "GET /rest/client",
            "GET /rest/client/{id}",
            "HEAD /rest/client",
            "HEAD /rest/client/{id}",
            "OPTIONS /rest/client",
            "OPTIONS /rest/client/{id}",
            "POST /rest/client",
            "PUT /rest/client/{id}",
            "PATCH /rest/client/{id}",
            "DELETE /rest/client/{id}",
        ],
    ),
];

/// Latency buckets, in seconds: a point read takes about a millisecond, a
/// bulk insert up to seconds.
const BUCKETS: &[f64] = &[
    0.000_5, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 15.0,
];

/// The process's recorder, made on first use: one per process, however
/// many servers a test starts in it.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_duration_seconds".into()), BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!(
                "a metrics recorder was already installed; /metrics shows this one only"
            );
        }
        handle
    })
}

/// `app` with every request counted, timed and logged.
pub fn measured(app: Router) -> Router {
    handle();
    app.layer(from_fn(measure))
}

/// The router of `GET /metrics` alone: beside the API, or on its own
/// listener (`[metrics] listen`). The store's pool and commits are read at
/// each scrape.
pub fn endpoint(store: Arc<SqlStore>) -> Router {
    Router::new()
        .route("/metrics", get(render))
        .with_state(store)
}

async fn render(State(store): State<Arc<SqlStore>>) -> Response {
    sample_store(&store);
    let text = handle().render();
    ([("content-type", "text/plain; version=0.0.4")], text).into_response()
}

fn sample_store(store: &SqlStore) {
    let pool = store.pool_stats();
    let connections = |state: &'static str, n: u32| {
        metrics::gauge!("crm_store_pool_connections", "state" => state).set(f64::from(n));
    };
    connections("in_use", pool.open.saturating_sub(pool.idle));
    connections("idle", pool.idle);
    metrics::gauge!("crm_store_pool_max_connections").set(f64::from(pool.most));
    if let Some(commits) = store.commit_stats() {
        metrics::counter!("crm_store_group_commits_total").absolute(commits.commits);
        metrics::counter!("crm_store_group_commit_writes_total").absolute(commits.writes);
    }
}

async fn measure(request: Request, next: Next) -> Response {
    let dialect = classify::dialect(request.uri().path());
    let named = named_by_path(dialect, &request);
    let started = Instant::now();
    let response = next.run(request).await;
    let operation = response
        .extensions()
        .get::<Operation>()
        .map(|o| o.0)
        .or(named)
        .unwrap_or("unknown");
    let outcome = match response.extensions().get::<ErrorCode>() {
        Some(code) => code.0,
        None if response.status().is_success() => "ok",
        None => status_class(response.status().as_u16()),
    };
    metrics::counter!(
        "crm_requests_total",
        "dialect" => dialect,
        "operation" => operation,
        "outcome" => outcome
    )
    .increment(1);
    let elapsed = started.elapsed();
    metrics::histogram!(
        "crm_request_duration_seconds",
        "dialect" => dialect,
        "operation" => operation
    )
    .record(elapsed.as_secs_f64());
    let (status, micros) = (response.status().as_u16(), elapsed.as_micros());
    tracing::info!(dialect, operation, outcome, status, micros, "answered");
    response
}

/// The operation of an Eadesk or REST request, by its path and verb, and
/// Planfix's picture route.
fn named_by_path(dialect: &'static str, request: &Request) -> Option<&'static str> {
    if dialect == "planfix" && request.uri().path().starts_with("/xml/userpic/") {
        return Some("userpic");
    }
    let known = OPERATIONS.iter().find(|(d, _)| *d == dialect)?.1;
    let target = request.uri().path_and_query().map_or("", |p| p.as_str());
    let operation = classify::operation(dialect, request.method().as_str(), target, &[], b"");
    known.iter().copied().find(|k| *k == operation)
}

fn status_class(status: u16) -> &'static str {
    match status {
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}
