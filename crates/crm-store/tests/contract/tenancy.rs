use crm_core::{
    ClientFilter, ClientPatch, ClientQuery, ContactPointPatch, ContactPointQuery, CoreError,
    DocumentKind, Name, Page, Patch, Service, Visibility,
};
use crm_testkit::TestAccount;

use crate::support::{Fixture, point};

#[tokio::test]
async fn another_accounts_records_behave_as_missing() {
    let f = Fixture::new().await;
    let other = TestAccount::create(&f.crm, "other").await;
    let theirs = f
        .crm
        .create_client(
            other.admin,
            crm_testkit::origin::REST,
            crate::support::person("Чужой", &[(Service::Mail, "x@y.z")]),
        )
        .await
        .unwrap();
    let us = f.who();
    let all = Visibility::IncludeDeleted;

    assert!(matches!(
        f.crm.client(us, theirs.id, all).await,
        Err(CoreError::NotFound { .. })
    ));
    let patch = ClientPatch {
        name: Patch::Set(Name::full("Взлом")),
        ..Default::default()
    };
    let upd = f
        .crm
        .update_client(us, theirs.id, all, crm_testkit::origin::REST, &patch)
        .await;
    assert!(matches!(upd, Err(CoreError::NotFound { .. })), "{upd:?}");
    assert!(matches!(
        f.crm.delete_client(us, theirs.id, all).await,
        Err(CoreError::NotFound { .. })
    ));
    let add = f
        .crm
        .add_contact_point(
            us,
            theirs.id,
            all,
            crm_testkit::origin::EADESK,
            &point(Service::Mail, "a@b.c"),
        )
        .await;
    assert!(matches!(add, Err(CoreError::NotFound { .. })));
    let point_id = theirs.contacts[0].id;
    let cp = ContactPointPatch {
        value: Patch::Set("z".to_owned()),
        ..Default::default()
    };
    assert!(matches!(
        f.crm.update_contact_point(us, point_id, &cp).await,
        Err(CoreError::NotFound { .. })
    ));
    assert!(matches!(
        f.crm.delete_contact_point(us, point_id).await,
        Err(CoreError::NotFound { .. })
    ));
    assert!(matches!(
        f.crm
            .add_document(us, theirs.id, DocumentKind::Deal, "d")
            .await,
        Err(CoreError::NotFound { .. })
    ));
    assert_eq!(f.crm.avatar(us, theirs.id).await.unwrap(), None);

    let q = ClientQuery {
        filters: vec![ClientFilter::Ids(vec![theirs.id])],
        ..ClientQuery::new(
            all,
            Page {
                offset: 0,
                limit: 10,
            },
        )
    };
    assert_eq!(f.crm.list_clients(us, &q).await.unwrap().total, 0);
    let points = ContactPointQuery {
        client: Some(theirs.id),
        id: None,
        value: None,
        search: None,
        kinds: vec![],
        services: vec![],
        visibility: all,
        page: Page {
            offset: 0,
            limit: 10,
        },
    };
    assert!(
        f.crm
            .list_contact_points(us, &points)
            .await
            .unwrap()
            .is_empty()
    );

    let mut linked = crate::support::person("Связь", &[]);
    linked.companies = vec![theirs.id];
    let link = f
        .crm
        .create_client(us, crm_testkit::origin::REST, linked)
        .await;
    assert!(matches!(link, Err(CoreError::Invalid { .. })), "{link:?}");
    let mut foreign_user = crate::support::person("Чужой менеджер", &[]);
    foreign_user.attributes.responsible = Some(other.admin.user);
    let err = f
        .crm
        .create_client(us, crm_testkit::origin::REST, foreign_user)
        .await;
    assert!(matches!(err, Err(CoreError::Invalid { .. })), "{err:?}");

    let untouched = f.crm.client(other.admin, theirs.id, all).await.unwrap();
    assert_eq!(untouched, theirs);
}
