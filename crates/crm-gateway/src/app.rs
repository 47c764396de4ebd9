//! The one router: every dialect at its mount point, `/healthz`, and the
//! layers every request passes. Body limits, timeouts and panics are each
//! dialect router's own, so they answer in that dialect's error shape; the
//! routes here never read a body.

use axum::Router;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use crm_core::Crm;
use crm_http::Limits;
use serde_json::json;
use tower::ServiceBuilder;
use tower_http::ServiceBuilderExt;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::config::ThrottleSection;
use crate::health::healthz;
use crate::request_id::Counter;

/// The whole application over `crm`, failed sign-ins throttled per
/// `throttle` (`[throttle]`; the default section when `None`).
pub fn router(crm: Crm, limits: &Limits, throttle: Option<&ThrottleSection>) -> Router {
    let layers = ServiceBuilder::new()
        .sensitive_request_headers([header::AUTHORIZATION].into())
        .set_x_request_id(Counter::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(span)
                // The metrics layer logs each answer with its dialect's names.
                .on_response(DefaultOnResponse::new().level(Level::DEBUG)),
        )
        .propagate_x_request_id();
    let routes = Router::new()
        .route("/healthz", get(healthz))
        .with_state(crm.clone())
        .merge(crm_eadesk::router(crm.clone(), limits.clone()))
        .merge(crm_rest::router(crm.clone(), limits.clone()))
        .merge(crm_salesman::router(crm.clone(), limits.clone()))
        .merge(crm_planfix::router(crm.clone(), limits.clone()))
        .merge(crate::console::router(crm))
        .merge(crate::api_documents::router())
        .fallback(not_found)
        .layer(axum::middleware::from_fn(in_scope));
    let section = throttle.cloned().unwrap_or_default();
    let routes = crate::throttle::layer(routes, crate::throttle::Throttle::new(&section));
    crate::metrics::measured(routes).layer(layers)
}

/// Each request acts for no account until a dialect signs its caller in;
/// the store names the account to the database from then on
/// (`crm_core::scope`, for PostgreSQL's row-level security).
async fn in_scope(request: Request, next: Next) -> Response {
    crm_core::scope::request(next.run(request)).await
}

/// Logs the path only: tokens travel in query strings (Eadesk `?token=`).
/// The account is recorded once a dialect has signed the caller in.
fn span(request: &http::Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        id,
        account = tracing::field::Empty
    )
}

async fn not_found() -> (StatusCode, axum::Json<serde_json::Value>) {
    (
        StatusCode::NOT_FOUND,
        axum::Json(json!({"error": "not found"})),
    )
}
