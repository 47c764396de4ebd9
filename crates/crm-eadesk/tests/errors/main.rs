#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod limits;
mod query;
#[path = "../support/mod.rs"]
mod support;

use axum::body::Body;
use crm_eadesk::MOUNT;
use crm_eadesk::auth::{CREDENTIALS, TOKEN};
use crm_testkit::TestAccount;
use crm_testkit::credentials::OTHER_TOKEN;
use http::{Method, Request, StatusCode};
use serde_json::json;
use support::{App, golden};

const UNAUTHORIZED: &str = r#"{"err":"EUNAUTHORIZED"}"#;
const NOT_FOUND: &str = r#"{"err":"ENOT_FOUND"}"#;

#[tokio::test]
async fn missing_empty_or_unknown_token_is_401() {
    let app = App::new().await;
    let reply = app.raw(Method::GET, &format!("{MOUNT}/read"), "").await;
    reply.is(StatusCode::UNAUTHORIZED, UNAUTHORIZED);
    golden("unauthorized", &reply);
    for uri in [
        format!("{MOUNT}/read?token="),
        format!("{MOUNT}/read?token=not-a-valid-token"),
        format!("{MOUNT}/create?token=nope"),
    ] {
        let method = if uri.contains("create") {
            Method::POST
        } else {
            Method::GET
        };
        app.raw(method, &uri, "{}")
            .await
            .is(StatusCode::UNAUTHORIZED, UNAUTHORIZED);
    }
    // Another dialect's credential is not an Eadesk token.
    let rest = app.acct.key(OTHER_TOKEN).to_owned();
    app.raw(Method::GET, &format!("{MOUNT}/read?token={rest}"), "")
        .await
        .is(StatusCode::UNAUTHORIZED, UNAUTHORIZED);
}

#[tokio::test]
async fn bearer_header_is_accepted_and_query_token_wins() {
    let app = App::new().await;
    let request = |uri: String, auth: &str| {
        Request::builder()
            .uri(uri)
            .header("authorization", auth)
            .body(Body::empty())
            .unwrap()
    };
    let ok = app
        .send(request(
            format!("{MOUNT}/read"),
            &format!("Bearer {}", app.token()),
        ))
        .await;
    ok.is(StatusCode::OK, "[]");
    let bad_query = app
        .send(request(
            format!("{MOUNT}/read?token=bad"),
            &format!("Bearer {}", app.token()),
        ))
        .await;
    bad_query.is(StatusCode::UNAUTHORIZED, UNAUTHORIZED);
    // An empty `?token=` (a client template with no query token) is no token.
    app.send(request(
        format!("{MOUNT}/read?token="),
        &format!("Bearer {}", app.token()),
    ))
    .await
    .is(StatusCode::OK, "[]");
    app.send(request(format!("{MOUNT}/read"), "Bearer wrong"))
        .await
        .is(StatusCode::UNAUTHORIZED, UNAUTHORIZED);
}

#[tokio::test]
async fn unknown_paths_and_verbs_are_a_json_404() {
    let app = App::new().await;
    let reply = app.raw(Method::PUT, &app.url("/update/1"), "{}").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    golden("no-method", &reply);
    let cases = [
        (Method::DELETE, "/delete/1"),
        (Method::PATCH, "/update/1"),
        (Method::GET, "/create"),
        (Method::POST, "/read"),
        (Method::GET, "/contacts/update/1"),
        (Method::POST, "/contacts/read"),
        (Method::GET, "/nope"),
        (Method::POST, "/update"),
        (Method::POST, "/contacts/create"),
        (Method::GET, "/read/extra"),
        (Method::POST, "/update/1/2"),
        (Method::GET, ""),
        (Method::GET, "/"),
    ];
    for (method, path) in cases {
        let uri = format!("{MOUNT}{path}");
        let reply = app.raw(method.clone(), &uri, "").await;
        let want = json!({"err": "ENOT_FOUND", "message": format!("Cannot {method} {uri}")});
        assert_eq!(
            (reply.status, reply.json()),
            (StatusCode::NOT_FOUND, want),
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn malformed_and_mistyped_bodies_are_400_naming_the_problem() {
    let app = App::new().await;
    let reply = app.post("/create", r#"{"name":"#).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    golden("invalid-json", &reply);
    let p = app.person("P").await;
    let c = app.contact(&p, "a@b.c", "mail", "mail").await;
    let cases: Vec<(String, &str, &str)> = vec![
        ("/create".into(), "[]", "request body must be a JSON object"),
        (
            "/create".into(),
            "\"text\"",
            "request body must be a JSON object",
        ),
        ("/create".into(), r#"{"name":1}"#, "name must be a string"),
        (
            "/create".into(),
            r#"{"description":{}}"#,
            "description must be a string",
        ),
        (
            "/create".into(),
            r#"{"segments":"a"}"#,
            "segments must be an array of strings",
        ),
        (
            format!("/update/{p}"),
            r#"{"segments":[1]}"#,
            "segments must be an array of strings",
        ),
        (
            format!("/contacts/create/{p}"),
            r#"{"type":"mail","service":"mail"}"#,
            "value is required",
        ),
        (
            format!("/contacts/create/{p}"),
            r#"{"value":"x","service":"mail"}"#,
            "type is required",
        ),
        (
            format!("/contacts/create/{p}"),
            r#"{"value":"x","type":"mail"}"#,
            "service is required",
        ),
        (
            format!("/contacts/create/{p}"),
            r#"{"value":5,"type":"mail","service":"mail"}"#,
            "value must be a string",
        ),
        (
            format!("/contacts/create/{p}"),
            r#"{"value":"","type":"mail","service":"mail"}"#,
            "value must not be empty",
        ),
        (
            format!("/contacts/create/{p}"),
            r#"{"value":"x","type":"fax","service":"mail"}"#,
            "type \"fax\" is not one of: id, mail, phone",
        ),
        (
            format!("/contacts/create/{p}"),
            r#"{"value":"x","type":"id","service":"icq"}"#,
            "service \"icq\" is not one of: mail, phone, facebook, vk, whatsapp, chatra, telegram, skype",
        ),
        (
            format!("/contacts/create/{p}"),
            r#"{"value":"x","type":"id","service":"vk","origin":"mars"}"#,
            "origin \"mars\" is not a known origin",
        ),
        (
            format!("/contacts/update/{c}"),
            r#"{"value":"x"}"#,
            "type is required",
        ),
        (
            format!("/contacts/update/{c}"),
            r#"{"value":"x","type":"mail","service":"MAIL"}"#,
            "service \"MAIL\" is not one of: mail, phone, facebook, vk, whatsapp, chatra, telegram, skype",
        ),
        // A bad body is refused before the missing id is looked for.
        (
            "/update/999999".into(),
            r#"{"name":"a\u0000"}"#,
            "name: contains a NUL character",
        ),
    ];
    for (path, body, message) in cases {
        let reply = app.post(&path, body).await;
        let want = json!({"err": "EINVALID", "message": message});
        assert_eq!(
            (reply.status, reply.json()),
            (StatusCode::BAD_REQUEST, want),
            "{path} {body}"
        );
    }
    let reply = app.post("/create", "{\"name\":\"\u{0}\"").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    // Nothing was written by the refused calls.
    assert_eq!(app.read_ids("").await, vec![p]);
}

#[tokio::test]
async fn invalid_utf8_body_is_400() {
    let app = App::new().await;
    let request = Request::builder()
        .method(Method::POST)
        .uri(app.url("/create"))
        .body(Body::from(vec![
            b'{', b'"', b'n', b'"', b':', b'"', 0xC8, 0xE2, b'"', b'}',
        ]))
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["err"], json!("EINVALID"));
}

#[tokio::test]
async fn deletes_ignore_their_body() {
    let app = App::new().await;
    let p = app.person("P").await;
    let c = app.contact(&p, "a@b.c", "mail", "mail").await;
    app.post(&format!("/contacts/delete/{c}"), "not json at all")
        .await
        .is(StatusCode::OK, r#"{"result":true}"#);
    app.post(&format!("/delete/{p}"), "{")
        .await
        .is(StatusCode::OK, r#"{"result":true}"#);
}

#[tokio::test]
async fn another_accounts_ids_behave_as_missing() {
    let app = App::new().await;
    let mine = app.person("Mine").await;
    let my_contact = app.contact(&mine, "mine@x.ru", "mail", "mail").await;
    let other = TestAccount::with_credentials(&app.crm, "other", CREDENTIALS).await;
    let token = other.key(TOKEN).to_owned();
    let datum = r#"{"value":"v@x.ru","type":"mail","service":"mail"}"#;
    let cases: Vec<(Method, String, &str, &str)> = vec![
        (Method::GET, format!("/read?id={mine}"), "", "[]"),
        (Method::GET, "/read".into(), "", "[]"),
        (Method::GET, "/read?search=Mine".into(), "", "[]"),
        (Method::GET, "/read?type=mail".into(), "", "[]"),
        (
            Method::GET,
            format!("/contacts/read?contact_id={mine}"),
            "",
            NOT_FOUND,
        ),
        (
            Method::GET,
            format!("/contacts/read?id={my_contact}"),
            "",
            NOT_FOUND,
        ),
        (Method::GET, "/contacts/read".into(), "", r#"{"result":[]}"#),
        (
            Method::GET,
            "/contacts/read?value=mine@x.ru".into(),
            "",
            r#"{"result":[]}"#,
        ),
        (
            Method::POST,
            format!("/update/{mine}"),
            r#"{"name":"stolen"}"#,
            NOT_FOUND,
        ),
        (Method::POST, format!("/delete/{mine}"), "", NOT_FOUND),
        (
            Method::POST,
            format!("/contacts/create/{mine}"),
            datum,
            NOT_FOUND,
        ),
        (
            Method::POST,
            format!("/contacts/update/{my_contact}"),
            datum,
            NOT_FOUND,
        ),
        (
            Method::POST,
            format!("/contacts/delete/{my_contact}"),
            "",
            NOT_FOUND,
        ),
    ];
    for (method, path, body, want) in cases {
        let reply = app.call_as(&token, method, &path, body).await;
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (StatusCode::OK, want),
            "{path}"
        );
    }
    // The owner's record is untouched.
    let read = app.get(&format!("/read?id={mine}")).await.json();
    assert_eq!(read[0]["name"], json!("Mine"));
    assert!(read[0].get("status").is_none());
    assert_eq!(read[0]["contacts"].as_array().unwrap().len(), 1);
    assert_eq!(read[0]["contacts"][0]["value"], json!("mine@x.ru"));
    assert!(read[0]["contacts"][0].get("status").is_none());
}

#[tokio::test]
async fn head_answers_like_get_without_a_body() {
    let app = App::new().await;
    app.person("P").await;
    let reply = app.raw(Method::HEAD, &app.url("/read"), "").await;
    assert_eq!((reply.status, reply.body.as_str()), (StatusCode::OK, ""));
}

#[tokio::test]
async fn ids_with_leading_zeros_name_nothing() {
    let app = App::new().await;
    let p = app.person("P").await;
    app.post(&format!("/update/0{p}"), "{}")
        .await
        .is(StatusCode::OK, NOT_FOUND);
    app.get(&format!("/read?id=0{p}"))
        .await
        .is(StatusCode::OK, "[]");
}
