use chrono::NaiveDate;
use crm_core::{
    AttributesPatch, CatalogueRef, ClientKind, ClientPatch, CoreError, FieldValue, Name, NewClient,
    Patch, PortalAccess, Service, Sex, Visibility,
};

use crate::support::{Fixture, person, point};

pub fn full_company() -> NewClient {
    let mut c = NewClient::new(
        ClientKind::Company,
        Name::full("ООО «Ромашка» & <Co> 'q' 🚀"),
    );
    c.attributes.description = Some("описание".to_owned());
    c.attributes.address = Some("Москва".to_owned());
    c.attributes.company_address = Some("юр. адрес".to_owned());
    c.attributes.bank_details = Some("БИК 044525225".to_owned());
    c.loyalty = Some(CatalogueRef::Title("VIP".to_owned()));
    c.source = Some(CatalogueRef::Title("Сайт".to_owned()));
    c.attributes.segments = vec!["b2b".to_owned(), "".to_owned()];
    c.fields = vec![FieldValue {
        number: 3,
        value: "значение".to_owned(),
    }];
    c.contacts = vec![
        point(Service::Phone, "+7 (495) 123-45-67"),
        point(Service::Mail, "info@romashka.ru"),
        point(Service::Telegram, "@romashka"),
    ];
    c
}

#[tokio::test]
async fn every_attribute_reads_back_as_written() {
    let f = Fixture::new().await;
    let company = f.create(crm_testkit::origin::REST, full_company()).await;
    let mut p = NewClient::new(
        ClientKind::Person,
        Name::from_parts("Иван", "Петрович", "Сидоров"),
    );
    p.attributes.position = Some("директор".to_owned());
    p.attributes.person_details = Some("паспорт".to_owned());
    p.attributes.role = Some("ЛПР".to_owned());
    p.attributes.sex = Some(Sex::Male);
    p.attributes.birthday = NaiveDate::from_ymd_opt(1980, 2, 29);
    p.companies = vec![company.id];
    p.attributes.main_contact = true;
    p.avatar = Some(vec![0x89, b'P', b'N', b'G', 0]);
    p.attributes.portal = Some(PortalAccess {
        login: "ivan".to_owned(),
        role: "client".to_owned(),
        status: "active".to_owned(),
        email: "ivan@example.com".to_owned(),
    });
    let created = f.create(crm_testkit::origin::PLANFIX, p.clone()).await;
    let read = f
        .crm
        .client(f.who(), created.id, Visibility::LiveOnly)
        .await
        .unwrap();

    assert_eq!(read, created);
    assert_eq!(read.name, p.name);
    assert_eq!(read.name.as_full(), "Сидоров Иван Петрович");
    assert_eq!(read.attributes.sex, Some(Sex::Male));
    assert_eq!(read.attributes.birthday, p.attributes.birthday);
    assert_eq!(read.companies.len(), 1);
    assert_eq!(read.companies[0].id, company.id);
    assert_eq!(read.companies[0].name, "ООО «Ромашка» & <Co> 'q' 🚀");
    assert!(read.attributes.main_contact && read.has_avatar);
    assert_eq!(read.attributes.portal, p.attributes.portal);
    assert_eq!(read.origin, crm_testkit::origin::PLANFIX);
    assert_eq!(read.attributes.responsible, Some(f.who().user));
    let avatar = f.crm.avatar(f.who(), read.id).await.unwrap();
    assert_eq!(avatar, p.avatar);

    let company = f
        .crm
        .client(f.who(), company.id, Visibility::LiveOnly)
        .await
        .unwrap();
    assert_eq!(
        company.loyalty.as_ref().map(|e| e.title.as_str()),
        Some("VIP")
    );
    assert_eq!(
        company.source.as_ref().map(|e| e.title.as_str()),
        Some("Сайт")
    );
    assert_eq!(
        company.attributes.segments,
        vec!["b2b".to_owned(), "".to_owned()]
    );
    assert_eq!(company.fields, full_company().fields);
    let values: Vec<&str> = company.contacts.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(
        values,
        ["+7 (495) 123-45-67", "info@romashka.ru", "@romashka"]
    );
    let positions: Vec<i64> = company.contacts.iter().map(|c| c.position).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[tokio::test]
async fn patch_changes_only_what_it_names_and_reports_it() {
    let f = Fixture::new().await;
    let c = f.create(crm_testkit::origin::REST, full_company()).await;
    let patch = ClientPatch {
        attributes: AttributesPatch {
            description: Patch::Clear,
            address: Patch::Set("Казань".to_owned()),
            ..AttributesPatch::default()
        },
        loyalty: Patch::Set(CatalogueRef::Title("Новый".to_owned())),
        ..ClientPatch::default()
    };
    let updated = f
        .crm
        .update_client(
            f.who(),
            c.id,
            Visibility::LiveOnly,
            crm_testkit::origin::REST,
            &patch,
        )
        .await
        .unwrap();
    assert!(updated.changed);
    let r = updated.record;
    assert_eq!(r.attributes.description, None);
    assert_eq!(r.attributes.address.as_deref(), Some("Казань"));
    assert_eq!(r.loyalty.map(|e| e.title).as_deref(), Some("Новый"));
    assert_eq!(r.attributes.bank_details, c.attributes.bank_details);
    assert_eq!(r.contacts.len(), c.contacts.len());
    assert!(r.updated_at >= c.updated_at);

    let again = f
        .crm
        .update_client(
            f.who(),
            c.id,
            Visibility::LiveOnly,
            crm_testkit::origin::REST,
            &patch,
        )
        .await
        .unwrap();
    assert!(!again.changed, "an identical update changes nothing");
}

#[tokio::test]
async fn duplicate_is_the_same_name_with_every_given_contact() {
    use crm_core::ContactKind::{Mail, Phone};

    let f = Fixture::new().await;
    let c = f
        .person(
            "Анна Иванова",
            &[
                (Service::Phone, "+7 (900) 111-22-33"),
                (Service::Mail, "Anna@Mail.ru"),
            ],
        )
        .await;
    let company = NewClient::new(ClientKind::Company, Name::full("Анна Иванова"));
    f.crm
        .create_client(f.who(), crm_testkit::origin::REST, company)
        .await
        .unwrap();
    let found = |name: &'static str, required: Vec<(crm_core::ContactKind, &'static str)>| {
        let (crm, who) = (f.crm.clone(), f.who());
        async move {
            let required: Vec<_> = required
                .into_iter()
                .map(|(k, v)| (k, v.to_owned()))
                .collect();
            crm.find_duplicate(who, name, &required)
                .await
                .unwrap()
                .map(|c| c.id)
        }
    };
    assert_eq!(found("анна иванова", vec![]).await, Some(c.id));
    assert_eq!(
        found("Анна Иванова", vec![(Phone, "9001112233")]).await,
        Some(c.id)
    );
    assert_eq!(
        found("Анна Иванова", vec![(Phone, "111-22"), (Mail, "anna@")]).await,
        Some(c.id)
    );
    assert_eq!(found("Анна Иванова", vec![(Phone, "000")]).await, None);
    assert_eq!(
        found("Анна", vec![]).await,
        None,
        "the whole name must match"
    );
    f.crm
        .delete_client(f.who(), c.id, Visibility::LiveOnly)
        .await
        .unwrap();
    assert_eq!(
        found("Анна Иванова", vec![]).await,
        None,
        "deleted persons are no duplicates"
    );
}

#[tokio::test]
async fn nul_characters_are_refused_on_write_and_match_nothing_on_read() {
    let f = Fixture::new().await;
    let bad_name = f
        .crm
        .create_client(f.who(), crm_testkit::origin::REST, person("a\0b", &[]))
        .await;
    assert!(
        matches!(bad_name, Err(CoreError::Invalid { .. })),
        "{bad_name:?}"
    );
    let bad_point = person("ok", &[(Service::Mail, "x\0@y.z")]);
    let err = f
        .crm
        .create_client(f.who(), crm_testkit::origin::REST, bad_point)
        .await;
    assert!(matches!(err, Err(CoreError::Invalid { .. })), "{err:?}");

    let c = f.person("Живой", &[]).await;
    let patch = ClientPatch {
        attributes: AttributesPatch {
            description: Patch::Set("\0".to_owned()),
            ..AttributesPatch::default()
        },
        ..ClientPatch::default()
    };
    let err = f
        .crm
        .update_client(
            f.who(),
            c.id,
            Visibility::LiveOnly,
            crm_testkit::origin::REST,
            &patch,
        )
        .await;
    assert!(matches!(err, Err(CoreError::Invalid { .. })), "{err:?}");

    let query = crm_core::ClientQuery {
        filters: vec![crm_core::ClientFilter::Contains {
            fields: vec![crm_core::TextField::Name],
            needle: "\0".to_owned(),
        }],
        ..crm_core::ClientQuery::new(Visibility::LiveOnly, crate::lists::all())
    };
    assert_eq!(f.crm.list_clients(f.who(), &query).await.unwrap().total, 0);
    let login = f.crm.principal_by_login(f.who().account, "admin\0").await;
    assert!(matches!(login, Err(CoreError::Unauthenticated(_))));
    assert_eq!(f.crm.account_by_name("acme\0").await.unwrap(), None);
}

#[tokio::test]
async fn repeated_companies_and_fields_collapse_instead_of_failing() {
    let f = Fixture::new().await;
    let company = f
        .crm
        .create_client(
            f.who(),
            crm_testkit::origin::REST,
            NewClient::new(ClientKind::Company, Name::full("Одна")),
        )
        .await
        .unwrap();
    let mut p = person("Повторы", &[]);
    p.companies = vec![company.id, company.id];
    p.fields = vec![
        FieldValue {
            number: 3,
            value: "первое".to_owned(),
        },
        FieldValue {
            number: 3,
            value: "последнее".to_owned(),
        },
    ];
    let created = f.create(crm_testkit::origin::PLANFIX, p).await;
    assert_eq!(created.companies.len(), 1);
    assert_eq!(
        created.fields,
        vec![FieldValue {
            number: 3,
            value: "последнее".to_owned()
        }]
    );

    let patch = ClientPatch {
        companies: Patch::Set(vec![company.id, company.id]),
        fields: vec![
            (4, Patch::Set("a".to_owned())),
            (4, Patch::Set("b".to_owned())),
        ],
        ..ClientPatch::default()
    };
    let updated = f
        .crm
        .update_client(
            f.who(),
            created.id,
            Visibility::LiveOnly,
            crm_testkit::origin::PLANFIX,
            &patch,
        )
        .await
        .unwrap()
        .record;
    assert_eq!(updated.companies.len(), 1);
    assert_eq!(updated.fields.last().map(|f| f.value.as_str()), Some("b"));
}
