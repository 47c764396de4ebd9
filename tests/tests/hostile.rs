//! Random requests with valid credentials never get a 5xx from any dialect,
//! and each answer is in its dialect's own format (reference/reliability.md
//! G5): arbitrary paths below the mounts, query strings, content types and
//! bodies, including invalid UTF-8 and half-formed JSON and XML.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_e2e::dialect::{ALL, Session};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

#[derive(Debug, Clone)]
struct Probe {
    dialect: usize,
    method: &'static str,
    tail: String,
    query: Vec<(String, String)>,
    content_type: &'static str,
    body: Vec<u8>,
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_\\[\\]0-9-]{0,12}",
        "[\\PC]{0,16}",
        Just("-1".to_owned()),
        Just("99999999999999999999999".to_owned()),
        Just("(a+)+$".to_owned()),
        Just("' OR 1=1 --".to_owned()),
        Just("%00".to_owned()),
    ]
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256),
        "\\{\"[a-z_]{1,8}\":(\"[\\PC]{0,8}\"|[0-9]{1,25}|null|\\[\\]|\\{\\}|true)\\}"
            .prop_map(String::into_bytes),
        "<\\?xml version=\"1.0\"\\?><request method=\"[a-z.]{0,16}\">[<>a-z/]{0,32}</request>"
            .prop_map(String::into_bytes),
        "([a-z_\\[\\]0-9]{1,10}=[\\PC%]{0,10}&){0,5}".prop_map(String::into_bytes),
    ]
}

/// Paths that reach a call of the dialect, some of them with a seeded id.
fn tail(dialect: usize) -> BoxedStrategy<String> {
    let calls: Vec<&'static str> = match dialect {
        0 => vec![
            "/create",
            "/read",
            "/update/1",
            "/delete/1",
            "/contacts/create/1",
            "/contacts/read",
            "/contacts/update/1",
            "/contacts/delete/1",
        ],
        1 => vec!["", "/1", "/2,3", "/0"],
        2 => vec![""],
        _ => vec!["/", ""],
    };
    prop_oneof![
        8 => prop::sample::select(calls).prop_map(str::to_owned),
        // A `.` or `..` segment is resolved by the client before sending,
        // which can take the path out of the dialect's mount.
        1 => "/[a-z/0-9.]{0,20}"
            .prop_filter("stays under the mount", |t: &String| {
                !t.split('/').any(|s| s == "." || s == "..")
            }),
        1 => "/[0-9]{1,22}",
    ]
    .boxed()
}

/// Bodies shaped for the dialect half the time, arbitrary the rest.
fn shaped_body(dialect: usize) -> BoxedStrategy<Vec<u8>> {
    let shaped = match dialect {
        3 => (
            prop::sample::select(vec![
                "contact.add",
                "contact.update",
                "contact.get",
                "contact.getList",
                "contact.delete",
                "contact.updateCustomData",
                "contact.updateContractors",
                "contact.managePlanfixAccess",
                "auth.login",
                "nope",
            ]),
            "(<[a-zA-Z]{1,10}>[\\PC&&[^<&]]{0,10}</[a-zA-Z]{1,10}>){0,4}",
        )
            .prop_map(|(method, inner)| {
                format!(
                    "<request method=\"{method}\"><account>acme</account>\
                     <contact><id>1</id>{inner}</contact>{inner}<pageSize>-5</pageSize></request>"
                )
                .into_bytes()
            })
            .boxed(),
        2 => "([a-z_]{1,8}(\\[[a-z0-9]{0,6}\\]){0,3}=[\\PC%]{0,10}&){0,6}"
            .prop_map(String::into_bytes)
            .boxed(),
        _ => "\\{(\"[a-z_]{1,10}\":(\"[\\PC]{0,8}\"|-?[0-9]{1,25}|null|\\[\\]|\\{\\}|true|\\[1,\"a\"\\]),){0,5}\"name\":\"x\"\\}"
            .prop_map(String::into_bytes)
            .boxed(),
    };
    prop_oneof![shaped, body()].boxed()
}

fn query(dialect: usize) -> BoxedStrategy<Vec<(String, String)>> {
    let pairs = proptest::collection::vec((text(), text()), 0..6);
    if dialect != 2 {
        return pairs.boxed();
    }
    let action = prop::sample::select(vec![
        "fields", "list", "info", "add", "addlist", "add.list", "update", "delete", "x",
    ]);
    (action, pairs)
        .prop_map(|(action, mut pairs)| {
            pairs.push(("action".to_owned(), action.to_owned()));
            pairs
        })
        .boxed()
}

fn probe() -> impl Strategy<Value = Probe> {
    (0..4usize).prop_flat_map(|dialect| {
        (
            Just(dialect),
            prop::sample::select(vec![
                "GET", "POST", "POST", "PUT", "PATCH", "DELETE", "HEAD",
            ]),
            tail(dialect),
            query(dialect),
            prop::sample::select(vec![
                "",
                "application/json",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=X",
                "text/xml; charset=windows-1251",
            ]),
            shaped_body(dialect),
        )
            .prop_map(|(dialect, method, tail, query, content_type, body)| Probe {
                dialect,
                method,
                tail,
                query,
                content_type,
                body,
            })
    })
}

const MOUNTS: [&str; 4] = [
    "/api/clients/person",
    "/rest/client",
    "/developer/v2/person",
    "/xml",
];

async fn send(
    http: &reqwest::Client,
    base: &str,
    creds: &serde_json::Value,
    p: &Probe,
) -> (u16, Vec<u8>) {
    let mut query = p.query.clone();
    let mut request_auth = None;
    match p.dialect {
        0 => query.push((
            "token".into(),
            creds["eadesk"]["token"].as_str().unwrap().into(),
        )),
        1 => query.push((
            "access-token".into(),
            creds["rest"]["access_token"].as_str().unwrap().into(),
        )),
        2 => {
            query.push((
                "login".into(),
                creds["salesman"]["login"].as_str().unwrap().into(),
            ));
            query.push((
                "apikey".into(),
                creds["salesman"]["apikey"].as_str().unwrap().into(),
            ));
        }
        _ => request_auth = Some(creds["planfix"]["api_key"].as_str().unwrap().to_owned()),
    }
    let url = format!("{base}{}{}", MOUNTS[p.dialect], p.tail);
    let method = reqwest::Method::from_bytes(p.method.as_bytes()).unwrap();
    let mut request = http.request(method, url).query(&query).body(p.body.clone());
    if !p.content_type.is_empty() {
        request = request.header("content-type", p.content_type);
    }
    if let Some(key) = request_auth {
        request = request.basic_auth(key, Some(creds["planfix"]["token"].as_str().unwrap()));
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap().to_vec())
}

fn in_dialect_format(p: &Probe, status: u16, body: &[u8]) -> bool {
    if body.is_empty() {
        // HEAD, OPTIONS and Yii's 405 and delete answers carry no body.
        return p.dialect == 1 || p.method == "HEAD";
    }
    match p.dialect {
        3 => body.starts_with(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        2 => status == 200 && serde_json::from_slice::<serde_json::Value>(body).is_ok(),
        _ => serde_json::from_slice::<serde_json::Value>(body).is_ok(),
    }
}

#[test]
fn no_random_request_gets_a_server_error() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let db = runtime.block_on(TestDb::new());
    let creds = create_account(db.url(), "acme");
    let gateway = Gateway::start(db.url());
    let base = gateway.url("");
    let session = runtime.block_on(Session::open(&base, creds.clone()));
    for dialect in ALL {
        runtime.block_on(session.write(dialect, &Person::sample(&format!("seed {dialect:?}"))));
    }
    let http = reqwest::Client::new();
    let mut runner = TestRunner::new(Config {
        cases: 1000,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&probe(), |p| {
            let (status, body) = runtime.block_on(send(&http, &base, &creds, &p));
            prop_assert!(
                status < 500,
                "{p:?} -> {status} {}",
                String::from_utf8_lossy(&body)
            );
            prop_assert!(
                in_dialect_format(&p, status, &body),
                "{p:?} -> {status} {}",
                String::from_utf8_lossy(&body)
            );
            Ok(())
        })
        .unwrap();
}
