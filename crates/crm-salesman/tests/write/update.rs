//! update and delete: partial updates, identical data, soft deletes.

use super::spec_add;
use crate::support::{App, golden, redact_dates};
use serde_json::json;

#[tokio::test]
async fn update_is_partial_merges_socials_and_reports_identical_data() {
    let app = App::new().await;
    let clid = app.company("Сейлзмен Рус").await.get();
    let pid = app.add(spec_add(clid)).await;
    let reply = app
        .post(
            "update",
            json!({
                "pid": pid,
                "person": "Апиров Апист Иванович",
                "mob": "+7(922)250-50-54",
                "clientpath": "Voxlink",
                "loyalty": "1 - Пока не понятно",
                "socials": {"blog": "http://api.blog2.rus", "skype": ""}
            }),
        )
        .await;
    assert_eq!(
        reply.body,
        format!(r#"{{"result":"Успешно","data":"{pid}","social":"Соц.контакты обновлены"}}"#)
    );
    let info = app
        .post("info", json!({"pid": pid, "socinfo": "yes"}))
        .await;
    golden("info_after_update", &redact_dates(&info.body));

    let same = app
        .post(
            "update",
            json!({"pid": pid, "mob": "+7(922)250-50-54", "socials": {"twitter": "apiapi"}}),
        )
        .await;
    assert_eq!(
        same.body,
        format!(r#"{{"result":"Данные корректны, но идентичны имеющимся","data":{pid}}}"#)
    );
    let no_socials = app
        .post("update", json!({"pid": pid, "ptitle": "CEO"}))
        .await;
    assert_eq!(
        no_socials.body,
        format!(r#"{{"result":"Успешно","data":"{pid}","social":"Соц.контакты обновлены"}}"#)
    );
}

#[tokio::test]
async fn update_and_delete_of_unknown_pid_are_403_and_without_pid_405() {
    let app = App::new().await;
    let company = app.company("Фирма").await.get();
    for action in ["update", "delete", "info"] {
        for pid in [json!(9999), json!("abc"), json!(company)] {
            let reply = app.post(action, json!({"pid": pid, "person": "X"})).await;
            assert_eq!(
                reply.body,
                r#"{"result":"Error","error":{"code":"403","text":"Клиент с указанным pid не найден в пределах аккаунта указанного пользователя"}}"#,
                "{action} {pid}"
            );
        }
        let reply = app.post(action, json!({"person": "X"})).await;
        assert_eq!(
            reply.body,
            r#"{"result":"Error","error":{"code":"405","text":"Отсутствуют параметры - pid контакта"}}"#
        );
    }
}

#[tokio::test]
async fn delete_is_soft_refused_with_deals_and_then_403() {
    let app = App::new().await;
    let pid = app.add(json!({"person": "Удаляемый"})).await;
    let kept = app.add(json!({"person": "Со сделкой"})).await;
    app.deal(kept).await;
    let reply = app.post("delete", json!({"pid": kept})).await;
    assert_eq!(
        reply.body,
        r#"{"result":"Error","error":{"code":"406","text":"Удаление контакта невозможно - есть сделки"}}"#
    );
    let reply = app.post("delete", json!({"pid": pid})).await;
    assert_eq!(
        reply.body,
        format!(r#"{{"result":"Успешно","data":{pid}}}"#)
    );
    let again = app.post("info", json!({"pid": pid})).await;
    assert_eq!(again.json()["error"]["code"], "403");
    // The row is still there, marked deleted: nothing written is lost.
    let stored = app
        .crm
        .client(
            app.admin(),
            crm_core::ClientId(pid),
            crm_core::Visibility::IncludeDeleted,
        )
        .await
        .unwrap();
    assert_eq!(stored.status, crm_core::Status::Deleted);
    assert_eq!(stored.name.as_full(), "Удаляемый");
}
