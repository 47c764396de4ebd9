//! The Planfix XML API (`/xml/`).

use axum::Router;
use crm_core::Crm;
use crm_http::Limits;

/// Where the gateway mounts this dialect.
pub const MOUNT: &str = "/xml";

/// The dialect's routes, ready to merge into the gateway's router.
pub fn router(crm: Crm, _limits: Limits) -> Router {
    Router::new().with_state(crm)
}
