//! Sessions, tokens, signatures, refusals and answers that are not Planfix's.

use std::time::Duration;

use axum::Router;
use axum::routing::any;
use crm_planfix::client::{Auth, ClientError, Credentials, PlanfixClient};
use crm_planfix::op::{ContactRef, ListIn};
use crm_testkit::{TestDb, cheap_crm_config};

use crate::support::Env;
use crate::{Served, credentials, ivan, refused, search};

#[tokio::test]
async fn clones_share_one_session() {
    let env = Env::new().await;
    let served = Served::new(env.app.clone()).await;
    let client = PlanfixClient::new(served.upstream.clone(), credentials(&env));
    let other = client.clone();
    let all = ListIn::default();
    let (a, b) = tokio::join!(client.phone_types(), other.list(&all));
    assert_eq!((a.unwrap().types.len(), b.unwrap().count), (4, 0));
    assert_eq!(served.logins(), 1);
}

#[tokio::test]
async fn an_expired_session_is_renewed_once_and_the_call_succeeds() {
    let db = TestDb::new().await;
    let crm = db
        .crm_with(crm_core::crm::CrmConfig {
            session_idle: Duration::from_millis(1000),
            credential_ttl: Duration::ZERO,
            ..cheap_crm_config()
        })
        .await;
    let env = Env::over(db, crm).await;
    let served = Served::new(env.app.clone()).await;
    let client = PlanfixClient::new(served.upstream.clone(), credentials(&env));
    let ids = client.add(&ivan()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let got = client
        .get(ContactRef(ids.id.parse().unwrap()))
        .await
        .unwrap();
    assert_eq!(got.last_name, "Петров");
    assert_eq!(served.logins(), 2, "the first login and one renewal");
}

#[tokio::test]
async fn token_mode_sends_no_login_and_signed_or_not_is_accepted() {
    let env = Env::new().await;
    let served = Served::new(env.app.clone()).await;
    let full = credentials(&env);
    let token = Credentials {
        login: String::new(),
        password: String::new(),
        ..full.clone()
    };
    let client = PlanfixClient::new(served.upstream.clone(), token);
    assert_eq!(client.auth(), Auth::Token);
    let ids = client.add(&ivan()).await.unwrap();
    let unsigned = Credentials {
        private_key: String::new(),
        ..full.clone()
    };
    let chosen = PlanfixClient::with_auth(served.upstream.clone(), unsigned, Auth::Token);
    let page = chosen.list(&search("Петров")).await.unwrap();
    assert_eq!(page.contacts[0].id, ids.id);
    assert_eq!(served.logins(), 0);
}

#[tokio::test]
async fn wrong_credentials_are_refused_with_planfix_codes() {
    let env = Env::new().await;
    let served = Served::new(env.app.clone()).await;
    let full = credentials(&env);
    let token = |token: &str| Credentials {
        login: String::new(),
        password: String::new(),
        token: token.to_owned(),
        ..full.clone()
    };
    let cases = [
        (
            "0001",
            Credentials {
                api_key: "nope".to_owned(),
                ..full.clone()
            },
        ),
        (
            "1001",
            Credentials {
                password: "wrong".to_owned(),
                ..full.clone()
            },
        ),
        (
            "0006",
            Credentials {
                private_key: "other".to_owned(),
                ..full.clone()
            },
        ),
        (
            "0004",
            Credentials {
                account: "other".to_owned(),
                ..full.clone()
            },
        ),
        ("0012", token("not-a-token")),
    ];
    for (code, credentials) in cases {
        let client = PlanfixClient::new(served.upstream.clone(), credentials);
        let err = client.list(&ListIn::default()).await.unwrap_err();
        assert!(refused(code)(&err), "{code}: {err:?}");
    }
}

#[tokio::test]
async fn an_answer_that_is_not_planfix_xml_is_unreadable_and_no_secret_shows() {
    let stub = Router::new().route(
        "/xml/",
        any(|| async { "<html><body>Bad gateway</body></html>" }),
    );
    let served = Served::new(stub).await;
    let credentials = Credentials {
        account: "acme".to_owned(),
        api_key: "api-s3cret".to_owned(),
        private_key: "pk-s3cret".to_owned(),
        login: "admin".to_owned(),
        password: "pw-s3cret".to_owned(),
        token: "tk-s3cret".to_owned(),
    };
    for auth in [Auth::Session, Auth::Token] {
        let client = PlanfixClient::with_auth(served.upstream.clone(), credentials.clone(), auth);
        let err = client.get(ContactRef(1)).await.unwrap_err();
        assert!(matches!(err, ClientError::Unreadable(_)), "{err:?}");
        for shown in [format!("{err}"), format!("{err:?}"), format!("{client:?}")] {
            assert!(!shown.contains("s3cret"), "{shown}");
        }
    }
}
