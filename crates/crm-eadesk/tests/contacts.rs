#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use http::StatusCode;
use serde_json::json;
use support::{App, golden};

const NOT_FOUND: &str = r#"{"err":"ENOT_FOUND"}"#;

#[tokio::test]
async fn create_answers_the_datum_with_origin_eadesk() {
    let app = App::new().await;
    let person = app.person("P").await;
    let reply = app
        .post(
            &format!("/contacts/create/{person}"),
            r#"{"value":"+7 (900) 571-83-48","type":"phone","service":"phone"}"#,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    golden("contact-create", &reply);
    let read = app.get(&format!("/read?id={person}")).await.json();
    assert_eq!(read[0]["contacts"][0]["value"], json!("+7 (900) 571-83-48"));
    assert_eq!(read[0]["contacts"][0]["origin"], json!("eadesk"));
}

#[tokio::test]
async fn create_keeps_an_origin_the_client_names() {
    let app = App::new().await;
    let person = app.person("P").await;
    let reply = app
        .post(
            &format!("/contacts/create/{person}"),
            r#"{"value":"chat-1","type":"id","service":"chatra","origin":"chatra"}"#,
        )
        .await;
    assert_eq!(reply.json()["result"]["origin"], json!("chatra"));
}

#[tokio::test]
async fn create_for_a_missing_person_is_not_found() {
    let app = App::new().await;
    let body = r#"{"value":"a@b.c","type":"mail","service":"mail"}"#;
    app.post("/contacts/create/777777", body)
        .await
        .is(StatusCode::OK, NOT_FOUND);
    app.post("/contacts/create/9067b9dea16f43108e2cce17", body)
        .await
        .is(StatusCode::OK, NOT_FOUND);
}

#[tokio::test]
async fn read_by_person_lists_its_data_in_order() {
    let app = App::new().await;
    let person = app.person("P").await;
    let other = app.person("O").await;
    let phone = app.contact(&person, "+79876543210", "phone", "phone").await;
    let mail = app.contact(&person, "p@x.ru", "mail", "mail").await;
    app.contact(&other, "o@x.ru", "mail", "mail").await;
    let reply = app
        .get(&format!("/contacts/read?contact_id={person}"))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    golden("contacts-read", &reply);
    let ids: Vec<_> = reply.json()["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, vec![phone, mail]);
}

#[tokio::test]
async fn read_of_a_person_without_data_is_an_empty_result() {
    let app = App::new().await;
    let person = app.person("P").await;
    app.get(&format!("/contacts/read?contact_id={person}"))
        .await
        .is(StatusCode::OK, r#"{"result":[]}"#);
}

#[tokio::test]
async fn read_of_unknown_person_or_datum_is_not_found() {
    let app = App::new().await;
    for query in ["contact_id=5555", "contact_id=abc", "id=5555", "id=xyz"] {
        app.get(&format!("/contacts/read?{query}"))
            .await
            .is(StatusCode::OK, NOT_FOUND);
    }
}

#[tokio::test]
async fn read_filters_by_id_value_search_type_and_service() {
    let app = App::new().await;
    let p = app.person("P").await;
    let q = app.person("Q").await;
    let phone = app.contact(&p, "+7 900 1", "phone", "whatsapp").await;
    let mail = app.contact(&p, "p@x.ru", "mail", "mail").await;
    let vk = app.contact(&q, "id900", "id", "vk").await;
    let ids = |reply: support::Reply| -> Vec<String> {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids(app.get("/contacts/read").await),
        vec![phone.clone(), mail.clone(), vk.clone()]
    );
    // An option a JavaScript client left undefined arrives as `key=`.
    assert_eq!(
        ids(app
            .get("/contacts/read?contact_id=&id=&value=&offset=&limit=")
            .await),
        vec![phone.clone(), mail.clone(), vk.clone()]
    );
    assert_eq!(
        ids(app.get(&format!("/contacts/read?id={mail}")).await),
        vec![mail.clone()]
    );
    assert_eq!(
        ids(app.get("/contacts/read?value=id900").await),
        vec![vk.clone()]
    );
    assert_eq!(
        ids(app.get("/contacts/read?value=ID900").await),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(app.get("/contacts/read?search=900").await),
        vec![phone.clone(), vk.clone()]
    );
    assert_eq!(
        ids(app.get("/contacts/read?type=mail,id").await),
        vec![mail.clone(), vk.clone()]
    );
    assert_eq!(
        ids(app.get("/contacts/read?service=whatsapp").await),
        vec![phone.clone()]
    );
    assert_eq!(
        ids(app
            .get(&format!("/contacts/read?contact_id={q}&search=^id"))
            .await),
        vec![vk]
    );
    // The datum exists but the other filters exclude it: an empty list.
    assert_eq!(
        ids(app
            .get(&format!("/contacts/read?id={mail}&type=phone"))
            .await),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn update_changes_type_service_and_value() {
    let app = App::new().await;
    let p = app.person("P").await;
    let id = app.contact(&p, "old@x.ru", "mail", "mail").await;
    let reply = app
        .post(
            &format!("/contacts/update/{id}"),
            r#"{"value":"new@x.ru","type":"mail","service":"mail"}"#,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    golden("contact-update", &reply);
    assert_eq!(reply.json()["result"]["id"], json!(id));
    let reply = app
        .post(
            &format!("/contacts/update/{id}"),
            r#"{"type":"id","service":"skype"}"#,
        )
        .await;
    let datum = &reply.json()["result"];
    assert_eq!(datum["value"], json!("new@x.ru"));
    assert_eq!(
        (&datum["type"], &datum["service"]),
        (&json!("id"), &json!("skype"))
    );
}

#[tokio::test]
async fn update_of_a_missing_datum_is_not_found() {
    let app = App::new().await;
    let body = r#"{"value":"v","type":"mail","service":"mail"}"#;
    app.post("/contacts/update/31337", body)
        .await
        .is(StatusCode::OK, NOT_FOUND);
    app.post("/contacts/update/437a6ecdbc4d4662b235503c", body)
        .await
        .is(StatusCode::OK, NOT_FOUND);
}

#[tokio::test]
async fn deleted_datum_stays_embedded_and_not_deleted_hides_it() {
    let app = App::new().await;
    let p = app.person("P").await;
    let phone = app.contact(&p, "+7900", "phone", "phone").await;
    let mail = app.contact(&p, "m@x.ru", "mail", "mail").await;
    app.post(&format!("/contacts/delete/{phone}"), "")
        .await
        .is(StatusCode::OK, r#"{"result":true}"#);
    let reply = app.get(&format!("/read?id={p}")).await;
    golden("person-read-deleted-contact", &reply);
    let contacts = reply.json()[0]["contacts"].clone();
    assert_eq!(contacts[0]["status"], json!("deleted"));
    assert!(contacts[1].get("status").is_none());
    let all = app
        .get(&format!("/contacts/read?contact_id={p}"))
        .await
        .json();
    assert_eq!(all["result"].as_array().unwrap().len(), 2);
    assert_eq!(all["result"][0]["status"], json!("deleted"));
    let live = app
        .get(&format!("/contacts/read?contact_id={p}&not_deleted=true"))
        .await
        .json();
    assert_eq!(live["result"].as_array().unwrap().len(), 1);
    assert_eq!(live["result"][0]["id"], json!(mail));
}

#[tokio::test]
async fn delete_of_a_missing_datum_is_not_found() {
    let app = App::new().await;
    app.post("/contacts/delete/999999", "")
        .await
        .is(StatusCode::OK, NOT_FOUND);
    app.post("/contacts/delete/0c75e157845e41f0a787eb56", "")
        .await
        .is(StatusCode::OK, NOT_FOUND);
}

#[tokio::test]
async fn data_can_be_added_to_a_deleted_person() {
    let app = App::new().await;
    let p = app.person("P").await;
    app.post(&format!("/delete/{p}"), "").await;
    let id = app.contact(&p, "late@x.ru", "mail", "mail").await;
    let read = app.get(&format!("/read?id={p}")).await.json();
    assert_eq!(read[0]["contacts"][0]["id"], json!(id));
}
