#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod addlist;
#[path = "../support/mod.rs"]
mod support;
mod update;

use serde_json::json;
use support::{App, golden, redact_dates};

/// The spec's "add" example, with the company it names created first.
fn spec_add(clid: i64) -> serde_json::Value {
    json!({
        "clid": clid,
        "person": "Апиров Апист Иванович",
        "ptitle": "Технический директор",
        "tel": "+7(342)250-50-50, +7(342)290-50-51",
        "mob": "+7(922)250-50-50",
        "mail": "a.i.apirov@mailio.ru",
        "clientpath": "Voxlink",
        "loyalty": "0 - Не лояльный",
        "socials": {
            "blog": "http://api.blog.rus",
            "mysite": "http://apiapi.rus",
            "twitter": "apiapi",
            "icq": "123456789",
            "skype": "apiapi",
            "google": "apiapi",
            "yandex": "apiapi",
            "mykrug": "apiapi"
        },
        "mperson": "yes"
    })
}

#[tokio::test]
async fn add_answers_the_new_pid_and_info_reads_it_back() {
    let app = App::new().await;
    let clid = app.company("Сейлзмен Рус").await;
    let reply = app.post("add", spec_add(clid.get())).await;
    golden("add", &reply.body);
    let info = app.post("info", json!({"pid": 2, "socinfo": "yes"})).await;
    golden("info_after_add", &redact_dates(&info.body));
    let client = app.acct.live_client(&app.crm, 2).await;
    assert!(client.attributes.main_contact);
    assert_eq!(client.origin, crm_salesman::ORIGIN);
    assert_eq!(client.attributes.responsible, Some(app.admin().user));
}

#[tokio::test]
async fn add_without_person_is_405() {
    let app = App::new().await;
    for rest in [json!({}), json!({"person": ""}), json!({"ptitle": "x"})] {
        let reply = app.post("add", rest).await;
        assert_eq!(
            reply.body,
            r#"{"result":"Error","error":{"code":"405","text":"Отсутствуют параметры - Имя контакта"}}"#
        );
    }
}

#[tokio::test]
async fn add_refuses_a_duplicate_with_the_reference_text() {
    let app = App::new().await;
    let pid = app
        .add(json!({"person": "Дубль Иван", "tel": "+7 (900) 111-22-33", "mail": "d@x.ru"}))
        .await;
    for rest in [
        json!({"person": "дубль иван"}),
        json!({"person": "Дубль Иван", "tel": "79001112233"}),
        json!({"person": "Дубль Иван", "mail": "D@X.RU", "tel": "+7(900)111-22-33"}),
        // reference/salesman.md §6: `tel LIKE %tel%`, a part of the number is enough.
        json!({"person": " Дубль Иван ", "tel": "111-22-33", "mail": "@x.ru"}),
    ] {
        let reply = app.post("add", rest.clone()).await;
        assert_eq!(
            reply.body,
            format!(
                r#"{{"result":"Error","error":{{"code":"406","text":"Найден существующий контакт - Дубль Иван (pid = {pid}). Запрос отклонен."}}}}"#
            ),
            "{rest}"
        );
    }
    // A different phone or a different name is not a duplicate.
    app.add(json!({"person": "Дубль Иван", "tel": "+7 (900) 000-00-00"}))
        .await;
    app.add(json!({"person": "Дубль Иван Петрович"})).await;
}

#[tokio::test]
async fn add_finds_a_duplicate_stored_with_surrounding_spaces() {
    let app = App::new().await;
    let pid = app.add(json!({"person": "  Пробел Строка \t"})).await;
    let reply = app.post("add", json!({"person": "ПРОБЕЛ СТРОКА"})).await;
    assert_eq!(reply.json()["error"]["code"], "406", "{}", reply.body);
    assert!(
        reply.body.contains(&format!("(pid = {pid})")),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn add_keeps_a_readable_date_create_and_ignores_another() {
    let app = App::new().await;
    let dated = app
        .add(json!({"person": "Старый", "date_create": "2020-01-02T06:04:05+03:00"}))
        .await;
    let info = app
        .post_json("info", json!({"pid": dated, "fields": "date_create"}))
        .await;
    assert_eq!(info["data"]["date_create"], "2020-01-02 03:04:05");
    let undated = app
        .add(json!({"person": "Новый", "date_create": "вчера"}))
        .await;
    let info = app
        .post_json("info", json!({"pid": undated, "fields": "date_create"}))
        .await;
    assert!(
        info["data"]["date_create"].as_str().unwrap() > "2025",
        "{info}"
    );
}

#[tokio::test]
async fn add_with_unknown_user_or_company_is_a_clear_405() {
    let app = App::new().await;
    let reply = app
        .post("add", json!({"person": "A", "user": "ghost"}))
        .await;
    assert_eq!(
        reply.body,
        r#"{"result":"Error","error":{"code":"405","text":"Некорректные параметры - user: пользователь ghost не найден"}}"#
    );
    let reply = app.post("add", json!({"person": "A", "clid": 999})).await;
    assert_eq!(reply.json()["error"]["code"], "405");
    let reply = app.post("add", json!({"person": "A", "clid": "x1"})).await;
    assert_eq!(reply.json()["error"]["code"], "405");
}

#[tokio::test]
async fn add_assigns_the_named_user_and_creates_catalogue_entries_once() {
    let app = App::new().await;
    let manager = app.user("manager@acme", Some(app.admin().user)).await;
    let a = app
        .add(json!({"person": "A", "user": "manager@acme", "loyalty": "Новый", "clientpath": "Сайт"}))
        .await;
    let b = app
        .add(json!({"person": "B", "loyalty": "Новый", "clientpath": "Сайт"}))
        .await;
    let list = app
        .post_json(
            "list",
            json!({"fields": "pid,iduser,loyalty,clientpath", "first": "old"}),
        )
        .await;
    assert_eq!(
        list,
        json!({"data": [
            {"pid": a, "user": "manager@acme", "iduser": manager.id.get(), "loyalty": "Новый", "clientpath": "Сайт"},
            {"pid": b, "user": "admin@acme", "iduser": app.admin().user.get(), "loyalty": "Новый", "clientpath": "Сайт"}
        ], "count": 2})
    );
    let loyalty = app
        .crm
        .catalogue(app.admin(), crm_core::CatalogueKind::Loyalty)
        .await
        .unwrap();
    assert_eq!(loyalty.iter().filter(|e| e.title == "Новый").count(), 1);
}

#[tokio::test]
async fn fields_lists_titles_as_the_spec_shows() {
    let app = App::new().await;
    let reply = app.post("fields", json!({})).await;
    golden("fields", &reply.body);
}

#[tokio::test]
async fn unknown_company_or_catalogue_id_is_the_same_405_in_every_write() {
    let app = App::new().await;
    let pid = app.add(json!({"person": "Есть"})).await;
    let company = r#"{"result":"Error","error":{"code":"405","text":"Некорректные параметры - clid: клиент 424242 не найден"}}"#;
    let loyalty = r#"{"result":"Error","error":{"code":"405","text":"Некорректные параметры - loyalty: нет записи справочника с id 999"}}"#;
    let source = r#"{"result":"Error","error":{"code":"405","text":"Некорректные параметры - clientpath: нет записи справочника с id 999"}}"#;
    for (action, rest, expected) in [
        ("add", json!({"person": "A", "clid": 424242}), company),
        ("add", json!({"person": "A", "loyalty": "999"}), loyalty),
        ("add", json!({"person": "A", "clientpath": 999}), source),
        ("update", json!({"pid": pid, "clid": 424242}), company),
        ("update", json!({"pid": pid, "loyalty": 999}), loyalty),
        ("update", json!({"pid": pid, "clientpath": "999"}), source),
        (
            "update",
            json!({"pid": pid, "clid": pid}),
            &company.replace("424242", &pid.to_string()),
        ),
    ] {
        let reply = app.post(action, rest.clone()).await;
        assert_eq!(reply.body, expected, "{action} {rest}");
    }
    let list = app.post_json("list", json!({"fields": "person"})).await;
    assert_eq!(list, json!({"data": [{"person": "Есть"}], "count": 1}));
}

#[tokio::test]
async fn add_finds_a_duplicate_behind_a_thousand_similar_names() {
    let app = App::new().await;
    for batch in 0..3 {
        let persons: Vec<serde_json::Value> = (0..400)
            .map(|i| json!({"person": format!("Ан {batch}-{i}")}))
            .collect();
        let reply = app.post("addlist", json!({"persons": persons})).await;
        assert!(!reply.body.contains("Error"), "{}", reply.body);
    }
    let pid = app.add(json!({"person": "Ан", "tel": "111"})).await;
    let reply = app.post("add", json!({"person": "ан", "tel": "111"})).await;
    assert_eq!(
        reply.body,
        format!(
            r#"{{"result":"Error","error":{{"code":"406","text":"Найден существующий контакт - Ан (pid = {pid}). Запрос отклонен."}}}}"#
        )
    );
}

#[tokio::test]
async fn loyalty_or_clientpath_zero_means_none_not_a_new_entry() {
    let app = App::new().await;
    let pid = app
        .add(json!({"person": "Ноль", "loyalty": 0, "clientpath": "0"}))
        .await;
    let show = json!({"pid": pid, "fields": "loyalty,clientpath"});
    let info = app.post_json("info", show.clone()).await;
    assert_eq!(info, json!({"data": {"loyalty": null, "clientpath": null}}));
    app.post(
        "update",
        json!({"pid": pid, "loyalty": "Лояльный", "clientpath": "Сайт"}),
    )
    .await;
    let reply = app
        .post(
            "update",
            json!({"pid": pid, "loyalty": "0", "clientpath": 0}),
        )
        .await;
    assert_eq!(
        reply.body,
        format!(r#"{{"result":"Успешно","data":"{pid}","social":"Соц.контакты обновлены"}}"#)
    );
    let info = app.post_json("info", show).await;
    assert_eq!(info, json!({"data": {"loyalty": null, "clientpath": null}}));
    for kind in [
        crm_core::CatalogueKind::Loyalty,
        crm_core::CatalogueKind::Source,
    ] {
        let entries = app.crm.catalogue(app.admin(), kind).await.unwrap();
        assert!(entries.iter().all(|e| e.title != "0"), "{entries:?}");
    }
}
