#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The client half against the real REST router over TCP: every call, every
//! page of a long list, the service's own errors, and answers that are not
//! the service's.

mod support;

use axum::Router;
use crm_rest::client::{ClientError, Credentials, ListRequest, Refusal, RestClient};
use crm_rest::op::Render;
use crm_rest::wire::{Client, ErrorBody, FieldError, Fields};
use crm_testkit::loopback::{loopback, upstream};
use http::StatusCode;
use serde_json::json;
use support::App;

/// The app's router on a loopback port, and a client of it as `token`.
async fn client_of(app: &App, token: &str) -> RestClient {
    let base = loopback(app.app.clone()).await;
    let credentials: Credentials =
        serde_json::from_value(json!({ "access_token": token })).unwrap();
    RestClient::new(upstream(&base), credentials)
}

/// A person with a name, a phone and an e-mail.
fn person(name: &str, phone: &str, email: &str) -> Fields {
    Fields::default()
        .with("name", name)
        .with("type", 2)
        .with("phone", phone)
        .with("email", email)
}

fn ids(clients: &[Client]) -> Vec<i64> {
    clients.iter().map(|c| c.id().unwrap()).collect()
}

fn text<'a>(client: &'a Client, key: &str) -> Option<&'a str> {
    client.text(key).flatten()
}

#[tokio::test]
async fn a_client_goes_through_every_call() {
    let app = App::new().await;
    let client = client_of(&app, app.token()).await;
    let all = Render::default();

    let ivan = person("Иван Петров", "+7 900 571-83-48", "ivan@example.com");
    let created = client.create(&ivan, &all).await.unwrap();
    let id = created.id().unwrap();
    assert_eq!(text(&created, "name"), Some("Иван Петров"));
    assert_eq!(text(&created, "phone"), Some("+7 900 571-83-48"));
    assert_eq!(text(&created, "email"), Some("ivan@example.com"));
    assert_eq!(created.get("type"), Some(&json!(2)));
    let other = person("Maria", "+7 900 000-00-02", "maria@example.com");
    let maria = client.create(&other, &all).await.unwrap().id().unwrap();

    assert_eq!(client.view(id, &all).await.unwrap(), created);
    let narrow = Render {
        fields: Some(vec!["name".to_owned(), "id".to_owned()]),
        expand_user: true,
        ..Render::default()
    };
    let drawn = client.view(id, &narrow).await.unwrap();
    let keys: Vec<&str> = drawn.attributes().map(|(k, _)| k).collect();
    assert_eq!(keys, ["id", "name", "user_id", "user"]);
    assert_eq!(drawn.get("user").unwrap()["username"], json!("admin@acme"));

    let page = client.list(&ListRequest::default()).await.unwrap();
    assert_eq!(ids(&page.items), [maria, id], "newest first");
    assert_eq!(
        (
            page.headers.total_count,
            page.headers.page_count,
            page.headers.current_page
        ),
        (2, 1, 1)
    );
    let by_name = ListRequest {
        search: Some("Петров".to_owned()),
        ..ListRequest::default()
    };
    assert_eq!(ids(&client.list(&by_name).await.unwrap().items), [id]);
    let by_email = ListRequest {
        email: Some("maria@example.com".to_owned()),
        kind: Some(2),
        sort: Some("id".to_owned()),
        ..ListRequest::default()
    };
    assert_eq!(ids(&client.list(&by_email).await.unwrap().items), [maria]);

    let rename = Fields::default().with("name", "Иван Сидоров");
    let updated = client.update(id, &rename, &all).await.unwrap();
    assert_eq!(text(&updated, "name"), Some("Иван Сидоров"));
    assert_eq!(text(&updated, "phone"), Some("+7 900 571-83-48"), "kept");
    assert_eq!(client.view(id, &all).await.unwrap(), updated);

    client.delete(id).await.unwrap();
    assert_eq!(
        client.view(id, &all).await.unwrap_err(),
        refused(
            StatusCode::NOT_FOUND,
            "Not Found",
            &format!("Object not found: {id}")
        )
    );
    let left = client.list_all(&ListRequest::default()).await.unwrap();
    assert_eq!(ids(&left), [maria]);
}

/// Yii's error object as a refusal.
fn refused(status: StatusCode, name: &'static str, message: &str) -> ClientError {
    let body = ErrorBody {
        name: name.into(),
        message: message.to_owned(),
        code: 0,
        status: status.as_u16(),
    };
    ClientError::Refused {
        status,
        body: Refusal::Error(body),
    }
}

#[tokio::test]
async fn following_the_links_reads_every_page_once() {
    let app = App::new().await;
    let client = client_of(&app, app.token()).await;
    let mut created = Vec::new();
    for i in 0..45 {
        let fields = person(&format!("Client {i:02}"), "", &format!("c{i}@example.com"));
        created.push(
            client
                .create(&fields, &Render::default())
                .await
                .unwrap()
                .id()
                .unwrap(),
        );
    }
    let request = ListRequest {
        per_page: Some(20),
        ..ListRequest::default()
    };
    let first = client.list(&request).await.unwrap();
    assert_eq!(first.items.len(), 20);
    assert_eq!(
        (
            first.headers.total_count,
            first.headers.page_count,
            first.headers.per_page
        ),
        (45, 3, 20)
    );
    let every = client.list_all(&request).await.unwrap();
    let mut read = ids(&every);
    assert_eq!(read.len(), 45);
    read.reverse();
    assert_eq!(read, created, "each once, newest first");
    let from_two = ListRequest {
        page: Some(2),
        ..request
    };
    assert_eq!(client.list_all(&from_two).await.unwrap().len(), 25);
}

#[tokio::test]
async fn a_wrong_token_is_refused_with_yiis_own_error() {
    let app = App::new().await;
    let client = client_of(&app, "not-the-token").await;
    let err = client.list(&ListRequest::default()).await.unwrap_err();
    let message = "Your request was made with invalid credentials.";
    assert_eq!(
        err,
        refused(StatusCode::UNAUTHORIZED, "Unauthorized", message)
    );
    let shown = format!("{err} {err:?} {client:?}");
    assert!(!shown.contains("not-the-token"), "{shown}");
}

#[tokio::test]
async fn invalid_attributes_are_refused_with_the_failed_fields() {
    let app = App::new().await;
    let client = client_of(&app, app.token()).await;
    let nameless = Fields::default().with("type", 2);
    let err = client
        .create(&nameless, &Render::default())
        .await
        .unwrap_err();
    let fields = vec![FieldError::new("name", "Name cannot be blank.")];
    assert_eq!(
        err,
        ClientError::Refused {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: Refusal::Validation(fields),
        }
    );
}

#[tokio::test]
async fn an_answer_that_is_not_the_services_is_unreadable() {
    let html = Router::new().fallback(|| async { "<html>hello</html>" });
    let client = RestClient::new(upstream(&loopback(html).await), Credentials::new("s3cret"));
    let all = Render::default();
    let fields = Fields::default().with("name", "A");
    let errors = [
        client.list(&ListRequest::default()).await.unwrap_err(),
        client.list_all(&ListRequest::default()).await.unwrap_err(),
        client.view(1, &all).await.unwrap_err(),
        client.create(&fields, &all).await.unwrap_err(),
        client.update(1, &fields, &all).await.unwrap_err(),
        client.delete(1).await.unwrap_err(),
    ];
    for err in errors {
        assert!(matches!(err, ClientError::Unreadable(_)), "{err:?}");
        assert!(!format!("{err} {err:?}").contains("s3cret"));
    }
    let headless = Router::new().fallback(|| async { r#"{"response":{"items":[]}}"# });
    let client = RestClient::new(upstream(&loopback(headless).await), Credentials::new("t"));
    assert_eq!(
        client.list(&ListRequest::default()).await.unwrap_err(),
        ClientError::Unreadable(
            "the answer to a list (HTTP 200) is not the REST service's: \
             header x-pagination-total-count is missing"
                .to_owned()
        )
    );
}

/// A list answer of page 1 of 2 whose `next` link is `next`.
fn first_of_two(next: &'static str) -> Router {
    Router::new().fallback(move || async move {
        let link = format!("<{next}>; rel=next");
        (
            [
                ("x-pagination-total-count", "2".to_owned()),
                ("x-pagination-page-count", "2".to_owned()),
                ("x-pagination-current-page", "1".to_owned()),
                ("x-pagination-per-page", "1".to_owned()),
                ("link", link),
            ],
            r#"{"response":{"items":[{"id":1}]}}"#,
        )
    })
}

#[tokio::test]
async fn next_links_that_loop_or_leave_the_list_are_not_followed() {
    let cases = [
        (
            "http://elsewhere/rest/client?page=2",
            "the REST service's next page links do not advance",
        ),
        (
            "http://elsewhere/rest/client/5?page=2",
            "the REST service's next page link leaves the list",
        ),
    ];
    for (next, want) in cases {
        let base = loopback(first_of_two(next)).await;
        let client = RestClient::new(upstream(&base), Credentials::new("t"));
        let err = client.list_all(&ListRequest::default()).await.unwrap_err();
        assert_eq!(err, ClientError::Unreadable(want.to_owned()), "{next}");
    }
}

#[test]
fn credentials_read_the_account_json_and_never_show_the_token() {
    let account: serde_json::Value =
        serde_json::from_str(r#"{"account":"acme","rest":{"access_token":"s3cret"}}"#).unwrap();
    let credentials: Credentials = serde_json::from_value(account["rest"].clone()).unwrap();
    assert_eq!(credentials, Credentials::new("s3cret"));
    assert_eq!(
        format!("{credentials:?}"),
        r#"Credentials { access_token: "<redacted>" }"#
    );
}
