#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! A Planfix update never drops or re-creates what another dialect wrote
//! around the fields it names: single-value fields of the 2010 generation
//! (`email`, `mobilePhone`, `skype`, ...) change the first point in place.

mod support;

use crm_core::{
    Client, ClientId, ClientKind, ContactKind, ContactPoint, Label, Name, NewClient,
    NewContactPoint, Service, Status, Visibility,
};
use support::Env;

/// A person written through Eadesk with two of everything.
async fn written_elsewhere(env: &Env) -> i64 {
    let mut new = NewClient::new(ClientKind::Person, Name::from_parts("Иван", "", "Петров"));
    new.contacts = vec![
        NewContactPoint::new(ContactKind::Mail, Service::Mail, None, "a@example.com"),
        NewContactPoint::new(ContactKind::Mail, Service::Mail, None, "b@example.com"),
        NewContactPoint::new(
            ContactKind::Phone,
            Service::Phone,
            Some(Label::Mobile),
            "+71111111111",
        ),
        NewContactPoint::new(
            ContactKind::Phone,
            Service::Phone,
            Some(Label::Mobile),
            "+72222222222",
        ),
        NewContactPoint::new(ContactKind::Id, Service::Skype, None, "skype.one"),
        NewContactPoint::new(ContactKind::Id, Service::Skype, None, "skype.two"),
        NewContactPoint::new(ContactKind::Id, Service::Telegram, None, "tg_user"),
    ];
    env.acct
        .create_client(&env.crm, crm_testkit::origin::EADESK, new)
        .await
        .id
        .get()
}

async fn stored(env: &Env, id: i64) -> Client {
    env.crm
        .client(env.acct.admin, ClientId(id), Visibility::IncludeDeleted)
        .await
        .unwrap()
}

fn live(client: &Client, service: Service) -> Vec<&ContactPoint> {
    client
        .contacts
        .iter()
        .filter(|p| p.service == service && p.status == Status::Active)
        .collect()
}

/// Sends `contact.update` with `fields` after `<id>` and reads back what is stored.
async fn update(env: &Env, sid: &str, id: i64, fields: &str) -> Client {
    let text = env
        .call(
            sid,
            "contact.update",
            &format!("<contact><id>{id}</id>{fields}</contact>"),
        )
        .await;
    assert!(text.contains("status=\"ok\""), "{text}");
    stored(env, id).await
}

fn values(client: &Client, service: Service) -> Vec<&str> {
    live(client, service)
        .iter()
        .map(|p| p.value.as_str())
        .collect()
}

fn deleted(client: &Client) -> Vec<&str> {
    client
        .contacts
        .iter()
        .filter(|p| p.status != Status::Active)
        .map(|p| p.value.as_str())
        .collect()
}

#[tokio::test]
async fn email_rewrites_the_first_mail_in_place() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = written_elsewhere(&env).await;
    let before = stored(&env, id).await;
    let text = env
        .call(
            &sid,
            "contact.update",
            &format!("<contact><id>{id}</id><email>new@example.com</email></contact>"),
        )
        .await;
    assert!(text.contains("status=\"ok\""), "{text}");
    let after = stored(&env, id).await;
    let mails = live(&after, Service::Mail);
    let was = live(&before, Service::Mail);
    assert_eq!(
        mails
            .iter()
            .map(|p| (p.id, p.value.as_str(), p.origin))
            .collect::<Vec<_>>(),
        vec![
            (was[0].id, "new@example.com", crm_testkit::origin::EADESK),
            (was[1].id, "b@example.com", crm_testkit::origin::EADESK),
        ]
    );
    assert!(deleted(&after).is_empty(), "{:?}", deleted(&after));
}

#[tokio::test]
async fn empty_email_removes_only_the_first_mail() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = written_elsewhere(&env).await;
    let after = update(&env, &sid, id, "<email/>").await;
    assert_eq!(values(&after, Service::Mail), vec!["b@example.com"]);
    assert_eq!(deleted(&after), vec!["a@example.com"]);
}

#[tokio::test]
async fn mobile_phone_and_skype_change_only_the_first_of_their_kind() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = written_elsewhere(&env).await;
    let text = env
        .call(
            &sid,
            "contact.update",
            &format!("<contact><id>{id}</id><mobilePhone>+73333333333</mobilePhone><skype>skype.new</skype></contact>"),
        )
        .await;
    assert!(text.contains("status=\"ok\""), "{text}");
    let after = stored(&env, id).await;
    let values = |s| {
        live(&after, s)
            .iter()
            .map(|p| (p.value.clone(), p.origin))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        values(Service::Phone),
        vec![
            ("+73333333333".to_owned(), crm_testkit::origin::EADESK),
            ("+72222222222".to_owned(), crm_testkit::origin::EADESK)
        ]
    );
    assert_eq!(
        values(Service::Skype),
        vec![
            ("skype.new".to_owned(), crm_testkit::origin::EADESK),
            ("skype.two".to_owned(), crm_testkit::origin::EADESK)
        ]
    );
    assert!(deleted(&after).is_empty(), "{:?}", deleted(&after));
}

#[tokio::test]
async fn a_field_sent_with_its_current_value_changes_nothing() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = written_elsewhere(&env).await;
    let before = stored(&env, id).await;
    // What contact.get shows, written back (a read-modify-write client).
    env.call(
        &sid,
        "contact.update",
        &format!("<contact><id>{id}</id><email>a@example.com</email><mobilePhone>+71111111111</mobilePhone><skype>skype.one</skype><homePhone/></contact>"),
    )
    .await;
    let after = stored(&env, id).await;
    assert_eq!(after.contacts, before.contacts);
}

#[tokio::test]
async fn telegram_without_username_keeps_the_stored_one() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = written_elsewhere(&env).await;
    let after = update(&env, &sid, id, "<telegram><id>12345</id></telegram>").await;
    assert_eq!(values(&after, Service::Telegram), vec!["tg_user"]);
}

#[tokio::test]
async fn user_pic_url_written_back_keeps_the_picture() {
    let env = Env::new().await;
    let sid = env.login().await;
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    let id = env
        .add(&sid, &format!("<name>Иван</name><userPic>{png}</userPic>"))
        .await;
    let text = env.get(&sid, id).await;
    let url = support::between(&text, "<userPic>", "</userPic>").unwrap();
    assert!(url.starts_with("http://"), "{url}");
    let text = env
        .call(
            &sid,
            "contact.update",
            &format!(
                "<contact><id>{id}</id><userPic>{url}</userPic><post>Директор</post></contact>"
            ),
        )
        .await;
    assert!(text.contains("status=\"ok\""), "{text}");
    let after = stored(&env, id).await;
    assert!(after.has_avatar);
    assert_eq!(after.attributes.position.as_deref(), Some("Директор"));
}

#[tokio::test]
async fn an_update_that_empties_every_name_part_is_0009() {
    let env = Env::new().await;
    let sid = env.login().await;
    let id = written_elsewhere(&env).await;
    // A template client sends every field, the name ones empty.
    let text = env
        .call(
            &sid,
            "contact.update",
            &format!("<contact><id>{id}</id><name></name><midName/><lastName> </lastName><post>x</post></contact>"),
        )
        .await;
    assert_eq!(
        text,
        support::error_doc(
            "0009",
            "Отсутствует один из обязательных параметров функции: contact/name"
        )
    );
    let after = stored(&env, id).await;
    assert_eq!(after.name.as_full(), "Петров Иван");
    assert_eq!(after.attributes.position, None);
}

#[tokio::test]
async fn another_accounts_ids_answer_like_missing_ones_everywhere() {
    let env = Env::new().await;
    let other = crm_testkit::TestAccount::create(&env.crm, "other").await;
    let foreign_company = other
        .client(&env.crm, crm_core::ClientKind::Company, "Чужая фирма")
        .await;
    let foreign = other
        .client(&env.crm, crm_core::ClientKind::Person, "Чужой")
        .await;
    let sid = env.login().await;
    let mine = env.add(&sid, "<name>Свой</name>").await;
    let missing = foreign + foreign_company + 1000;
    let not_found = support::error_doc("8002", "Контакт не существует");
    for inner in [
        "<contact><id>{}</id><customData><customValue><id>1</id><value>x</value></customValue></customData></contact>",
        "<contact><id>{}</id><user><status>ACTIVE</status></user></contact>",
    ] {
        let method = if inner.contains("customData") {
            "contact.updateCustomData"
        } else {
            "contact.updateUserInfo"
        };
        let text = env
            .call(&sid, method, &inner.replace("{}", &foreign.to_string()))
            .await;
        assert_eq!(text, not_found, "{method}");
    }
    // Linking to a company: a foreign one is refused exactly like a missing one.
    let link = |company: i64| {
        format!(
            "<contact><id>{mine}</id><contractors><addClient><id>{company}</id></addClient></contractors></contact>"
        )
    };
    let to_foreign = env
        .call(&sid, "contact.updateContractors", &link(foreign_company))
        .await;
    let to_missing = env
        .call(&sid, "contact.updateContractors", &link(missing))
        .await;
    assert_eq!(support::code_of(&to_foreign), "0015", "{to_foreign}");
    assert_eq!(
        to_foreign.replace(&format!("id {foreign_company}<"), "id N<"),
        to_missing.replace(&format!("id {missing}<"), "id N<")
    );
    for company in [foreign_company, missing] {
        let text = env
            .call(
                &sid,
                "contact.getList",
                &format!("<company>{company}</company>"),
            )
            .await;
        assert!(
            text.ends_with("<contacts totalCount=\"0\" count=\"0\"/></response>\n"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn a_deleted_company_is_no_longer_a_contractor() {
    let env = Env::new().await;
    let sid = env.login().await;
    let person = env.add(&sid, "<name>Иван</name>").await;
    let gone = env
        .add(&sid, "<name>Бывшая</name><isCompany>1</isCompany>")
        .await;
    let kept = env
        .add(&sid, "<name>Живая</name><isCompany>1</isCompany>")
        .await;
    let link = |ids: &str| {
        format!(
            "<contact><id>{person}</id><contractors><addClient>{ids}</addClient></contractors></contact>"
        )
    };
    env.call(
        &sid,
        "contact.updateContractors",
        &link(&format!("<id>{gone}</id><id>{kept}</id>")),
    )
    .await;
    env.call(
        &sid,
        "contact.delete",
        &format!("<contact><id>{gone}</id></contact>"),
    )
    .await;
    let text = env.get(&sid, person).await;
    assert!(
        text.contains(&format!(
            "<contractors><client><id>{kept}</id><name>Живая</name></client></contractors>"
        )),
        "{text}"
    );
    let text = env
        .call(
            &sid,
            "contact.getList",
            &format!("<company>{gone}</company>"),
        )
        .await;
    assert!(
        text.ends_with("<contacts totalCount=\"0\" count=\"0\"/></response>\n"),
        "{text}"
    );
    // Linking another company still works for a person linked to a deleted one.
    let third = env
        .add(&sid, "<name>Третья</name><isCompany>1</isCompany>")
        .await;
    let text = env
        .call(
            &sid,
            "contact.updateContractors",
            &link(&format!("<id>{third}</id>")),
        )
        .await;
    assert!(text.contains("status=\"ok\""), "{text}");
    let text = env.get(&sid, person).await;
    assert!(
        text.contains(&format!(
            "<contractors><client><id>{kept}</id><name>Живая</name></client><client><id>{third}</id><name>Третья</name></client></contractors>"
        )),
        "{text}"
    );
}
