#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::super::Format;
use super::super::sample::{bare_company, fails_at, person, round_trip};

#[test]
fn a_record_reads_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let records = [bare_company(), person()];
    let read = round_trip(Format::Jsonl, &dir.path().join("a.jsonl"), &records);
    assert_eq!(read, records);
}

#[test]
fn a_line_that_does_not_read_is_named() {
    let message = fails_at(
        Format::Jsonl,
        "{\"id\":1,\"kind\":\"person\",\"name\":\"a\"}\n{\n",
        ":2",
    );
    assert!(message.contains("EOF"), "{message}");
}
