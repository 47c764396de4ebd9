//! Request bodies as PHP reads them: form, multipart, no content type, and verbs tunnelled through a POST.

use crate::support::{App, Envelope, golden};
use http::{Method, StatusCode};

const FORM_DATA: &str = "multipart/form-data; boundary=----WebKitFormBoundaryQ7";

#[tokio::test]
async fn a_form_body_creates_a_person() {
    let app = App::new().await;
    let reply = app
        .form(
            Method::POST,
            "",
            "name=%D0%98%D0%B2%D0%B0%D0%BD+%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2&type=2&email=ivan%40example.com&person_details=passport+1&bank_details=x&id=999&user=",
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    golden(&app, "create-person-form", &reply);
    let c = reply.response();
    assert_eq!(c["name"], "Иван Петров");
    assert_ne!(c["id"], 999);
    assert_eq!(c["user"], app.admin_id());
}

/// A body as a browser's `FormData` sends it.
fn form_data(fields: &[(&str, &str)]) -> String {
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "------WebKitFormBoundaryQ7\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str("------WebKitFormBoundaryQ7\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nname=Evil\r\n");
    body + "------WebKitFormBoundaryQ7--\r\n"
}

#[tokio::test]
async fn a_multipart_body_creates_updates_and_tunnels() {
    let app = App::new().await;
    let created = app
        .raw(
            Method::POST,
            &app.url(""),
            FORM_DATA,
            &form_data(&[
                ("name", "Ромашка"),
                ("type", "1"),
                ("bank_details", "BIK 1"),
            ]),
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let c = created.response();
    assert_eq!(
        (&c["name"], &c["bank_details"]),
        (&"Ромашка".into(), &"BIK 1".into())
    );
    let id = c["id"].as_i64().unwrap();
    let put = app
        .raw(
            Method::POST,
            &app.url(&format!("/{id}")),
            FORM_DATA,
            &form_data(&[("_method", "PUT"), ("email", "a@b.io")]),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(
        (&put.response()["name"], &put.response()["email"]),
        (&"Ромашка".into(), &"a@b.io".into())
    );
    let bad = app
        .raw(
            Method::PATCH,
            &app.url(&format!("/{id}")),
            FORM_DATA,
            &form_data(&[("email", "nope")]),
        )
        .await;
    bad.is(
        StatusCode::UNPROCESSABLE_ENTITY,
        r#"{"response":[{"field":"email","message":"Email is not a valid email address."}]}"#,
    );
}

#[tokio::test]
async fn a_body_without_content_type_is_read_by_its_shape() {
    let app = App::new().await;
    let json = app
        .raw(Method::POST, &app.url(""), "", r#"{"name":"J","type":2}"#)
        .await;
    assert_eq!(json.response()["name"], "J", "{}", json.body);
    let form = app
        .raw(Method::POST, &app.url(""), "", "name=F&type=1")
        .await;
    assert_eq!(form.response()["name"], "F", "{}", form.body);
}

#[tokio::test]
async fn a_post_can_tunnel_another_verb() {
    let app = App::new().await;
    let id = app.client("A", 2).await;
    let put = app
        .form(Method::POST, &format!("/{id}"), "_method=PUT&name=B")
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(put.response()["name"], "B");
    let overridden = |method: Method, verb: &str, body: &'static str| {
        http::Request::builder()
            .method(method)
            .uri(app.url(&format!("/{id}")))
            .header("host", "crm.example")
            .header("content-type", "application/json")
            .header("x-http-method-override", verb)
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let patch = app
        .send(overridden(Method::POST, "patch", r#"{"name":"C"}"#))
        .await;
    assert_eq!(patch.response()["name"], "C", "{}", patch.body);
    // Yii 2.0.12 reads the header whatever the request's own verb.
    let patch = app
        .send(overridden(Method::PUT, "PATCH", r#"{"name":"C2"}"#))
        .await;
    assert_eq!(patch.response()["name"], "C2", "{}", patch.body);
    // A GET's `_method` field is not `$_POST`: the GET stays a GET.
    let get = app
        .form(Method::GET, &format!("/{id}"), "_method=DELETE")
        .await;
    assert_eq!(get.response()["name"], "C2", "{}", get.body);
    let delete = app
        .form(Method::POST, &format!("/{id}"), "_method=delete")
        .await;
    delete.is(StatusCode::OK, "");
    let odd = app
        .form(Method::POST, "", "_method=P%20T&name=D&type=1")
        .await;
    assert_eq!(odd.response()["name"], "D", "{}", odd.body);
    let get = app
        .form(Method::POST, "", "_method=GET&name=E&type=1")
        .await;
    assert!(get.response()["items"].is_array(), "{}", get.body);
    let head = app.form(Method::POST, "", "_method=head").await;
    head.is(StatusCode::OK, "");
    assert_eq!(head.header("x-pagination-total-count"), Some("1"));
}
