#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use axum::body::Body;
use crm_http::Limits;
use http::{Method, Request, StatusCode};
use support::{App, Envelope, golden};

const UNAUTHORIZED: &str = r#"{"response":{"name":"Unauthorized","message":"Your request was made with invalid credentials.","code":0,"status":401}}"#;
const PAGE_NOT_FOUND: &str =
    r#"{"response":{"name":"Not Found","message":"Page not found.","code":0,"status":404}}"#;

async fn with_auth(app: &App, method: Method, uri: &str, auth: &str) -> support::Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("host", "crm.example");
    if !auth.is_empty() {
        request = request.header("authorization", auth);
    }
    app.send(request.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn every_credential_form_is_accepted() {
    let app = App::new().await;
    let t = app.token().to_owned();
    for (uri, auth) in [
        (format!("/rest/client?access-token={t}"), String::new()),
        (format!("/rest/client?auth_key={t}"), String::new()),
        ("/rest/client".to_owned(), format!("Bearer {t}")),
        ("/rest/client".to_owned(), format!("Bearer \t{t}")),
    ] {
        let reply = with_auth(&app, Method::GET, &uri, &auth).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri} {auth}: {}", reply.body);
    }
}

#[tokio::test]
async fn missing_or_wrong_credentials_are_401() {
    let app = App::new().await;
    let t = app.token().to_owned();
    let none = with_auth(&app, Method::GET, "/rest/client", "").await;
    none.is(StatusCode::UNAUTHORIZED, UNAUTHORIZED);
    assert_eq!(
        none.header("www-authenticate"),
        Some("Bearer realm=\"api\"")
    );
    golden(&app, "unauthorized", &none);
    let basic = with_auth(&app, Method::GET, "/rest/client", "Basic eDp5").await;
    basic.is(StatusCode::UNAUTHORIZED, UNAUTHORIZED);
    assert_eq!(
        basic.header("www-authenticate"),
        Some("Bearer realm=\"api\"")
    );
    for (uri, auth) in [
        (
            "/rest/client?access-token=wrong".to_owned(),
            format!("Bearer {t}"),
        ),
        (format!("/rest/client?auth_key=wrong&x={t}"), String::new()),
        (
            "/rest/client?access-token[]=x".to_owned(),
            format!("Bearer {t}"),
        ),
        ("/rest/client?access-token=".to_owned(), String::new()),
        ("/rest/client".to_owned(), "Bearer wrong".to_owned()),
        ("/rest/client/1".to_owned(), "Bearer ".to_owned()),
    ] {
        let reply = with_auth(&app, Method::GET, &uri, &auth).await;
        reply.is(StatusCode::UNAUTHORIZED, UNAUTHORIZED);
        assert_eq!(reply.header("www-authenticate"), None, "{uri} {auth}");
    }
    let other = App::new().await;
    let foreign = with_auth(
        &app,
        Method::GET,
        &format!("/rest/client?access-token={}", other.token()),
        "",
    )
    .await;
    foreign.is(StatusCode::UNAUTHORIZED, UNAUTHORIZED);
}

#[tokio::test]
async fn authentication_comes_before_the_verb_check() {
    let app = App::new().await;
    let reply = with_auth(&app, Method::DELETE, "/rest/client", "").await;
    reply.is(StatusCode::UNAUTHORIZED, UNAUTHORIZED);
    let options = with_auth(&app, Method::OPTIONS, "/rest/client/1", "").await;
    options.is(StatusCode::UNAUTHORIZED, UNAUTHORIZED);
}

#[tokio::test]
async fn unknown_paths_are_page_not_found() {
    let app = App::new().await;
    for path in [
        "/rest/client/abc",
        "/rest/client/",
        "/rest/client/1/x",
        "/rest/client/-1",
        "/rest/client/1.5",
    ] {
        let reply = with_auth(&app, Method::GET, path, "").await;
        reply.is(StatusCode::NOT_FOUND, PAGE_NOT_FOUND);
        let authed = app.get(path.trim_start_matches("/rest/client")).await;
        authed.is(StatusCode::NOT_FOUND, PAGE_NOT_FOUND);
    }
    golden(&app, "page-not-found", &app.get("/abc").await);
}

#[tokio::test]
async fn verbs_without_a_route_are_405_with_allow() {
    let app = App::new().await;
    let id = app.client("A", 1).await;
    for (method, path, allow) in [
        (
            Method::POST,
            format!("/{id}"),
            "GET, PUT, PATCH, DELETE, HEAD, OPTIONS",
        ),
        (Method::DELETE, String::new(), "GET, POST, HEAD, OPTIONS"),
        (Method::PUT, String::new(), "GET, POST, HEAD, OPTIONS"),
        (Method::PATCH, String::new(), "GET, POST, HEAD, OPTIONS"),
        (
            Method::TRACE,
            format!("/{id}"),
            "GET, PUT, PATCH, DELETE, HEAD, OPTIONS",
        ),
    ] {
        let reply = app.call(method.clone(), &path, "{}").await;
        reply.is(StatusCode::METHOD_NOT_ALLOWED, "");
        assert_eq!(reply.header("allow"), Some(allow), "{method} {path}");
    }
    let options = app.call(Method::OPTIONS, "", "").await;
    options.is(StatusCode::OK, "");
    assert_eq!(options.header("allow"), Some("GET, POST, HEAD, OPTIONS"));
    let one = app.call(Method::OPTIONS, &format!("/{id}"), "").await;
    one.is(StatusCode::OK, "");
    assert_eq!(
        one.header("allow"),
        Some("GET, PUT, PATCH, DELETE, HEAD, OPTIONS")
    );
    let head = app.call(Method::HEAD, &format!("/{id}"), "").await;
    head.is(StatusCode::OK, "");
    let missing = app.call(Method::HEAD, "/999999", "").await;
    missing.is(StatusCode::NOT_FOUND, "");
}

#[tokio::test]
async fn malformed_bodies_are_400_and_store_nothing() {
    let app = App::new().await;
    let syntax = r#"{"response":{"name":"Bad Request","message":"Invalid JSON data in request body: Syntax error.","code":0,"status":400}}"#;
    let deep = format!("{}{}", "{\"a\":".repeat(300), "}".repeat(300));
    for body in [
        "{",
        "{\"name\":\"A\",\"type\":1",
        "nul",
        "{\"name\":\"\u{0}\"}x",
        deep.as_str(),
    ] {
        app.post(body).await.is(StatusCode::BAD_REQUEST, syntax);
    }
    golden(&app, "invalid-json", &app.post("{").await);
    let scalar = app.post("\"x\"").await;
    assert_eq!(scalar.status, StatusCode::BAD_REQUEST, "{}", scalar.body);
    let list = app.post("[1,2]").await;
    assert_eq!(
        list.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        list.body
    );
    let utf8 = app
        .raw(
            Method::POST,
            &app.url(""),
            "application/x-www-form-urlencoded",
            "name=%FF&type=1",
        )
        .await;
    assert_eq!(utf8.status, StatusCode::BAD_REQUEST, "{}", utf8.body);
    let deep_form = app
        .form(Method::POST, "", "name[a][b][c][d][e][f]=1&type=1")
        .await;
    assert_eq!(
        deep_form.status,
        StatusCode::BAD_REQUEST,
        "{}",
        deep_form.body
    );
    let xml = app
        .raw(Method::POST, &app.url(""), "text/xml", "<a/>")
        .await;
    assert_eq!(
        xml.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        xml.body
    );
    assert_eq!(xml.response()["name"], "Unsupported Media Type");
    for (content_type, body) in [
        ("multipart/form-data", "--x--"),
        ("multipart/form-data; boundary=x", "--x\r\nname=A"),
        (
            "multipart/form-data; boundary=x",
            "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n\u{ff}",
        ),
    ] {
        let reply = app
            .raw(Method::POST, &app.url(""), content_type, body)
            .await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{body:?}: {}",
            reply.body
        );
    }
    let wrong_types = app
        .post(r#"{"name":{"a":1},"type":[1],"email":["a@b.c"],"user":true}"#)
        .await;
    wrong_types.is(
        StatusCode::UNPROCESSABLE_ENTITY,
        r#"{"response":[{"field":"user","message":"User must be an integer."},{"field":"type","message":"Type must be an integer."},{"field":"name","message":"Name must be a string."},{"field":"email","message":"Email must be a string."}]}"#,
    );
    assert!(app.get("").await.ids().is_empty());
}

#[tokio::test]
async fn an_update_finds_the_client_before_it_reads_the_body() {
    // yii\rest\UpdateAction: findModel, then getBodyParams.
    let app = App::new().await;
    let id = app.client("A", 1).await;
    let missing = r#"{"response":{"name":"Not Found","message":"Object not found: 999999","code":0,"status":404}}"#;
    for (content_type, body) in [
        ("application/json", "{"),
        ("application/x-www-form-urlencoded", "name=%FF"),
        ("multipart/form-data", "--x--"),
        ("text/xml", "<a/>"),
    ] {
        let reply = app
            .raw(Method::PATCH, &app.url("/999999"), content_type, body)
            .await;
        reply.is(StatusCode::NOT_FOUND, missing);
        let found = app
            .raw(Method::PUT, &app.url(&format!("/{id}")), content_type, body)
            .await;
        assert!(found.status.is_client_error(), "{}", found.body);
        assert_ne!(found.status, StatusCode::NOT_FOUND, "{}", found.body);
    }
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let app = App::with_limits(Limits {
        json_form_body: 1024,
        ..Limits::default()
    })
    .await;
    let big = format!(r#"{{"name":"{}","type":1}}"#, "x".repeat(2000));
    let reply = app.post(&big).await;
    reply.is(
        StatusCode::PAYLOAD_TOO_LARGE,
        r#"{"response":{"name":"Request Entity Too Large","message":"The request body is larger than 1024 bytes.","code":0,"status":413}}"#,
    );
    let form = app
        .form(
            Method::POST,
            "",
            &format!("type=1&name={}", "x".repeat(2000)),
        )
        .await;
    assert_eq!(form.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(app.get("").await.ids().is_empty());
}

#[tokio::test]
async fn hostile_query_strings_are_400() {
    let app = App::with_limits(Limits {
        max_pairs: 20,
        ..Limits::default()
    })
    .await;
    let many = (0..30)
        .map(|i| format!("p{i}=1"))
        .collect::<Vec<_>>()
        .join("&");
    let reply = app.get(&format!("?{many}")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert_eq!(reply.response()["name"], "Bad Request");
    let bad = app.get("?name=%C3%28").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
}

#[tokio::test]
async fn ids_and_ownership_cannot_be_assigned() {
    let app = App::new().await;
    let reply = app
        .post(r#"{"name":"A","type":1,"id":77777,"account_id":2,"status":"deleted","created_at":"2000-01-01 00:00:00","updated_at":"2000-01-01 00:00:00","count_deals":9}"#)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let c = reply.response();
    assert_ne!(c["id"], 77777);
    assert_ne!(c["created_at"], "2000-01-01 00:00:00");
    assert!(c.get("count_deals").is_none());
    assert_eq!(app.get("").await.ids(), vec![c["id"].as_i64().unwrap()]);
}

#[tokio::test]
async fn a_request_past_its_deadline_is_503_in_yiis_shape() {
    let app = App::with_limits(Limits {
        request_timeout: std::time::Duration::ZERO,
        ..Limits::default()
    })
    .await;
    let reply = app.get("").await;
    reply.is(
        StatusCode::SERVICE_UNAVAILABLE,
        r#"{"response":{"name":"Service Unavailable","message":"The request took too long.","code":0,"status":503}}"#,
    );
}
