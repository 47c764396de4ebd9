#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The wire both ways: every golden answer reads back into the type the
//! server writes it with and writes again to the same JSON; every call a
//! client writes reads back, through the server's own request reader, as the
//! same call.

mod support;

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::Request;
use crm_core::{ClientId, Direction, SortKey, TextField, Timestamp};
use crm_http::Limits;
use crm_salesman::error::SalesmanError;
use crm_salesman::op::{Call, ListArgs, ListFilter, Op, PersonInput, Unwritable, View};
use crm_salesman::wire::form::{http_build_query, json_body};
use crm_salesman::wire::{
    Batch, BatchEntry, Column, Done, Failure, FieldTitles, Info, JsonAnswer, List, Scalar, Social,
    request,
};
use crm_testkit::round_trip::files_below;
use serde_json::Value;
use support::{App, PATH, form};

/// Which wire type reads each golden file: the one the server wrote it with.
const GOLDENS: &[(&str, Reads)] = &[
    ("add.json", Reads::Done),
    ("addlist_add_list.json", Reads::Batch),
    ("addlist_addlist.json", Reads::Batch),
    ("fields.json", Reads::FieldTitles),
    ("info_after_add.json", Reads::Info),
    ("info_after_update.json", Reads::Info),
    ("json_add_list.json", Reads::List),
    ("list_default.json", Reads::List),
    ("list_fields_socinfo.json", Reads::List),
];

#[derive(Debug, Clone, Copy)]
enum Reads {
    Done,
    Batch,
    FieldTitles,
    Info,
    List,
    Failure,
}

impl Reads {
    /// Parses `bytes` as this type and writes it again.
    fn rewrite(self, bytes: &[u8]) -> String {
        fn again<T: JsonAnswer>(bytes: &[u8]) -> String {
            T::parse(bytes)
                .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
                .encode()
        }
        match self {
            Self::Done => again::<Done>(bytes),
            Self::Batch => again::<Batch>(bytes),
            Self::FieldTitles => again::<FieldTitles>(bytes),
            Self::Info => again::<Info>(bytes),
            Self::List => again::<List>(bytes),
            Self::Failure => again::<Failure>(bytes),
        }
    }
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

#[test]
fn every_golden_file_has_a_reader_in_the_table() {
    let names = files_below(&golden_dir());
    let mut listed: Vec<String> = GOLDENS.iter().map(|(n, _)| (*n).to_owned()).collect();
    listed.sort();
    assert_eq!(names, listed, "tests/golden and the GOLDENS table differ");
}

#[test]
fn every_golden_answer_reads_and_writes_back_the_same() {
    for (name, reads) in GOLDENS {
        let bytes = std::fs::read(golden_dir().join(name)).unwrap();
        let written = reads.rewrite(&bytes);
        let before: Value = serde_json::from_slice(&bytes).unwrap();
        let after: Value = serde_json::from_str(&written).unwrap();
        assert_eq!(after, before, "{name}");
        // The writer is the server's: PHP's escaping and key order, byte for byte.
        assert_eq!(
            written,
            std::str::from_utf8(&bytes).unwrap().trim_end(),
            "{name}"
        );
    }
}

#[test]
fn answers_read_with_the_wrong_type_are_refused() {
    let list = std::fs::read(golden_dir().join("list_default.json")).unwrap();
    assert!(Info::parse(&list).is_err());
    assert!(Batch::parse(&list).is_err());
    let batch = std::fs::read(golden_dir().join("addlist_addlist.json")).unwrap();
    assert!(List::parse(&batch).is_err());
    assert!(Done::parse(b"{\"result\":").is_err());
}

#[test]
fn golden_answers_read_as_the_values_they_hold() {
    let info =
        Info::parse(&std::fs::read(golden_dir().join("info_after_add.json")).unwrap()).unwrap();
    assert_eq!(info.data.get("pid"), Some(&Scalar::Text("2".to_owned())));
    assert_eq!(info.data.get("fax"), Some(&Scalar::Null));
    let socials = info.data.socials.unwrap();
    assert_eq!(
        socials[0],
        (Social::Blog, "http://api.blog.rus".to_owned()),
        "\\/ is read as /"
    );
    let list =
        List::parse(&std::fs::read(golden_dir().join("list_default.json")).unwrap()).unwrap();
    assert_eq!(list.count, 3);
    assert_eq!(list.data[0].get("pid"), Some(&Scalar::Int(4)));
    assert_eq!(list.data[0].get("iduser"), Some(&Scalar::Int(1)));
    let batch =
        Batch::parse(&std::fs::read(golden_dir().join("addlist_add_list.json")).unwrap()).unwrap();
    assert_eq!(
        batch.0[1],
        BatchEntry::Failed(Failure {
            result: Some("Error".to_owned()),
            code: Scalar::Text("405".to_owned()),
            text: "Отсутствуют параметры - Имя контакта".to_owned(),
        })
    );
}

#[test]
fn every_error_of_the_table_reads_back_with_its_code_type() {
    let errors = [
        SalesmanError::BadKey,
        SalesmanError::UnknownUser,
        SalesmanError::UnknownAction,
        SalesmanError::UnknownPath,
        SalesmanError::NotFound,
        SalesmanError::NoPid,
        SalesmanError::NoName,
        SalesmanError::Missing,
        SalesmanError::Invalid("clid: «1» / 2".to_owned()),
        SalesmanError::Duplicate {
            name: String::new(),
            pid: 3,
        },
        SalesmanError::Duplicate {
            name: "Дубль Иван".to_owned(),
            pid: 3,
        },
        SalesmanError::HasDeals,
        SalesmanError::TooLarge,
        SalesmanError::Timeout,
        SalesmanError::Internal,
    ];
    for err in errors {
        let written = err.failure().encode();
        assert_eq!(written, crm_http::php_json::encode(&err.body()), "{err:?}");
        let read = Failure::parse(written.as_bytes()).unwrap();
        assert_eq!(read, err.failure(), "{err:?}");
        assert_eq!(Reads::Failure.rewrite(written.as_bytes()), written);
    }
    // reference/salesman.md §4: 402 has no `result` and an integer code.
    let unknown =
        Failure::parse(r#"{"error":{"code":402,"text":"Неизвестный метод"}}"#.as_bytes()).unwrap();
    assert_eq!(unknown.result, None);
    assert_eq!(unknown.code, Scalar::Int(402));
}

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
