//! Creating many clients at once (SalesMan `add.list`, imports): all or
//! none, within the limit, and each client as a create of it alone would
//! store it, though PostgreSQL takes another path for a batch.

use crm_core::{ClientKind, CoreError, Name, UserId, Visibility};

use crate::clients::full_company;
use crate::support::{Fixture, person};

#[tokio::test]
async fn bulk_insert_is_all_or_none() {
    let f = Fixture::new().await;
    let good = person("Первый", &[]);
    let mut bad = person("Второй", &[]);
    bad.attributes.responsible = Some(UserId(i64::MAX));
    let err = f
        .crm
        .create_clients(
            f.who(),
            crm_testkit::origin::SALESMAN,
            vec![good.clone(), bad],
        )
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::Invalid { .. }), "{err:?}");
    let page = f
        .crm
        .list_clients(
            f.who(),
            &crm_core::ClientQuery::new(Visibility::IncludeDeleted, crate::lists::all()),
        )
        .await
        .unwrap();
    assert_eq!(page.total, 0);

    let ids = f
        .crm
        .create_clients(
            f.who(),
            crm_testkit::origin::SALESMAN,
            vec![good.clone(), good],
        )
        .await
        .unwrap();
    assert_eq!(ids.len(), 2);
    assert!(ids[0] < ids[1]);
}

/// A batch goes another way than one create on PostgreSQL (multi-row
/// statements): each client must come back as a create of it alone would.
#[tokio::test]
async fn a_batch_stores_every_client_as_one_create_would() {
    let f = Fixture::new().await;
    let company = f.create(crm_testkit::origin::REST, full_company()).await;
    let mut batch = Vec::new();
    for n in 0..7 {
        let mut c = full_company();
        c.name = Name::full(format!("Клиент {n}"));
        c.kind = ClientKind::Person;
        c.companies = vec![company.id];
        c.avatar = (n % 2 == 0).then(|| vec![1, 2, 3]);
        c.contacts.truncate(n % 4);
        batch.push(c);
    }
    let ids = f
        .crm
        .create_clients(f.who(), crm_testkit::origin::SALESMAN, batch.clone())
        .await
        .unwrap();
    assert_eq!(ids.len(), batch.len());
    for (id, new) in ids.iter().zip(&batch) {
        let got = f
            .crm
            .client(f.who(), *id, Visibility::LiveOnly)
            .await
            .unwrap();
        let alone = f.create(crm_testkit::origin::SALESMAN, new.clone()).await;
        assert_eq!(got.name, alone.name);
        assert_eq!(got.has_avatar, alone.has_avatar);
        assert_eq!(got.fields, alone.fields);
        assert_eq!(got.companies, alone.companies);
        assert_eq!(got.loyalty, alone.loyalty);
        assert_eq!(got.attributes.segments, alone.attributes.segments);
        let shape = |c: &crm_core::Client| -> Vec<_> {
            c.contacts
                .iter()
                .map(|p| {
                    (
                        p.kind,
                        p.service,
                        p.label,
                        p.value.clone(),
                        p.position,
                        p.status,
                    )
                })
                .collect()
        };
        assert_eq!(shape(&got), shape(&alone), "{}", new.name.as_full());
    }
}

#[tokio::test]
async fn bulk_insert_refuses_more_than_the_limit() {
    let f = Fixture::new().await;
    let many = vec![person("x", &[]); f.crm.config().max_bulk_records + 1];
    let err = f
        .crm
        .create_clients(f.who(), crm_testkit::origin::SALESMAN, many)
        .await;
    assert!(matches!(err, Err(CoreError::Invalid { .. })));
}
