//! The Eadesk clients API (`/api/clients/person/...`).

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

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::response::Response;
use bytes::Bytes;
use crm_core::{Crm, DialectName, Origin};
use crm_http::Limits;
use crm_http::body::read_body;
use crm_http::dialect::one_entry;

use crate::error::EadeskError;
use crate::op::{Op, Route};
use crate::wire::Params;

/// Where the gateway mounts this dialect.
pub const MOUNT: &str = "/api/clients/person";

/// The origin stamped on what this dialect writes.
pub const ORIGIN: Origin = Origin::Dialect(DialectName::new("eadesk"));

#[derive(Debug, Clone)]
struct Dialect {
    crm: Crm,
    limits: Arc<Limits>,
}

/// The dialect's routes, ready to merge into the gateway's router. Every path
/// under the mount reaches one entry, which selects the call itself, so an
/// unknown path or verb answers in Eadesk's shape.
pub fn router(crm: Crm, limits: Limits) -> Router {
    let state = Dialect {
        crm,
        limits: Arc::new(limits.clone()),
    };
    let entry = |dialect: Dialect, request| async move { serve(&dialect, request).await };
    one_entry::<_, EadeskError, _, _>(MOUNT, state, &limits, limits.json_form_body, entry)
}

/// The checks in order: the call exists, the query string reads, the token
/// is good, the body reads, the inputs are valid; then the call runs.
async fn serve(dialect: &Dialect, request: Request) -> Result<Response, EadeskError> {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path();
    let route = path
        .strip_prefix(MOUNT)
        .and_then(|rest| Route::parse(&parts.method, rest))
        .ok_or_else(|| EadeskError::NoSuchMethod {
            method: parts.method.to_string(),
            path: path.to_owned(),
        })?;
    let params = Params::parse(parts.uri.query().unwrap_or(""), dialect.limits.max_pairs)?;
    let who = auth::authenticate(&dialect.crm, &params, &parts.headers).await?;
    let body = if route.has_body() {
        read_body(body, dialect.limits.json_form_body).await?
    } else {
        Bytes::new()
    };
    let op = Op::parse(route, &params, &body, &dialect.crm.config().search)?;
    handler::run(&dialect.crm, who, op).await
}

#[cfg(test)]
mod tests {
    use axum::response::IntoResponse;
    use crm_http::dialect::Answers;
    use http::StatusCode;
    use http_body_util::BodyExt;

    use super::*;

    #[tokio::test]
    async fn the_internal_error_is_the_generic_eadesk_error() {
        let response = <EadeskError as Answers>::internal().into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(&body[..], br#"{"err":"EINTERNAL"}"#);
    }
}
