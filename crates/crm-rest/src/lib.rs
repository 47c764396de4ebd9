//! The Yii2-style REST API (`/rest/client`).

pub mod auth;
pub mod client;
pub mod error;
pub mod handler;
pub mod map;
pub mod op;
pub mod pagination;
pub mod read_as;
pub mod reply;
pub mod throttled;
pub mod wire;

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use bytes::Bytes;
use crm_core::{Crm, DialectName, Origin};
use crm_http::Limits;
use crm_http::base_url::base_url;
use crm_http::body::read_body;
use crm_http::dialect::one_entry;
use crm_http::params::{ParamLimits, parse_query};
use http::request::Parts;
use http::{HeaderMap, Method, header};

use crate::error::RestError;
use crate::op::{Action, Op, Target};
use crate::pagination::QueryPairs;
use crate::wire::Input;
use crate::wire::input::Encoding;

/// Where the gateway mounts this dialect.
pub const MOUNT: &str = "/rest/client";

/// The origin stamped on what this dialect writes.
pub const ORIGIN: Origin = Origin::Dialect(DialectName::new("rest"));

#[derive(Debug, Clone)]
struct Dialect {
    crm: Crm,
    limits: Arc<Limits>,
}

/// The dialect's routes, ready to merge into the gateway's router. Every path
/// under the mount reaches one entry, which resolves the route itself as
/// `yii\rest\UrlRule` does, so unknown paths and verbs answer in Yii's shape.
pub fn router(crm: Crm, limits: Limits) -> Router {
    let state = Dialect {
        crm,
        limits: Arc::new(limits.clone()),
    };
    let entry = |dialect: Dialect, request| async move { serve(&dialect, request).await };
    one_entry::<_, RestError, _, _>(MOUNT, state, &limits, limits.json_form_body, entry)
        .layer(middleware::from_fn(head_without_body))
}

/// HEAD gets the GET answer's status and headers without its body, errors
/// and the deadline's answer included.
async fn head_without_body(request: Request, next: Next) -> Response {
    let head = request.method() == Method::HEAD;
    let response = next.run(request).await;
    if head {
        reply::strip_body(response)
    } else {
        response
    }
}

/// Yii's order: the route resolves (404), the body is read (413), the
/// method override applies, the query reads (400), the credentials
/// authenticate (401, also before 405), then the action runs and parses the
/// body when it needs it (415, 400).
async fn serve(dialect: &Dialect, request: Request) -> Result<Response, RestError> {
    let (parts, body) = request.into_parts();
    let target = parts
        .uri
        .path()
        .strip_prefix(MOUNT)
        .and_then(Target::parse)
        .ok_or(RestError::PageNotFound)?;
    let bounds = ParamLimits::from(dialect.limits.as_ref());
    let bytes = if matches!(parts.method, Method::POST | Method::PUT | Method::PATCH) {
        read_body(body, dialect.limits.json_form_body).await?
    } else {
        Bytes::new()
    };
    let method = effective_method(&parts, &bytes, bounds);
    let action = Action::select(&method, target);
    let raw_query = parts.uri.query().unwrap_or("");
    let query = parse_query(raw_query.as_bytes(), bounds)
        .map_err(|err| RestError::BadRequest(err.to_string()))?;
    let who = auth::authenticate(&dialect.crm, &query, &parts.headers).await?;
    let input = if action.has_body() {
        Encoding::of(content_type(&parts.headers), &bytes)
            .and_then(|encoding| Input::parse(encoding, &bytes, bounds))
    } else {
        Ok(Input::default())
    };
    let op = Op::parse(action, &query, QueryPairs::from_params(&query), input);
    let response =
        handler::run(&dialect.crm, who, op, &base_url(&parts.headers, &parts.uri)).await?;
    // `Serializer` returns null for `getIsHead()`, which reads the
    // overridden method: a POST tunnelled as HEAD gets no body either.
    Ok(if method == Method::HEAD {
        reply::strip_body(response)
    } else {
        response
    })
}

/// `Request::getMethod` of Yii 2.0.12: a POST may name another verb in the
/// form field `_method` (PHP fills `$_POST` for POSTs only); failing that,
/// `X-HTTP-Method-Override` names it for a request of any verb. A value that
/// is not an HTTP token leaves the request's own verb.
fn effective_method(parts: &Parts, body: &[u8], bounds: ParamLimits) -> Method {
    let from_form =
        || {
            if parts.method != Method::POST {
                return None;
            }
            match Encoding::of(content_type(&parts.headers), body) {
                Ok(Encoding::Json) | Err(_) => None,
                Ok(form) => Input::parse(form, body, bounds).ok().and_then(|input| {
                    match input.get("_method") {
                        Some(wire::Value::Str(name)) => Some(name.clone()),
                        _ => None,
                    }
                }),
            }
        };
    let from_header = || {
        parts
            .headers
            .get("x-http-method-override")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    from_form()
        .or_else(from_header)
        .and_then(|name| Method::from_bytes(name.trim().to_ascii_uppercase().as_bytes()).ok())
        .unwrap_or_else(|| parts.method.clone())
}

fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests {
    use axum::response::IntoResponse;
    use crm_http::dialect::Answers;
    use http::StatusCode;
    use http_body_util::BodyExt;

    use super::*;

    #[tokio::test]
    async fn the_internal_error_is_the_generic_yii_error() {
        let response = <RestError as Answers>::internal().into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(
                &body[..],
                br#"{"response":{"name":"Internal Server Error","message":"An internal server error occurred.","code":0,"status":500}}"#
            );
    }
}
