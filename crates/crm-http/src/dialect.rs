//! What every dialect puts around its own handlers: one deadline for the
//! whole request and a caught panic, each answered in the dialect's own
//! error shape. A dialect's error type names those answers ([`Answers`]);
//! [`serve`] wraps the dialect's routes in them.

use std::time::Duration;

use axum::Router;
use axum::response::{IntoResponse, Response};

use crate::Limits;
use crate::deadline::with_deadline;
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
    let expired: fn(Duration) -> Response = |after| A::expired(after).into_response();
    let internal: fn() -> Response = || A::internal().into_response();
    let routes = with_deadline(routes, limits.request_timeout, expired);
    catch_panics(routes, A::DIALECT, internal)
}
