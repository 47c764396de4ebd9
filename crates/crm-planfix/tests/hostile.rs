#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use crm_http::Limits;
use http::StatusCode;
use support::{Env, code_of, error_doc, golden, send};

fn wrap(sid: &str, inner: &str) -> String {
    format!(
        "<request method=\"contact.getList\"><account>acme</account><sid>{sid}</sid>{inner}</request>"
    )
}

#[tokio::test]
async fn malformed_xml_is_0003() {
    let env = Env::new().await;
    let sid = env.login().await;
    let cases = [
        "".to_owned(),
        "<request method=\"contact.getList\"><account>acme</account>".to_owned(),
        "<request method=\"contact.getList\"><account>acme</accounts></request>".to_owned(),
        "{\"method\":\"contact.getList\"}".to_owned(),
        "<response status=\"ok\"/>".to_owned(),
        wrap(&sid, "<search>&unknown;</search>"),
        format!(
            "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>{}",
            wrap(&sid, "<search>&lol2;</search>")
        ),
        format!(
            "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>{}",
            wrap(&sid, "<search>&xxe;</search>")
        ),
        wrap(&sid, &format!("{}{}", "<a>".repeat(40), "</a>".repeat(40))),
        wrap(&sid, &"<x/>".repeat(10_001)),
    ];
    for body in &cases {
        let (status, text) = env.post(body).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(code_of(&text), "0003", "{body:.80}: {text}");
    }
    let (_, text) = env.post("<request").await;
    golden("error.0003", &text);
}

#[tokio::test]
async fn invalid_utf8_is_0003_and_windows_1251_is_read() {
    let env = Env::new().await;
    let sid = env.login().await;
    let mut body = format!(
        "<request method=\"contact.add\"><account>acme</account><sid>{sid}</sid><contact><name>"
    )
    .into_bytes();
    body.extend_from_slice(&[0xC8, 0xE2, 0xE0, 0xED]);
    body.extend_from_slice(b"</name></contact></request>");
    let request = |bytes: Vec<u8>| {
        http::Request::post("/xml/")
            .header("authorization", env.auth())
            .body(axum::body::Body::from(bytes))
            .unwrap()
    };
    let response = tower::ServiceExt::oneshot(env.app.clone(), request(body.clone()))
        .await
        .unwrap();
    let text = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    assert_eq!(code_of(std::str::from_utf8(&text).unwrap()), "0003");
    let mut declared = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?>".to_vec();
    declared.extend_from_slice(&body);
    let response = tower::ServiceExt::oneshot(env.app.clone(), request(declared))
        .await
        .unwrap();
    let text = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let text = std::str::from_utf8(&text).unwrap();
    let id = support::between(text, "<id>", "</id>").unwrap();
    let got = env.get(&sid, id).await;
    assert!(got.contains("<name>Иван</name>"), "{got}");
}

#[tokio::test]
async fn oversized_body_is_0003_in_planfix_shape() {
    let env = Env::new().await;
    let limits = Limits {
        xml_body: 1024,
        ..Limits::default()
    };
    let app = crm_planfix::router(env.crm.clone(), limits);
    let sid = env.login().await;
    let body = wrap(&sid, &format!("<search>{}</search>", "a".repeat(2000)));
    let (status, text) = send(&app, "POST", "/xml/", Some(&env.auth()), &body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        text,
        error_doc(
            "0003",
            "Ошибка XML разбора. Некорректный XML: the body is larger than 1024 bytes"
        )
    );
}

#[tokio::test]
async fn wrong_verb_and_unknown_path_answer_in_planfix_shape() {
    let env = Env::new().await;
    let (status, text) = send(&env.app, "PUT", "/xml/", Some(&env.auth()), "").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        text,
        error_doc("0018", "Функции/функционал не реализована: use POST")
    );
    for path in ["/xml/contacts", "/xml/a/b/c"] {
        let (status, text) = send(&env.app, "POST", path, Some(&env.auth()), "").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(text, error_doc("0008", "Неизвестное имя функции"));
    }
}

#[tokio::test]
async fn tolerated_request_shapes() {
    let env = Env::new().await;
    let sid = env.login().await;
    let bodies = [
        // no declaration, single quotes, lowercase encoding, tabs and newlines
        format!(
            "<?xml version='1.0' encoding='utf-8'?>\n<request method='contact.getList'>\n\t<account>acme</account>\n\t<sid>{sid}</sid>\n</request>\n"
        ),
        // extras the clients add, documented fields sent empty
        wrap(
            &sid,
            "<pageSize>100</pageSize><pageCurrent/><parentKey/><silent>1</silent><fields><field>lastUpdateDate</field></fields><sortType/><target/><search/>",
        ),
    ];
    for body in &bodies {
        let (status, text) = env.post(body).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            text.contains("<contacts totalCount=\"0\" count=\"0\"/>"),
            "{text}"
        );
    }
    let add = format!(
        "<request method=\"contact.add\"><account>acme</account><sid>{sid}</sid><contact><name>Иван</name><lastName/><post/><email/><phone>+7900</phone><unknownThing><deep>x</deep></unknownThing><template/><group><id/></group><userPic/><birthdate/><sex/></contact><pageSize>100</pageSize></request>"
    );
    let (_, text) = env.post(&add).await;
    assert!(
        text.contains("<response status=\"ok\"><contact><id>"),
        "{text}"
    );
}

#[tokio::test]
async fn hostile_values_are_client_errors_never_500() {
    let env = Env::new().await;
    let sid = env.login().await;
    for (method, inner, code) in [
        (
            "contact.getList",
            "<pageCurrent>1; DROP TABLE clients</pageCurrent>",
            "0015",
        ),
        ("contact.getList", "<pageSize>1e99</pageSize>", "0015"),
        ("contact.getList", "<company>abc</company>", "0015"),
        ("contact.getList", "<target>42</target>", "0018"),
        (
            "contact.get",
            "<contact><id>99999999999999999999999</id></contact>",
            "8002",
        ),
        ("contact.get", "<contact><id>-1</id></contact>", "8002"),
        (
            "contact.add",
            "<contact><name>x</name><group><id>999</id></group></contact>",
            "0015",
        ),
        (
            "contact.add",
            "<contact><name>x</name><customData><customValue><id>999</id><value>v</value></customValue></customData></contact>",
            "0015",
        ),
        (
            "contact.updateContractors",
            "<contact><id>1</id><contractors><client><id>x</id></client></contractors></contact>",
            "8002",
        ),
    ] {
        let text = env.call(&sid, method, inner).await;
        assert_eq!(code_of(&text), code, "{method} {inner}: {text}");
    }
    let text = env
        .call(&sid, "contact.getList", "<search>%' OR 1=1 -- _\\</search>")
        .await;
    assert!(
        text.contains("<contacts totalCount=\"0\" count=\"0\"/>"),
        "{text}"
    );
    let huge = "A".repeat(7 * 1024 * 1024 + 4);
    let text = env
        .call(
            &sid,
            "contact.add",
            &format!("<contact><name>x</name><userPic>{huge}</userPic></contact>"),
        )
        .await;
    assert_eq!(code_of(&text), "0015");
}

#[tokio::test]
async fn stored_text_comes_back_exactly_and_escaped() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = env
        .add(&sid, "<name>O'Brien &quot;Jr&quot;</name><description>a &lt;b&gt; &amp; c\n\td</description>")
        .await;
    let text = env.get(&sid, id).await;
    assert!(text.contains("<name>O'Brien \"Jr\"</name>"), "{text}");
    assert!(
        text.contains("<description>a &lt;b&gt; &amp; c\n\td</description>"),
        "{text}"
    );
}

#[tokio::test]
async fn router_merges_under_a_gateway_with_its_own_fallback() {
    let env = Env::new().await;
    let app = axum::Router::new()
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        .merge(crm_planfix::router(env.crm.clone(), Limits::default()))
        .fallback(|| async { (StatusCode::NOT_FOUND, "gateway") });
    let (status, text) = send(&app, "POST", "/xml", None, "").await;
    assert_eq!(
        (status, code_of(&text)),
        (StatusCode::OK, "0001".to_owned())
    );
    let (status, text) = send(&app, "POST", "/xml/nope", None, "").await;
    assert_eq!(
        (status, code_of(&text)),
        (StatusCode::NOT_FOUND, "0008".to_owned())
    );
    let (status, text) = send(&app, "GET", "/other", None, "").await;
    assert_eq!((status, text.as_str()), (StatusCode::NOT_FOUND, "gateway"));
}

#[tokio::test]
async fn a_request_past_the_deadline_is_0007() {
    let env = Env::new().await;
    let limits = Limits {
        request_timeout: std::time::Duration::ZERO,
        ..Limits::default()
    };
    let app = crm_planfix::router(env.crm.clone(), limits);
    let sid = env.login().await;
    let (status, text) = send(&app, "POST", "/xml/", Some(&env.auth()), &wrap(&sid, "")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        text,
        error_doc(
            "0007",
            "Превышен лимит использования ресурсов: the request took longer than 0 ms"
        )
    );
}

#[tokio::test]
async fn windows_1251_named_only_in_the_content_type_is_read() {
    let env = Env::new().await;
    let sid = env.login().await;
    let mut body = format!(
        "<request method=\"contact.add\"><account>acme</account><sid>{sid}</sid><contact><name>"
    )
    .into_bytes();
    body.extend_from_slice(&[0xC8, 0xE2, 0xE0, 0xED]);
    body.extend_from_slice(b"</name></contact></request>");
    let send = |content_type: &'static str, bytes: Vec<u8>| {
        let request = http::Request::post("/xml/")
            .header("authorization", env.auth())
            .header("content-type", content_type)
            .body(axum::body::Body::from(bytes))
            .unwrap();
        async {
            let response = tower::ServiceExt::oneshot(env.app.clone(), request)
                .await
                .unwrap();
            let bytes = http_body_util::BodyExt::collect(response.into_body())
                .await
                .unwrap()
                .to_bytes();
            String::from_utf8(bytes.to_vec()).unwrap()
        }
    };
    let text = send("text/xml; charset=Windows-1251", body.clone()).await;
    let id = support::between(&text, "<id>", "</id>").unwrap_or_else(|| panic!("{text}"));
    let got = env.get(&sid, id).await;
    assert!(got.contains("<name>Иван</name>"), "{got}");
    // A charset that is not ASCII-compatible, or unknown, is refused as XML.
    for content_type in ["text/xml; charset=utf-16", "text/xml; charset=nonsense"] {
        let text = send(content_type, body.clone()).await;
        assert_eq!(code_of(&text), "0003", "{content_type}: {text}");
    }
}
