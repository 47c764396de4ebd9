#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use crm_core::{CatalogueRef, ClientKind, Name, NewClient};
use crm_testkit::TestAccount;
use support::{Env, between, code_of, error_doc, golden, redact};

const FULL: &str = "<name>Иван</name><midName>Петрович</midName><lastName>Петров</lastName><post>Директор</post>\
<email>ivan@example.com</email><secondaryEmails><email>i2@example.com</email></secondaryEmails>\
<phones><phone><number>+79001112233</number><typeId>1</typeId></phone><phone><number>+74951234567</number><typeId>2</typeId></phone></phones>\
<homePhone>+78121234567</homePhone><address>Москва &amp; область</address><description><![CDATA[<b>VIP</b>]]></description>\
<sex>MALE</sex><site>example.com</site><skype>ivan.p</skype><facebook/><vk>id1</vk><icq>12345</icq>\
<birthdate>13-03-1987</birthdate><isCompany>0</isCompany>\
<customData><customValue><id>2</id><value>7701</value></customValue></customData><pageSize>100</pageSize>";

#[tokio::test]
async fn add_answers_contact_first_with_all_three_ids() {
    let env = Env::new().await;
    let sid = env.login().await;
    let text = env
        .call(&sid, "contact.add", &format!("<contact>{FULL}</contact>"))
        .await;
    let id: i64 = between(&text, "<id>", "</id>").unwrap().parse().unwrap();
    assert_eq!(
        text,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response status=\"ok\"><contact><id>{id}</id><userid>{id}</userid><general>{id}</general></contact></response>\n"
        )
    );
    golden("contact.add", &redact(&text, &[(id, "id")]));
}

#[tokio::test]
async fn get_shows_both_generations_and_admin_fields() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = env.add(&sid, FULL).await;
    let text = env.get(&sid, id).await;
    golden("contact.get", &redact(&text, &[(id, "id")]));
    assert!(
        text.contains("<name>Иван</name><midName>Петрович</midName><lastName>Петров</lastName>")
    );
    assert!(text.contains("<mobilePhone>+79001112233</mobilePhone><workPhone>+74951234567</workPhone><homePhone>+78121234567</homePhone>"));
    assert!(text.contains("<description>&lt;b&gt;VIP&lt;/b&gt;</description>"));
    assert!(text.contains("<birthdate>13-03-1987</birthdate><birthday>13-03-1987</birthday>"));
    assert!(text.contains("<havePlanfixAccess>0</havePlanfixAccess>"));
    // general and userid name the same contact.
    for key in ["general", "userid"] {
        let again = env
            .call(
                &sid,
                "contact.get",
                &format!("<contact><id/><{key}>{id}</{key}></contact>"),
            )
            .await;
        assert_eq!(again, text, "{key}");
    }
}

#[tokio::test]
async fn non_admin_does_not_see_access_fields() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = env.add(&sid, "<name>A</name>").await;
    let user = crm_core::NewUser {
        login: "clerk".into(),
        first_name: "C".into(),
        last_name: "L".into(),
        email: "c@acme".into(),
        role: crm_core::Role::User,
        manager: None,
    };
    env.crm
        .create_user(env.acct.admin, &user, Some("pw"))
        .await
        .unwrap();
    let (_, text) = env
        .post("<request method=\"auth.login\"><account>acme</account><login>clerk</login><password>pw</password></request>")
        .await;
    let clerk = between(&text, "<sid>", "</sid>").unwrap();
    let text = env
        .call(
            &clerk,
            "contact.get",
            &format!("<contact><id>{id}</id></contact>"),
        )
        .await;
    assert!(text.contains("<contact><id>"), "{text}");
    assert!(!text.contains("havePlanfixAccess"));
    let text = env
        .call(
            &clerk,
            "contact.managePlanfixAccess",
            &format!("<contact><id>{id}</id><havePlanfixAccess>1</havePlanfixAccess></contact>"),
        )
        .await;
    assert_eq!(
        text,
        error_doc(
            "8001",
            "На выполнение данного запроса отсутствуют права (привилегии)"
        )
    );
}

#[tokio::test]
async fn update_keeps_absent_and_clears_empty() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = env.add(&sid, FULL).await;
    let text = env
        .call(
            &sid,
            "contact.update",
            &format!("<silent>1</silent><contact><id>{id}</id><lastName>Сидоров</lastName><post/><mobilePhone>+79990000000</mobilePhone><skype></skype><email>new@example.com</email><sex/></contact>"),
        )
        .await;
    golden("contact.update", &redact(&text, &[(id, "id")]));
    let text = env.get(&sid, id).await;
    assert!(
        text.contains("<name>Иван</name><midName>Петрович</midName><lastName>Сидоров</lastName>"),
        "{text}"
    );
    assert!(text.contains("<post/>"));
    assert!(text.contains("<email>new@example.com</email><secondaryEmails><email>i2@example.com</email></secondaryEmails>"), "{text}");
    assert!(
        text.contains("<mobilePhone>+79990000000</mobilePhone><workPhone>+74951234567</workPhone>"),
        "{text}"
    );
    assert!(text.contains("<skype/>") && text.contains("<sex/>") && text.contains("<vk>id1</vk>"));
    assert!(text.contains("<address>Москва &amp; область</address>"));
}

#[tokio::test]
async fn phones_element_replaces_all_phones() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = env.add(&sid, FULL).await;
    env.call(
        &sid,
        "contact.update",
        &format!("<contact><id>{id}</id><phones><phone><number>+70000000004</number><typeId>4</typeId></phone></phones></contact>"),
    )
    .await;
    let text = env.get(&sid, id).await;
    assert!(text.contains("<phones><phone><number>+70000000004</number><typeId>4</typeId><typeName>Другой</typeName></phone></phones><mobilePhone/><workPhone/><homePhone/>"), "{text}");
}

#[tokio::test]
async fn update_custom_data_sets_and_clears_fields() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = env.add(&sid, FULL).await;
    let text = env
        .call(
            &sid,
            "contact.updateCustomData",
            &format!("<contact><id>{id}</id><customData><customValue><id>3</id><value>new</value></customValue><customValue><id>2</id><value/></customValue></customData></contact>"),
        )
        .await;
    golden("contact.updateCustomData", &redact(&text, &[(id, "id")]));
    let text = env.get(&sid, id).await;
    assert!(text.contains("<customData><customValue><field><id>3</id><name>доп.поле</name></field><value>new</value><text>new</text></customValue></customData>"), "{text}");
}

#[tokio::test]
async fn get_list_pages_and_counts() {
    let env = Env::new().await;
    let sid = env.login().await;
    let a = env
        .add(
            &sid,
            "<name>Анна</name><lastName>Ангелова</lastName><email>anna@example.com</email>",
        )
        .await;
    let b = env.add(&sid, "<name>Борис</name><lastName>Быков</lastName><phones><phone><number>+7 (900) 555-00-11</number><typeId>1</typeId></phone></phones>").await;
    let c = env
        .add(&sid, "<name>ООО Ромашка</name><isCompany>1</isCompany>")
        .await;
    let ids = [(a, "a"), (b, "b"), (c, "c")];
    let text = env
        .call(
            &sid,
            "contact.getList",
            "<pageCurrent>1</pageCurrent><pageSize>2</pageSize>",
        )
        .await;
    assert!(
        text.contains("<contacts totalCount=\"3\" count=\"2\"><contact>"),
        "{text}"
    );
    golden("contact.getList", &redact(&text, &ids));
    let text = env
        .call(
            &sid,
            "contact.getList",
            "<pageCurrent>2</pageCurrent><pageSize>2</pageSize>",
        )
        .await;
    assert!(text.contains("<contacts totalCount=\"3\" count=\"1\">"));
    let text = env
        .call(
            &sid,
            "contact.getList",
            "<pageCurrent>3</pageCurrent><pageSize>2</pageSize>",
        )
        .await;
    assert_eq!(
        text,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response status=\"ok\"><contacts totalCount=\"3\" count=\"0\"/></response>\n"
    );
    golden("contact.getList.empty", &text);
    let count = |t: &str| between(t, "count=\"", "\"").unwrap();
    let text = env
        .call(&sid, "contact.getList", "<target>company</target>")
        .await;
    assert_eq!(count(&text), "1");
    assert!(text.contains("<name>ООО Ромашка</name>"));
    let text = env
        .call(&sid, "contact.getList", "<search>ангел</search>")
        .await;
    assert_eq!(count(&text), "1");
    let text = env
        .call(&sid, "contact.getList", "<search>anna@</search>")
        .await;
    assert_eq!(count(&text), "1");
    let filter = |t: &str, v: &str| {
        format!(
            "<filters><filter><type>{t}</type><operator>equal</operator><value>{v}</value></filter></filters>"
        )
    };
    let text = env
        .call(&sid, "contact.getList", &filter("4003", "79005550011"))
        .await;
    assert!(
        text.contains(&format!("<id>{b}</id>")) && count(&text) == "1",
        "{text}"
    );
    let text = env
        .call(&sid, "contact.getList", &filter("4005", "ANNA@example"))
        .await;
    assert!(
        text.contains(&format!("<id>{a}</id>")) && count(&text) == "1",
        "{text}"
    );
    let text = env
        .call(&sid, "contact.getList", &filter("4006", "1"))
        .await;
    assert!(text.contains(&format!("<id>{c}</id>")) && count(&text) == "1");
    let text = env.call(&sid, "contact.getList", &filter("12", "1")).await;
    assert_eq!(code_of(&text), "0018");
    let text = env
        .call(&sid, "contact.getList", "<pageSize>abc</pageSize>")
        .await;
    assert_eq!(code_of(&text), "0015");
    let text = env
        .call(
            &sid,
            "contact.getList",
            "<pageSize>100000</pageSize><pageCurrent>-5</pageCurrent>",
        )
        .await;
    assert_eq!(between(&text, "totalCount=\"", "\"").unwrap(), "3");
}

#[tokio::test]
async fn get_list_clamps_page_size_to_100() {
    let env = Env::new().await;
    let sid = env.login().await;
    let clients: Vec<NewClient> = (0..105)
        .map(|i| NewClient::new(ClientKind::Person, Name::full(format!("C{i}"))))
        .collect();
    env.crm
        .create_clients(env.acct.admin, crm_core::Origin::Rest, clients)
        .await
        .unwrap();
    let text = env
        .call(&sid, "contact.getList", "<pageSize>500</pageSize>")
        .await;
    assert!(text.contains("<contacts totalCount=\"105\" count=\"100\">"));
    let text = env
        .call(&sid, "contact.getList", "<pageCurrent>2</pageCurrent>")
        .await;
    assert!(text.contains("<contacts totalCount=\"105\" count=\"5\">"));
}

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
        .crm
        .create_client(env.acct.admin, crm_core::Origin::Rest, client)
        .await
        .unwrap();
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
async fn delete_then_every_call_is_8002() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = env.add(&sid, "<name>Иван</name>").await;
    let text = env
        .call(
            &sid,
            "contact.delete",
            &format!("<contact><id>{id}</id></contact>"),
        )
        .await;
    golden("contact.delete", &redact(&text, &[(id, "id")]));
    let not_found = error_doc("8002", "Контакт не существует");
    golden("error.8002", &not_found);
    for (method, inner) in [
        ("contact.get", format!("<contact><id>{id}</id></contact>")),
        (
            "contact.update",
            format!("<contact><id>{id}</id><name>x</name></contact>"),
        ),
        (
            "contact.delete",
            format!("<contact><id>{id}</id></contact>"),
        ),
        (
            "contact.updateCustomData",
            format!("<contact><id>{id}</id><customData/></contact>"),
        ),
        (
            "contact.get",
            "<contact><id>999999</id></contact>".to_owned(),
        ),
        // Ids no contact can have name an unknown contact too.
        ("contact.get", "<contact><id>0</id></contact>".to_owned()),
        (
            "contact.get",
            "<contact><general>abc</general></contact>".to_owned(),
        ),
        (
            "contact.delete",
            "<contact><id>99999999999999999999</id></contact>".to_owned(),
        ),
        (
            "contact.update",
            "<contact><id>-1</id><name>x</name></contact>".to_owned(),
        ),
    ] {
        assert_eq!(env.call(&sid, method, &inner).await, not_found, "{method}");
    }
    let text = env.call(&sid, "contact.getList", "").await;
    assert!(text.contains("totalCount=\"0\" count=\"0\"/>"));
}

#[tokio::test]
async fn another_accounts_contacts_do_not_exist() {
    let env = Env::new().await;
    let other = TestAccount::create(&env.crm, "other").await;
    let foreign = env
        .crm
        .create_client(
            other.admin,
            crm_core::Origin::Rest,
            NewClient::new(ClientKind::Person, Name::full("Чужой")),
        )
        .await
        .unwrap()
        .id
        .get();
    let sid = env.login().await;
    let not_found = error_doc("8002", "Контакт не существует");
    for (method, inner) in [
        (
            "contact.get",
            format!("<contact><id>{foreign}</id></contact>"),
        ),
        (
            "contact.update",
            format!("<contact><id>{foreign}</id><name>x</name></contact>"),
        ),
        (
            "contact.delete",
            format!("<contact><id>{foreign}</id></contact>"),
        ),
        (
            "contact.updateContractors",
            format!("<contact><id>{foreign}</id><contractors><client/></contractors></contact>"),
        ),
        (
            "contact.managePlanfixAccess",
            format!(
                "<contact><id>{foreign}</id><havePlanfixAccess>1</havePlanfixAccess></contact>"
            ),
        ),
    ] {
        assert_eq!(env.call(&sid, method, &inner).await, not_found, "{method}");
    }
    let text = env.call(&sid, "contact.getList", "").await;
    assert!(text.contains("totalCount=\"0\""));
}

#[tokio::test]
async fn missing_parameters_are_0009() {
    let env = Env::new().await;
    let sid = env.login().await;
    for (method, inner, what) in [
        ("contact.add", "", "contact"),
        (
            "contact.add",
            "<contact><email>a@b.c</email></contact>",
            "contact/name",
        ),
        ("contact.get", "<contact/>", "contact/id"),
        (
            "contact.update",
            "<contact><name>x</name></contact>",
            "contact/id",
        ),
        (
            "contact.updateContractors",
            "<contact><id>1</id></contact>",
            "contact/contractors",
        ),
        (
            "contact.updateUserInfo",
            "<contact><id>1</id></contact>",
            "contact/user",
        ),
    ] {
        let text = env.call(&sid, method, inner).await;
        assert_eq!(
            text,
            error_doc(
                "0009",
                &format!("Отсутствует один из обязательных параметров функции: {what}")
            ),
            "{method}"
        );
    }
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
    let (status, text) = support::send(&env.app, "GET", &forged, None, "").await;
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

#[tokio::test]
async fn contact_with_deals_is_not_deleted() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = env.add(&sid, "<name>Иван</name>").await;
    env.crm
        .add_document(
            env.acct.admin,
            crm_core::ClientId(id),
            crm_core::DocumentKind::Deal,
            "deal",
        )
        .await
        .unwrap();
    let text = env
        .call(
            &sid,
            "contact.delete",
            &format!("<contact><id>{id}</id></contact>"),
        )
        .await;
    assert_eq!(
        text,
        error_doc("8004", "Ошибка обновления данных: the client has deals")
    );
    let text = env.get(&sid, id).await;
    assert!(text.contains("<name>Иван</name>"));
}

#[tokio::test]
async fn names_written_elsewhere_read_whole() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = env
        .crm
        .create_client(
            env.acct.admin,
            crm_core::Origin::Rest,
            NewClient::new(ClientKind::Person, Name::full("Петров Иван")),
        )
        .await
        .unwrap()
        .id
        .get();
    let text = env.get(&sid, id).await;
    assert!(
        text.contains("<name>Петров Иван</name><midName/><lastName/>"),
        "{text}"
    );
}
