//! Deleting a client: a status change, refused while deals depend on it,
//! and felt by the persons linked to a deleted company.

use crm_core::{ClientKind, CoreError, DocumentKind, Name, NewClient, Service, Status, Visibility};

use crate::support::{Fixture, person};

#[tokio::test]
async fn delete_is_soft_and_hides_the_client_from_live_reads() {
    let f = Fixture::new().await;
    let c = f.person("Удаляемый", &[(Service::Mail, "a@b.c")]).await;
    f.crm
        .delete_client(f.who(), c.id, Visibility::LiveOnly)
        .await
        .unwrap();

    let live = f.crm.client(f.who(), c.id, Visibility::LiveOnly).await;
    assert!(matches!(live, Err(CoreError::NotFound { .. })), "{live:?}");
    let kept = f
        .crm
        .client(f.who(), c.id, Visibility::IncludeDeleted)
        .await
        .unwrap();
    assert_eq!(kept.status, Status::Deleted);
    assert_eq!(kept.contacts.len(), 1);
    let twice = f
        .crm
        .delete_client(f.who(), c.id, Visibility::LiveOnly)
        .await;
    assert!(matches!(twice, Err(CoreError::NotFound { .. })));
}

#[tokio::test]
async fn client_with_deals_cannot_be_deleted() {
    let f = Fixture::new().await;
    let c = f.person("Со сделкой", &[]).await;
    f.crm
        .add_document(f.who(), c.id, DocumentKind::Deal, "сделка")
        .await
        .unwrap();
    f.crm
        .add_document(f.who(), c.id, DocumentKind::Invoice, "счёт")
        .await
        .unwrap();
    let err = f
        .crm
        .delete_client(f.who(), c.id, Visibility::LiveOnly)
        .await;
    assert!(
        matches!(err, Err(CoreError::HasDependents { .. })),
        "{err:?}"
    );
    let counts = f.crm.document_counts(f.who(), &[c.id]).await.unwrap();
    assert_eq!(
        (counts[0].deals, counts[0].invoices, counts[0].offers),
        (1, 1, 0)
    );
}

#[tokio::test]
async fn a_deleted_company_drops_out_of_its_persons_links() {
    let f = Fixture::new().await;
    let company = f
        .crm
        .create_client(
            f.who(),
            crm_testkit::origin::REST,
            NewClient::new(ClientKind::Company, Name::full("Закрытая")),
        )
        .await
        .unwrap();
    let mut p = person("Бывший сотрудник", &[]);
    p.companies = vec![company.id];
    let p = f
        .crm
        .create_client(f.who(), crm_testkit::origin::REST, p)
        .await
        .unwrap();
    assert_eq!(p.companies.len(), 1);
    f.crm
        .delete_client(f.who(), company.id, Visibility::LiveOnly)
        .await
        .unwrap();
    let read = f
        .crm
        .client(f.who(), p.id, Visibility::LiveOnly)
        .await
        .unwrap();
    assert!(read.companies.is_empty(), "{:?}", read.companies);
}
