//! What every dialect puts around its own handlers: one deadline for the
//! whole request and a caught panic, each answered in the dialect's own
//! error shape. A dialect's error type names those answers ([`Answers`]);
//! [`serve`] wraps the dialect's routes in them, and [`one_entry`] builds
//! the routes too for a dialect with a single entry.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::any;

use crate::Limits;
use crate::deadline::with_deadline;
use crate::mount::whole_subtree;
use crate::panic::catch_panics;

/// A dialect's error type, with its errors for the failures every dialect
/// shares.
pub trait Answers: IntoResponse {
    /// The dialect's name in logs.
    const DIALECT: &'static str;

    /// The error for a request still running `after` it began.
    fn expired(after: Duration) -> Self;

    /// The error for a handler that panicked.
    fn internal() -> Self;
}

/// `routes` with every request under the deadline of `limits` and every
/// panic answered with `A`'s errors.
pub fn serve<A: Answers>(routes: Router, limits: &Limits) -> Router {
    let expired: fn(Duration) -> Response = |after| {
        metrics::counter!("crm_deadline_answers_total", "dialect" => A::DIALECT).increment(1);
        A::expired(after).into_response()
    };
    let internal: fn() -> Response = || {
        metrics::counter!("crm_panics_caught_total", "dialect" => A::DIALECT).increment(1);
        A::internal().into_response()
    };
    let routes = with_deadline(routes, limits.request_timeout, expired);
    catch_panics(routes, A::DIALECT, internal)
}

/// Every path under `mount` answered by one `entry` over `state`, whose
/// errors are `E`'s answers: for a dialect that selects the call from the
/// path itself, so an unknown path or verb answers in its own shape. The
/// body limit applies to axum's extractors; `entry` reads the body itself.
pub fn one_entry<S, E, F, Fut>(
    mount: &str,
    state: S,
    limits: &Limits,
    body_limit: usize,
    entry: F,
) -> Router
where
    S: Clone + Send + Sync + 'static,
    E: Answers,
    F: Fn(S, Request) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Response, E>> + Send + 'static,
{
    let handler = move |State(state): State<S>, request: Request| async move {
        entry(state, request)
            .await
            .unwrap_or_else(IntoResponse::into_response)
    };
    let routes = whole_subtree(mount, any(handler))
        .with_state(state)
        .layer(DefaultBodyLimit::max(body_limit));
    serve::<E>(routes, limits)
}
