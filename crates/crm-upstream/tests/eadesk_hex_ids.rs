#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! A real Eadesk names persons and their contact data by 24 hex digits,
//! which no other dialect can show. Against a stub that does so, a bound
//! account's clients come back under numbers of the gateway's id map, read
//! back by them, and the map names the upstream's ids again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use crm_core::store::{IdKind, UpstreamIdStore};
use crm_core::{
    ClientKind, ClientQuery, ContactKind, Crm, DialectName, Name, NewClient, NewContactPoint, Page,
    Service, UpstreamBinding, Visibility,
};
use crm_testkit::loopback::loopback;
use crm_testkit::{TestAccount, TestDb, cheap_crm_config};
use crm_upstream::Connector;
use serde_json::{Value, json};

/// The stub's persons, each with its contact data, as Eadesk draws them.
#[derive(Clone, Default)]
struct Stub(Arc<Mutex<Vec<Value>>>);

fn hex(n: usize) -> String {
    format!("5f1d7a3c9b1e4a00{n:08x}")
}

async fn create(State(stub): State<Stub>, Json(body): Json<Value>) -> Json<Value> {
    let mut persons = stub.0.lock().unwrap();
    let person = json!({
        "_id": hex(persons.len() * 100 + 1),
        "name": body["name"],
        "description": body["description"].as_str().unwrap_or(""),
        "segments": [],
        "contacts": [],
        "accountId": "5f1d7a3c9b1e4a00ffffffff",
        "createdAt": "2026-11-28T05:00:00.000Z",
        "avatarBgColor": "#2196F3",
    });
    persons.push(person.clone());
    Json(person)
}

async fn read(
    State(stub): State<Stub>,
    Query(query): Query<HashMap<String, String>>,
) -> Json<Value> {
    let persons = stub.0.lock().unwrap();
    let wanted = |p: &&Value| query.get("id").is_none_or(|id| p["_id"] == id.as_str());
    Json(Value::Array(
        persons.iter().filter(wanted).cloned().collect(),
    ))
}

async fn add_contact(
    State(stub): State<Stub>,
    Path(person): Path<String>,
    Json(body): Json<Value>,
) -> Json<Value> {
    let mut persons = stub.0.lock().unwrap();
    let owner = persons
        .iter_mut()
        .find(|p| p["_id"] == person.as_str())
        .unwrap();
    let count = owner["contacts"].as_array().unwrap().len();
    let contact = json!({
        "id": hex(count + 7_000),
        "value": body["value"],
        "type": body["type"],
        "service": body["service"],
        "origin": "manual",
    });
    owner["contacts"]
        .as_array_mut()
        .unwrap()
        .push(contact.clone());
    Json(json!({"result": contact}))
}

async fn start_stub() -> String {
    let router = Router::new()
        .route("/api/clients/person/create", post(create))
        .route("/api/clients/person/read", get(read))
        .route(
            "/api/clients/person/contacts/create/{id}",
            post(add_contact),
        )
        .with_state(Stub::default());
    loopback(router).await
}

#[tokio::test]
async fn hex_ids_are_shown_under_the_gateways_numbers_and_read_back_by_them() {
    let db = TestDb::new().await;
    let store = Arc::new(db.store().await);
    let connector = Connector::default().with_ids(store.clone());
    let crm = Crm::new(store.clone(), cheap_crm_config())
        .unwrap()
        .with_upstreams(Arc::new(connector));
    let acme = TestAccount::create(&crm, "acme").await;
    let binding = UpstreamBinding::new(
        DialectName::new("eadesk"),
        &start_stub().await,
        r#"{"token": "t"}"#.to_owned(),
    );
    crm.bind_upstream("acme", &binding).await.unwrap();

    let mut new = NewClient::new(ClientKind::Person, Name::full("Иван Петров"));
    new.contacts.push(NewContactPoint::new(
        ContactKind::Phone,
        Service::Phone,
        None,
        "+7 900 000-00-01",
    ));
    let made = acme
        .create_client(&crm, crm_testkit::origin::REST, new)
        .await;
    let mapped = 1_i64 << 52;
    assert!(made.id.get() > mapped, "{:?}", made.id);
    assert_eq!(made.name.as_full(), "Иван Петров");
    assert_eq!(made.contacts.len(), 1);
    assert!(
        made.contacts[0].id.get() > mapped,
        "{:?}",
        made.contacts[0].id
    );

    let account = acme.admin.account;
    let person = store
        .upstream_id(account, IdKind::Client, made.id.get() - mapped)
        .await
        .unwrap();
    assert_eq!(person.as_deref(), Some(hex(1).as_str()));
    let datum = store
        .upstream_id(
            account,
            IdKind::ContactPoint,
            made.contacts[0].id.get() - mapped,
        )
        .await
        .unwrap();
    assert_eq!(datum.as_deref(), Some(hex(7_000).as_str()));

    let again = crm
        .client(acme.admin, made.id, Visibility::LiveOnly)
        .await
        .unwrap();
    assert_eq!(
        (again.id, again.contacts[0].id),
        (made.id, made.contacts[0].id)
    );
    let query = ClientQuery::new(
        Visibility::LiveOnly,
        Page {
            offset: 0,
            limit: 10,
        },
    );
    let listed = crm.clients(acme.admin, &query).await.unwrap();
    assert_eq!(
        listed.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![made.id]
    );
    let unknown = crm_core::ClientId(mapped + 999_999);
    let missing = crm.client(acme.admin, unknown, Visibility::LiveOnly).await;
    assert!(missing.is_err(), "{missing:?}");
}
