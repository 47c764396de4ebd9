//! The gateway's own limits (body size, nesting, deadline) answered in Eadesk shape.

use crate::support::{App, golden};
use crm_http::Limits;
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn body_over_the_limit_is_413_in_eadesk_shape() {
    let limits = Limits {
        json_form_body: 1024,
        ..Limits::default()
    };
    let app = App::with_limits(limits).await;
    let big = format!(r#"{{"name":"{}"}}"#, "x".repeat(2000));
    let reply = app.post("/create", &big).await;
    reply.is(
        StatusCode::PAYLOAD_TOO_LARGE,
        r#"{"err":"ETOO_LARGE","message":"request body is larger than 1024 bytes"}"#,
    );
    golden("too-large", &reply);
    assert_eq!(app.read_ids("").await, Vec::<String>::new());
}

#[tokio::test]
async fn deeply_nested_json_is_400_not_a_crash() {
    let app = App::new().await;
    let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let reply = app.post("/create", &body).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["err"], json!("EINVALID"));
    let body = format!(
        r#"{{"name":"x","extra":{}{}}}"#,
        "{\"a\":".repeat(10_000),
        "}".repeat(10_000)
    );
    let reply = app.post("/create", &body).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.read_ids("").await, Vec::<String>::new());
}

#[tokio::test]
async fn request_past_its_deadline_is_503_in_eadesk_shape() {
    let limits = Limits {
        request_timeout: std::time::Duration::ZERO,
        ..Limits::default()
    };
    let app = App::with_limits(limits).await;
    app.get("/read")
        .await
        .is(StatusCode::SERVICE_UNAVAILABLE, r#"{"err":"ETIMEOUT"}"#);
}
