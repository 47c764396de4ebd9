use crm_core::{
    AccountId, CatalogueEntry, ClientAttributes, ClientId, CompanyRef, Role, UserStatus,
};
use crm_http::php_json::encode;
use crm_testkit::origin::{EADESK, SALESMAN};
use crm_testkit::stored;

use super::*;
use crate::op::View;
use crate::wire::Column;
use crm_core::{Timestamp, User};

fn point(
    id: i64,
    kind: ContactKind,
    service: Service,
    label: Option<Label>,
    value: &str,
) -> ContactPoint {
    ContactPoint {
        label,
        ..stored::contact_point(id, ClientId(7), kind, service, value, EADESK)
    }
}

fn client() -> Client {
    let mut c = Client {
        attributes: ClientAttributes {
            position: Some("Директор".to_owned()),
            responsible: Some(UserId(3)),
            ..ClientAttributes::default()
        },
        loyalty: Some(CatalogueEntry {
            id: crm_core::CatalogueEntryId(1),
            title: "2 - Нейтральный".to_owned(),
        }),
        fields: vec![FieldValue {
            number: 1,
            value: "1980-01-01".to_owned(),
        }],
        companies: vec![CompanyRef {
            id: crm_core::ClientId(2),
            name: "Сейлзмен Рус".to_owned(),
        }],
        created_at: Timestamp(1_700_000_000_000),
        updated_at: Timestamp(1_700_000_060_000),
        ..stored::client(
            ClientId(7),
            ClientKind::Person,
            Name::full("Андреев Владислав"),
            SALESMAN,
        )
    };
    c.contacts = vec![
        point(
            1,
            ContactKind::Phone,
            Service::Phone,
            Some(Label::Work),
            "7 (342) 206-72-02",
        ),
        point(2, ContactKind::Phone, Service::Phone, None, "8-800"),
        point(
            3,
            ContactKind::Phone,
            Service::Phone,
            Some(Label::Mobile),
            "7 (922) 328-94-66",
        ),
        point(4, ContactKind::Mail, Service::Mail, None, "v@salesman.pro"),
        point(5, ContactKind::Id, Service::Skype, None, "andreev.v.g"),
        point(6, ContactKind::Id, Service::Site, None, "http://s.ru/"),
    ];
    c
}

fn users() -> Vec<User> {
    vec![User {
        id: UserId(3),
        account: AccountId(1),
        login: "admin@acme".to_owned(),
        first_name: String::new(),
        last_name: String::new(),
        email: String::new(),
        role: Role::Admin,
        status: UserStatus::Active,
        manager: None,
        created_at: Timestamp(0),
    }]
}

fn view(names: &str, socials: bool) -> View {
    View {
        columns: names.split(',').filter_map(Column::parse).collect(),
        socials,
    }
}

#[test]
fn info_renders_strings_like_the_spec_example() {
    let v = render(
        &client(),
        &view("clid,person,ptitle,tel,mob,mail", true),
        Style::Info,
        &users(),
    );
    assert_eq!(
        encode(&v),
        r#"{"clid":"2","client":"Сейлзмен Рус","person":"Андреев Владислав","ptitle":"Директор","tel":"7 (342) 206-72-02, 8-800","mob":"7 (922) 328-94-66","mail":"v@salesman.pro","socials":{"blog":"","mysite":"http:\/\/s.ru\/","twitter":"","icq":"","skype":"andreev.v.g","google":"","yandex":"","mykrug":""}}"#
    );
}

#[test]
fn list_renders_ids_as_numbers_with_companions() {
    let v = render(
        &client(),
        &view(
            "pid,date_create,iduser,clid,loyalty,clientpath,input1,fax",
            false,
        ),
        Style::List,
        &users(),
    );
    assert_eq!(
        encode(&v),
        r#"{"pid":7,"date_create":"2023-11-14 22:13:20","user":"admin@acme","iduser":3,"clid":2,"client":"Сейлзмен Рус","loyalty":"2 - Нейтральный","clientpath":null,"input1":"1980-01-01","fax":null}"#
    );
}

#[test]
fn add_splits_phones_and_mails_and_reads_catalogue_ids() {
    let input = PersonInput {
        person: Some("Апиров".to_owned()),
        tel: Some("+7(342)250-50-50, +7(342)290-50-51".to_owned()),
        mail: Some("a@b.ru".to_owned()),
        loyalty: Some("0 - Не лояльный".to_owned()),
        clientpath: Some("12".to_owned()),
        socials: vec![
            (Social::Skype, "apiapi".to_owned()),
            (Social::Blog, String::new()),
        ],
        mperson: Some(true),
        ..PersonInput::default()
    };
    let new = new_client(&input, None).unwrap_or_else(|e| unreachable!("{e}"));
    let values: Vec<(&str, Option<Label>)> = new
        .contacts
        .iter()
        .map(|p| (p.value.as_str(), p.label))
        .collect();
    assert_eq!(
        values,
        vec![
            ("+7(342)250-50-50", Some(Label::Work)),
            ("+7(342)290-50-51", Some(Label::Work)),
            ("a@b.ru", None),
            ("apiapi", None),
        ]
    );
    assert_eq!(
        new.loyalty,
        Some(CatalogueRef::Title("0 - Не лояльный".to_owned()))
    );
    assert_eq!(new.source, Some(CatalogueRef::Id(CatalogueEntryId(12))));
    assert!(new.attributes.main_contact);
}

#[test]
fn add_without_person_is_405() {
    for person in [None, Some(""), Some("   ")] {
        let input = PersonInput {
            person: person.map(str::to_owned),
            ..PersonInput::default()
        };
        assert_eq!(new_client(&input, None), Err(SalesmanError::NoName));
    }
}

#[test]
fn identical_update_makes_an_empty_patch() {
    let input = PersonInput {
        person: Some("Андреев Владислав".to_owned()),
        ptitle: Some("Директор".to_owned()),
        tel: Some("7 (342) 206-72-02,8-800".to_owned()),
        mail: Some("v@salesman.pro".to_owned()),
        loyalty: Some("2 - Нейтральный".to_owned()),
        clid: Some(Some(crm_core::ClientId(2))),
        socials: vec![
            (Social::Skype, "andreev.v.g".to_owned()),
            (Social::Icq, String::new()),
        ],
        ..PersonInput::default()
    };
    let patch = patch(&input, &client(), None).unwrap_or_else(|e| unreachable!("{e}"));
    assert!(patch.name.is_keep());
    assert!(patch.loyalty.is_keep());
    assert!(patch.companies.is_keep());
    assert!(patch.contacts.is_empty());
}

#[test]
fn changed_tel_replaces_every_non_mobile_phone_slot() {
    let input = PersonInput {
        tel: Some("1".to_owned()),
        socials: vec![(Social::Skype, String::new())],
        ..PersonInput::default()
    };
    let patch = patch(&input, &client(), None).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(patch.contacts.len(), 5);
    assert_eq!(patch.contacts[0].values.len(), 1);
    assert!(patch.contacts[1..].iter().all(|r| r.values.is_empty()));
    assert_eq!(patch.contacts[4].selector.service, Some(Service::Skype));
}

#[test]
fn new_clid_goes_first_and_others_stay() {
    let mut current = client();
    current.companies.push(CompanyRef {
        id: crm_core::ClientId(9),
        name: "B".to_owned(),
    });
    let input = PersonInput {
        clid: Some(Some(crm_core::ClientId(9))),
        ..PersonInput::default()
    };
    let patch = patch(&input, &current, None).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(
        patch.companies,
        Patch::Set(vec![crm_core::ClientId(9), crm_core::ClientId(2)])
    );
}
