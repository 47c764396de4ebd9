use crm_core::{
    AttributesPatch, ContactKind, ContactPointPatch, ContactPointQuery, CoreError, Page, Patch,
    Service, Status, Visibility,
};

use crate::support::{Fixture, point};

fn query() -> ContactPointQuery {
    ContactPointQuery {
        client: None,
        id: None,
        value: None,
        search: None,
        kinds: vec![],
        services: vec![],
        visibility: Visibility::IncludeDeleted,
        page: Page {
            offset: 0,
            limit: 100,
        },
    }
}

#[tokio::test]
async fn contact_points_are_added_updated_deleted_and_listed() {
    let f = Fixture::new().await;
    let c = f.person("Контакт", &[(Service::Mail, "a@b.c")]).await;
    let added = f
        .crm
        .add_contact_point(
            f.who(),
            c.id,
            Visibility::LiveOnly,
            crm_testkit::origin::EADESK,
            &point(Service::Skype, "sk"),
        )
        .await
        .unwrap();
    assert_eq!(
        (added.kind, added.service, added.client),
        (ContactKind::Id, Service::Skype, c.id)
    );
    assert_eq!(added.position, 2);

    let patch = ContactPointPatch {
        value: Patch::Set("sk2".to_owned()),
        ..Default::default()
    };
    let changed = f
        .crm
        .update_contact_point(f.who(), added.id, &patch)
        .await
        .unwrap();
    assert_eq!(changed.value, "sk2");

    f.crm.delete_contact_point(f.who(), added.id).await.unwrap();
    let listed = f
        .crm
        .list_contact_points(
            f.who(),
            &ContactPointQuery {
                client: Some(c.id),
                ..query()
            },
        )
        .await
        .unwrap();
    let states: Vec<(&str, Status)> = listed
        .iter()
        .map(|p| (p.value.as_str(), p.status))
        .collect();
    assert_eq!(
        states,
        [("a@b.c", Status::Active), ("sk2", Status::Deleted)]
    );

    let live = f
        .crm
        .list_contact_points(
            f.who(),
            &ContactPointQuery {
                visibility: Visibility::LiveOnly,
                ..query()
            },
        )
        .await
        .unwrap();
    assert_eq!(live.len(), 1);
}

#[tokio::test]
async fn a_searched_page_of_contact_points_windows_the_matches() {
    let f = Fixture::new().await;
    let values = ["1", "a", "2", "b", "3", "c", "4", "5"];
    for value in values {
        f.person(value, &[(Service::Phone, value)]).await;
    }
    let page = |offset, limit| ContactPointQuery {
        search: Some(f.crm.search_pattern("^[0-9]$").unwrap()),
        page: Page { offset, limit },
        ..query()
    };
    for ((offset, limit), want) in [
        ((0, 100), vec!["1", "2", "3", "4", "5"]),
        ((1, 2), vec!["2", "3"]),
        ((4, 10), vec!["5"]),
        ((5, 10), vec![]),
    ] {
        let got: Vec<String> = f
            .crm
            .list_contact_points(f.who(), &page(offset, limit))
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.value)
            .collect();
        assert_eq!(got, want, "offset {offset}, limit {limit}");
    }
}

#[tokio::test]
async fn contact_point_filters() {
    let f = Fixture::new().await;
    f.person(
        "Один",
        &[(Service::Mail, "one@x.ru"), (Service::Phone, "111")],
    )
    .await;
    f.person("Два", &[(Service::Telegram, "@two")]).await;
    let by = |q: ContactPointQuery| {
        let crm = f.crm.clone();
        let who = f.who();
        async move {
            crm.list_contact_points(who, &q)
                .await
                .unwrap()
                .into_iter()
                .map(|p| p.value)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        by(ContactPointQuery {
            kinds: vec![ContactKind::Phone],
            ..query()
        })
        .await,
        ["111"]
    );
    assert_eq!(
        by(ContactPointQuery {
            services: vec![Service::Telegram],
            ..query()
        })
        .await,
        ["@two"]
    );
    assert_eq!(
        by(ContactPointQuery {
            value: Some("one@x.ru".to_owned()),
            ..query()
        })
        .await,
        ["one@x.ru"]
    );
    let search = Some(f.crm.search_pattern("^[0-9]+$").unwrap());
    assert_eq!(by(ContactPointQuery { search, ..query() }).await, ["111"]);
    assert_eq!(
        by(ContactPointQuery {
            page: Page {
                offset: 1,
                limit: 1
            },
            ..query()
        })
        .await,
        ["111"]
    );
}

#[tokio::test]
async fn contact_point_of_a_missing_client_is_not_found() {
    let f = Fixture::new().await;
    let err = f
        .crm
        .add_contact_point(
            f.who(),
            crm_core::ClientId(999_999),
            Visibility::LiveOnly,
            crm_testkit::origin::EADESK,
            &point(Service::Mail, "x@y.z"),
        )
        .await;
    assert!(matches!(err, Err(CoreError::NotFound { .. })), "{err:?}");
    let gone = f
        .crm
        .delete_contact_point(f.who(), crm_core::ContactPointId(999_999))
        .await;
    assert!(matches!(gone, Err(CoreError::NotFound { .. })));
}

#[tokio::test]
async fn a_rewrite_changes_one_point_in_place_in_the_client_update() {
    use crm_core::{ClientPatch, ContactRewrite, Name, UserId};

    let f = Fixture::new().await;
    let c = f
        .person(
            "Переписанный",
            &[(Service::Mail, "old@x.ru"), (Service::Mail, "second@x.ru")],
        )
        .await;
    let other = f.person("Другой", &[(Service::Mail, "other@x.ru")]).await;
    let rewrite = |id, value: &str| ContactRewrite {
        id,
        value: value.to_owned(),
    };

    let failing = ClientPatch {
        name: Patch::Set(Name::full("Новое имя")),
        attributes: AttributesPatch {
            responsible: Patch::Set(UserId(i64::MAX)),
            ..AttributesPatch::default()
        },
        rewrites: vec![rewrite(c.contacts[0].id, "lost@x.ru")],
        ..Default::default()
    };
    let err = f
        .crm
        .update_client(
            f.who(),
            c.id,
            Visibility::LiveOnly,
            crm_testkit::origin::REST,
            &failing,
        )
        .await;
    assert!(matches!(err, Err(CoreError::Invalid { .. })), "{err:?}");
    let unchanged = f
        .crm
        .client(f.who(), c.id, Visibility::LiveOnly)
        .await
        .unwrap();
    assert_eq!(unchanged, c, "a refused update writes nothing");

    let patch = ClientPatch {
        name: Patch::Set(Name::full("Новое имя")),
        rewrites: vec![
            rewrite(c.contacts[0].id, "new@x.ru"),
            rewrite(other.contacts[0].id, "stolen@x.ru"),
        ],
        ..Default::default()
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
        .unwrap()
        .record;
    let points: Vec<(crm_core::ContactPointId, &str)> = updated
        .contacts
        .iter()
        .map(|p| (p.id, p.value.as_str()))
        .collect();
    assert_eq!(
        points,
        [
            (c.contacts[0].id, "new@x.ru"),
            (c.contacts[1].id, "second@x.ru")
        ]
    );
    let other = f
        .crm
        .client(f.who(), other.id, Visibility::LiveOnly)
        .await
        .unwrap();
    assert_eq!(
        other.contacts[0].value, "other@x.ru",
        "another client's point is left alone"
    );
}

#[tokio::test]
async fn concurrent_changes_to_one_point_are_both_kept() {
    use crm_core::Label;

    let f = Fixture::new().await;
    let c = f.person("Гонка", &[(Service::Phone, "100")]).await;
    let id = c.contacts[0].id;
    let values = {
        let (crm, who) = (f.crm.clone(), f.who());
        tokio::spawn(async move {
            for i in 0..20 {
                let patch = ContactPointPatch {
                    value: Patch::Set(format!("v{i}")),
                    ..Default::default()
                };
                crm.update_contact_point(who, id, &patch).await.unwrap();
            }
        })
    };
    let labels = {
        let (crm, who) = (f.crm.clone(), f.who());
        tokio::spawn(async move {
            for i in 0..20 {
                let label = if i % 2 == 0 {
                    Label::Home
                } else {
                    Label::Mobile
                };
                let patch = ContactPointPatch {
                    label: Patch::Set(label),
                    ..Default::default()
                };
                crm.update_contact_point(who, id, &patch).await.unwrap();
            }
        })
    };
    values.await.unwrap();
    labels.await.unwrap();
    let read = f
        .crm
        .client(f.who(), c.id, Visibility::LiveOnly)
        .await
        .unwrap();
    assert_eq!(read.contacts[0].value, "v19");
    assert_eq!(read.contacts[0].label, Some(Label::Mobile));
}
