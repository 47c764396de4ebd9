//! Contacts that are not there: deleted, another account's, unnamed, or kept by deals.

use crate::support::{Env, error_doc, golden, redact};
use crm_testkit::TestAccount;

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
    let foreign = other
        .client(&env.crm, crm_core::ClientKind::Person, "Чужой")
        .await;
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
