//! The rows of docs/mapping.md beyond name, phone and e-mail: each shared
//! field written through one dialect and read through the others.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{Dialect, Session, xml_all, xml_text};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use serde_json::json;

async fn setup(db: &TestDb) -> (Gateway, Session) {
    let creds = create_account(db.url(), "acme");
    let gateway = Gateway::start(db.url());
    let session = Session::open(&gateway.url(""), creds).await;
    (gateway, session)
}

async fn planfix_get(s: &Session, id: i64) -> String {
    s.planfix_call("contact.get", &format!("<id>{id}</id>"))
        .await
}

#[tokio::test]
async fn description_is_shared_by_eadesk_rest_and_planfix() {
    let db = TestDb::new().await;
    let (_gateway, s) = setup(&db).await;
    let created = s
        .eadesk_post(
            "create",
            json!({"name": "Описанный", "description": "Любит & <чай>"}),
        )
        .await;
    let id: i64 = created["_id"].as_str().unwrap().parse().unwrap();
    let rest = s.rest(reqwest::Method::GET, &format!("/{id}"), None).await;
    assert_eq!(rest["response"]["description"], "Любит & <чай>");
    let xml = planfix_get(&s, id).await;
    assert_eq!(
        xml_text(&xml, "description").as_deref(),
        Some("Любит & <чай>")
    );
}

#[tokio::test]
async fn address_is_shared_by_rest_and_planfix() {
    let db = TestDb::new().await;
    let (_gateway, s) = setup(&db).await;
    let body = json!({"type": 2, "name": "Адресат", "real_address": "Пермь, ул. Ленина, 1"});
    let created = s.rest(reqwest::Method::POST, "", Some(body)).await;
    let id = created["response"]["id"].as_i64().unwrap();
    let xml = planfix_get(&s, id).await;
    assert_eq!(
        xml_text(&xml, "address").as_deref(),
        Some("Пермь, ул. Ленина, 1")
    );
}

#[tokio::test]
async fn position_and_custom_fields_are_shared_by_salesman_and_planfix() {
    let db = TestDb::new().await;
    let (_gateway, s) = setup(&db).await;
    let added = s
        .salesman(&[
            ("action", "add"),
            ("person", "Должностной"),
            ("ptitle", "Директор"),
            ("input3", "зелёный"),
        ])
        .await;
    let pid = added["data"].as_i64().unwrap();
    let xml = planfix_get(&s, pid).await;
    assert_eq!(xml_text(&xml, "post").as_deref(), Some("Директор"));
    assert!(xml.contains("<field><id>3</id>"), "{xml}");
    assert_eq!(xml_text(&xml, "value").as_deref(), Some("зелёный"));

    let contact = "<name>Пётр</name><lastName>Планфиксов</lastName><post>Бухгалтер</post>\
         <customData><customValue><id>4</id><value>синий</value></customValue></customData>";
    let answer = s.planfix_call("contact.add", contact).await;
    let id = xml_text(&answer, "id").unwrap();
    let info = s
        .salesman(&[
            ("action", "info"),
            ("pid", &id),
            ("fields", "person,ptitle,input4"),
        ])
        .await;
    assert_eq!(info["data"]["person"], "Планфиксов Пётр");
    assert_eq!(info["data"]["ptitle"], "Бухгалтер");
    assert_eq!(info["data"]["input4"], "синий");
}

#[tokio::test]
async fn messenger_ids_are_shared_by_eadesk_salesman_and_planfix() {
    let db = TestDb::new().await;
    let (_gateway, s) = setup(&db).await;
    let id = s.write(Dialect::Eadesk, &Person::sample("skype")).await;
    let body = json!({"value": "live:ivan", "type": "id", "service": "skype"});
    s.eadesk_post(&format!("contacts/create/{id}"), body).await;
    let info = s
        .salesman(&[
            ("action", "info"),
            ("pid", &id.to_string()),
            ("socinfo", "yes"),
        ])
        .await;
    assert_eq!(info["data"]["socials"]["skype"], "live:ivan", "{info}");
    assert_eq!(
        xml_text(&planfix_get(&s, id).await, "skype").as_deref(),
        Some("live:ivan")
    );

    let added = s
        .salesman(&[
            ("action", "add"),
            ("person", "Соцсетевой"),
            ("socials[icq]", "123456"),
        ])
        .await;
    let pid = added["data"].as_i64().unwrap();
    let read = s.eadesk_get(&format!("read?id={pid}")).await;
    let points = read[0]["contacts"].as_array().unwrap();
    assert!(
        points
            .iter()
            .any(|p| p["service"] == "icq" && p["value"] == "123456" && p["type"] == "id"),
        "{read}"
    );
    assert_eq!(
        xml_text(&planfix_get(&s, pid).await, "icq").as_deref(),
        Some("123456")
    );
}

#[tokio::test]
async fn companies_are_shared_by_rest_salesman_and_planfix() {
    let db = TestDb::new().await;
    let (_gateway, s) = setup(&db).await;
    let company = s
        .rest(
            reqwest::Method::POST,
            "",
            Some(json!({"type": 1, "name": "ООО Ромашка"})),
        )
        .await;
    let clid = company["response"]["id"].as_i64().unwrap().to_string();
    let added = s
        .salesman(&[
            ("action", "add"),
            ("person", "Сотрудник Ромашки"),
            ("clid", &clid),
        ])
        .await;
    let pid = added["data"].as_i64().unwrap();
    let info = s
        .salesman(&[("action", "info"), ("pid", &pid.to_string())])
        .await;
    assert_eq!(info["data"]["clid"].to_string().trim_matches('"'), clid);
    assert_eq!(info["data"]["client"], "ООО Ромашка");

    let xml = planfix_get(&s, pid).await;
    let contractors = xml.split("<contractors>").nth(1).unwrap_or_default();
    assert!(xml_all(contractors, "id").first() == Some(&clid), "{xml}");
    let company_xml = planfix_get(&s, clid.parse().unwrap()).await;
    assert_eq!(xml_text(&company_xml, "isCompany").as_deref(), Some("1"));
}

#[tokio::test]
async fn planfix_name_parts_survive_updates_that_send_the_same_full_name() {
    let db = TestDb::new().await;
    let (_gateway, s) = setup(&db).await;
    let person = Person::sample("parts");
    let id = s.write(Dialect::Planfix, &person).await;
    let same = json!({"name": person.full_name(), "description": "через REST"});
    s.rest(reqwest::Method::PATCH, &format!("/{id}"), Some(same))
        .await;
    let same = json!({"name": person.full_name(), "description": "через Eadesk"});
    s.eadesk_post(&format!("update/{id}"), same).await;
    s.salesman(&[
        ("action", "update"),
        ("pid", &id.to_string()),
        ("person", &person.full_name()),
    ])
    .await;
    let xml = planfix_get(&s, id).await;
    assert_eq!(
        xml_text(&xml, "name").as_deref(),
        Some(person.given.as_str()),
        "{xml}"
    );
    assert_eq!(
        xml_text(&xml, "lastName").as_deref(),
        Some(person.last.as_str())
    );
    assert_eq!(
        xml_text(&xml, "description").as_deref(),
        Some("через Eadesk")
    );
}

#[tokio::test]
async fn clearing_the_rest_email_removes_only_the_one_rest_shows() {
    let db = TestDb::new().await;
    let (_gateway, s) = setup(&db).await;
    let added = s
        .salesman(&[
            ("action", "add"),
            ("person", "Двупочтовый"),
            ("mail", "first@x.ru, second@x.ru"),
        ])
        .await;
    let pid = added["data"].as_i64().unwrap();
    let rest = s.rest(reqwest::Method::GET, &format!("/{pid}"), None).await;
    assert_eq!(rest["response"]["email"], "first@x.ru");
    s.rest(
        reqwest::Method::PATCH,
        &format!("/{pid}"),
        Some(json!({"email": ""})),
    )
    .await;
    let rest = s.rest(reqwest::Method::GET, &format!("/{pid}"), None).await;
    assert_eq!(rest["response"]["email"], "second@x.ru");
    let info = s
        .salesman(&[
            ("action", "info"),
            ("pid", &pid.to_string()),
            ("fields", "mail"),
        ])
        .await;
    assert_eq!(info["data"]["mail"], "second@x.ru");
}
