#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The client half against the real router on a loopback socket: every call
//! written by the client, served by the server half, read back by the client.

#[path = "client/auth.rs"]
mod auth;
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::middleware::{Next, from_fn};
use crm_http::client::Upstream;
use crm_planfix::client::{Auth, ClientError, Credentials, PlanfixClient};
use crm_planfix::op::{ContactRef, ContractorsIn, ListIn, UserInfoIn};
use crm_planfix::wire::{ContactIn, CustomValueIn, Failure, PhoneIn};
use crm_testkit::loopback::{loopback, upstream};
use http::Request;
use support::Env;

/// The router on 127.0.0.1, counting the `auth.login` requests it serves.
struct Served {
    upstream: Upstream,
    logins: Arc<AtomicUsize>,
}

impl Served {
    async fn new(router: Router) -> Self {
        let logins = Arc::new(AtomicUsize::new(0));
        let counter = logins.clone();
        let router = router.layer(from_fn(move |request: Request<Body>, next: Next| {
            let counter = counter.clone();
            async move {
                let (parts, body) = request.into_parts();
                let bytes = to_bytes(body, usize::MAX).await.unwrap();
                if bytes.windows(12).any(|w| w == b"\"auth.login\"") {
                    counter.fetch_add(1, Ordering::SeqCst);
                }
                next.run(Request::from_parts(parts, Body::from(bytes)))
                    .await
            }
        }));
        let upstream = upstream(&loopback(router).await);
        Self { upstream, logins }
    }

    fn logins(&self) -> usize {
        self.logins.load(Ordering::SeqCst)
    }
}

/// The account as `account create --json` prints its `planfix` member.
fn credentials(env: &Env) -> Credentials {
    let member = serde_json::json!({
        "account": "acme",
        "api_key": env.api_key(),
        "private_key": env.private_key(),
        "login": env.acct.issued.admin.login,
        "password": env.acct.issued.password.expose(),
        "token": env.acct.key(crm_planfix::TOKEN),
    });
    serde_json::from_value(member).unwrap()
}

fn ivan() -> ContactIn {
    ContactIn {
        name: Some("Иван".to_owned()),
        last_name: Some("Петров".to_owned()),
        email: Some("ivan@example.com".to_owned()),
        phones: Some(vec![PhoneIn {
            number: "+79001112233".to_owned(),
            type_id: Some("1".to_owned()),
        }]),
        ..ContactIn::default()
    }
}

fn search(word: &str) -> ListIn {
    ListIn {
        search: Some(word.to_owned()),
        ..ListIn::default()
    }
}

fn refused(code: &str) -> impl Fn(&ClientError) -> bool + '_ {
    move |err| matches!(err, ClientError::Refused(Failure { code: c, .. }) if c == code)
}

#[tokio::test]
async fn a_contact_is_added_read_listed_updated_and_deleted_in_one_session() {
    let env = Env::new().await;
    let served = Served::new(env.app.clone()).await;
    let client = PlanfixClient::new(served.upstream.clone(), credentials(&env));
    assert_eq!(client.auth(), Auth::Session);

    let ids = client.add(&ivan()).await.unwrap();
    assert_eq!((&ids.userid, &ids.general), (&ids.id, &ids.id));
    let id = ContactRef(ids.id.parse().unwrap());
    let got = client.get(id).await.unwrap();
    let phone = &got.phones[0];
    assert_eq!(
        (
            got.name.as_str(),
            got.last_name.as_str(),
            got.email.as_str()
        ),
        ("Иван", "Петров", "ivan@example.com")
    );
    assert_eq!(
        (
            phone.number.as_str(),
            phone.type_id.as_str(),
            phone.type_name.as_str()
        ),
        ("+79001112233", "1", "Мобильный")
    );
    assert_eq!(got.mobile_phone, "+79001112233");

    let page = client.list(&search("Петров")).await.unwrap();
    assert_eq!((page.total_count, page.count), (1, 1));
    assert_eq!(page.contacts[0].id, ids.id);
    let none = client.list(&search("Сидоров")).await.unwrap();
    assert_eq!(
        (none.total_count, none.count, none.contacts.len()),
        (0, 0, 0)
    );

    let post = ContactIn {
        post: Some("Директор".to_owned()),
        ..ContactIn::default()
    };
    assert_eq!(client.update(id, &post).await.unwrap(), ids);
    let values = [CustomValueIn {
        id: "3".to_owned(),
        value: "new".to_owned(),
    }];
    assert_eq!(client.update_custom_data(id, &values).await.unwrap(), ids);
    let got = client.get(id).await.unwrap();
    assert_eq!(
        (got.post.as_str(), got.last_name.as_str()),
        ("Директор", "Петров")
    );
    let custom: Vec<_> = got
        .custom_data
        .iter()
        .map(|v| (v.field_id.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(custom, vec![("3", "new")]);

    let deleted = client.delete(id).await.unwrap();
    assert_eq!(deleted.id, ids.id);
    let gone = client.get(id).await.unwrap_err();
    assert!(refused("8002")(&gone), "{gone:?}");
    assert_eq!(served.logins(), 1, "one login, its sid kept and reused");
}

#[tokio::test]
async fn companies_access_pages_and_catalogues() {
    let env = Env::new().await;
    let served = Served::new(env.app.clone()).await;
    let client = PlanfixClient::new(served.upstream.clone(), credentials(&env));
    let person = client.add(&ivan()).await.unwrap();
    let company = ContactIn {
        name: Some("Альфа".to_owned()),
        is_company: Some("1".to_owned()),
        ..ContactIn::default()
    };
    let company = client.add(&company).await.unwrap();
    let id = ContactRef(person.id.parse().unwrap());

    let link = ContractorsIn::Change {
        add: vec![company.id.clone()],
        remove: Vec::new(),
    };
    assert_eq!(client.update_contractors(id, &link).await.unwrap(), person);
    let got = client.get(id).await.unwrap();
    let linked: Vec<_> = got
        .contractors
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(linked, vec![(company.id.as_str(), "Альфа")]);

    let access = client.manage_access(id, true, None).await.unwrap();
    assert_eq!(
        (access.id.as_str(), access.have_planfix_access),
        (person.id.as_str(), true)
    );
    let user = UserInfoIn {
        status: Some("UNACTIVE".to_owned()),
        ..UserInfoIn::default()
    };
    assert_eq!(client.update_user_info(id, &user).await.unwrap(), person);
    let got = client.get(id).await.unwrap();
    assert_eq!(got.user.map(|u| u.status), Some("UNACTIVE".to_owned()));

    let second = ListIn {
        page: Some("2".to_owned()),
        page_size: Some("1".to_owned()),
        ..ListIn::default()
    };
    let page = client.list(&second).await.unwrap();
    assert_eq!(
        (page.total_count, page.count, page.contacts.len()),
        (2, 1, 1)
    );
    let third = ListIn {
        page: Some("3".to_owned()),
        ..second
    };
    assert_eq!(client.list(&third).await.unwrap().count, 0);

    let types = client.phone_types().await.unwrap();
    let names: Vec<_> = types.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Мобильный", "Рабочий", "Домашний", "Другой"]);
    let groups = client.group_list().await.unwrap();
    assert_eq!(groups.count, groups.groups.len() as u64);
}
