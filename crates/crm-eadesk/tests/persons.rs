#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use http::StatusCode;
use serde_json::json;
use support::{App, golden};

#[tokio::test]
async fn create_answers_the_bare_person() {
    let app = App::new().await;
    let reply = app
        .post(
            "/create",
            r#"{"name":"Иван Петров","description":"Клиент \"VIP\"","segments":["s1","s2"]}"#,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    golden("person-create", &reply);
    let person = reply.json();
    assert_eq!(
        person["accountId"],
        json!(app.acct.issued.account.id.to_string())
    );
    assert_eq!(person["contacts"], json!([]));
}

#[tokio::test]
async fn create_without_fields_has_empty_strings_and_segments() {
    let app = App::new().await;
    let person = app.post("/create", "{}").await.json();
    assert_eq!(person["name"], json!(""));
    assert_eq!(person["description"], json!(""));
    assert_eq!(person["segments"], json!([]));
    assert!(person.get("status").is_none());
}

#[tokio::test]
async fn create_ignores_fields_the_server_owns() {
    let app = App::new().await;
    let reply = app
        .post(
            "/create",
            r#"{"name":"A","_id":"999","accountId":"77","status":"deleted","createdAt":"2000-01-01T00:00:00.000Z","contacts":[{"value":"x"}]}"#,
        )
        .await;
    let person = reply.json();
    assert_ne!(person["_id"], json!("999"));
    assert_eq!(
        person["accountId"],
        json!(app.acct.issued.account.id.to_string())
    );
    assert!(person.get("status").is_none());
    assert_eq!(person["contacts"], json!([]));
    assert_ne!(person["createdAt"], json!("2000-01-01T00:00:00.000Z"));
}

#[tokio::test]
async fn read_answers_a_bare_array_in_creation_order() {
    let app = App::new().await;
    let a = app.person("Алиса").await;
    let b = app.person("Дарт Вейдер").await;
    app.contact(&a, "+79876543210", "phone", "phone").await;
    let reply = app.get("/read").await;
    assert_eq!(reply.status, StatusCode::OK);
    golden("person-read", &reply);
    assert_eq!(app.read_ids("").await, vec![a, b]);
}

#[tokio::test]
async fn read_by_id_is_one_element_and_unknown_id_is_empty() {
    let app = App::new().await;
    let a = app.person("A").await;
    app.person("B").await;
    assert_eq!(app.read_ids(&format!("id={a}")).await, vec![a.clone()]);
    assert_eq!(app.read_ids("id=999999").await, Vec::<String>::new());
    assert_eq!(
        app.read_ids("id=9067b9dea16f43108e2cce17").await,
        Vec::<String>::new()
    );
    app.get("/read?id=999999").await.is(StatusCode::OK, "[]");
}

#[tokio::test]
async fn read_pages_with_offset_and_limit() {
    let app = App::new().await;
    let mut ids = Vec::new();
    for name in ["a", "b", "c", "d"] {
        ids.push(app.person(name).await);
    }
    assert_eq!(app.read_ids("limit=2").await, ids[..2].to_vec());
    assert_eq!(app.read_ids("offset=1&limit=2").await, ids[1..3].to_vec());
    assert_eq!(app.read_ids("offset=3").await, ids[3..].to_vec());
    assert_eq!(app.read_ids("offset=10").await, Vec::<String>::new());
    // Mongo's limit(0) is no limit: served as the cap, never an empty page.
    assert_eq!(app.read_ids("limit=0").await, ids);
    assert_eq!(app.read_ids("offset=2&limit=0").await, ids[2..].to_vec());
    assert_eq!(app.read_ids("limit=5000").await, ids);
    assert_eq!(
        app.read_ids("offset=99999999999999999999999").await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn read_defaults_to_fifty() {
    let app = App::new().await;
    for i in 0..51 {
        app.person(&format!("p{i}")).await;
    }
    assert_eq!(app.read_ids("").await.len(), 50);
    assert_eq!(app.read_ids("limit=1000").await.len(), 51);
}

#[tokio::test]
async fn search_is_a_case_sensitive_regex_over_name_and_contact_values() {
    let app = App::new().await;
    let ivan = app.person("Иван Петров").await;
    let anna = app.person("Анна").await;
    let bob = app.person("bob").await;
    app.contact(&anna, "+7 (900) 571-83-48", "phone", "phone")
        .await;
    app.contact(&bob, "bob@example.com", "mail", "mail").await;
    let search = |pattern: &str| format!("search={}", urlencode(pattern));
    assert_eq!(app.read_ids(&search("^Иван")).await, vec![ivan.clone()]);
    assert_eq!(app.read_ids(&search("иван")).await, Vec::<String>::new());
    assert_eq!(
        app.read_ids(&search(r"\+7 \(900\) 571-83-48")).await,
        vec![anna.clone()]
    );
    assert_eq!(
        app.read_ids(&search(r"example\.com$")).await,
        vec![bob.clone()]
    );
    assert_eq!(
        app.read_ids(&search("Петров|bob")).await,
        vec![ivan, bob.clone()]
    );
    assert_eq!(
        app.read_ids(&format!("{}&limit=1&offset=1", search(".")))
            .await,
        vec![anna]
    );
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn type_and_service_filters_take_comma_lists() {
    let app = App::new().await;
    let phone = app.person("phone").await;
    let mail = app.person("mail").await;
    let vk = app.person("vk").await;
    app.person("none").await;
    app.contact(&phone, "+7900", "phone", "whatsapp").await;
    app.contact(&mail, "m@x.ru", "mail", "mail").await;
    app.contact(&vk, "id123", "id", "vk").await;
    assert_eq!(app.read_ids("type=phone").await, vec![phone.clone()]);
    assert_eq!(
        app.read_ids("type=mail,phone").await,
        vec![phone.clone(), mail.clone()]
    );
    assert_eq!(
        app.read_ids("service=vk,whatsapp").await,
        vec![phone.clone(), vk.clone()]
    );
    assert_eq!(app.read_ids("type=id&service=vk").await, vec![vk]);
    assert_eq!(
        app.read_ids("type=mail&service=vk").await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn update_replaces_name_description_and_segments() {
    let app = App::new().await;
    let reply = app
        .post(
            "/create",
            r#"{"name":"Old","description":"keep?","segments":["a"]}"#,
        )
        .await;
    let id = reply.json()["_id"].as_str().unwrap().to_owned();
    let reply = app
        .post(
            &format!("/update/{id}"),
            r#"{"name":"New","segments":["b","c"]}"#,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    golden("person-update", &reply);
    let person = &reply.json()["result"];
    assert_eq!(person["_id"], json!(id));
    assert_eq!(person["description"], json!(""));
    let reply = app
        .post(&format!("/update/{id}"), r#"{"name":"Newer"}"#)
        .await;
    assert_eq!(reply.json()["result"]["segments"], json!([]));
    let read = app.get(&format!("/read?id={id}")).await.json();
    assert_eq!(read[0]["name"], json!("Newer"));
    assert_eq!(read[0]["segments"], json!([]));
}

#[tokio::test]
async fn update_of_a_missing_person_is_http_200_not_found() {
    let app = App::new().await;
    let reply = app.post("/update/424242", r#"{"name":"x"}"#).await;
    reply.is(StatusCode::OK, r#"{"err":"ENOT_FOUND"}"#);
    golden("not-found", &reply);
    app.post("/update/000000000000000000000000", r#"{"name":"x"}"#)
        .await
        .is(StatusCode::OK, r#"{"err":"ENOT_FOUND"}"#);
}

#[tokio::test]
async fn deleted_person_is_read_with_status_unless_existing_records_are_asked() {
    let app = App::new().await;
    let gone = app.person("Gone").await;
    let kept = app.person("Kept").await;
    app.contact(&gone, "g@x.ru", "mail", "mail").await;
    let reply = app.post(&format!("/delete/{gone}"), "").await;
    reply.is(StatusCode::OK, r#"{"result":true}"#);
    golden("deleted", &reply);
    let reply = app.get(&format!("/read?id={gone}")).await;
    golden("person-read-deleted", &reply);
    assert_eq!(reply.json()[0]["status"], json!("deleted"));
    assert_eq!(app.read_ids("").await, vec![gone.clone(), kept.clone()]);
    for flag in [
        "needExistingRecords=true",
        "needExistingRecords=1",
        "needExistingRecords",
        "needExistingRecords=false",
    ] {
        assert_eq!(app.read_ids(flag).await, vec![kept.clone()], "{flag}");
    }
    assert_eq!(
        app.read_ids(&format!("id={gone}&needExistingRecords=true"))
            .await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn deleting_twice_still_succeeds_and_unknown_is_not_found() {
    let app = App::new().await;
    let id = app.person("x").await;
    app.post(&format!("/delete/{id}"), "")
        .await
        .is(StatusCode::OK, r#"{"result":true}"#);
    app.post(&format!("/delete/{id}"), "")
        .await
        .is(StatusCode::OK, r#"{"result":true}"#);
    app.post("/delete/987654", "")
        .await
        .is(StatusCode::OK, r#"{"err":"ENOT_FOUND"}"#);
    app.post("/delete/abc", "")
        .await
        .is(StatusCode::OK, r#"{"err":"ENOT_FOUND"}"#);
}

#[tokio::test]
async fn deleted_person_can_still_be_updated_and_stays_deleted() {
    let app = App::new().await;
    let id = app.person("x").await;
    app.post(&format!("/delete/{id}"), "").await;
    let reply = app.post(&format!("/update/{id}"), r#"{"name":"y"}"#).await;
    let person = &reply.json()["result"];
    assert_eq!(person["name"], json!("y"));
    assert_eq!(person["status"], json!("deleted"));
}

#[tokio::test]
async fn person_with_deals_is_not_deleted() {
    let app = App::new().await;
    let id = app.person("Dealer").await;
    app.crm
        .add_document(
            app.acct.admin,
            crm_core::ClientId(id.parse().unwrap()),
            crm_core::DocumentKind::Deal,
            "deal",
        )
        .await
        .unwrap();
    app.post(&format!("/delete/{id}"), "").await.is(
        StatusCode::OK,
        r#"{"err":"EHAS_DEPENDENTS","message":"client has deals"}"#,
    );
    assert!(
        app.get(&format!("/read?id={id}")).await.json()[0]
            .get("status")
            .is_none()
    );
}

#[tokio::test]
async fn records_written_by_other_dialects_read_as_persons() {
    use crm_core::{ClientKind, ContactKind, Label, Name, NewClient, NewContactPoint, Service};
    let app = App::new().await;
    let mut company = NewClient::new(ClientKind::Company, Name::full("ООО Ромашка"));
    company.contacts.push(NewContactPoint {
        kind: ContactKind::Id,
        service: Service::Icq,
        label: None,
        value: "12345".to_owned(),
        origin: None,
    });
    company.contacts.push(NewContactPoint {
        kind: ContactKind::Phone,
        service: Service::Phone,
        label: Some(Label::Mobile),
        value: "+7 342 250-50-50".to_owned(),
        origin: None,
    });
    let made = app
        .acct
        .create_client(&app.crm, crm_testkit::origin::REST, company)
        .await;
    let read = app.get(&format!("/read?id={}", made.id)).await.json();
    assert_eq!(read[0]["name"], json!("ООО Ромашка"));
    assert_eq!(read[0]["segments"], json!([]));
    assert_eq!(
        read[0]["contacts"],
        json!([
            {"id": made.contacts[0].id.to_string(), "value": "12345", "type": "id", "service": "icq", "origin": "rest"},
            {"id": made.contacts[1].id.to_string(), "value": "+7 342 250-50-50", "type": "phone", "service": "phone", "origin": "rest"},
        ])
    );
}

#[tokio::test]
async fn update_with_the_same_full_name_keeps_the_name_parts() {
    use crm_core::{ClientId, ClientKind, Name, NewClient, Visibility};
    let app = App::new().await;
    let new = NewClient::new(
        ClientKind::Person,
        Name::from_parts("Иван", "Петрович", "Сидоров"),
    );
    let made = app
        .acct
        .create_client(&app.crm, crm_testkit::origin::PLANFIX, new)
        .await;
    let read = app.get(&format!("/read?id={}", made.id)).await.json();
    assert_eq!(read[0]["name"], json!("Сидоров Иван Петрович"));
    // An integration writes back the name it read, changing the description.
    let reply = app
        .post(
            &format!("/update/{}", made.id),
            r#"{"name":"Сидоров Иван Петрович","description":"VIP"}"#,
        )
        .await;
    assert_eq!(reply.json()["result"]["description"], json!("VIP"));
    let stored = |id: ClientId| {
        let crm = app.crm.clone();
        let who = app.acct.admin;
        async move {
            crm.client(who, id, Visibility::IncludeDeleted)
                .await
                .unwrap()
        }
    };
    let client = stored(made.id).await;
    assert_eq!(client.name, made.name);
    assert_eq!(client.name.parts().unwrap().middle, "Петрович");
    // A new name replaces the parts: the original keeps one name string.
    app.post(&format!("/update/{}", made.id), r#"{"name":"Иван"}"#)
        .await;
    let client = stored(made.id).await;
    assert_eq!((client.name.as_full(), client.name.parts()), ("Иван", None));
}
