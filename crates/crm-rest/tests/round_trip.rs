#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The wire types read what they write: every golden answer through the
//! type the server writes it with, the pagination headers, and every
//! request input through its writer.

use std::path::PathBuf;

use crm_http::params::{ParamLimits, parse_query};
use crm_rest::op::{Counts, ListQuery, Render};
use crm_rest::pagination::QueryPairs;
use crm_rest::wire::input::Encoding;
use crm_rest::wire::{
    Client, Envelope, ErrorBody, FieldError, Fields, Input, Items, Link, PageHeaders,
    Unrepresentable,
};
use crm_testkit::round_trip::{Reader, check_goldens, difference, read_as};
use http::HeaderMap;
use regex::Regex;
use serde_json::json;

/// Which wire type reads which golden answer (tests/golden, `.json` left off).
const GOLDENS: &[(&str, Reader)] = &[
    ("create-company", read_as::<Envelope<Client>>),
    ("create-person-form", read_as::<Envelope<Client>>),
    ("delete-has-deals", read_as::<Envelope<ErrorBody>>),
    ("invalid-json", read_as::<Envelope<ErrorBody>>),
    ("list-expanded", read_as::<Envelope<Items<Client>>>),
    ("list", read_as::<Envelope<Items<Client>>>),
    ("page-not-found", read_as::<Envelope<ErrorBody>>),
    ("unauthorized", read_as::<Envelope<ErrorBody>>),
    ("update", read_as::<Envelope<Client>>),
    ("validation", read_as::<Envelope<Vec<FieldError>>>),
    ("view-expanded", read_as::<Envelope<Client>>),
];

const LIMITS: ParamLimits = ParamLimits {
    max_pairs: 100,
    max_depth: 5,
};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// The scrubbed ids were numbers (tests/support `scrub`): put numbers back,
/// so the ids read as the integers the spec makes them. `<datetime>` stood
/// for a string and stays.
fn unscrub(golden: &str) -> String {
    let client = Regex::new(r#""<client(\d+)>""#).unwrap();
    let body = client.replace_all(golden, "10$1");
    body.replace(r#""<admin>""#, "7")
}

#[test]
fn every_golden_answer_reads_and_writes_back_unchanged() {
    check_goldens(&golden_dir(), GOLDENS, unscrub);
}

#[test]
fn a_client_of_the_wrong_types_does_not_read() {
    let cases: [(&str, Reader); 6] = [
        (
            r#"{"response":{"id":"<client1>"}}"#,
            read_as::<Envelope<Client>>,
        ),
        (r#"{"response":{"type":"1"}}"#, read_as::<Envelope<Client>>),
        (r#"{"response":{"email":5}}"#, read_as::<Envelope<Client>>),
        (
            r#"{"response":{"user":{"id":1}}}"#,
            read_as::<Envelope<Client>>,
        ),
        (
            r#"{"response":{"count_deals":-1}}"#,
            read_as::<Envelope<Client>>,
        ),
        (r#"{"response":[1]}"#, read_as::<Envelope<Client>>),
    ];
    for (body, reader) in cases {
        assert!(
            difference(body, reader)
                .unwrap()
                .starts_with("does not read"),
            "{body}"
        );
    }
    let mismatch = difference(
        r#"{"response":{"name":"Not Found","message":"m","code":0,"status":404,"type":"x"}}"#,
        read_as::<Envelope<ErrorBody>>,
    );
    assert!(mismatch.unwrap().starts_with("meaning differs"));
}

#[test]
fn a_client_keeps_its_order_nulls_and_unknown_attributes() {
    let body = r#"{"id":5,"user_id":null,"user":null,"name":"Ромашка","email":null,"legacy":[1],"count_deals":0}"#;
    let client: Client = serde_json::from_str(body).unwrap();
    assert_eq!(client.id(), Some(5));
    assert_eq!(client.text("name"), Some(Some("Ромашка")));
    assert_eq!(client.text("email"), Some(None));
    assert_eq!(client.text("phone"), None);
    assert_eq!(client.get("legacy"), Some(&json!([1])));
    assert_eq!(serde_json::to_string(&client).unwrap(), body);
    let empty: Client = serde_json::from_str("[]").unwrap();
    assert_eq!(empty, Client::default());
    assert_eq!(serde_json::to_string(&empty).unwrap(), "[]");
}

#[test]
fn pagination_headers_read_back_what_they_write() {
    let link = |rel: &str, page: u32| Link {
        url: format!("http://crm.example/rest/client?access-token=t&name=%D0%90+b%2Cc&page={page}"),
        rel: rel.to_owned(),
    };
    let cases = [
        PageHeaders {
            total_count: 25,
            page_count: 3,
            current_page: 2,
            per_page: 10,
            links: vec![
                link("self", 2),
                link("first", 1),
                link("prev", 1),
                link("next", 3),
                link("last", 3),
            ],
        },
        PageHeaders {
            total_count: 0,
            page_count: 0,
            current_page: 1,
            per_page: 50,
            links: vec![link("self", 1)],
        },
        PageHeaders {
            total_count: 1,
            page_count: 1,
            current_page: 1,
            per_page: 1,
            links: Vec::new(),
        },
    ];
    for page in cases {
        let mut headers = HeaderMap::new();
        page.write(&mut headers);
        assert_eq!(PageHeaders::parse(&headers).unwrap(), page);
    }
    let mut headers = HeaderMap::new();
    let sent = [
        ("x-pagination-total-count", "25"),
        ("x-pagination-page-count", "3"),
        ("x-pagination-current-page", "1"),
        ("x-pagination-per-page", "10"),
        (
            "link",
            "<http://crm.example/rest/client?access-token=t&page=1>; rel=self, <http://crm.example/rest/client?access-token=t&page=2>; rel=next, <http://crm.example/rest/client?access-token=t&page=3>; rel=last",
        ),
    ];
    for (name, value) in sent {
        headers.insert(name, value.parse().unwrap());
    }
    let page = PageHeaders::parse(&headers).unwrap();
    let rels: Vec<&str> = page.links.iter().map(|l| l.rel.as_str()).collect();
    assert_eq!(rels, ["self", "next", "last"]);
    let mut written = HeaderMap::new();
    page.write(&mut written);
    assert_eq!(written, headers);
}

fn fields(pairs: &[(&str, serde_json::Value)]) -> Fields {
    pairs
        .iter()
        .fold(Fields::default(), |f, (k, v)| f.with(*k, v.clone()))
}

fn read(encoding: Encoding, body: &str) -> Fields {
    Fields::parse(encoding, body.as_bytes(), LIMITS).unwrap()
}

const BOUNDARY: &str = "----WebKitFormBoundaryQ7";

fn multipart() -> Encoding {
    Encoding::Multipart(format!("multipart/form-data; boundary={BOUNDARY}"))
}

/// Bodies a form can carry: strings and arrays of them.
fn form_cases() -> Vec<(Fields, &'static str)> {
    vec![
        (
            fields(&[("name", json!("Иван Петров")), ("type", json!("2"))]),
            "name=%D0%98%D0%B2%D0%B0%D0%BD+%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2&type=2",
        ),
        (Fields::default(), ""),
        (
            fields(&[("user", json!("")), ("email", json!(""))]),
            "user=&email=",
        ),
        (
            fields(&[
                ("description", json!("a&b=c+d%e #1/2\r\n\"q\"")),
                ("_method", json!("PUT")),
            ]),
            "description=a%26b%3Dc%2Bd%25e+%231%2F2%0D%0A%22q%22&_method=PUT",
        ),
        (
            fields(&[("x", json!({"0": "1", "k": {"Ж": "ё"}}))]),
            "x%5B0%5D=1&x%5Bk%5D%5B%D0%96%5D=%D1%91",
        ),
    ]
}

#[test]
fn form_bodies_read_back_what_they_write() {
    for (body, want) in form_cases() {
        let written = body.to_form().unwrap();
        assert_eq!(written, want);
        assert_eq!(read(Encoding::Form, &written), body, "{written}");
    }
}

#[test]
fn multipart_bodies_read_back_what_they_write() {
    for (body, _) in form_cases() {
        let written = body.to_multipart(BOUNDARY).unwrap();
        assert_eq!(read(multipart(), &written), body, "{written}");
    }
    let one = fields(&[("name", json!("Ромашка"))]);
    assert_eq!(
        one.to_multipart(BOUNDARY).unwrap(),
        "------WebKitFormBoundaryQ7\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nРомашка\r\n------WebKitFormBoundaryQ7--\r\n"
    );
}

#[test]
fn json_bodies_read_back_what_they_write() {
    let cases = [
        (
            fields(&[("name", json!("ClientCompany \"ltd\"")), ("type", json!(1))]),
            r#"{"name":"ClientCompany \"ltd\"","type":1}"#,
        ),
        (Fields::default(), "{}"),
        (
            fields(&[
                ("user", json!(null)),
                ("phone", json!(true)),
                ("email", json!(["a@b.c"])),
            ]),
            r#"{"user":null,"phone":true,"email":["a@b.c"]}"#,
        ),
        (
            fields(&[
                ("name", json!({"a": 1})),
                ("description", json!("Описание\n\t/")),
            ]),
            r#"{"name":{"a":1},"description":"Описание\n\t/"}"#,
        ),
    ];
    for (body, want) in cases {
        let written = body.to_json().unwrap();
        assert_eq!(written, want);
        assert_eq!(read(Encoding::Json, &written), body, "{written}");
    }
}

#[test]
fn a_form_refuses_what_php_would_not_read_back() {
    let cases = [
        (fields(&[("type", json!(1))]), "type"),
        (fields(&[("user", json!(null))]), "user"),
        (fields(&[("email", json!(["a@b.c"]))]), "email"),
        (fields(&[("x", json!({}))]), "x"),
        (fields(&[("real.address", json!("a"))]), "real.address"),
        (fields(&[("a b", json!("a"))]), "a b"),
        (fields(&[("", json!("a"))]), ""),
        (fields(&[("x", json!({"a]": "1"}))]), "x[a]]"),
        (fields(&[("x", json!({"": "1"}))]), "x[]"),
    ];
    for (body, key) in cases {
        let want = Unrepresentable {
            key: key.to_owned(),
        };
        assert_eq!(body.to_form(), Err(want.clone()), "{key}");
        assert_eq!(body.to_multipart(BOUNDARY), Err(want), "{key}");
    }
    let quoted = fields(&[("x", json!({"a\"b": "1"}))]);
    assert!(quoted.to_form().is_ok());
    assert_eq!(
        quoted.to_multipart(BOUNDARY),
        Err(Unrepresentable {
            key: "x[a\"b]".to_owned()
        })
    );
}

/// The bodies the other tests send, read and written again in their own
/// encoding: the same meaning, so the validators see the same input.
#[test]
fn sent_bodies_are_written_back_with_the_same_meaning() {
    let json_bodies = [
        r#"{"name":"ClientCompany ltd","type":1,"email":"clientcomp@clientcomp.com","phone":"8(890)56-67-67","real_address":"Moscow, red square 1","description":"Additional descr for cur. client","company_address":"Legal 1","bank_details":"BIK 1","person_details":"ignored"}"#,
        r#"{"name":"B","type":1,"email":"b@x.io","company_address":"no","id":5,"created_at":"2000-01-01 00:00:00"}"#,
        r#"{"name":{"a":1},"type":[1],"email":["a@b.c"],"user":true}"#,
        r#"{"name":"a\u0000b","type":1}"#,
        r#"{"name":"Иван Ромашкин","type":2,"email":"Ivan@Example.com"}"#,
        r#"{"phone":"8 800 555-35-35"}"#,
    ];
    for sent in json_bodies {
        let body = read(Encoding::Json, sent);
        let written = body.to_json().unwrap();
        let meaning = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
        assert_eq!(meaning(&written), meaning(sent), "{sent}");
        let again = Fields::parse(Encoding::Json, written.as_bytes(), LIMITS).unwrap();
        let input = |f: &Fields| Input::from(f);
        assert_eq!(input(&again), input(&body), "{sent}");
    }
    let form_bodies = [
        "name=%D0%98%D0%B2%D0%B0%D0%BD+%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2&type=2&email=ivan%40example.com&person_details=passport+1&bank_details=x&id=999&user=",
        "_method=PUT&name=B",
        "_method=P%20T&name=D&type=1",
        "name=A+b&type=1&x[]=1",
    ];
    for sent in form_bodies {
        let body = read(Encoding::Form, sent);
        let written = body.to_form().unwrap();
        assert_eq!(read(Encoding::Form, &written), body, "{sent}");
    }
    let first = read(Encoding::Form, form_bodies[0]);
    assert_eq!(first.to_form().unwrap(), form_bodies[0]);
}

#[test]
fn list_queries_read_back_what_they_write() {
    let sent = [
        "",
        "access-token=k&page=2&name=%D0%9E%D0%9E%D0%9E+a%2Fb&per-page=10&f%5Bx%5D=1",
        "sort=-id&per_page=50&user_id=7&type=1&email=a%40b.c&search=%D0%BF%D1%80",
        "fields=id%2Cname&expand=user&count_deals=1&count_invoices=0",
        "t%5B0%5D=1&t%5B1%5D=2&page=2&x_y=1&e%5B0%5D=",
    ];
    for query in sent {
        let parse = |text: &str| {
            let params = parse_query(text.as_bytes(), LIMITS).unwrap();
            ListQuery::parse(&params, QueryPairs::from_params(&params))
        };
        let list = parse(query);
        assert_eq!(list.to_query(), query);
        assert_eq!(parse(&list.to_query()), list);
    }
}

#[test]
fn renders_read_back_what_they_write() {
    let cases = [
        (Render::default(), ""),
        (
            Render {
                fields: Some(vec![
                    "id".to_owned(),
                    "name".to_owned(),
                    "bank_details".to_owned(),
                ]),
                expand_user: true,
                counts: Counts {
                    deals: true,
                    offers: true,
                    contracts: true,
                    invoices: true,
                },
            },
            "fields=id%2Cname%2Cbank_details&expand=user&count_deals=1&count_offers=1&count_contracts=1&count_invoices=1",
        ),
        (
            Render {
                fields: Some(vec!["bogus".to_owned()]),
                expand_user: false,
                counts: Counts {
                    invoices: true,
                    ..Counts::default()
                },
            },
            "fields=bogus&count_invoices=1",
        ),
    ];
    for (render, want) in cases {
        let written = render.to_query();
        assert_eq!(written, want);
        let params = parse_query(written.as_bytes(), LIMITS).unwrap();
        assert_eq!(Render::parse(&params), render, "{written}");
    }
}
