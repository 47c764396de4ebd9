//! Searches narrowed by the indexes of trigrams find exactly what a full
//! scan would: the index follows every write, never hides a match, and
//! never lets another account's clients through.

use crm_core::{
    ClientFilter, ClientPage, ClientPatch, ClientQuery, ContactPointPatch, Name, Page, Patch,
    Service, TextField, Visibility,
};

use crate::lists::all;
use crate::support::{Fixture, point};

async fn found(f: &Fixture, pattern: &str, points: Visibility) -> Vec<String> {
    let mut q = ClientQuery::new(Visibility::LiveOnly, all());
    q.search = Some(f.crm.search_pattern(pattern).unwrap());
    q.search_points = points;
    let page = f.crm.list_clients(f.who(), &q).await.unwrap();
    assert_eq!(page.total as usize, page.clients.len(), "{pattern}");
    page.clients
        .iter()
        .map(|c| c.name.as_full().to_owned())
        .collect()
}

async fn words(f: &Fixture, needle: &str) -> Vec<String> {
    let mut q = ClientQuery::new(Visibility::LiveOnly, all());
    q.filters = vec![ClientFilter::Contains {
        fields: vec![
            TextField::Name,
            TextField::Position,
            TextField::Phone,
            TextField::Mail,
        ],
        needle: needle.to_owned(),
    }];
    let page = f.crm.list_clients(f.who(), &q).await.unwrap();
    page.clients
        .iter()
        .map(|c| c.name.as_full().to_owned())
        .collect()
}

#[tokio::test]
async fn the_literal_narrows_and_the_regex_decides() {
    let f = Fixture::new().await;
    f.person("Марков Иван", &[]).await;
    f.person("Маркова Анна", &[]).await;
    f.person("марков пётр", &[]).await;
    f.person("Петров", &[(Service::Mail, "markov@example.com")])
        .await;
    let live = Visibility::LiveOnly;
    assert_eq!(found(&f, "Марков ", live).await, ["Марков Иван"]);
    assert_eq!(found(&f, "Марков(а|)", live).await.len(), 2);
    assert_eq!(found(&f, "(?i)марков", live).await.len(), 3);
    assert_eq!(found(&f, "Марк.*Анна$", live).await, ["Маркова Анна"]);
    assert_eq!(found(&f, r"markov@ex", live).await, ["Петров"]);
    assert_eq!(found(&f, "Марков|markov", live).await.len(), 3);
    assert!(found(&f, "Марков[0-9]", live).await.is_empty());
}

#[tokio::test]
async fn renamed_clients_and_changed_values_are_found_as_they_are_now() {
    let f = Fixture::new().await;
    let who = f.who();
    let client = f
        .person("Старое Имя", &[(Service::Phone, "+7 (900) 111-22-33")])
        .await;
    let patch = ClientPatch {
        name: Patch::Set(Name::full("Новое Имя")),
        ..ClientPatch::default()
    };
    f.crm
        .update_client(
            who,
            client.id,
            Visibility::LiveOnly,
            crm_testkit::origin::REST,
            &patch,
        )
        .await
        .unwrap();
    let live = Visibility::LiveOnly;
    assert!(found(&f, "Старое", live).await.is_empty());
    assert_eq!(found(&f, "Новое", live).await, ["Новое Имя"]);

    let phone = client.contacts[0].id;
    let patch = ContactPointPatch {
        value: Patch::Set("+7 (900) 444-55-66".to_owned()),
        ..ContactPointPatch::default()
    };
    f.crm
        .update_contact_point(who, phone, &patch)
        .await
        .unwrap();
    assert!(found(&f, "111-22", live).await.is_empty());
    assert_eq!(found(&f, "444-55", live).await, ["Новое Имя"]);
    assert_eq!(words(&f, "9004445566").await, ["Новое Имя"]);

    let added = f
        .crm
        .add_contact_point(
            who,
            client.id,
            Visibility::LiveOnly,
            crm_testkit::origin::REST,
            &point(Service::Mail, "box@example.org"),
        )
        .await
        .unwrap();
    assert_eq!(found(&f, "box@example", live).await, ["Новое Имя"]);
    f.crm.delete_contact_point(who, added.id).await.unwrap();
    assert!(found(&f, "box@example", live).await.is_empty());
    let with_deleted = Visibility::IncludeDeleted;
    assert_eq!(found(&f, "box@example", with_deleted).await, ["Новое Имя"]);
}

#[tokio::test]
async fn word_search_through_the_index_matches_the_like() {
    let f = Fixture::new().await;
    f.person("Иван Маркеров", &[(Service::Phone, "+7 (342) 250-50-50")])
        .await;
    f.person("Анна", &[(Service::Mail, "Anna.Markerova@Example.com")])
        .await;
    f.person("100% _точно_", &[]).await;
    assert_eq!(words(&f, "маркер").await, ["Иван Маркеров"]);
    assert_eq!(words(&f, "MARKEROVA@").await, ["Анна"]);
    assert_eq!(words(&f, "2505050").await, ["Иван Маркеров"]);
    assert_eq!(words(&f, "% _т").await, ["100% _точно_"]);
    assert!(words(&f, "\"").await.is_empty());
    assert!(words(&f, "\"маркер\" OR \"анна\"").await.is_empty());
}

#[tokio::test]
async fn another_accounts_clients_never_pass_the_index() {
    let f = Fixture::new().await;
    let other = crm_testkit::TestAccount::create(&f.crm, "other").await;
    f.crm
        .create_client(
            other.admin,
            crm_testkit::origin::REST,
            crate::support::person("Чужой Маркеров", &[(Service::Mail, "alien@x.ru")]),
        )
        .await
        .unwrap();
    f.person("Свой", &[]).await;
    let live = Visibility::LiveOnly;
    assert!(found(&f, "Маркеров", live).await.is_empty());
    assert!(
        found(&f, "alien@", Visibility::IncludeDeleted)
            .await
            .is_empty()
    );
    assert!(words(&f, "маркеров").await.is_empty());
    assert!(words(&f, "alien@").await.is_empty());
    let mut q = ClientQuery::new(
        Visibility::LiveOnly,
        Page {
            offset: 0,
            limit: 10,
        },
    );
    q.search = Some(f.crm.search_pattern("Свой").unwrap());
    assert_eq!(f.crm.list_clients(f.who(), &q).await.unwrap().total, 1);
}

#[tokio::test]
async fn a_search_total_follows_writes_and_the_deleted_values_it_reads() {
    let f = Fixture::new().await;
    for name in ["Метка один", "Метка два", "Прочий"] {
        f.person(name, &[]).await;
    }
    let hidden = f
        .person("Скрытый", &[(Service::Mail, "metka@example.com")])
        .await;
    let point = hidden.contacts[0].id;
    f.crm.delete_contact_point(f.who(), point).await.unwrap();
    let live = Visibility::LiveOnly;
    assert_eq!(marked(&f, 0, live).await.total, 2);
    let second = marked(&f, 1, live).await;
    assert_eq!((second.total, second.clients.len()), (2, 1));
    assert_eq!(marked(&f, 0, Visibility::IncludeDeleted).await.total, 3);
    f.person("Метка три", &[]).await;
    assert_eq!(marked(&f, 2, live).await.total, 3);
}

/// The page at `offset`, one client long, of the search for the marker.
async fn marked(f: &Fixture, offset: u64, points: Visibility) -> ClientPage {
    let mut q = ClientQuery::new(Visibility::LiveOnly, Page { offset, limit: 1 });
    q.search = Some(f.crm.search_pattern("(?i)метка|metka").unwrap());
    q.search_points = points;
    f.crm.list_clients(f.who(), &q).await.unwrap()
}

#[tokio::test]
async fn a_page_of_sparse_matches_is_found_past_many_candidates() {
    let f = Fixture::new().await;
    let names: Vec<String> = (0..400).map(|n| format!("Редкая метка {n}")).collect();
    let clients = names
        .iter()
        .map(|n| crate::support::person(n, &[]))
        .collect();
    f.crm
        .create_clients(f.who(), crm_core::Origin::Manual, clients)
        .await
        .unwrap();
    // Every name is a candidate of the literal; one in ten matches.
    let search = |offset, limit| {
        let mut q = ClientQuery::new(Visibility::LiveOnly, Page { offset, limit });
        q.search = Some(f.crm.search_pattern("метка \\d*7$").unwrap());
        q
    };
    let all: Vec<String> = names.iter().filter(|n| n.ends_with('7')).cloned().collect();
    assert_eq!(all.len(), 40);
    for (offset, limit) in [(0, 5), (20, 5), (35, 10), (45, 5)] {
        let page = f
            .crm
            .clients(f.who(), &search(offset, limit))
            .await
            .unwrap();
        let got: Vec<String> = page.iter().map(|c| c.name.as_full().to_owned()).collect();
        let start = usize::try_from(offset).unwrap().min(all.len());
        let end = (start + usize::try_from(limit).unwrap()).min(all.len());
        assert_eq!(got, all[start..end], "at {offset}");
    }
}
