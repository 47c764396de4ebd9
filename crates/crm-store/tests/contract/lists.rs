use crm_core::{
    ClientFilter, ClientKind, ClientQuery, ContactKind, Direction, Name, NewClient, Page, Service,
    SortKey, TextField, Visibility,
};

use crate::support::{Fixture, person};

pub fn all() -> Page {
    Page {
        offset: 0,
        limit: 1000,
    }
}

async fn names(f: &Fixture, query: &ClientQuery) -> Vec<String> {
    let page = f.crm.list_clients(f.who(), query).await.unwrap();
    page.clients
        .iter()
        .map(|c| c.name.as_full().to_owned())
        .collect()
}

fn query(filters: Vec<ClientFilter>) -> ClientQuery {
    ClientQuery {
        filters,
        ..ClientQuery::new(Visibility::LiveOnly, all())
    }
}

async fn seeded() -> Fixture {
    let f = Fixture::new().await;
    f.person("Борис", &[(Service::Phone, "+7 (495) 000-11-22")])
        .await;
    f.person(
        "Алла",
        &[
            (Service::Mail, "alla@example.com"),
            (Service::Skype, "alla.s"),
        ],
    )
    .await;
    f.person("Вера", &[(Service::Telegram, "@vera")]).await;
    let company = NewClient::new(ClientKind::Company, Name::full("Гамма"));
    f.crm
        .create_client(f.who(), crm_testkit::origin::REST, company)
        .await
        .unwrap();
    f
}

#[tokio::test]
async fn default_order_is_creation_order() {
    let f = seeded().await;
    assert_eq!(
        names(&f, &query(vec![])).await,
        ["Борис", "Алла", "Вера", "Гамма"]
    );
}

#[tokio::test]
async fn sort_by_name_both_ways() {
    let f = seeded().await;
    let mut q = query(vec![]);
    q.sort = vec![(SortKey::Name, Direction::Asc)];
    assert_eq!(names(&f, &q).await, ["Алла", "Борис", "Вера", "Гамма"]);
    q.sort = vec![(SortKey::Name, Direction::Desc)];
    assert_eq!(names(&f, &q).await, ["Гамма", "Вера", "Борис", "Алла"]);
}

#[tokio::test]
async fn every_sort_key_runs_on_both_backends() {
    let f = seeded().await;
    for key in [
        SortKey::Id,
        SortKey::Name,
        SortKey::Kind,
        SortKey::Position,
        SortKey::Description,
        SortKey::Address,
        SortKey::Role,
        SortKey::Responsible,
        SortKey::Created,
        SortKey::Updated,
        SortKey::Email,
        SortKey::Phone,
        SortKey::Loyalty,
        SortKey::Source,
    ] {
        let mut q = query(vec![]);
        q.sort = vec![(key, Direction::Desc)];
        assert_eq!(names(&f, &q).await.len(), 4, "{key:?}");
    }
}

#[tokio::test]
async fn page_window_and_total() {
    let f = seeded().await;
    let mut q = query(vec![]);
    q.page = Page {
        offset: 1,
        limit: 2,
    };
    let page = f.crm.list_clients(f.who(), &q).await.unwrap();
    assert_eq!(page.total, 4);
    let got: Vec<_> = page.clients.iter().map(|c| c.name.as_full()).collect();
    assert_eq!(got, ["Алла", "Вера"]);
    q.page = Page {
        offset: u64::MAX,
        limit: u64::MAX,
    };
    let beyond = f.crm.list_clients(f.who(), &q).await.unwrap();
    assert_eq!((beyond.total, beyond.clients.len()), (4, 0));
}

#[tokio::test]
async fn filters_by_kind_substring_and_contacts() {
    let f = seeded().await;
    let phone = |needle: &str| ClientFilter::Contains {
        fields: vec![TextField::Phone],
        needle: needle.to_owned(),
    };
    let cases: Vec<(Vec<ClientFilter>, Vec<&str>)> = vec![
        (vec![phone("(495) 000-11")], vec!["Борис"]),
        (vec![phone("- ()")], vec![]),
        (vec![ClientFilter::Kind(ClientKind::Company)], vec!["Гамма"]),
        (
            vec![ClientFilter::Contains {
                fields: vec![TextField::Name],
                needle: "ЛЛ".to_owned(),
            }],
            vec!["Алла"],
        ),
        (
            vec![ClientFilter::Contains {
                fields: vec![TextField::Phone],
                needle: "4950001".to_owned(),
            }],
            vec!["Борис"],
        ),
        (
            vec![ClientFilter::Contains {
                fields: vec![TextField::Mail],
                needle: "EXAMPLE".to_owned(),
            }],
            vec!["Алла"],
        ),
        (
            vec![ClientFilter::ContactIs {
                kind: ContactKind::Mail,
                value: "ALLA@example.com".to_owned(),
            }],
            vec!["Алла"],
        ),
        (
            vec![ClientFilter::HasContactKind(vec![ContactKind::Id])],
            vec!["Алла", "Вера"],
        ),
        (
            vec![ClientFilter::HasContactService(vec![Service::Telegram])],
            vec!["Вера"],
        ),
        (
            vec![
                ClientFilter::HasContactKind(vec![ContactKind::Id]),
                ClientFilter::Contains {
                    fields: vec![TextField::Name],
                    needle: "вер".to_owned(),
                },
            ],
            vec!["Вера"],
        ),
    ];
    for (filters, expected) in cases {
        assert_eq!(
            names(&f, &query(filters.clone())).await,
            expected,
            "{filters:?}"
        );
    }
}

#[tokio::test]
async fn like_wildcards_in_needles_are_literal() {
    let f = seeded().await;
    f.person("100% _точно_", &[]).await;
    for needle in ["%", "_", "\\"] {
        let q = query(vec![ClientFilter::Contains {
            fields: vec![TextField::Name],
            needle: needle.to_owned(),
        }]);
        let expected: Vec<&str> = if needle == "\\" {
            vec![]
        } else {
            vec!["100% _точно_"]
        };
        assert_eq!(names(&f, &q).await, expected, "{needle}");
    }
}

#[tokio::test]
async fn regex_search_matches_name_or_any_contact_value() {
    let f = seeded().await;
    let mut q = query(vec![]);
    q.search = Some(f.crm.search_pattern("^(Б|В)").unwrap());
    assert_eq!(names(&f, &q).await, ["Борис", "Вера"]);
    q.search = Some(f.crm.search_pattern(r"alla\.s$").unwrap());
    assert_eq!(names(&f, &q).await, ["Алла"]);
    q.page = Page {
        offset: 0,
        limit: 1,
    };
    q.search = Some(f.crm.search_pattern(".").unwrap());
    let page = f.crm.list_clients(f.who(), &q).await.unwrap();
    assert_eq!((page.total, page.clients.len()), (4, 1));
}

#[tokio::test]
async fn hostile_regex_is_refused_or_bounded() {
    let f = seeded().await;
    let huge = f.crm.search_pattern("(x{100}){100}");
    assert!(huge.is_err(), "a pattern past the size limit is refused");
    let long = f.crm.search_pattern(&"x".repeat(10_000));
    assert!(long.is_err(), "a pattern past the length limit is refused");
    let mut q = query(vec![]);
    q.search = Some(f.crm.search_pattern("(x+)+y$").unwrap());
    assert!(names(&f, &q).await.is_empty());
}

#[tokio::test]
async fn deleted_clients_show_only_when_asked() {
    let f = seeded().await;
    let page = f.crm.list_clients(f.who(), &query(vec![])).await.unwrap();
    let first = page.clients[0].id;
    f.crm
        .delete_client(f.who(), first, Visibility::LiveOnly)
        .await
        .unwrap();
    assert_eq!(names(&f, &query(vec![])).await.len(), 3);
    let mut q = query(vec![]);
    q.visibility = Visibility::IncludeDeleted;
    assert_eq!(names(&f, &q).await.len(), 4);
}

#[tokio::test]
async fn responsible_and_membership_filters() {
    let f = Fixture::new().await;
    let company = f
        .crm
        .create_client(
            f.who(),
            crm_testkit::origin::REST,
            NewClient::new(ClientKind::Company, Name::full("Фирма")),
        )
        .await
        .unwrap();
    let mut member = person("Сотрудник", &[]);
    member.companies = vec![company.id];
    f.crm
        .create_client(f.who(), crm_testkit::origin::REST, member)
        .await
        .unwrap();
    f.person("Посторонний", &[]).await;
    let q = query(vec![ClientFilter::MemberOf(company.id)]);
    assert_eq!(names(&f, &q).await, ["Сотрудник"]);
    let q = query(vec![ClientFilter::ResponsibleIn(vec![f.who().user])]);
    assert_eq!(names(&f, &q).await.len(), 3);
    let q = query(vec![ClientFilter::ResponsibleIn(vec![])]);
    assert!(names(&f, &q).await.is_empty());
    f.crm
        .delete_client(f.who(), company.id, Visibility::LiveOnly)
        .await
        .unwrap();
    let q = query(vec![ClientFilter::MemberOf(company.id)]);
    assert!(
        names(&f, &q).await.is_empty(),
        "a deleted company has no members"
    );
}

#[tokio::test]
async fn regex_over_contacts_skips_deleted_points_unless_asked_to_read_them() {
    let f = seeded().await;
    let page = f.crm.list_clients(f.who(), &query(vec![])).await.unwrap();
    let alla = page
        .clients
        .iter()
        .find(|c| c.name.as_full() == "Алла")
        .unwrap();
    let skype = alla.contacts.iter().find(|p| p.value == "alla.s").unwrap();
    f.crm.delete_contact_point(f.who(), skype.id).await.unwrap();
    let mut q = query(vec![]);
    q.search = Some(f.crm.search_pattern(r"^alla\.s$").unwrap());
    assert!(
        names(&f, &q).await.is_empty(),
        "a deleted value found a live list"
    );
    q.search_points = Visibility::IncludeDeleted;
    assert_eq!(names(&f, &q).await, ["Алла"]);
}
