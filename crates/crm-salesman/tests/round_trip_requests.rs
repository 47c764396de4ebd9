#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The calls both ways: every call a client writes reads back, through the
//! server's own request reader, as the same call; a call SalesMan cannot
//! express is refused; a written add is served and its answer read.

mod support;

use axum::body::Body;
use axum::http::Request;
use crm_core::{ClientId, Direction, SortKey, TextField, Timestamp};
use crm_http::Limits;
use crm_salesman::error::SalesmanError;
use crm_salesman::op::{Call, ListArgs, ListFilter, Op, PersonInput, Unwritable, View};
use crm_salesman::wire::form::{http_build_query, json_body};
use crm_salesman::wire::{Column, Done, Info, JsonAnswer, Scalar, Social, request};
use support::{App, PATH, form};

/// Which wire type reads each golden file: the one the server wrote it with.
fn at(text: &str) -> Timestamp {
    crm_salesman::op::parse_instant(text).unwrap()
}

fn person() -> PersonInput {
    PersonInput {
        person: Some("Апиров Апист Иванович".to_owned()),
        ptitle: Some("Технический директор".to_owned()),
        rol: Some(String::new()),
        tel: Some("+7(342)250-50-50, +7(342)290-50-51".to_owned()),
        mob: Some("+7 (922) 250-50-50".to_owned()),
        fax: None,
        mail: Some("a.i.apirov@mailio.ru".to_owned()),
        clid: Some(Some(ClientId(12))),
        user: Some("admin@acme".to_owned()),
        loyalty: Some("0 - Не лояльный".to_owned()),
        clientpath: Some("Сайт & «Реклама»".to_owned()),
        inputs: vec![(1, "1980-01-01".to_owned()), (10, String::new())],
        socials: vec![
            (Social::Blog, "http://api.blog.rus/?a=1&b=2".to_owned()),
            (Social::Skype, String::new()),
            (Social::Mykrug, "апи апи".to_owned()),
        ],
        mperson: Some(true),
        date_create: Some(at("2023-11-14 22:13:20")),
    }
}

fn view(columns: &[Column], socials: bool) -> View {
    View {
        columns: columns.to_vec(),
        socials,
    }
}

/// Each action's input with realistic values: Cyrillic, arrays in PHP
/// brackets, empty values, unbinding and the non-default choices.
fn calls() -> Vec<(&'static str, Op)> {
    vec![
        ("fields", Op::Fields),
        (
            "list, every option",
            Op::List(ListArgs {
                page: 3,
                order: SortKey::Name,
                direction: Direction::Asc,
                user: Some("менеджер@acme".to_owned()),
                date_start: Some(at("2023-01-01 00:00:00")),
                date_end: Some(at("2023-12-31 23:59:59")),
                word: Some("Иван Петров".to_owned()),
                filters: vec![
                    ListFilter::Company(ClientId(1781)),
                    ListFilter::Loyalty("0 - Не лояльный".to_owned()),
                    ListFilter::Source("Voxlink".to_owned()),
                    ListFilter::Text(TextField::Phone, "+7 (342)".to_owned()),
                    ListFilter::Text(TextField::Mail, "@mail.ru".to_owned()),
                    ListFilter::Field(3, "Пермь".to_owned()),
                ],
                view: view(&[Column::Person, Column::Clid, Column::Input(10)], true),
            }),
        ),
        (
            "list, defaults",
            Op::List(ListArgs {
                page: 0,
                order: SortKey::Created,
                direction: Direction::Desc,
                user: None,
                date_start: None,
                date_end: None,
                word: None,
                filters: Vec::new(),
                view: view(&Column::DEFAULT, false),
            }),
        ),
        (
            "info",
            Op::Info {
                pid: ClientId(2),
                view: view(&[Column::Pid, Column::Mail], true),
            },
        ),
        ("add", Op::Add(person())),
        (
            "add, name only",
            Op::Add(PersonInput {
                person: Some("Ёлкин Пётр".to_owned()),
                ..PersonInput::default()
            }),
        ),
        (
            "add.list, with an entry without a name",
            Op::AddList(vec![
                Ok(person()),
                Err(SalesmanError::NoName),
                Ok(PersonInput {
                    person: Some("Второй".to_owned()),
                    clid: Some(None),
                    mperson: Some(false),
                    ..PersonInput::default()
                }),
            ]),
        ),
        (
            "update, clearing and unbinding",
            Op::Update {
                pid: ClientId(2),
                input: PersonInput {
                    ptitle: Some(String::new()),
                    mob: Some("+7(922)250-50-54".to_owned()),
                    clid: Some(None),
                    loyalty: Some("1 - Пока не понятно".to_owned()),
                    socials: vec![(Social::Skype, String::new())],
                    ..PersonInput::default()
                },
            },
        ),
        ("delete", Op::Delete { pid: ClientId(7) }),
    ]
}

fn call(op: Op) -> Call {
    Call {
        login: "admin@acme".to_owned(),
        apikey: "Kx9-ключ".to_owned(),
        op,
    }
}

/// The ways a client sends a call (reference/salesman.md §2).
#[derive(Debug, Clone, Copy)]
enum Sent {
    /// POST `http_build_query` as a form body, like the official examples.
    Form,
    /// GET with the query string.
    Query,
    /// POST JSON with the credentials in the body.
    Json,
    /// POST JSON with the credentials as `apikey`/`login` headers.
    JsonWithHeaders,
}

fn request_for(call: &Call, sent: Sent) -> Request<Body> {
    let params = call.to_params().unwrap();
    match sent {
        Sent::Form => form(&http_build_query(&params)),
        Sent::Query => Request::get(format!("{PATH}?{}", http_build_query(&params)))
            .body(Body::empty())
            .unwrap(),
        Sent::Json => Request::post(PATH)
            .header("content-type", "application/json")
            .body(Body::from(json_body(&params)))
            .unwrap(),
        Sent::JsonWithHeaders => {
            let mut body = crm_http::ParamMap::new();
            for (k, v) in params
                .iter()
                .filter(|(k, _)| !["login", "apikey"].contains(k))
            {
                body.insert(k.to_owned(), v.clone());
            }
            Request::post(PATH)
                .header("content-type", "application/json")
                .header("apikey", call.apikey.as_str())
                .header("login", call.login.as_str())
                .body(Body::from(json_body(&body)))
                .unwrap()
        }
    }
}

#[tokio::test]
async fn every_action_written_reads_back_as_the_same_call() {
    for (name, op) in calls() {
        let call = call(op);
        for sent in [Sent::Form, Sent::Query, Sent::Json, Sent::JsonWithHeaders] {
            let raw = request::read(request_for(&call, sent), &Limits::default())
                .await
                .unwrap();
            let read = Call::from_request(&raw).unwrap();
            assert_eq!(read, call, "{name}, {sent:?}");
        }
    }
}

#[test]
fn a_call_is_written_as_http_build_query_writes_it() {
    let call = call(Op::Update {
        pid: ClientId(2),
        input: PersonInput {
            person: Some("Ёж".to_owned()),
            clid: Some(None),
            socials: vec![(Social::Blog, "http://b.ru/x y".to_owned())],
            mperson: Some(true),
            ..PersonInput::default()
        },
    });
    assert_eq!(
        http_build_query(&call.to_params().unwrap()),
        "login=admin%40acme&apikey=Kx9-%D0%BA%D0%BB%D1%8E%D1%87&action=update&pid=2\
         &person=%D0%81%D0%B6&clid=0&socials%5Bblog%5D=http%3A%2F%2Fb.ru%2Fx+y&mperson=yes"
    );
}

#[test]
fn calls_salesman_cannot_express_are_refused_not_mangled() {
    let mut args = match calls().swap_remove(2).1 {
        Op::List(args) => args,
        other => panic!("{other:?}"),
    };
    args.order = SortKey::Address;
    assert_eq!(
        call(Op::List(args.clone())).to_params(),
        Err(Unwritable::Order(SortKey::Address))
    );
    args.order = SortKey::Created;
    args.filters = vec![ListFilter::Text(TextField::AnyContact, "x".to_owned())];
    assert_eq!(
        call(Op::List(args)).to_params(),
        Err(Unwritable::Filter(TextField::AnyContact))
    );
    assert_eq!(
        call(Op::AddList(vec![Ok(person()), Err(SalesmanError::Missing)])).to_params(),
        Err(Unwritable::Entry(1))
    );
}

#[tokio::test]
async fn a_written_add_is_served_and_its_answer_read() {
    let app = App::new().await;
    let mut input = person();
    input.clid = None;
    input.user = None;
    let call = Call {
        login: app.login(),
        apikey: app.apikey(),
        op: Op::Add(input),
    };
    let reply = app.send(request_for(&call, Sent::Form)).await;
    let done = Done::parse(reply.body.as_bytes()).unwrap();
    assert_eq!(
        done,
        Done {
            result: "Успешно".to_owned(),
            data: Scalar::Int(1),
            social: None,
        }
    );
    let info = Call {
        op: Op::Info {
            pid: ClientId(1),
            view: view(&[Column::Person, Column::Tel], false),
        },
        ..call
    };
    let reply = app.send(request_for(&info, Sent::JsonWithHeaders)).await;
    let info = Info::parse(reply.body.as_bytes()).unwrap();
    assert_eq!(
        info.data.values,
        vec![
            ("person".to_owned(), Scalar::from("Апиров Апист Иванович")),
            (
                "tel".to_owned(),
                Scalar::from("+7(342)250-50-50, +7(342)290-50-51")
            ),
        ]
    );
}
