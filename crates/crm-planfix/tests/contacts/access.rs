//! Links and access: contractors, portal access and user info, phone
//! types, groups and the user picture.

use crate::support::{Env, between, code_of, error_doc, golden, redact};
use crm_core::{CatalogueRef, ClientKind, Name, NewClient};

#[tokio::test]
async fn contractors_link_people_to_companies() {
    let env = Env::new().await;
    let sid = env.login().await;
    let person = env.add(&sid, "<name>Иван</name>").await;
    let c1 = env
        .add(&sid, "<name>Альфа</name><isCompany>1</isCompany>")
        .await;
    let c2 = env
        .add(&sid, "<name>Бета</name><isCompany>1</isCompany>")
        .await;
    let text = env
        .call(&sid, "contact.updateContractors", &format!("<contact><id>{person}</id><contractors><addClient><id>{c1}</id><id>{c2}</id></addClient><delClient/></contractors></contact>"))
        .await;
    golden(
        "contact.updateContractors",
        &redact(&text, &[(person, "id")]),
    );
    let text = env.get(&sid, person).await;
    assert!(text.contains(&format!("<contractors><client><id>{c1}</id><name>Альфа</name></client><client><id>{c2}</id><name>Бета</name></client></contractors>")), "{text}");
    let text = env
        .call(&sid, "contact.getList", &format!("<company>{c2}</company>"))
        .await;
    assert!(text.contains("count=\"1\"") && text.contains(&format!("<id>{person}</id>")));
    env.call(&sid, "contact.updateContractors", &format!("<contact><id>{person}</id><contractors><delClient><id>{c1}</id></delClient></contractors></contact>")).await;
    let text = env.get(&sid, person).await;
    assert!(text.contains(&format!(
        "<contractors><client><id>{c2}</id><name>Бета</name></client></contractors>"
    )));
    // 2010 shape: the whole list.
    env.call(&sid, "contact.updateContractors", &format!("<contact><id>{person}</id><contractors><client><id>{c1}</id></client></contractors></contact>")).await;
    let text = env.get(&sid, person).await;
    assert!(text.contains(&format!(
        "<contractors><client><id>{c1}</id><name>Альфа</name></client></contractors>"
    )));
}

#[tokio::test]
async fn manage_access_and_user_info() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = env
        .add(&sid, "<name>Иван</name><email>ivan@example.com</email>")
        .await;
    let text = env
        .call(
            &sid,
            "contact.updateUserInfo",
            &format!("<contact><id>{id}</id><user><status>ACTIVE</status></user></contact>"),
        )
        .await;
    assert_eq!(
        text,
        error_doc("8006", "Контакту не предоставлен доступ в ПланФикс")
    );
    let text = env
        .call(
            &sid,
            "contact.managePlanfixAccess",
            &format!("<contact><id>{id}</id><havePlanfixAccess>true</havePlanfixAccess></contact>"),
        )
        .await;
    golden("contact.managePlanfixAccess", &redact(&text, &[(id, "id")]));
    let text = env
        .call(&sid, "contact.updateUserInfo", &format!("<contact><id>{id}</id><user><password>x</password><status>ACTIVE</status><email>login@example.com</email></user></contact>"))
        .await;
    golden("contact.updateUserInfo", &redact(&text, &[(id, "id")]));
    let text = env.get(&sid, id).await;
    assert!(text.contains("<havePlanfixAccess>1</havePlanfixAccess><user><login>ivan@example.com</login><role>USER</role><status>ACTIVE</status><email>login@example.com</email></user>"), "{text}");
    let text = env
        .call(
            &sid,
            "contact.getList",
            "<havePlanfixAccess>true</havePlanfixAccess>",
        )
        .await;
    assert!(text.contains("count=\"1\""));
    let text = env
        .call(
            &sid,
            "contact.managePlanfixAccess",
            &format!("<contact><id>{id}</id><havePlanfixAccess>0</havePlanfixAccess></contact>"),
        )
        .await;
    assert!(
        text.contains("<havePlanfixAccess>0</havePlanfixAccess><status>ACCESS_CANCELED</status>")
    );
    let text = env
        .call(
            &sid,
            "contact.getList",
            "<havePlanfixAccess>true</havePlanfixAccess>",
        )
        .await;
    assert!(text.contains("count=\"0\"/>"));
    let bare = env.add(&sid, "<name>Без почты</name>").await;
    let text = env
        .call(
            &sid,
            "contact.managePlanfixAccess",
            &format!("<contact><id>{bare}</id><havePlanfixAccess>1</havePlanfixAccess></contact>"),
        )
        .await;
    assert_eq!(code_of(&text), "0009");
    let text = env
        .call(&sid, "contact.managePlanfixAccess", &format!("<contact><id>{bare}</id><havePlanfixAccess>1</havePlanfixAccess><email>nope</email></contact>"))
        .await;
    assert_eq!(text, error_doc("8010", "Указан некорректный e-mail адрес"));
}

#[tokio::test]
async fn phone_types_and_groups() {
    let env = Env::new().await;
    let sid = env.login().await;
    let text = env.call(&sid, "contact.getPhoneTypes", "").await;
    golden("contact.getPhoneTypes", &text);
    let text = env.call(&sid, "contact.getGroupList", "").await;
    assert_eq!(
        text,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response status=\"ok\"><contactGroups totalCount=\"0\" count=\"0\"/></response>\n"
    );
    let mut client = NewClient::new(ClientKind::Person, Name::full("X"));
    client.group = Some(CatalogueRef::Title("Клиенты".into()));
    let created = env
        .acct
        .create_client(&env.crm, crm_testkit::origin::REST, client)
        .await;
    let text = env.call(&sid, "contact.getGroupList", "").await;
    let group = created.group.unwrap().id.get();
    golden("contact.getGroupList", &redact(&text, &[(group, "group")]));
    let id = env
        .add(
            &sid,
            &format!("<name>Y</name><group><id>{group}</id></group>"),
        )
        .await;
    let text = env.get(&sid, id).await;
    assert!(text.contains(&format!(
        "<group><id>{group}</id><name>Клиенты</name></group>"
    )));
    let filter = format!(
        "<filters><filter><type>4008</type><operator>equal</operator><value>{group}</value></filter></filters>"
    );
    let text = env.call(&sid, "contact.getList", &filter).await;
    assert!(text.contains("totalCount=\"2\""), "{text}");
}

#[tokio::test]
async fn user_pic_is_stored_and_served_by_url() {
    let env = Env::new().await;
    let sid = env.login().await;
    let png = [0x89u8, b'P', b'N', b'G', 13, 10, 26, 10, 1, 2, 3];
    let b64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, png);
    let id = env
        .add(&sid, &format!("<name>Фото</name><userPic>{b64}</userPic>"))
        .await;
    let text = env.get(&sid, id).await;
    let url = between(&text, "<userPic>", "</userPic>")
        .unwrap()
        .replace("&amp;", "&");
    assert!(
        url.starts_with(&format!(
            "http://localhost/xml/userpic/{id}?account=acme&h="
        )),
        "{url}"
    );
    assert!(text.contains(&format!(
        "<userPicUrl>{}</userPicUrl>",
        url.replace('&', "&amp;")
    )));
    let path = url.trim_start_matches("http://localhost");
    let response = tower::ServiceExt::oneshot(
        env.app.clone(),
        http::Request::get(path)
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    assert_eq!(body.as_ref(), png);
    let forged = path.replace("&h=", "&h=0");
    let (status, text) = crate::support::send(&env.app, "GET", &forged, None, "").await;
    assert_eq!((status.as_u16(), code_of(&text)), (404, "8002".to_owned()));
    let text = env
        .call(
            &sid,
            "contact.add",
            "<contact><name>x</name><userPic>aGVsbG8=</userPic></contact>",
        )
        .await;
    assert_eq!(code_of(&text), "0015");
}
