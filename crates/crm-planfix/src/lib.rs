//! The Planfix XML API (`/xml/`): `auth.login` and the contact functions of
//! spec/planfix-contacts.txt, over the shared client store.

mod auth;
pub mod client;
mod error;
mod handler;
mod map;
pub mod op;
mod picture;
pub mod read_as;
mod reply;
pub mod signature;
pub mod throttled;
pub mod wire;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{any, get};
use crm_core::{Crm, DialectName, Origin};
use crm_http::Limits;

pub use auth::{API_KEY, CREDENTIALS, PRIVATE_KEY, TOKEN};
pub use error::PlanfixError;

/// Where the gateway mounts this dialect.
pub const MOUNT: &str = "/xml";

/// The origin stamped on what this dialect writes.
pub const ORIGIN: Origin = Origin::Dialect(DialectName::new("planfix"));

/// What every request of this dialect shares.
#[derive(Debug, Clone)]
pub(crate) struct Dialect {
    pub(crate) crm: Crm,
    pub(crate) body_limit: usize,
    pub(crate) tree: wire::TreeLimits,
    pub(crate) params: crm_http::ParamLimits,
}

/// The dialect's routes, ready to merge into the gateway's router.
pub fn router(crm: Crm, limits: Limits) -> Router {
    let dialect = Dialect {
        crm,
        body_limit: limits.xml_body,
        tree: wire::TreeLimits::default(),
        params: crm_http::ParamLimits::from(&limits),
    };
    let api = || {
        get(handler::entry)
            .post(handler::entry)
            .fallback(handler::wrong_verb)
    };
    let routes = Router::new()
        .route("/xml", api())
        .route("/xml/", api())
        .route(
            "/xml/userpic/{id}",
            get(picture::serve).fallback(handler::wrong_verb),
        )
        .route("/xml/{*rest}", any(handler::unknown_path))
        .layer(DefaultBodyLimit::max(limits.xml_body))
        .with_state(dialect);
    crm_http::dialect::serve::<PlanfixError>(routes, &limits)
}
