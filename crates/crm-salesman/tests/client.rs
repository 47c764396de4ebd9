#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The client half against the real router on a loopback socket: every call
//! written by the client, served by the server half, read back by the client.

mod support;

use axum::Router;
use axum::routing::any;
use crm_core::{ClientId, TextField};
use crm_http::client::Upstream;
use crm_salesman::client::{ClientError, Credentials, SalesmanClient};
use crm_salesman::op::{ListArgs, ListFilter, PersonInput, View};
use crm_salesman::wire::{BatchEntry, Column, Done, Failure, Record, Scalar};
use crm_testkit::loopback::{loopback, upstream};
use support::App;

/// Serves `router` on 127.0.0.1 and returns an upstream pointed at it.
async fn serve(router: Router) -> Upstream {
    upstream(&loopback(router).await)
}

/// The app's account as `account create --json` prints its `salesman` member.
fn credentials(app: &App) -> Credentials {
    let member = serde_json::json!({"login": app.login(), "apikey": app.apikey()});
    serde_json::from_value(member).unwrap()
}

async fn client(app: &App) -> SalesmanClient {
    SalesmanClient::new(serve(app.app.clone()).await, credentials(app))
}

fn person(name: &str, tel: &str, mail: &str) -> PersonInput {
    PersonInput {
        person: Some(name.to_owned()),
        tel: Some(tel.to_owned()),
        mail: Some(mail.to_owned()),
        ..PersonInput::default()
    }
}

fn pid_of(done: &Done) -> ClientId {
    match done.data {
        Scalar::Int(pid) => ClientId(pid),
        ref other => panic!("no pid in {other:?}"),
    }
}

fn view() -> View {
    View {
        columns: vec![
            Column::Pid,
            Column::Person,
            Column::Tel,
            Column::Mail,
            Column::Mob,
        ],
        socials: false,
    }
}

fn values(record: &Record) -> Vec<(&str, Scalar)> {
    record
        .values
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect()
}

fn text(s: &str) -> Scalar {
    Scalar::Text(s.to_owned())
}

fn search(word: &str) -> ListArgs {
    ListArgs {
        word: Some(word.to_owned()),
        view: view(),
        ..ListArgs::default()
    }
}

#[tokio::test]
async fn a_person_is_added_read_listed_updated_and_deleted() {
    let app = App::new().await;
    let client = client(&app).await;

    let added = client
        .add(&person(
            "Петров Иван",
            "+7 900 111-22-33",
            "ivan@example.com",
        ))
        .await
        .unwrap();
    assert_eq!(added.result, "Успешно");
    let pid = pid_of(&added);

    let info = client.info(pid, &view()).await.unwrap();
    assert_eq!(
        values(&info.data),
        vec![
            ("pid", text(&pid.to_string())),
            ("person", text("Петров Иван")),
            ("tel", text("+7 900 111-22-33")),
            ("mail", text("ivan@example.com")),
            ("mob", Scalar::Null),
        ]
    );

    let found = client.list(&search("Петров")).await.unwrap();
    assert_eq!(found.count, 1);
    assert_eq!(found.data[0].get("pid"), Some(&Scalar::Int(pid.get())));
    assert_eq!(found.data[0].get("person"), Some(&text("Петров Иван")));
    let by_mail = ListArgs {
        filters: vec![ListFilter::Text(TextField::Mail, "ivan@".to_owned())],
        ..ListArgs::default()
    };
    assert_eq!(client.list(&by_mail).await.unwrap().count, 1);
    assert_eq!(client.list(&search("Сидоров")).await.unwrap().count, 0);

    let change = PersonInput {
        mob: Some("+7 901 000-00-00".to_owned()),
        ..PersonInput::default()
    };
    let updated = client.update(pid, &change).await.unwrap();
    assert_eq!(updated.data, text(&pid.to_string()));
    let info = client.info(pid, &view()).await.unwrap();
    assert_eq!(info.data.get("mob"), Some(&text("+7 901 000-00-00")));
    assert_eq!(info.data.get("tel"), Some(&text("+7 900 111-22-33")));

    let deleted = client.delete(pid).await.unwrap();
    assert_eq!(
        (deleted.result.as_str(), pid_of(&deleted)),
        ("Успешно", pid)
    );
    let gone = client.info(pid, &view()).await.unwrap_err();
    assert!(
        matches!(&gone, ClientError::Refused(f) if f.code == text("403")),
        "{gone:?}"
    );
    assert_eq!(client.list(&search("Петров")).await.unwrap().count, 0);
}

#[tokio::test]
async fn add_list_answers_each_person_and_list_pages_by_200() {
    let app = App::new().await;
    let client = client(&app).await;
    let batch = client
        .add_list(&[
            person("Один", "+7 1", "one@example.com"),
            person("Два", "+7 2", "two@example.com"),
        ])
        .await
        .unwrap();
    let pids: Vec<ClientId> = batch
        .0
        .iter()
        .map(|entry| match entry {
            BatchEntry::Done(done) => pid_of(done),
            BatchEntry::Failed(failure) => panic!("{failure:?}"),
        })
        .collect();
    assert_eq!(pids.len(), 2);

    let first = client.list(&ListArgs::default()).await.unwrap();
    assert_eq!(first.count, 2);
    let listed: Vec<_> = first.data.iter().map(|r| r.get("pid").cloned()).collect();
    // Newest first.
    assert_eq!(
        listed,
        vec![
            Some(Scalar::Int(pids[1].get())),
            Some(Scalar::Int(pids[0].get()))
        ]
    );
    let second = ListArgs {
        page: 1,
        ..ListArgs::default()
    };
    let past = client.list(&second).await.unwrap();
    assert_eq!((past.count, past.data.len()), (2, 0));
}

#[tokio::test]
async fn fields_are_the_spec_titles() {
    let app = App::new().await;
    let titles = client(&app).await.fields().await.unwrap();
    assert_eq!(titles.0.len(), 24);
    assert_eq!(
        titles.0[0],
        (
            "pid".to_owned(),
            "Уникальный идентификатор записи контакта".to_owned()
        )
    );
}

#[tokio::test]
async fn wrong_credentials_are_refused_with_salesman_codes() {
    let app = App::new().await;
    let upstream = serve(app.app.clone()).await;
    let apikey = app.apikey();
    let cases = [
        ("wrong-key", app.login(), 400, "Не верный API key"),
        ("", app.login(), 400, "Не верный API key"),
        (
            apikey.as_str(),
            "nobody".to_owned(),
            401,
            "Неизвестный пользователь",
        ),
    ];
    for (apikey, login, code, text) in cases {
        let credentials = Credentials {
            login,
            apikey: apikey.to_owned(),
        };
        let client = SalesmanClient::new(upstream.clone(), credentials);
        assert_eq!(
            client.fields().await,
            Err(ClientError::Refused(Failure {
                result: Some("Error".to_owned()),
                code: Scalar::Int(code),
                text: text.to_owned(),
            })),
            "{apikey:?}"
        );
    }
}

#[tokio::test]
async fn an_answer_that_is_not_salesman_json_is_unreadable() {
    let stub = Router::new().route(
        "/developer/v2/person",
        any(|| async { "<html><body>Bad gateway</body></html>" }),
    );
    let credentials = Credentials {
        login: "admin".to_owned(),
        apikey: "s3cret-key".to_owned(),
    };
    let client = SalesmanClient::new(serve(stub).await, credentials);
    let err = client.list(&ListArgs::default()).await.unwrap_err();
    assert!(matches!(err, ClientError::Unreadable(_)), "{err:?}");
    for shown in [format!("{err}"), format!("{err:?}"), format!("{client:?}")] {
        assert!(!shown.contains("s3cret-key"), "{shown}");
    }
}
