#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The spec page's own PHP examples, sent as `http_build_query` encodes them.

mod support;

use axum::body::Body;
use axum::http::Request;
use serde_json::json;
use support::{App, PATH, golden, redact_dates};

#[tokio::test]
async fn list_example_with_its_empty_values_and_past_dates() {
    let app = App::new().await;
    app.add(json!({"person": "Новый", "ptitle": "Директор", "loyalty": "Лояльный"}))
        .await;
    let example = json!({
        "offset": 0, "order": "date_create", "first": "", "user": "",
        "dateStart": "2016-01-01", "dateEnd": "2018-06-01", "word": "",
        "filter": {"loyalty": "Лояльный", "ptitle": "Директор", "clientpath": "", "input1": ""}
    });
    // Everything here was created today, after the example's dateEnd.
    assert_eq!(
        app.post("list", example.clone()).await.body,
        r#"{"count":0}"#
    );
    let mut today = example;
    today["dateEnd"] = json!(
        chrono::Utc::now()
            .date_naive()
            .succ_opt()
            .unwrap()
            .to_string()
    );
    let reply = app.post("list", today).await;
    assert_eq!(reply.json()["count"], 1);
    assert_eq!(reply.json()["data"][0]["person"], "Новый");
}

#[tokio::test]
async fn info_update_delete_examples() {
    let app = App::new().await;
    let clid = app.company("Сейлзмен Рус").await.get();
    let pid = app
        .add(
            json!({"clid": clid, "person": "Андреев Владислав Германович",
            "ptitle": "Коммерческий директор", "tel": "7 (342) 206-72-02",
            "mob": "7 (922) 328-94-66", "mail": "v@salesman.pro",
            "socials": {"blog": "333", "mysite": "333", "twitter": "333", "icq": "333",
                "skype": "andreev.v.g", "google": "333", "yandex": "333", "mykrug": "333"}}),
        )
        .await;
    let info = app
        .post("info", json!({"pid": pid.to_string(), "fields": "clid,person,ptitle,tel,mob,mail", "socinfo": "yes"}))
        .await;
    assert_eq!(
        info.body,
        r#"{"data":{"clid":"1","client":"Сейлзмен Рус","person":"Андреев Владислав Германович","ptitle":"Коммерческий директор","tel":"7 (342) 206-72-02","mob":"7 (922) 328-94-66","mail":"v@salesman.pro","socials":{"blog":"333","mysite":"333","twitter":"333","icq":"333","skype":"andreev.v.g","google":"333","yandex":"333","mykrug":"333"}}}"#
    );
    let update = app
        .post("update", json!({"pid": pid, "person": "Апиров Апист Иванович", "mob": "+7(922)250-50-54",
            "clientpath": "Voxlink", "loyalty": "1 - Пока не понятно",
            "socials": {"blog": "http://api.blog2.rus", "mysite": "http://apiapi2.rus", "twitter": "apiapi",
                "icq": "12345678900", "skype": "apiapi2", "google": "apiapi2", "yandex": "apiapi2", "mykrug": "apiapi2"}}))
        .await;
    assert_eq!(
        update.body,
        format!(r#"{{"result":"Успешно","data":"{pid}","social":"Соц.контакты обновлены"}}"#)
    );
    let delete = app.post("delete", json!({"pid": pid})).await;
    assert_eq!(
        delete.body,
        format!(r#"{{"result":"Успешно","data":{pid}}}"#)
    );
}

#[tokio::test]
async fn json_add_list_reads_persons_from_the_body() {
    let app = App::new().await;
    let request = Request::post(PATH)
        .header("content-type", "application/json")
        .header("apikey", app.apikey())
        .header("login", app.login())
        .body(Body::from(
            json!({"action": "add.list", "persons": [
                {"person": "JSON Один", "socials": {"skype": "one"}, "mperson": true},
                {"person": "JSON Два", "tel": 79001234567_i64}
            ]})
            .to_string(),
        ))
        .unwrap();
    assert_eq!(
        app.send(request).await.body,
        r#"[{"result":"Успешно","data":1},{"result":"Успешно","data":2}]"#
    );
    let list = app
        .post(
            "list",
            json!({"fields": "pid,person,tel", "first": "old", "socinfo": "yes"}),
        )
        .await;
    golden("json_add_list", &redact_dates(&list.body));
}
