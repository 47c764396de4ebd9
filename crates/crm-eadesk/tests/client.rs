#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The client half against the real Eadesk router over TCP: every call,
//! the service's own errors, and answers that are not Eadesk's.

mod support;

use std::borrow::Cow;

use axum::Router;
use crm_core::Visibility;
use crm_eadesk::client::{ClientError, ContactFilter, Credentials, EadeskClient, PersonFilter};
use crm_eadesk::wire::{ContactInput, ContactUpdateInput, ErrorBody, Person, PersonInput};
use crm_testkit::loopback::{loopback, upstream};
use http::StatusCode;
use support::App;

/// The app's router on a loopback port, and a client of it as `token`.
async fn client_of(app: &App, token: &str) -> EadeskClient {
    let base = loopback(app.app.clone()).await;
    let credentials: Credentials =
        serde_json::from_value(serde_json::json!({ "token": token })).unwrap();
    EadeskClient::new(upstream(&base), credentials)
}

fn person(name: &str, description: &str) -> PersonInput {
    PersonInput {
        name: Some(name.to_owned()),
        description: Some(description.to_owned()),
        segments: Vec::new(),
    }
}

fn contact(value: &str, kind: &str) -> ContactInput {
    ContactInput {
        value: value.to_owned(),
        kind: kind.to_owned(),
        service: kind.to_owned(),
        origin: None,
    }
}

/// The service's own error, as a refusal.
fn refused(status: StatusCode, err: &'static str) -> ClientError {
    let body = ErrorBody {
        err: Cow::Borrowed(err),
        message: None,
    };
    ClientError::Refused { status, body }
}

fn ids(persons: &[Person]) -> Vec<&str> {
    persons.iter().map(|p| p.id.as_str()).collect()
}

#[tokio::test]
async fn a_person_and_its_contacts_go_through_every_call() {
    let app = App::new().await;
    let client = client_of(&app, app.token()).await;

    let ivan = client
        .create_person(&person("Иван Петров", "VIP"))
        .await
        .unwrap();
    assert_eq!(
        (ivan.name.as_str(), ivan.description.as_str()),
        ("Иван Петров", "VIP")
    );
    assert!(ivan.contacts.is_empty() && ivan.status.is_none());
    let maria = client.create_person(&person("Maria", "")).await.unwrap();

    let phone = client
        .create_contact(&ivan.id, &contact("+7 900 571-83-48", "phone"))
        .await
        .unwrap();
    let mail = client
        .create_contact(&ivan.id, &contact("ivan@example.com", "mail"))
        .await
        .unwrap();
    assert_eq!(
        (
            phone.value.as_str(),
            &phone.kind[..],
            &phone.service[..],
            &phone.origin[..]
        ),
        ("+7 900 571-83-48", "phone", "phone", "eadesk")
    );

    let read = client
        .read_persons(&PersonFilter::id(&ivan.id))
        .await
        .unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].name, "Иван Петров");
    assert_eq!(read[0].contacts, vec![phone.clone(), mail.clone()]);

    let all = client.read_persons(&PersonFilter::default()).await.unwrap();
    assert_eq!(ids(&all), [ivan.id.as_str(), maria.id.as_str()]);
    let second = PersonFilter {
        offset: Some(1),
        limit: Some(1),
        ..PersonFilter::default()
    };
    assert_eq!(
        ids(&client.read_persons(&second).await.unwrap()),
        [maria.id.as_str()]
    );
    let searched = PersonFilter {
        search: Some(r"\+7 900".to_owned()),
        ..PersonFilter::default()
    };
    assert_eq!(
        ids(&client.read_persons(&searched).await.unwrap()),
        [ivan.id.as_str()]
    );
    let with_mail = PersonFilter {
        kinds: vec!["mail".to_owned(), "id".to_owned()],
        services: vec!["mail".to_owned()],
        ..PersonFilter::default()
    };
    assert_eq!(
        ids(&client.read_persons(&with_mail).await.unwrap()),
        [ivan.id.as_str()]
    );

    let contacts = client
        .read_contacts(&ContactFilter::person(&ivan.id))
        .await
        .unwrap();
    assert_eq!(contacts, vec![phone.clone(), mail.clone()]);
    let by_value = ContactFilter {
        value: Some("ivan@example.com".to_owned()),
        ..ContactFilter::default()
    };
    assert_eq!(
        client.read_contacts(&by_value).await.unwrap(),
        vec![mail.clone()]
    );
    let by_search = ContactFilter {
        person: Some(ivan.id.clone()),
        search: Some("^\\+7".to_owned()),
        kinds: vec!["phone".to_owned()],
        services: vec!["phone".to_owned()],
        ..ContactFilter::default()
    };
    assert_eq!(
        client.read_contacts(&by_search).await.unwrap(),
        vec![phone.clone()]
    );

    // The service replaces the whole record: the description left out empties.
    let renamed = PersonInput {
        name: Some("Иван Сидоров".to_owned()),
        ..PersonInput::default()
    };
    let updated = client.update_person(&ivan.id, &renamed).await.unwrap();
    assert_eq!(
        (updated.id.as_str(), updated.name.as_str()),
        (ivan.id.as_str(), "Иван Сидоров")
    );
    assert_eq!(updated.description, "");

    let new_phone = ContactUpdateInput {
        value: Some("+7 900 000-00-01".to_owned()),
        kind: "phone".to_owned(),
        service: "phone".to_owned(),
    };
    let changed = client.update_contact(&phone.id, &new_phone).await.unwrap();
    assert_eq!(
        (changed.id.as_str(), changed.value.as_str()),
        (phone.id.as_str(), "+7 900 000-00-01")
    );

    client.delete_contact(&phone.id).await.unwrap();
    let live = ContactFilter {
        person: Some(ivan.id.clone()),
        visibility: Visibility::LiveOnly,
        ..ContactFilter::default()
    };
    assert_eq!(
        client.read_contacts(&live).await.unwrap(),
        vec![mail.clone()]
    );
    let one = ContactFilter {
        id: Some(phone.id.clone()),
        ..ContactFilter::default()
    };
    let deleted = client.read_contacts(&one).await.unwrap();
    assert_eq!(deleted[0].status, Some(Cow::Borrowed("deleted")));

    client.delete_person(&ivan.id).await.unwrap();
    let read = client
        .read_persons(&PersonFilter::id(&ivan.id))
        .await
        .unwrap();
    assert_eq!(read[0].status, Some(Cow::Borrowed("deleted")));
    let existing = PersonFilter {
        visibility: Visibility::LiveOnly,
        ..PersonFilter::default()
    };
    assert_eq!(
        ids(&client.read_persons(&existing).await.unwrap()),
        [maria.id.as_str()]
    );
}

#[tokio::test]
async fn a_wrong_token_is_refused_with_eadesks_own_error() {
    let app = App::new().await;
    let client = client_of(&app, "not-the-token").await;
    let err = client
        .read_persons(&PersonFilter::default())
        .await
        .unwrap_err();
    assert_eq!(err, refused(StatusCode::UNAUTHORIZED, "EUNAUTHORIZED"));
    let shown = format!("{err} {err:?} {client:?}");
    assert!(!shown.contains("not-the-token"), "{shown}");
}

#[tokio::test]
async fn a_missing_record_is_refused_with_enot_found_on_http_200() {
    let app = App::new().await;
    let client = client_of(&app, app.token()).await;
    let not_found = refused(StatusCode::OK, "ENOT_FOUND");
    let err = client
        .update_person("999999", &person("x", ""))
        .await
        .unwrap_err();
    assert_eq!(err, not_found);
    assert_eq!(
        client.delete_contact("999999").await.unwrap_err(),
        not_found
    );
    let input = contact("a@b.c", "fax");
    let ClientError::Refused { status, body } =
        client.create_contact("1", &input).await.unwrap_err()
    else {
        panic!("expected a refusal");
    };
    assert_eq!(
        (status, &body.err[..]),
        (StatusCode::BAD_REQUEST, "EINVALID")
    );
}

#[tokio::test]
async fn an_answer_that_is_not_eadesks_is_unreadable() {
    let html = Router::new().fallback(|| async { "<html>hello</html>" });
    let client = EadeskClient::new(upstream(&loopback(html).await), Credentials::new("s3cret"));
    let errors = [
        client.create_person(&person("A", "")).await.unwrap_err(),
        client
            .read_persons(&PersonFilter::default())
            .await
            .unwrap_err(),
        client
            .update_person("1", &person("A", ""))
            .await
            .unwrap_err(),
        client.delete_person("1").await.unwrap_err(),
        client
            .read_contacts(&ContactFilter::default())
            .await
            .unwrap_err(),
        client.delete_contact("1").await.unwrap_err(),
    ];
    for err in errors {
        assert!(matches!(err, ClientError::Unreadable(_)), "{err:?}");
        assert!(!format!("{err} {err:?}").contains("s3cret"));
    }
    let json = Router::new().fallback(|| async { r#"{"_id":1}"# });
    let client = EadeskClient::new(upstream(&loopback(json).await), Credentials::new("t"));
    let err = client
        .read_persons(&PersonFilter::default())
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ClientError::Unreadable(
            "the answer to /read (HTTP 200) is not Eadesk's: JSON of another shape".to_owned()
        )
    );
}

#[test]
fn credentials_read_the_account_json_and_never_show_the_token() {
    let account: serde_json::Value =
        serde_json::from_str(r#"{"account":"acme","eadesk":{"token":"s3cret"}}"#).unwrap();
    let credentials: Credentials = serde_json::from_value(account["eadesk"].clone()).unwrap();
    assert_eq!(credentials, Credentials::new("s3cret"));
    assert_eq!(
        format!("{credentials:?}"),
        r#"Credentials { token: "<redacted>" }"#
    );
}
