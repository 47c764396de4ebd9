#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The answers both ways: every golden answer reads back into the type the
//! server writes it with and writes again to the same JSON. The calls are
//! `round_trip_requests.rs`.

mod support;

use std::path::{Path, PathBuf};

use crm_salesman::error::SalesmanError;
use crm_salesman::wire::{
    Batch, BatchEntry, Done, Failure, FieldTitles, Info, JsonAnswer, List, Scalar, Social,
};
use crm_testkit::round_trip::files_below;
use serde_json::Value;

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
