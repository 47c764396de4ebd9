#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use crm_http::Limits;
use serde_json::json;
use support::{App, PATH, form, http_build_query};

#[tokio::test]
async fn another_accounts_pids_behave_as_nonexistent() {
    let app = App::new().await;
    let other = crm_testkit::TestAccount::create(&app.crm, "rival").await;
    let foreign = other
        .client(&app.crm, crm_core::ClientKind::Person, "SECRET-RIVAL")
        .await;
    for action in ["info", "update", "delete"] {
        let reply = app
            .post(action, json!({"pid": foreign, "person": "hijack"}))
            .await;
        assert_eq!(reply.json()["error"]["code"], "403", "{action}");
    }
    for rest in [
        json!({}),
        json!({"word": "SECRET"}),
        json!({"filter": {"person": "SECRET"}}),
    ] {
        let reply = app.post("list", rest).await;
        assert_eq!(reply.body, r#"{"count":0}"#);
    }
    let untouched = other.live_client(&app.crm, foreign).await;
    assert_eq!(untouched.name.as_full(), "SECRET-RIVAL");
}

#[tokio::test]
async fn body_over_the_limit_is_refused_in_the_dialect_shape() {
    let limits = Limits {
        bulk_body: 1024,
        ..Limits::default()
    };
    let app = App::with_limits(limits).await;
    let body = format!(
        "{}&person={}",
        http_build_query(&app.params("add", json!({}))),
        "x".repeat(2048)
    );
    let reply = app.send(form(&body)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.body,
        r#"{"result":"Error","error":{"code":"413","text":"Превышен допустимый размер запроса"}}"#
    );
    assert_eq!(app.post("list", json!({})).await.body, r#"{"count":0}"#);
}

#[tokio::test]
async fn a_request_past_the_deadline_is_answered_in_the_dialect_shape() {
    let limits = Limits {
        request_timeout: std::time::Duration::ZERO,
        ..Limits::default()
    };
    let app = App::with_limits(limits).await;
    let reply = app.post("list", json!({})).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.body,
        r#"{"result":"Error","error":{"code":"408","text":"Превышено время ожидания запроса"}}"#
    );
}

#[tokio::test]
async fn too_many_pairs_and_too_deep_keys_are_405() {
    let app = App::new().await;
    let base = http_build_query(&app.params("list", json!({})));
    let many = format!("{base}{}", "&a=1".repeat(1000));
    let reply = app.send(form(&many)).await;
    assert_eq!(
        reply.body,
        r#"{"result":"Error","error":{"code":"405","text":"Некорректные параметры - больше 1000 параметров"}}"#
    );
    let deep = format!("{base}&a[1][2][3][4][5][6]=x");
    let reply = app.send(form(&deep)).await;
    assert_eq!(reply.json()["error"]["code"], "405");
    let deep_json = Request::post(PATH)
        .header("content-type", "application/json")
        .body(Body::from(
            json!({"login": app.login(), "apikey": app.apikey(), "action": "list",
                   "filter": {"a": {"b": {"c": {"d": {"e": {"f": 1}}}}}}})
            .to_string(),
        ))
        .unwrap();
    assert_eq!(app.send(deep_json).await.json()["error"]["code"], "405");
}

#[tokio::test]
async fn invalid_utf8_and_broken_multipart_are_405() {
    let app = App::new().await;
    let reply = app
        .send(form(&format!(
            "{}&person=%FF%FE",
            http_build_query(&app.params("add", json!({})))
        )))
        .await;
    assert_eq!(
        reply.body,
        r#"{"result":"Error","error":{"code":"405","text":"Некорректные параметры - параметр person не в кодировке UTF-8"}}"#
    );
    for (content_type, text) in [
        (
            "multipart/form-data",
            "в Content-Type нет границы multipart",
        ),
        (
            "multipart/form-data; boundary=X",
            "испорченное тело multipart",
        ),
    ] {
        let request = Request::post(PATH)
            .header("content-type", content_type)
            .body(Body::from(
                "--X\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
            ))
            .unwrap();
        let reply = app.send(request).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(
            reply.json(),
            json!({"result": "Error", "error": {"code": "405", "text": format!("Некорректные параметры - {text}")}}),
            "{content_type}"
        );
    }
}

#[tokio::test]
async fn wrong_types_and_sql_text_never_fail_the_server() {
    let app = App::new().await;
    let pid = app
        .add(json!({"person": "O'Brien \"Quote\" \\ ; DROP TABLE clients; --"}))
        .await;
    let info = app
        .post_json("info", json!({"pid": pid, "fields": "person"}))
        .await;
    // Text is stored exactly as sent (DECISIONS.md), no PHP quote mangling.
    assert_eq!(
        info["data"]["person"],
        "O'Brien \"Quote\" \\ ; DROP TABLE clients; --"
    );
    let page = format!(r#"{{"data":[{{"pid":{pid}}}],"count":1}}"#);
    let past_the_end = r#"{"count":1}"#;
    let nothing = r#"{"count":0}"#;
    for (rest, expected) in [
        (json!({"offset": "-1"}), page.as_str()),
        (json!({"offset": "99999999999999999999"}), past_the_end),
        (json!({"offset": "1abc"}), past_the_end),
        (json!({"offset": "18446744073709551615"}), past_the_end),
        (json!({"offset": "92233720368547759"}), past_the_end),
        (json!({"offset": ["x"]}), &page),
        (json!({"order": ["x"], "first": {"a": 1}}), &page),
        (json!({"order": "person DESC; DROP TABLE clients"}), &page),
        (json!({"user": "' OR 1=1 --"}), nothing),
        (json!({"user": ["admin@acme"]}), &page),
        (json!({"word": "%' OR '1'='1"}), nothing),
        (json!({"filter": "clid"}), &page),
        (
            json!({"filter": {"clid": "1 OR 1=1", "pid; --": "1"}}),
            &page,
        ),
        (json!({"filter": {"loyalty": "' OR ''='"}}), nothing),
    ] {
        let mut rest = rest;
        rest["fields"] = json!("pid");
        let reply = app.post("list", rest.clone()).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.body, expected, "{rest}");
    }
    let reply = app.post("list", json!({"fields": ["x"]})).await;
    let answer = reply.json();
    assert_eq!(answer["count"], 1);
    assert_eq!(answer["data"][0].as_object().unwrap().len(), 17, "{answer}");
    let reply = app
        .post("update", json!({"pid": pid, "person": ["a"]}))
        .await;
    assert_eq!(
        reply.body,
        r#"{"result":"Error","error":{"code":"405","text":"Некорректные параметры - person: ожидается строка, получен массив"}}"#
    );
    let reply = app.post("update", json!({"pid": pid, "person": ""})).await;
    assert_eq!(reply.json()["error"]["code"], "405");
}

#[tokio::test]
async fn php_encoding_escapes_slashes_and_non_russian_letters() {
    let app = App::new().await;
    let pid = app
        .add(json!({"person": "ООО ”Брикет” «№1» Łódź 😀", "socials": {"mysite": "http://a.ru/b"}}))
        .await;
    let reply = app
        .post(
            "info",
            json!({"pid": pid, "fields": "person", "socinfo": "yes"}),
        )
        .await;
    assert_eq!(
        reply.body,
        r#"{"data":{"person":"ООО \u201dБрикет\u201d \u00ab\u21161\u00bb \u0141\u00f3d\u017a \ud83d\ude00","socials":{"blog":"","mysite":"http:\/\/a.ru\/b","twitter":"","icq":"","skype":"","google":"","yandex":"","mykrug":""}}}"#
    );
}

#[tokio::test]
async fn another_accounts_companies_users_and_catalogue_ids_are_unknown() {
    let app = App::new().await;
    let other = crm_testkit::TestAccount::create(&app.crm, "rival").await;
    let their_company = other
        .client(&app.crm, crm_core::ClientKind::Company, "Их")
        .await;
    let mut theirs = crm_core::NewClient::new(
        crm_core::ClientKind::Person,
        crm_core::Name::full("Их контакт"),
    );
    theirs.loyalty = Some(crm_core::CatalogueRef::Title("Их лояльность".to_owned()));
    theirs.companies = vec![crm_core::ClientId(their_company)];
    let their_person = other
        .create_client(&app.crm, crm_testkit::origin::REST, theirs)
        .await;
    let their_loyalty = their_person.loyalty.unwrap().id.get();
    let pid = app.add(json!({"person": "Наш"})).await;
    for (action, rest, text) in [
        (
            "add",
            json!({"person": "A", "clid": their_company}),
            format!("clid: клиент {their_company} не найден"),
        ),
        (
            "update",
            json!({"pid": pid, "clid": their_company}),
            format!("clid: клиент {their_company} не найден"),
        ),
        (
            "add",
            json!({"person": "A", "loyalty": their_loyalty}),
            format!("loyalty: нет записи справочника с id {their_loyalty}"),
        ),
        (
            "add",
            json!({"person": "A", "user": other.issued.admin.login}),
            format!("user: пользователь {} не найден", other.issued.admin.login),
        ),
    ] {
        let reply = app.post(action, rest.clone()).await;
        assert_eq!(
            reply.json(),
            json!({"result": "Error", "error": {"code": "405", "text": format!("Некорректные параметры - {text}")}}),
            "{action} {rest}"
        );
    }
    for rest in [
        json!({"filter": {"clid": their_company}}),
        json!({"filter": {"loyalty": their_loyalty}}),
        json!({"filter": {"loyalty": "Их лояльность"}}),
        json!({"user": other.issued.admin.login}),
    ] {
        let reply = app.post("list", rest.clone()).await;
        assert_eq!(reply.body, r#"{"count":0}"#, "{rest}");
    }
}
