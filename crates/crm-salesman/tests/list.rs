#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use serde_json::{Value, json};
use support::{App, golden, redact_dates};

fn pids(answer: &Value) -> Vec<i64> {
    answer["data"]
        .as_array()
        .map(|rows| rows.iter().map(|r| r["pid"].as_i64().unwrap()).collect())
        .unwrap_or_default()
}

async fn seeded() -> (App, i64) {
    let app = App::new().await;
    let clid = app.company("Сейлзмен Рус").await.get();
    app.add(
        json!({"person": "Андреев Владислав", "ptitle": "Коммерческий директор", "clid": clid,
        "tel": "7 (342) 206-72-02", "mail": "v@salesman.pro", "loyalty": "Лояльный",
        "clientpath": "Voxlink", "input1": "1980-01-01", "socials": {"skype": "andreev.v.g"}}),
    )
    .await;
    app.add(
        json!({"person": "Борисов Борис", "ptitle": "Менеджер", "tel": "+7 (922) 328-94-66",
        "mail": "boris@mail.ru", "clientpath": "Сайт"}),
    )
    .await;
    app.add(json!({"person": "Васильев Василий", "ptitle": "Технический директор", "clid": clid}))
        .await;
    (app, clid)
}

#[tokio::test]
async fn list_renders_every_default_column_newest_first() {
    let (app, _) = seeded().await;
    let reply = app.post("list", json!({})).await;
    golden("list_default", &redact_dates(&reply.body));
    let reply = app
        .post(
            "list",
            json!({"fields": "person,clid", "socinfo": "yes", "first": "old"}),
        )
        .await;
    golden("list_fields_socinfo", &reply.body);
}

#[tokio::test]
async fn empty_list_is_count_zero_without_data() {
    let app = App::new().await;
    let reply = app.post("list", json!({})).await;
    assert_eq!(reply.body, r#"{"count":0}"#);
    let (app, _) = seeded().await;
    let reply = app.post("list", json!({"offset": 1})).await;
    assert_eq!(reply.body, r#"{"count":3}"#);
}

#[tokio::test]
async fn offset_is_a_page_index_of_200_rows() {
    let app = App::new().await;
    let persons: Vec<Value> = (0..201)
        .map(|i| json!({"person": format!("P{i:03}")}))
        .collect();
    for chunk in persons.chunks(40) {
        let reply = app.post("addlist", json!({"persons": chunk})).await;
        assert!(!reply.body.contains("Error"), "{}", reply.body);
    }
    let first = app
        .post_json("list", json!({"fields": "pid", "first": "old"}))
        .await;
    assert_eq!(first["count"], 201);
    assert_eq!(pids(&first).len(), 200);
    let second = app
        .post_json(
            "list",
            json!({"fields": "pid,person", "first": "old", "offset": 1}),
        )
        .await;
    assert_eq!(second["data"], json!([{"pid": 201, "person": "P200"}]));
}

#[tokio::test]
async fn order_and_first_sort_through_the_allow_list() {
    let (app, _) = seeded().await;
    let by_name = app
        .post_json(
            "list",
            json!({"order": "person", "first": "old", "fields": "pid"}),
        )
        .await;
    assert_eq!(pids(&by_name), vec![2, 3, 4]);
    let by_name_desc = app
        .post_json("list", json!({"order": "person", "fields": "pid"}))
        .await;
    assert_eq!(pids(&by_name_desc), vec![4, 3, 2]);
    // Hostile or unknown columns fall back to date_create.
    for order in ["pid; DROP TABLE clients", "password", "1=1", "(select 1)"] {
        let reply = app
            .post("list", json!({"order": order, "fields": "pid"}))
            .await;
        assert_eq!(pids(&reply.json()), vec![4, 3, 2], "{order}");
    }
}

#[tokio::test]
async fn word_searches_person_ptitle_mail_and_phones_without_punctuation() {
    let (app, _) = seeded().await;
    for (word, expected) in [
        ("андреев", vec![2]),
        ("директор", vec![4, 2]),
        ("mail.ru", vec![3]),
        ("3422067202", vec![2]),
        ("328-94", vec![]),
        ("(922)", vec![]),
        ("+7", vec![]),
        ("922328", vec![3]),
        ("%", vec![]),
        ("_", vec![]),
    ] {
        let answer = app
            .post_json("list", json!({"word": word, "fields": "pid"}))
            .await;
        assert_eq!(pids(&answer), expected, "{word}");
    }
}

#[tokio::test]
async fn filters_go_through_the_allow_list() {
    let (app, clid) = seeded().await;
    for (filter, expected) in [
        (json!({"clid": clid}), vec![4, 2]),
        (json!({"clid": "abc"}), vec![4, 3, 2]),
        (json!({"clientpath": "Voxlink"}), vec![2]),
        (json!({"clientpath": "Никогда"}), vec![]),
        (json!({"loyalty": "Лояльный"}), vec![2]),
        (json!({"ptitle": "Директор"}), vec![4, 2]),
        (json!({"input1": "1980"}), vec![2]),
        (json!({"input1": "", "clientpath": ""}), vec![4, 3, 2]),
        (
            json!({"password": "x", "1=1) OR (1": "y", "title": "z"}),
            vec![4, 3, 2],
        ),
        (
            json!({"ptitle": "Директор", "clid": clid, "mail": "salesman"}),
            vec![2],
        ),
    ] {
        let answer = app
            .post_json("list", json!({"filter": filter, "fields": "pid"}))
            .await;
        assert_eq!(pids(&answer), expected, "{filter}");
    }
    let reply = app
        .post("list", json!({"filter": {"clid": {"nested": 1}}}))
        .await;
    assert_eq!(reply.json()["error"]["code"], "405");
}

#[tokio::test]
async fn dates_bound_creation_and_bad_dates_are_405() {
    let (app, _) = seeded().await;
    let today = chrono::Utc::now().date_naive();
    let tomorrow = today.succ_opt().unwrap().to_string();
    let today = today.to_string();
    for (rest, count) in [
        (json!({"dateStart": today}), 3),
        (json!({"dateStart": tomorrow}), 0),
        (json!({"dateEnd": today}), 0),
        (json!({"dateEnd": tomorrow}), 3),
        (json!({"dateStart": "2016-01-01", "dateEnd": tomorrow}), 3),
    ] {
        let answer = app.post_json("list", rest.clone()).await;
        assert_eq!(answer["count"], count, "{rest}");
    }
    for bad in ["yesterday", "2016-02-30", "'; DROP", "99999-01-01"] {
        let reply = app.post("list", json!({"dateStart": bad})).await;
        assert_eq!(
            reply.body,
            r#"{"result":"Error","error":{"code":"405","text":"Некорректные параметры - dateStart: ожидается дата в формате YYYY-MM-DD"}}"#,
            "{bad}"
        );
    }
}

#[tokio::test]
async fn user_narrows_to_that_users_team_and_employees_see_their_team() {
    let app = App::new().await;
    let boss = app.user("boss@acme", Some(app.admin().user)).await;
    app.user("worker@acme", Some(boss.id)).await;
    app.user("loner@acme", Some(app.admin().user)).await;
    app.add(json!({"person": "Admin's"})).await;
    app.add(json!({"person": "Boss's", "user": "boss@acme"}))
        .await;
    app.add(json!({"person": "Worker's", "user": "worker@acme"}))
        .await;
    let names = |answer: Value| -> Vec<String> {
        answer["data"]
            .as_array()
            .map(|rows| {
                rows.iter()
                    .map(|r| r["person"].as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let as_admin = app
        .post_json("list", json!({"user": "boss@acme", "fields": "person"}))
        .await;
    assert_eq!(names(as_admin), ["Worker's", "Boss's"]);
    let unknown = app.post("list", json!({"user": "ghost@acme"})).await;
    assert_eq!(unknown.body, r#"{"count":0}"#);

    // Employees authenticate with the account key and their own login.
    let as_user = |login: &str, rest: Value| {
        let mut params = app.params("list", rest);
        params["login"] = json!(login);
        params
    };
    let boss_view = app
        .send(support::form(&support::http_build_query(&as_user(
            "boss@acme",
            json!({"fields": "person"}),
        ))))
        .await;
    assert_eq!(names(boss_view.json()), ["Worker's", "Boss's"]);
    let outside = app
        .send(support::form(&support::http_build_query(&as_user(
            "loner@acme",
            json!({"user": "boss@acme"}),
        ))))
        .await;
    assert_eq!(outside.body, r#"{"count":0}"#);
}
