//! Failed sign-ins throttled per source address (reference/reliability.md
//! G10): an address that fails to sign in more often than
//! `[throttle] failed_sign_ins_per_minute` is answered its dialect's "too
//! many requests" (REST 429 as Yii's rate limiter, Planfix `0007`, Eadesk
//! 429 `ETOO_MANY_REQUESTS`, SalesMan `"408"`) until a sign-in is due again,
//! without the request running. A failure is an answer that carries one of
//! the dialect's authentication error codes.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use crm_http::outcome::ErrorCode;
use crm_replay::classify;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::ThrottleSection;

/// The codes of a refused sign-in, by dialect.
const SIGN_IN_REFUSED: &[(&str, &[&str])] = &[
    ("eadesk", &["EUNAUTHORIZED"]),
    ("rest", &["Unauthorized"]),
    ("salesman", &["400", "401"]),
    ("planfix", &["0001", "0004", "0005", "0006", "0012", "1001"]),
];

/// Addresses kept at most before the expired are swept.
const SWEEP_PAST: usize = 10_000;

/// The failures of each address, and the addresses held back.
#[derive(Debug)]
pub struct Throttle {
    failures: DefaultKeyedRateLimiter<IpAddr>,
    held: Mutex<HashMap<IpAddr, Instant>>,
}

impl Throttle {
    /// `None` when the section turns throttling off.
    pub fn new(section: &ThrottleSection) -> Option<Arc<Self>> {
        let per_minute = NonZeroU32::new(section.failed_sign_ins_per_minute)?;
        Some(Arc::new(Self {
            failures: RateLimiter::keyed(Quota::per_minute(per_minute)),
            held: Mutex::new(HashMap::new()),
        }))
    }

    /// How long `address` is still held back, if it is.
    fn held_for(&self, address: IpAddr) -> Option<Duration> {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        let until = *held.get(&address)?;
        let now = Instant::now();
        if until <= now {
            held.remove(&address);
            return None;
        }
        Some(until - now)
    }

    /// Counts a refused sign-in of `address`; past the quota, holds it back
    /// until the next one is due.
    fn failed(&self, address: IpAddr) {
        let Err(not_until) = self.failures.check_key(&address) else {
            return;
        };
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        held.insert(address, Instant::now() + wait.max(Duration::from_secs(1)));
        if held.len() > SWEEP_PAST {
            let now = Instant::now();
            held.retain(|_, until| *until > now);
            self.failures.retain_recent();
        }
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
    if let Some(wait) = throttle.held_for(peer.ip()) {
        return throttled(dialect, wait);
    }
    let answer = next.run(request).await;
    if refused_sign_in(dialect, &answer) {
        throttle.failed(peer.ip());
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
