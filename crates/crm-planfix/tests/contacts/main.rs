#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod absent;
mod access;
mod list;
#[path = "../support/mod.rs"]
mod support;

use crm_core::{ClientKind, Name, NewClient};
use support::{Env, between, error_doc, golden, redact};

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
async fn names_written_elsewhere_read_whole() {
    let env = Env::new().await;
    let sid = env.login().await;
    let new = NewClient::new(ClientKind::Person, Name::full("Петров Иван"));
    let id = env
        .acct
        .create_client(&env.crm, crm_testkit::origin::REST, new)
        .await
        .id
        .get();
    let text = env.get(&sid, id).await;
    assert!(
        text.contains("<name>Петров Иван</name><midName/><lastName/>"),
        "{text}"
    );
}
