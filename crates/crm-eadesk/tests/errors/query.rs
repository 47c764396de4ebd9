//! Bad query parameters and hostile regular expressions: 400 in Eadesk shape.

use crate::support::{App, golden};
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn bad_query_parameters_are_400() {
    let app = App::new().await;
    let cases = [
        ("/read?limit=-5", "limit must be a non-negative integer"),
        ("/read?offset=abc", "offset must be a non-negative integer"),
        (
            "/read?type=mail,fax",
            "type \"fax\" is not one of: id, mail, phone",
        ),
        (
            "/read?service=icq",
            "service \"icq\" is not one of: mail, phone, facebook, vk, whatsapp, chatra, telegram, skype",
        ),
        (
            "/contacts/read?type=x",
            "type \"x\" is not one of: id, mail, phone",
        ),
        ("/read?search=%C8%E2", "query string is not valid UTF-8"),
        (
            "/read?id=1&id=2",
            "query parameter id is given more than once",
        ),
    ];
    for (path, message) in cases {
        let reply = app.get(path).await;
        let want = json!({"err": "EINVALID", "message": message});
        assert_eq!(
            (reply.status, reply.json()),
            (StatusCode::BAD_REQUEST, want),
            "{path}"
        );
    }
}

#[tokio::test]
async fn invalid_or_oversized_regex_is_400() {
    let app = App::new().await;
    let reply = app.get("/read?search=(unclosed").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    golden("invalid-regex", &reply);
    let cases = [
        "/read?search=(a)%5C1",
        "/contacts/read?search=%5B",
        "/read?search=a%7B1000%7D%7B1000%7D",
    ];
    for path in cases {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
        let message = reply.json()["message"].as_str().unwrap().to_owned();
        assert!(message.starts_with("search: "), "{message}");
    }
    let long = "a".repeat(300);
    let reply = app.get(&format!("/read?search={long}")).await;
    reply.is(
        StatusCode::BAD_REQUEST,
        r#"{"err":"EINVALID","message":"search: regular expression is longer than 256 bytes"}"#,
    );
}

#[tokio::test]
async fn catastrophic_backtracking_pattern_is_answered() {
    let app = App::new().await;
    let p = app.person(&format!("{}!", "a".repeat(5000))).await;
    app.contact(&p, &format!("{}!", "a".repeat(5000)), "id", "skype")
        .await;
    assert_eq!(
        app.read_ids("search=(a%2B)%2B%24").await,
        Vec::<String>::new()
    );
    assert_eq!(app.read_ids("search=(a%7Caa)*!").await, vec![p]);
}

#[tokio::test]
async fn too_many_parameters_are_400() {
    let app = App::new().await;
    let query: Vec<String> = (0..1001).map(|i| format!("k{i}=v")).collect();
    let reply = app.get(&format!("/read?{}", query.join("&"))).await;
    reply.is(
        StatusCode::BAD_REQUEST,
        r#"{"err":"EINVALID","message":"more than 1000 query parameters"}"#,
    );
}
