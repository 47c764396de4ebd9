#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The answers both ways: every golden response reads back into the type
//! the server writes it with and writes again to the same element tree.
//! The requests are `round_trip_requests.rs`.

mod support;

use std::path::{Path, PathBuf};

use crm_planfix::wire::{
    AccessChanged, ContactIds, ContactOut, ContactsPage, Deleted, Failure, GroupList, PhoneTypes,
    Reply, Session, XmlBody,
};
use crm_testkit::round_trip::files_below;
use support::xml_tree::tree;

/// Which wire type reads each golden file: the one the server wrote it with.
/// A capture's answer is read as its call's reply, an error included.
const GOLDENS: &[(&str, Reads)] = &[
    ("auth.login.xml", Reads::Session),
    ("contact.add.xml", Reads::Ids),
    ("contact.delete.xml", Reads::Deleted),
    ("contact.get.xml", Reads::Contact),
    ("contact.getGroupList.xml", Reads::Groups),
    ("contact.getList.empty.xml", Reads::Page),
    ("contact.getList.xml", Reads::Page),
    ("contact.getPhoneTypes.xml", Reads::PhoneTypes),
    ("contact.managePlanfixAccess.xml", Reads::Access),
    ("contact.update.xml", Reads::Ids),
    ("contact.updateContractors.xml", Reads::Ids),
    ("contact.updateCustomData.xml", Reads::Ids),
    ("contact.updateUserInfo.xml", Reads::Ids),
    ("error.0003.xml", Reads::Error),
    ("error.0005.xml", Reads::Error),
    ("error.0006.xml", Reads::Error),
    ("error.0008.xml", Reads::Error),
    ("error.0012.xml", Reads::Error),
    ("error.1001.xml", Reads::Error),
    ("error.8002.xml", Reads::Error),
    ("captures/planfix-api/01-auth.login.xml", Reads::Session),
    ("captures/planfix-api/02-contact.add.xml", Reads::Ids),
    ("captures/planfix-api/03-contact.getList.xml", Reads::Page),
    ("captures/planfix-go/01-auth.login.xml", Reads::Session),
    ("captures/planfix-go/02-contact.add.xml", Reads::Ids),
    ("captures/planfix-go/03-contact.get.xml", Reads::Contact),
    ("captures/planfix-go/04-contact.getList.xml", Reads::Page),
    ("captures/planfix-go/05-contact.update.xml", Reads::Ids),
    ("captures/planfix-go/06-contact.get.xml", Reads::Contact),
    ("captures/planfix-go/07-contact.get.xml", Reads::Contact),
    ("captures/planfix-go/08-auth.login.xml", Reads::Session),
    ("captures/planfix-go/09-contact.get.xml", Reads::Contact),
    ("captures/planfix-go/10-contact.delete.xml", Reads::Deleted),
    ("captures/planfix-go/11-contact.get.xml", Reads::Contact),
    (
        "captures/planfix-php-client/01-auth.login.xml",
        Reads::Session,
    ),
    ("captures/planfix-php-client/02-contact.add.xml", Reads::Ids),
    (
        "captures/planfix-php-client/03-contact.get.xml",
        Reads::Contact,
    ),
    (
        "captures/planfix-php-client/04-contact.getList.xml",
        Reads::Page,
    ),
    (
        "captures/planfix-php-client/05-contact.update.xml",
        Reads::Ids,
    ),
    (
        "captures/planfix-php-client/06-contact.get.xml",
        Reads::Contact,
    ),
    (
        "captures/planfix-php-client/07-contact.delete.xml",
        Reads::Deleted,
    ),
    (
        "captures/planfix-php-client/08-contact.get.xml",
        Reads::Contact,
    ),
];

#[derive(Debug, Clone, Copy)]
enum Reads {
    Session,
    Ids,
    Deleted,
    Contact,
    Page,
    Groups,
    PhoneTypes,
    Access,
    /// A bare error document, read without knowing the call.
    Error,
}

impl Reads {
    /// Parses `bytes` as this type and writes the document again.
    fn rewrite(self, bytes: &[u8]) -> String {
        fn again<B: XmlBody>(bytes: &[u8]) -> String {
            Reply::<B>::parse(bytes)
                .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
                .to_xml()
        }
        match self {
            Self::Session => again::<Session>(bytes),
            Self::Ids => again::<ContactIds>(bytes),
            Self::Deleted => again::<Deleted>(bytes),
            Self::Contact => again::<ContactOut>(bytes),
            Self::Page => again::<ContactsPage>(bytes),
            Self::Groups => again::<GroupList>(bytes),
            Self::PhoneTypes => again::<PhoneTypes>(bytes),
            Self::Access => again::<AccessChanged>(bytes),
            Self::Error => Failure::parse_document(bytes).unwrap().to_document(),
        }
    }
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

#[test]
fn every_golden_file_has_a_reader_in_the_table() {
    let mut listed: Vec<String> = GOLDENS.iter().map(|(n, _)| (*n).to_owned()).collect();
    listed.sort();
    assert_eq!(
        files_below(&golden_dir()),
        listed,
        "tests/golden and the GOLDENS table differ"
    );
}

#[test]
fn every_golden_response_reads_and_writes_back_the_same_tree() {
    for (name, reads) in GOLDENS {
        let bytes = std::fs::read(golden_dir().join(name)).unwrap();
        let golden = std::str::from_utf8(&bytes).unwrap();
        let written = reads.rewrite(&bytes);
        assert_eq!(tree(&written), tree(golden), "{name}");
        // The writer is the server's: the same bytes, declaration included.
        assert_eq!(written, golden, "{name}");
    }
}

#[test]
fn golden_responses_read_as_the_values_they_hold() {
    let read = |name: &str| std::fs::read(golden_dir().join(name)).unwrap();
    let Reply::Ok(contact) = Reply::<ContactOut>::parse(&read("contact.get.xml")).unwrap() else {
        panic!("contact.get is not ok");
    };
    assert_eq!(contact.last_name, "Петров");
    assert_eq!(contact.address, "Москва & область");
    assert_eq!(contact.description, "<b>VIP</b>");
    assert_eq!(contact.secondary_emails, ["i2@example.com"]);
    assert_eq!(contact.phones[2].type_name, "Домашний");
    assert_eq!(contact.have_planfix_access, Some(false));
    assert_eq!(contact.custom_data[0].field_name, "доп.поле");
    let Reply::Ok(page) = Reply::<ContactsPage>::parse(&read("contact.getList.empty.xml")).unwrap()
    else {
        panic!("the empty page is not ok");
    };
    assert_eq!(
        (page.total_count, page.count, page.contacts.len()),
        (3, 0, 0)
    );
    let expired = Reply::<ContactOut>::parse(&read("captures/planfix-go/07-contact.get.xml"));
    assert_eq!(
        expired.unwrap(),
        Reply::Error(Failure {
            code: "0005".to_owned(),
            message: "Ключ сессии недействителен (время жизни сессии истекло)".to_owned(),
        })
    );
}

#[test]
fn responses_read_with_the_wrong_type_are_refused() {
    let page = std::fs::read(golden_dir().join("contact.getList.xml")).unwrap();
    assert!(Reply::<ContactOut>::parse(&page).is_err());
    assert!(Reply::<Session>::parse(&page).is_err());
    let ok = std::fs::read(golden_dir().join("auth.login.xml")).unwrap();
    assert!(Failure::parse_document(&ok).is_err());
    assert!(Reply::<Session>::parse(b"<response status=\"ok\"><sid>").is_err());
    assert!(Reply::<Session>::parse(b"<request status=\"ok\"><sid>x</sid></request>").is_err());
}

// The private key of the fake credentials in reference/captures/planfix-*.
