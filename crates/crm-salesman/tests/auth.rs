#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;
use support::{App, PATH, form, http_build_query};

const BAD_KEY: &str = r#"{"result":"Error","error":{"code":400,"text":"Не верный API key"}}"#;
const BAD_USER: &str =
    r#"{"result":"Error","error":{"code":401,"text":"Неизвестный пользователь"}}"#;
const BAD_ACTION: &str = r#"{"error":{"code":402,"text":"Неизвестный метод"}}"#;

#[tokio::test]
async fn checks_run_in_order_key_then_login_then_action() {
    let app = App::new().await;
    let cases = [
        (json!({"action": "nope"}), BAD_KEY),
        (
            json!({"login": app.login(), "apikey": "wrong", "action": "nope"}),
            BAD_KEY,
        ),
        (
            json!({"login": "ghost@acme", "apikey": app.apikey(), "action": "nope"}),
            BAD_USER,
        ),
        (
            json!({"apikey": app.apikey(), "action": "fields"}),
            BAD_USER,
        ),
        (
            json!({"login": app.login(), "apikey": app.apikey(), "action": "nope"}),
            BAD_ACTION,
        ),
        (
            json!({"login": app.login(), "apikey": app.apikey()}),
            BAD_ACTION,
        ),
        // 402 comes before any field validation.
        (
            json!({"login": app.login(), "apikey": app.apikey(), "action": "upd", "pid": ""}),
            BAD_ACTION,
        ),
    ];
    for (params, expected) in cases {
        let reply = app.send(form(&http_build_query(&params))).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.body, expected, "{params}");
    }
}

#[tokio::test]
async fn answers_are_json_utf8_with_cors_and_status_200() {
    let app = App::new().await;
    for reply in [
        app.post("fields", json!({})).await,
        app.post("bogus", json!({})).await,
    ] {
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(
            reply.headers["content-type"],
            "application/json; charset=utf-8"
        );
        assert_eq!(reply.headers["access-control-allow-origin"], "*");
    }
}

#[tokio::test]
async fn another_accounts_key_does_not_open_this_accounts_login() {
    let app = App::new().await;
    let other = crm_testkit::TestAccount::with_credentials(
        &app.crm,
        "other",
        crm_salesman::auth::CREDENTIALS,
    )
    .await;
    let params = json!({
        "login": app.login(),
        "apikey": other.key(crm_salesman::auth::API_KEY),
        "action": "fields",
    });
    let reply = app.send(form(&http_build_query(&params))).await;
    assert_eq!(reply.body, BAD_USER);
}

#[tokio::test]
async fn any_method_query_string_and_php_suffix_reach_the_script() {
    let app = App::new().await;
    let query = http_build_query(&app.params("fields", json!({})));
    for (method, path) in [
        ("GET", PATH.to_owned()),
        ("PUT", PATH.to_owned()),
        ("GET", format!("{PATH}.php")),
    ] {
        let request = Request::builder()
            .method(method)
            .uri(format!("{path}?{query}"))
            .body(Body::empty())
            .unwrap();
        let reply = app.send(request).await;
        assert!(
            reply.body.starts_with(r#"{"data":{"pid":"#),
            "{method} {path}: {}",
            reply.body
        );
    }
}

#[tokio::test]
async fn body_wins_over_query_string_on_the_same_key() {
    let app = App::new().await;
    let query = http_build_query(&app.params("bogus", json!({})));
    let request = Request::post(format!("{PATH}?{query}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from("action=fields"))
        .unwrap();
    let reply = app.send(request).await;
    assert!(
        reply.body.starts_with(r#"{"data":{"pid":"#),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn json_body_with_credentials_in_headers_or_body() {
    let app = App::new().await;
    let with_headers = Request::post(PATH)
        .header("content-type", "application/json")
        .header("Apikey", app.apikey())
        .header("login", app.login())
        .body(Body::from(r#"{"action":"fields"}"#))
        .unwrap();
    let reply = app.send(with_headers).await;
    assert!(
        reply.body.starts_with(r#"{"data":{"pid":"#),
        "{}",
        reply.body
    );

    let in_body = Request::post(PATH)
        .header("content-type", "application/json; charset=utf-8")
        .body(Body::from(app.params("fields", json!({})).to_string()))
        .unwrap();
    let reply = app.send(in_body).await;
    assert!(
        reply.body.starts_with(r#"{"data":{"pid":"#),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn malformed_json_leaves_no_parameters_so_the_action_is_unknown() {
    let app = App::new().await;
    let request = Request::post(PATH)
        .header("content-type", "application/json")
        .header("apikey", app.apikey())
        .header("login", app.login())
        .body(Body::from(r#"{"action":"fields""#))
        .unwrap();
    assert_eq!(app.send(request).await.body, BAD_ACTION);
    let request = Request::post(PATH)
        .header("content-type", "application/json")
        .body(Body::from("[1,2]"))
        .unwrap();
    assert_eq!(app.send(request).await.body, BAD_KEY);
}

#[tokio::test]
async fn multipart_form_is_read_like_a_urlencoded_one() {
    let app = App::new().await;
    let mut body = String::new();
    for (name, value) in [
        ("login", app.login()),
        ("apikey", app.apikey()),
        ("action", "add".to_owned()),
        ("person", "Мульти Парт".to_owned()),
        ("socials[skype]", "mp.skype".to_owned()),
    ] {
        body.push_str(&format!(
            "--BOUND\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str("--BOUND--\r\n");
    let request = Request::post(PATH)
        .header("content-type", "multipart/form-data; boundary=BOUND")
        .body(Body::from(body))
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(reply.body, r#"{"result":"Успешно","data":1}"#);
    let info = app
        .post_json(
            "info",
            json!({"pid": 1, "fields": "person", "socinfo": "yes"}),
        )
        .await;
    assert_eq!(info["data"]["person"], "Мульти Парт");
    assert_eq!(info["data"]["socials"]["skype"], "mp.skype");
}

#[tokio::test]
async fn unknown_paths_under_the_mount_answer_in_the_dialect_shape() {
    let app = App::new().await;
    for path in [
        format!("{PATH}/client/x"),
        format!("{PATH}/"),
        format!("{PATH}.php/x"),
    ] {
        let request = Request::get(&path).body(Body::empty()).unwrap();
        let reply = app.send(request).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(
            reply.body, r#"{"error":{"code":404,"text":"Неизвестный метод"}}"#,
            "{path}"
        );
    }
}
