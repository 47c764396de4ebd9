#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use http::{Method, StatusCode};
use support::{App, Envelope};

/// Query values that broke parsers and SQL builders elsewhere, percent-encoded.
fn values() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        "-1",
        "0",
        "99999999999999999999999999",
        "-99999999999999999999999999",
        "1e309",
        "NaN",
        "%27+OR+1%3D1--",
        "%00",
        "a%00b",
        "%E2%80%AE",
        "%25%25",
        "_",
        "%5C",
        "name%2C-id%2Cid",
        "-",
        "--id",
        "user.password",
        "*",
        "(SELECT+1)",
        "%F0%9F%92%A9",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    v.push("a".repeat(5000));
    v
}

const PARAMS: [&str; 14] = [
    "page",
    "per_page",
    "per-page",
    "sort",
    "fields",
    "expand",
    "user_id",
    "name",
    "type",
    "email",
    "search",
    "count_deals",
    "count_offers",
    "count_invoices",
];

#[tokio::test]
async fn hostile_list_and_view_parameters_never_fail_the_server() {
    let app = App::new().await;
    let id = app
        .post(r#"{"name":"A","type":1,"email":"a@x.io","phone":"1"}"#)
        .await
        .response()["id"]
        .as_i64()
        .unwrap();
    for param in PARAMS {
        for value in values() {
            for path in [String::new(), format!("/{id}")] {
                let query = format!("{path}?{param}={value}");
                let reply = app.get(&query).await;
                assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.body);
                let nested = app.get(&format!("{path}?{param}[x][]={value}")).await;
                assert_eq!(
                    nested.status,
                    StatusCode::OK,
                    "{param}[x][]: {}",
                    nested.body
                );
            }
        }
    }
}

#[tokio::test]
async fn hostile_attribute_values_are_stored_or_refused_never_500() {
    let app = App::new().await;
    let id = app.client("A", 1).await;
    let attrs = [
        "name",
        "type",
        "user",
        "email",
        "phone",
        "real_address",
        "description",
        "company_address",
        "bank_details",
    ];
    let json_values = [
        "null",
        "true",
        "0",
        "-1",
        "1.5",
        "1e400",
        "99999999999999999999",
        "[]",
        "{}",
        "[1]",
        "{\"a\":1}",
        "\"\"",
        "\"\\u0000\"",
        "\"a\\u0000b\"",
        "\"\\ud800\"",
        "\"' OR 1=1--\"",
        "\"ὠ\"",
    ];
    for attr in attrs {
        for value in json_values {
            let body = format!(r#"{{"name":"N","type":1,"{attr}":{value}}}"#);
            let create = app.post(&body).await;
            assert!(
                matches!(
                    create.status,
                    StatusCode::OK | StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST
                ),
                "create {body}: {} {}",
                create.status,
                create.body
            );
            let update = app
                .call(
                    Method::PATCH,
                    &format!("/{id}"),
                    &format!(r#"{{"{attr}":{value}}}"#),
                )
                .await;
            assert!(
                matches!(
                    update.status,
                    StatusCode::OK | StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST
                ),
                "update {attr}={value}: {} {}",
                update.status,
                update.body
            );
        }
        for value in ["%00", "a%00b", "%FF", "%E2%80%AE", "x&x[]=1"] {
            let form = app
                .form(Method::POST, "", &format!("name=N&type=2&{attr}={value}"))
                .await;
            assert!(
                matches!(
                    form.status,
                    StatusCode::OK | StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST
                ),
                "form {attr}={value}: {} {}",
                form.status,
                form.body
            );
        }
    }
}

#[tokio::test]
async fn nul_characters_are_refused_the_same_on_every_backend() {
    let app = App::new().await;
    app.post(r#"{"name":"a\u0000b","type":1}"#).await.is(
        StatusCode::UNPROCESSABLE_ENTITY,
        r#"{"response":[{"field":"name","message":"Name is invalid."}]}"#,
    );
    app.form(Method::POST, "", "name=N&type=1&description=%00")
        .await
        .is(
            StatusCode::UNPROCESSABLE_ENTITY,
            r#"{"response":[{"field":"description","message":"Description is invalid."}]}"#,
        );
    app.client("a", 1).await;
    assert!(app.get("?name=a%00").await.ids().is_empty());
    assert_eq!(app.get("?name=a").await.ids().len(), 1);
}
