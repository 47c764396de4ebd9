#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use crm_core::DocumentKind;
use http::{Method, StatusCode};
use support::{App, Envelope, golden};

/// 25 clients named c01..c25, created in that order; returns their ids.
async fn twenty_five(app: &App) -> Vec<i64> {
    let mut ids = Vec::new();
    for i in 1..=25 {
        ids.push(
            app.client(&format!("c{i:02}"), if i % 5 == 0 { 2 } else { 1 })
                .await,
        );
    }
    ids
}

fn headers(reply: &support::Reply) -> [Option<&str>; 4] {
    [
        reply.header("x-pagination-total-count"),
        reply.header("x-pagination-page-count"),
        reply.header("x-pagination-current-page"),
        reply.header("x-pagination-per-page"),
    ]
}

#[tokio::test]
async fn the_default_list_is_ten_newest_first() {
    let app = App::new().await;
    let ids = twenty_five(&app).await;
    let reply = app.get("").await;
    let newest: Vec<i64> = ids.iter().rev().take(10).copied().collect();
    assert_eq!(reply.ids(), newest);
    assert_eq!(
        headers(&reply),
        [Some("25"), Some("3"), Some("1"), Some("10")]
    );
    let t = app.token();
    assert_eq!(
        reply.header("link").unwrap(),
        format!(
            "<http://crm.example/rest/client?access-token={t}&page=1>; rel=self, \
             <http://crm.example/rest/client?access-token={t}&page=2>; rel=next, \
             <http://crm.example/rest/client?access-token={t}&page=3>; rel=last"
        )
    );
    let item = &reply.response()["items"][0];
    assert_eq!(
        item.as_object().unwrap().len(),
        10,
        "common attributes only: {item}"
    );
}

#[tokio::test]
async fn middle_and_last_pages_carry_yii_2_0_12_links() {
    let app = App::new().await;
    let ids = twenty_five(&app).await;
    let t = app.token();
    let middle = app.get("?page=2&sort=id").await;
    assert_eq!(middle.ids(), ids[10..20].to_vec());
    assert_eq!(
        headers(&middle),
        [Some("25"), Some("3"), Some("2"), Some("10")]
    );
    let url = |p: u32| format!("http://crm.example/rest/client?access-token={t}&page={p}&sort=id");
    assert_eq!(
        middle.header("link").unwrap(),
        format!(
            "<{}>; rel=self, <{}>; rel=first, <{}>; rel=prev, <{}>; rel=next, <{}>; rel=last",
            url(2),
            url(1),
            url(1),
            url(3),
            url(3)
        )
    );
    let last = app.get("?page=3&sort=id").await;
    assert_eq!(last.ids(), ids[20..].to_vec());
    assert_eq!(
        headers(&last),
        [Some("25"), Some("3"), Some("3"), Some("10")]
    );
    assert_eq!(
        last.header("link").unwrap(),
        format!(
            "<{}>; rel=self, <{}>; rel=first, <{}>; rel=prev",
            url(3),
            url(1),
            url(2)
        )
    );
}

#[tokio::test]
async fn page_and_size_are_clamped() {
    let app = App::new().await;
    let ids = twenty_five(&app).await;
    let t = app.token();
    let past = app.get("?sort=id&page=999").await;
    assert_eq!(past.ids(), ids[20..].to_vec());
    assert_eq!(past.header("x-pagination-current-page"), Some("3"));
    for page in ["0", "-3", "abc", "99999999999999999999999"] {
        let reply = app.get(&format!("?sort=id&per_page=50&page={page}")).await;
        assert_eq!(reply.ids(), ids, "page={page}");
        assert_eq!(
            headers(&reply),
            [Some("25"), Some("1"), Some("1"), Some("50")]
        );
    }
    let big = app.get("?per_page=500").await;
    assert_eq!(big.header("x-pagination-per-page"), Some("50"));
    assert_eq!(
        big.header("link").unwrap(),
        format!("<http://crm.example/rest/client?access-token={t}&per_page=50&page=1>; rel=self")
    );
    let tiny = app.get("?per-page=0&sort=-id").await;
    assert_eq!(tiny.ids(), vec![ids[24]]);
    assert_eq!(
        headers(&tiny),
        [Some("25"), Some("25"), Some("1"), Some("1")]
    );
    assert_eq!(
        tiny.header("link").unwrap().split(", ").nth(1).unwrap(),
        format!(
            "<http://crm.example/rest/client?access-token={t}&sort=-id&page=2&per_page=1>; rel=next"
        )
    );
}

#[tokio::test]
async fn an_empty_list_has_zero_pages_and_a_self_link() {
    let app = App::new().await;
    let reply = app.get("?name=nobody&page=4").await;
    reply.is(StatusCode::OK, r#"{"response":{"items":[]}}"#);
    assert_eq!(
        headers(&reply),
        [Some("0"), Some("0"), Some("1"), Some("10")]
    );
    assert_eq!(
        reply.header("link").unwrap(),
        format!(
            "<http://crm.example/rest/client?access-token={}&name=nobody&page=1>; rel=self",
            app.token()
        )
    );
}

#[tokio::test]
async fn links_are_absolute_and_follow_the_request() {
    let app = App::new().await;
    app.client("A", 1).await;
    let request = http::Request::builder()
        .uri("/rest/client?name=%D0%90+b%2F&sort=name")
        .header("host", "crm.example:8443")
        .header("x-forwarded-proto", "https")
        .header("authorization", format!("Bearer {}", app.token()))
        .body(axum::body::Body::empty())
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(
        reply.header("link"),
        Some("<https://crm.example:8443/rest/client?name=%D0%90+b%2F&sort=name&page=1>; rel=self")
    );
    // PHP's `$_GET` and `http_build_query`: `[]` keys are numbered.
    let arrays = app.get("?tag[]=a&tag[]=b&page[]=3").await;
    assert_eq!(
        arrays.header("link").unwrap(),
        format!(
            "<http://crm.example/rest/client?access-token={}&tag%5B0%5D=a&tag%5B1%5D=b&page=1>; rel=self",
            app.token()
        )
    );
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let app = App::new().await;
    let romashka = app.client("ООО Ромашка", 1).await;
    let ivan = app
        .post(r#"{"name":"Иван Ромашкин","type":2,"email":"Ivan@Example.com"}"#)
        .await
        .response()["id"]
        .as_i64()
        .unwrap();
    let other = app.client("Other", 1).await;
    let cases: Vec<(&str, Vec<i64>)> = vec![
        ("name=ромаш", vec![ivan, romashka]),
        ("search=РОМАШКА", vec![romashka]),
        ("type=1", vec![other, romashka]),
        ("type=2", vec![ivan]),
        ("type=3", vec![]),
        ("type=1&name=Ром", vec![romashka]),
        ("email=ivan@example.com", vec![ivan]),
        ("email=ivan", vec![]),
        (
            &*Box::leak(format!("user_id={}", app.admin_id()).into_boxed_str()),
            vec![other, ivan, romashka],
        ),
        ("user_id=999999", vec![]),
        ("user_id=abc", vec![]),
        ("name=%25", vec![]),
        ("name=_", vec![]),
        ("name[]=x&type[x]=1", vec![other, ivan, romashka]),
    ];
    for (query, want) in cases {
        assert_eq!(app.get(&format!("?{query}")).await.ids(), want, "{query}");
    }
}

#[tokio::test]
async fn sort_uses_the_first_known_common_attribute() {
    let app = App::new().await;
    let b = app
        .post(r#"{"name":"b","type":2,"phone":"3"}"#)
        .await
        .response()["id"]
        .as_i64()
        .unwrap();
    let a = app
        .post(r#"{"name":"a","type":1,"phone":"1"}"#)
        .await
        .response()["id"]
        .as_i64()
        .unwrap();
    let c = app
        .post(r#"{"name":"C","type":1,"phone":"2"}"#)
        .await
        .response()["id"]
        .as_i64()
        .unwrap();
    let cases: Vec<(&str, Vec<i64>)> = vec![
        ("name", vec![a, b, c]),
        ("-name", vec![c, b, a]),
        ("phone", vec![a, c, b]),
        ("-type", vec![b, c, a]),
        ("id", vec![b, a, c]),
        ("bogus,-name", vec![c, b, a]),
        ("name,-id", vec![a, b, c]),
        ("bank_details", vec![c, a, b]),
        ("name%3BDROP+TABLE+clients", vec![c, a, b]),
        ("(select+1)", vec![c, a, b]),
    ];
    for (sort, want) in cases {
        assert_eq!(
            app.get(&format!("?sort={sort}")).await.ids(),
            want,
            "sort={sort}"
        );
    }
    assert_eq!(app.get("?sort[]=name").await.ids(), vec![c, a, b]);
    assert_eq!(
        app.get("?sort=name").await.ids(),
        app.get("?sort=name&per_page=10").await.ids()
    );
}

#[tokio::test]
async fn list_items_take_fields_expand_and_counts() {
    let app = App::new().await;
    let id = app.client("Ромашка", 1).await;
    app.documents(id, DocumentKind::Offer, 2).await;
    app.documents(id, DocumentKind::Contract, 1).await;
    let reply = app
        .get("?fields=id,+name+,bank_details,bogus&expand=user&count_offers=1&count_contracts=1&count_deals=0")
        .await;
    golden(&app, "list-expanded", &reply);
    let plain = app.get("").await;
    golden(&app, "list", &plain);
    let hostile = app.get("?fields=*&expand=user.password,1%3D1").await;
    // PHP's json_encode writes an empty array as `[]`, never `{}`.
    hostile.is(StatusCode::OK, r#"{"response":{"items":[[]]}}"#);
    let arrays = app.get("?fields[]=id&expand[]=user").await;
    assert_eq!(arrays.body, plain.body);
}

#[tokio::test]
async fn head_answers_the_headers_without_a_body() {
    let app = App::new().await;
    twenty_five(&app).await;
    let get = app.get("?page=2").await;
    let head = app.call(Method::HEAD, "?page=2", "").await;
    head.is(StatusCode::OK, "");
    for name in [
        "x-pagination-total-count",
        "x-pagination-current-page",
        "link",
        "content-type",
    ] {
        assert_eq!(head.header(name), get.header(name), "{name}");
    }
}

#[tokio::test]
async fn spec_equivalence_holds_except_for_the_sort_direction() {
    // spec: `GET /rest/client` ≡ `?page=1&per_page=10&sort=created_at`, "newest
    // first"; in Yii `sort=created_at` is ascending (reference/yii.md §7 (a)).
    let app = App::new().await;
    let ids = twenty_five(&app).await;
    let bare = app.get("").await.ids();
    assert_eq!(app.get("?page=1&per_page=10").await.ids(), bare);
    assert_eq!(
        app.get("?page=1&per_page=10&sort=-created_at").await.ids(),
        bare
    );
    assert_eq!(
        app.get("?page=1&per_page=10&sort=created_at").await.ids(),
        ids[..10].to_vec()
    );
}

#[tokio::test]
async fn each_list_item_carries_its_own_counts() {
    let app = App::new().await;
    let a = app.client("a", 1).await;
    let b = app.client("b", 2).await;
    let c = app.client("c", 1).await;
    app.documents(b, DocumentKind::Deal, 2).await;
    app.documents(c, DocumentKind::Invoice, 1).await;
    let reply = app
        .get("?sort=id&fields=id&count_deals=1&count_invoices=1")
        .await;
    reply.is(
        StatusCode::OK,
        &format!(
            r#"{{"response":{{"items":[{{"id":{a},"count_deals":0,"count_invoices":0}},{{"id":{b},"count_deals":2,"count_invoices":0}},{{"id":{c},"count_deals":0,"count_invoices":1}}]}}}}"#
        ),
    );
}
