//! TLS to PostgreSQL, as managed services require it: a throwaway cluster
//! that refuses plain connections, with a certificate from an authority
//! made in the test. `sslmode` and `sslrootcert` in the database URL are
//! honoured as libpq honours them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{Dialect, Session};
use crm_e2e::person::Person;
use crm_e2e::pg_cluster::{Authority, TlsCluster};
use crm_e2e::{Gateway, create_account, operator};

#[tokio::test]
async fn the_gateway_serves_over_a_verified_tls_connection() {
    let Some(cluster) = TlsCluster::start() else {
        return;
    };
    let ca = cluster.ca_file.display().to_string();
    let url = cluster.url(&format!("sslmode=verify-full&sslrootcert={ca}"));
    let credentials = create_account(&url, "acme");
    let gateway = Gateway::start(&url);
    let session = Session::open(&gateway.url(""), credentials).await;
    let person = Person::sample("over tls");
    let id = session.write(Dialect::Rest, &person).await;
    let seen = session.read(Dialect::Planfix, id).await.unwrap();
    assert!(seen.shows(&person), "{seen:?}");
}

#[tokio::test]
async fn a_plain_or_unverified_connection_is_refused() {
    let Some(cluster) = TlsCluster::start() else {
        return;
    };
    let reaches = |options: &str| {
        let (ok, printed) = operator::account(&cluster.url(options), &["list"]);
        (ok, printed)
    };
    let (ok, printed) = reaches("sslmode=require");
    assert!(ok, "encrypted, the certificate unchecked: {printed}");

    let (ok, printed) = reaches("sslmode=disable");
    assert!(!ok, "a plain connection: {printed}");
    assert!(
        printed.contains("no encryption") || printed.contains("pg_hba.conf"),
        "{printed}"
    );

    let (ok, printed) = reaches("sslmode=verify-full");
    assert!(!ok, "an authority no root store knows: {printed}");

    let stranger = Authority::new("another CA");
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.pem");
    std::fs::write(&other, &stranger.pem).unwrap();
    let (ok, printed) = reaches(&format!(
        "sslmode=verify-ca&sslrootcert={}",
        other.display()
    ));
    assert!(!ok, "a certificate another authority signed: {printed}");

    let ca = cluster.ca_file.display().to_string();
    let (ok, printed) = reaches(&format!("sslmode=verify-ca&sslrootcert={ca}"));
    assert!(ok, "{printed}");
}
