//! A panic in a handler answered in the dialect's own generic error shape,
//! logged once with its message (tower-http's default answers plain text).

use std::any::Any;

use axum::Router;
use axum::response::Response;
use tower_http::catch_panic::CatchPanicLayer;

/// Wraps every route of `router` so a panic is logged under `dialect` and
/// answered with `answer()`.
pub fn catch_panics(router: Router, dialect: &'static str, answer: fn() -> Response) -> Router {
    router.layer(CatchPanicLayer::custom(
        move |detail: Box<dyn Any + Send + 'static>| {
            tracing::error!(dialect, detail = %message(detail.as_ref()), "handler panicked");
            answer()
        },
    ))
}

/// The text a panic was raised with, when it was text.
pub fn message(detail: &(dyn Any + Send)) -> String {
    detail
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| detail.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::response::IntoResponse;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    fn teapot() -> Response {
        (StatusCode::IM_A_TEAPOT, "dialect error").into_response()
    }

    #[tokio::test]
    async fn a_panicking_handler_gets_the_dialects_answer() {
        async fn boom() -> &'static str {
            panic!("boom")
        }
        let routes = Router::new().route("/", get(boom));
        let request = Request::get("/").body(Body::empty()).unwrap();
        let response = catch_panics(routes, "test", teapot)
            .oneshot(request)
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::IM_A_TEAPOT);
    }

    #[test]
    fn the_message_is_read_from_str_and_string_panics() {
        assert_eq!(message(&"boom"), "boom");
        assert_eq!(message(&String::from("bang")), "bang");
        assert_eq!(message(&42), "");
    }
}
