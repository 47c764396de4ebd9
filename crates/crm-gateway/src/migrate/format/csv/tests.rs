#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::super::Format;
use super::super::sample::{bare_company, fails_at, person, round_trip};

#[test]
fn a_record_reads_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let records = [bare_company(), person()];
    let read = round_trip(Format::Csv, &dir.path().join("a.csv"), &records);
    assert_eq!(read, records);
}

#[test]
fn points_are_one_a_line_in_their_kind_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.csv");
    round_trip(Format::Csv, &path, &[person()]);
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let header = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| &row[header.iter().position(|h| h == name).unwrap()];
    assert_eq!(
        cell("phones"),
        "+7 916 000-00-01 (mobile)\n+7 495 000 00 02 (доб. 3) (work, from pbx)\n\
         +7 495 000 00 04 (fax)\n+7 495 000 00 05 (home)\n8 800 000 (other)\n112\n\
         whatsapp: +7 916 000-00-09"
    );
    assert_eq!(
        cell("emails"),
        "ivan@example.com\ni.ivanov@acme.example (work, from rest)"
    );
    assert_eq!(
        cell("messengers"),
        "telegram: @ivanov (from telegram)\nsite: https://example.com/a,b;c"
    );
    assert_eq!(cell("segments"), "vip\nопт, крупный");
    assert_eq!(cell("companies"), "3\n7");
    assert_eq!((cell("field_1"), cell("field_2")), ("1990-01-02", ""));
}

#[test]
fn a_hand_made_sheet_needs_only_id_kind_and_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand.csv");
    let sheet = "name,kind,id,phones,companies\nПётр,person,1,+7 900 (mobile),3; 7\n";
    std::fs::write(&path, sheet).unwrap();
    let read: Vec<_> = super::super::Reader::open(Format::Csv, &path)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(read[0].at, format!("{}:2 (row 1)", path.display()));
    let record = &read[0].record;
    assert_eq!((record.id, record.name.as_str()), (1, "Пётр"));
    assert_eq!(record.companies, [3, 7]);
    let phone = &record.contacts[0];
    assert_eq!(
        (phone.value.as_str(), phone.label.as_deref()),
        ("+7 900", Some("mobile"))
    );
    assert_eq!(
        (phone.service.as_str(), phone.origin.as_deref()),
        ("phone", None)
    );
}

#[test]
fn a_row_that_does_not_read_is_named() {
    let header = "id,kind,name\n";
    let message = fails_at(
        Format::Csv,
        &format!("{header}1,person,a\nx,person,b\n"),
        ":3 (row 2)",
    );
    assert!(message.contains("id \"x\""), "{message}");
    let message = fails_at(Format::Csv, "id,kind,name,nickname\n", ":1");
    assert!(message.contains("unknown column \"nickname\""), "{message}");
    let message = fails_at(
        Format::Csv,
        &format!("{header}1,person,a,extra\n"),
        ":2 (row 1)",
    );
    assert!(message.contains("found record with 4 fields"), "{message}");
}
