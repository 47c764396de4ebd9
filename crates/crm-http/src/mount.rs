//! Routing a dialect's whole path space to one entry, so that the dialect,
//! not axum, answers an unknown path or verb, in its own error shape.

use axum::Router;
use axum::routing::MethodRouter;

/// `mount`, `mount/` and every path below it, all served by `entry`.
pub fn whole_subtree<S>(mount: &str, entry: MethodRouter<S>) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    Router::new()
        .route(mount, entry.clone())
        .route(&format!("{mount}/"), entry.clone())
        .route(&format!("{mount}/{{*rest}}"), entry)
}
