//! A record holding every value an export can hold, with the characters
//! each format escapes, for the formats' round-trip tests.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use super::{Format, Reader, Writer};
use crate::migrate::file::{Point, Record};

fn point(kind: &str, service: &str, label: Option<&str>, value: &str, origin: &str) -> Point {
    Point {
        kind: kind.to_owned(),
        service: service.to_owned(),
        label: label.map(str::to_owned),
        value: value.to_owned(),
        origin: Some(origin.to_owned()),
    }
}

/// A person of two companies, every attribute, point and field filled.
pub(super) fn person() -> Record {
    let long = "Москва, улица Длинная; дом 1\\2, строение 3, подъезд 4, этаж 5, квартира 6";
    Record {
        id: 42,
        kind: "person".to_owned(),
        name: "Иванов Иван, мл.".to_owned(),
        origin: Some("salesman".to_owned()),
        contacts: vec![
            point(
                "phone",
                "phone",
                Some("mobile"),
                "+7 916 000-00-01",
                "salesman",
            ),
            point(
                "phone",
                "phone",
                Some("work"),
                "+7 495 000 00 02 (доб. 3)",
                "pbx",
            ),
            point(
                "phone",
                "phone",
                Some("fax"),
                "+7 495 000 00 04",
                "salesman",
            ),
            point(
                "phone",
                "phone",
                Some("home"),
                "+7 495 000 00 05",
                "salesman",
            ),
            point("phone", "phone", Some("other"), "8 800 000", "salesman"),
            point("phone", "phone", None, "112", "salesman"),
            point("phone", "whatsapp", None, "+7 916 000-00-09", "salesman"),
            point("mail", "mail", None, "ivan@example.com", "salesman"),
            point(
                "mail",
                "mail",
                Some("work"),
                "i.ivanov@acme.example",
                "rest",
            ),
            point("id", "telegram", None, "@ivanov", "telegram"),
            point("id", "site", None, "https://example.com/a,b;c", "salesman"),
        ],
        description: Some(format!("первая строка\nвторая: {long}")),
        address: Some(long.to_owned()),
        position: Some("менеджер, старший".to_owned()),
        role: Some("закупки; опт".to_owned()),
        company_address: Some("юридический адрес".to_owned()),
        bank_details: Some("БИК 044525000, р/с 40702810".to_owned()),
        person_details: Some("паспорт 4500 000000".to_owned()),
        segments: vec!["vip".to_owned(), "опт, крупный".to_owned()],
        fields: [
            (1, "1990-01-02".to_owned()),
            (10, "десятое; поле".to_owned()),
        ]
        .into(),
        companies: vec![3, 7],
        created_at: Some("2024-05-06T07:08:09.010Z".to_owned()),
        company_names: vec![],
    }
}

/// A company with nothing but its name.
pub(super) fn bare_company() -> Record {
    Record {
        id: 3,
        kind: "company".to_owned(),
        name: "ООО \"Ромашка\"".to_owned(),
        ..Record::default()
    }
}

/// `records` written to `path` in `format`, then read back.
pub(super) fn round_trip(format: Format, path: &Path, records: &[Record]) -> Vec<Record> {
    let mut writer = Writer::create(format, path).unwrap();
    for record in records {
        writer.write(record).unwrap();
    }
    writer.finish().unwrap();
    Reader::open(format, path)
        .unwrap()
        .map(|read| read.unwrap().record)
        .collect()
}

/// Reading `text` as `format` fails, naming `place`.
pub(super) fn fails_at(format: Format, text: &str, place: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged");
    std::fs::write(&path, text).unwrap();
    let error = Reader::open(format, &path)
        .and_then(|mut reader| reader.try_for_each(|read| read.map(|_| ())))
        .unwrap_err();
    let message = format!("{error:#}");
    let expected = format!("{}{place}", path.display());
    assert!(message.starts_with(&expected), "{message}");
    message
}
