//! add.list: one answer per entry, in order, written in one transaction.

use crate::support::{App, golden};
use serde_json::json;

#[tokio::test]
async fn addlist_answers_each_entry_in_order_without_duplicate_check() {
    let app = App::new().await;
    let clid = app.company("Омада").await.get();
    app.user("marand@omadaru.ru", Some(app.admin().user)).await;
    let persons = json!([
        {"clid": clid, "person": "Тест 900000", "tel": "+7(342)250-50-50", "socials": {"blog": "http://api.blog2.rus"}},
        {"ptitle": "без имени"},
        {"clid": clid, "mperson": "yes", "person": "Тест 900000", "user": "marand@omadaru.ru", "loyalty": "2 - Нейтральный"},
        {"person": "Чужой клиент", "clid": 424242}
    ]);
    for action in ["addlist", "add.list"] {
        let reply = app.post(action, json!({"persons": persons})).await;
        golden(
            &format!("addlist_{}", action.replace('.', "_")),
            &reply.body,
        );
    }
    let list = app.post_json("list", json!({"fields": "person"})).await;
    assert_eq!(list["count"], 4);
}

#[tokio::test]
async fn addlist_without_persons_is_405() {
    let app = App::new().await;
    for rest in [json!({}), json!({"persons": "x"})] {
        let reply = app.post("addlist", rest).await;
        assert_eq!(
            reply.body,
            r#"{"result":"Error","error":{"code":"405","text":"Отсутствуют параметры"}}"#
        );
    }
}

#[tokio::test]
async fn addlist_answers_a_nul_entry_in_its_place_and_writes_the_others() {
    let app = App::new().await;
    let persons = json!([
        {"person": "Первый"},
        {"person": "Плохой\u{0}"},
        {"person": "Третий", "socials": {"skype": "a\u{0}b"}},
        {"person": "Четвёртый"}
    ]);
    let reply = app.post("addlist", json!({"persons": persons})).await;
    assert_eq!(
        reply.body,
        r#"[{"result":"Успешно","data":1},{"result":"Error","error":{"code":"405","text":"Некорректные параметры - person: недопустимый символ NUL"}},{"result":"Error","error":{"code":"405","text":"Некорректные параметры - socials[skype]: недопустимый символ NUL"}},{"result":"Успешно","data":2}]"#
    );
}

#[tokio::test]
async fn addlist_past_the_bulk_limit_is_refused_whole() {
    let app = App::new().await;
    let persons: Vec<serde_json::Value> = (0..501)
        .map(|i| json!({"person": format!("P{i}")}))
        .collect();
    let request = axum::http::Request::post(crate::support::PATH)
        .header("content-type", "application/json")
        .body(axum::body::Body::from(
            app.params("addlist", json!({"persons": persons}))
                .to_string(),
        ))
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(
        reply.body,
        r#"{"result":"Error","error":{"code":"405","text":"Некорректные параметры - persons: не больше 500 записей за запрос"}}"#
    );
    assert_eq!(app.post("list", json!({})).await.body, r#"{"count":0}"#);
}
