//! Failed sign-ins throttled per source address (reference/reliability.md
//! G10): an address that fails to sign in more often than
//! `[throttle] failed_sign_ins_per_minute` is answered its dialect's "too
//! many requests" (REST 429 as Yii's rate limiter, Planfix `0007`, Eadesk
//! 429 `ETOO_MANY_REQUESTS`, SalesMan `"408"`) until a sign-in is due again,
//! without the request running. A failure is an answer that carries one of
//! the dialect's authentication error codes.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use crm_core::throttle::Failures;
use crm_http::outcome::ErrorCode;
use crm_replay::classify;

use crate::config::ThrottleSection;

/// The codes of a refused sign-in, by dialect.
const SIGN_IN_REFUSED: &[(&str, &[&str])] = &[
    ("eadesk", &["EUNAUTHORIZED"]),
    ("rest", &["Unauthorized"]),
    ("salesman", &["400", "401"]),
    ("planfix", &["0001", "0004", "0005", "0006", "0012", "1001"]),
];

/// The failed sign-ins of each address.
#[derive(Debug)]
pub struct Throttle(Failures<IpAddr>);

impl Throttle {
    /// `None` when the section turns throttling off.
    pub fn new(section: &ThrottleSection) -> Option<Arc<Self>> {
        Failures::per_minute(section.failed_sign_ins_per_minute).map(|f| Arc::new(Self(f)))
    }
}

/// `app` with the throttle in front of every dialect, when there is one.
pub fn layer(app: Router, throttle: Option<Arc<Throttle>>) -> Router {
    match throttle {
        Some(throttle) => app.layer(from_fn_with_state(throttle, guard)),
        None => app,
    }
}

async fn guard(State(throttle): State<Arc<Throttle>>, request: Request, next: Next) -> Response {
    let Some(ConnectInfo(peer)) = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .copied()
    else {
        return next.run(request).await;
    };
    let dialect = classify::dialect(request.uri().path());
    if let Some(wait) = throttle.0.held_for(&peer.ip()) {
        return throttled(dialect, wait);
    }
    let answer = next.run(request).await;
    if refused_sign_in(dialect, &answer) {
        throttle.0.refused(peer.ip());
    }
    answer
}

fn refused_sign_in(dialect: &str, answer: &Response) -> bool {
    let Some(ErrorCode(code)) = answer.extensions().get::<ErrorCode>() else {
        return false;
    };
    SIGN_IN_REFUSED
        .iter()
        .any(|(d, codes)| *d == dialect && codes.contains(code))
}

fn throttled(dialect: &str, wait: Duration) -> Response {
    match dialect {
        "eadesk" => crm_eadesk::throttled::answer(wait),
        "rest" => crm_rest::throttled::answer(wait),
        "salesman" => crm_salesman::throttled::answer(wait),
        "planfix" => crm_planfix::throttled::answer(wait),
        _ => (StatusCode::TOO_MANY_REQUESTS, "Too many failed sign-ins.").into_response(),
    }
}
