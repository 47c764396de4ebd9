#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Clients other dialects wrote, read and written back through REST.

mod support;

use crm_core::{ClientKind, ContactKind, Label, Name, NewClient, NewContactPoint, Service, Status};
use http::{Method, StatusCode};
use support::{App, Envelope};

/// A Planfix-style person: name in parts, two phones with labels, two
/// e-mails and a Skype id.
async fn planfix_person(app: &App) -> i64 {
    let mut new = NewClient::new(
        ClientKind::Person,
        Name::from_parts("Иван", "Петрович", "Сидоров"),
    );
    new.attributes.position = Some("CEO".to_owned());
    new.contacts = vec![
        NewContactPoint::new(
            ContactKind::Phone,
            Service::Phone,
            Some(Label::Mobile),
            "+7 900 000-00-01",
        ),
        NewContactPoint::new(
            ContactKind::Phone,
            Service::Phone,
            Some(Label::Work),
            "+7 342 250-50-50",
        ),
        NewContactPoint::new(ContactKind::Mail, Service::Mail, None, "ivan@example.com"),
        NewContactPoint::new(ContactKind::Mail, Service::Mail, None, "second@example.com"),
        NewContactPoint::new(ContactKind::Id, Service::Skype, None, "ivan.skype"),
    ];
    app.acct
        .create_client(&app.crm, crm_testkit::origin::PLANFIX, new)
        .await
        .id
        .get()
}

#[tokio::test]
async fn a_client_written_elsewhere_reads_with_its_first_points() {
    let app = App::new().await;
    let id = planfix_person(&app).await;
    let c = app.get(&format!("/{id}")).await.response();
    assert_eq!(c["name"], "Сидоров Иван Петрович");
    assert_eq!(c["type"], 2);
    assert_eq!(c["phone"], "+7 900 000-00-01");
    assert_eq!(c["email"], "ivan@example.com");
    assert_eq!(c["person_details"], serde_json::Value::Null);
}

#[tokio::test]
async fn writing_back_what_was_read_loses_nothing() {
    let app = App::new().await;
    let id = planfix_person(&app).await;
    let before = app.acct.live_client(&app.crm, id).await;
    let read = app.get(&format!("/{id}")).await;
    let body = read.response().to_string();
    let put = app.call(Method::PUT, &format!("/{id}"), &body).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(put.body, read.body);
    let form = app
        .form(Method::PATCH, &format!("/{id}"), "name=%D0%A1%D0%B8%D0%B4%D0%BE%D1%80%D0%BE%D0%B2+%D0%98%D0%B2%D0%B0%D0%BD+%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2%D0%B8%D1%87&email=ivan%40example.com")
        .await;
    assert_eq!(form.body, read.body);
    let after = app.acct.live_client(&app.crm, id).await;
    assert_eq!(after, before);
    assert!(after.name.parts().is_some());
}

#[tokio::test]
async fn a_new_phone_rewrites_only_the_first_one() {
    let app = App::new().await;
    let id = planfix_person(&app).await;
    let reply = app
        .call(
            Method::PATCH,
            &format!("/{id}"),
            r#"{"phone":"8 800 555-35-35"}"#,
        )
        .await;
    assert_eq!(
        reply.response()["phone"],
        "8 800 555-35-35",
        "{}",
        reply.body
    );
    let after = app.acct.live_client(&app.crm, id).await;
    let live: Vec<(ContactKind, Option<Label>, &str)> = after
        .contacts
        .iter()
        .filter(|p| p.status == Status::Active)
        .map(|p| (p.kind, p.label, p.value.as_str()))
        .collect();
    assert_eq!(
        live,
        [
            (ContactKind::Phone, Some(Label::Mobile), "8 800 555-35-35"),
            (ContactKind::Phone, Some(Label::Work), "+7 342 250-50-50"),
            (ContactKind::Mail, None, "ivan@example.com"),
            (ContactKind::Mail, None, "second@example.com"),
            (ContactKind::Id, None, "ivan.skype"),
        ]
    );
    assert_eq!(after.attributes.position.as_deref(), Some("CEO"));
    assert!(after.name.parts().is_some());
}
