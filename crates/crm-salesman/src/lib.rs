//! The SalesMan `person` API (`/developer/v2/person`): one path, the call
//! chosen by `action=`, every answer HTTP 200 with PHP-encoded JSON.

pub mod auth;
pub mod client;
pub mod error;
pub mod handler;
pub mod map;
pub mod op;
pub mod read_as;
pub mod reply;
pub mod throttled;
pub mod wire;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::any;
use crm_core::{Crm, DialectName, Origin};
use crm_http::Limits;

use crate::error::SalesmanError;

/// Where the gateway mounts this dialect.
pub const MOUNT: &str = "/developer/v2/person";

/// The origin stamped on what this dialect writes.
pub const ORIGIN: Origin = Origin::Dialect(DialectName::new("salesman"));

/// What every handler sees.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The domain service.
    pub crm: Crm,
    /// Request bounds.
    pub limits: Limits,
}

/// The dialect's routes, ready to merge into the gateway's router. Any HTTP
/// method reaches the script, as in PHP (reference/salesman.md §1).
pub fn router(crm: Crm, limits: Limits) -> Router {
    let body_limit = limits.bulk_body;
    let state = AppState {
        crm,
        limits: limits.clone(),
    };
    let routes = Router::new()
        .route(MOUNT, any(handler::person))
        // reference/salesman.md §1: `.htaccess` also serves `person.php`.
        .route(&format!("{MOUNT}.php"), any(handler::person))
        .route(&format!("{MOUNT}/"), any(handler::unknown_path))
        .route(&format!("{MOUNT}/{{*rest}}"), any(handler::unknown_path))
        .route(
            &format!("{MOUNT}.php/{{*rest}}"),
            any(handler::unknown_path),
        )
        .with_state(state)
        .layer(DefaultBodyLimit::max(body_limit));
    crm_http::dialect::serve::<SalesmanError>(routes, &limits)
}
