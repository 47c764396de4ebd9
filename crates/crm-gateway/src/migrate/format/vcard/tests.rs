#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::super::Format;
use super::super::sample::{bare_company, fails_at, person, round_trip};
use crate::migrate::file::Point;

#[test]
fn a_record_reads_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    // An address without `;` goes to ADR, one with to X-CRM-ADDRESS.
    let mut plain = person();
    (plain.id, plain.address) = (43, Some("Тверь, дом 5".to_owned()));
    let records = [bare_company(), person(), plain];
    let read = round_trip(Format::Vcard, &dir.path().join("a.vcf"), &records);
    let mut expected = records.clone();
    // Phones, then e-mails, then the other points: TEL, EMAIL, X-CRM-CONTACT.
    let group = |p: &Point| match (p.kind.as_str(), p.service.as_str()) {
        ("phone", "phone") => 0,
        ("mail", "mail") => 1,
        _ => 2,
    };
    for record in &mut expected {
        record.contacts.sort_by_key(group);
    }
    assert_eq!(read, expected);
}

#[test]
fn a_card_shows_the_client_in_standard_properties() {
    let (mut record, mut plain) = (person(), person());
    plain.address = Some("Тверь, дом 5".to_owned());
    let adr = super::card::card(&plain).to_string();
    assert!(adr.contains("\r\nADR:;;Тверь\\, дом 5;;;;\r\n"), "{adr}");
    record.company_names = vec!["ООО Ромашка".to_owned()];
    let text = super::card::card(&record).to_string().replace("\r\n ", "");
    let lines: Vec<&str> = text.split("\r\n").collect();
    for expected in [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:individual",
        "FN:Иванов Иван\\, мл.",
        "TITLE:менеджер\\, старший",
        "ROLE:закупки; опт",
        "ORG:ООО Ромашка",
        "X-CRM-ADDRESS:Москва\\, улица Длинная; дом 1\\\\2\\, строение 3\\, подъезд 4\\, этаж 5\\, квартира 6",
        "TEL;TYPE=cell:+7 916 000-00-01",
        "TEL;TYPE=work;X-CRM-ORIGIN=\"pbx\":+7 495 000 00 02 (доб. 3)",
        "TEL;TYPE=fax:+7 495 000 00 04",
        "TEL:112",
        "EMAIL:ivan@example.com",
        "X-CRM-ID:42",
        "X-CRM-ORIGIN:salesman",
        "X-CRM-SEGMENT:vip",
        "X-CRM-FIELD-1:1990-01-02",
        "X-CRM-COMPANY-ID:3",
        "X-CRM-CONTACT;X-CRM-ORIGIN=\"telegram\";X-CRM-KIND=\"id\";X-CRM-SERVICE=\"telegram\":@ivanov",
    ] {
        assert!(lines.contains(&expected), "{expected} in\n{text}");
    }
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("TEL")).count(),
        6,
        "{text}"
    );
}

#[test]
fn a_card_from_an_address_book_takes_its_number_as_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.vcf");
    let book = "BEGIN:VCARD\nVERSION:4.0\nFN:A\nEND:VCARD\n\nBEGIN:VCARD\nVERSION:4.0\n\
                KIND:org\nFN:B\nTEL;VALUE=uri;TYPE=cell:tel:+7-900\nX-ABUID:1\nEND:VCARD\n";
    std::fs::write(&path, book).unwrap();
    let read: Vec<_> = super::super::Reader::open(Format::Vcard, &path)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(read[1].at, format!("{}:6 (card 2)", path.display()));
    let (a, b) = (&read[0].record, &read[1].record);
    assert_eq!(
        (a.id, a.kind.as_str(), b.id, b.kind.as_str()),
        (1, "person", 2, "company")
    );
    assert_eq!(b.contacts[0].value, "+7-900");
    assert_eq!(b.contacts[0].label.as_deref(), Some("mobile"));
}

#[test]
fn a_card_that_does_not_parse_is_named() {
    let good = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n";
    let bad = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:B\r\nX-CRM-ID:seven\r\nEND:VCARD\r\n";
    let message = fails_at(Format::Vcard, &format!("{good}{bad}"), ":5 (card 2)");
    assert!(message.contains("X-CRM-ID \"seven\""), "{message}");
    let message = fails_at(
        Format::Vcard,
        &format!("{good}BEGIN:VCARD\r\nFN:C\r\n"),
        ":5 (card 2)",
    );
    assert!(message.contains("no END:VCARD"), "{message}");
    let message = fails_at(Format::Vcard, &format!("{good}FN:D\r\n"), ":5");
    assert!(message.contains("BEGIN:VCARD expected"), "{message}");
    let unparsed = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:E\r\nTEL;PREF=x:1\r\nEND:VCARD\r\n";
    fails_at(Format::Vcard, unparsed, ":1 (card 1)");
}
