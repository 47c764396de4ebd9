#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The wire types read what they write: every golden answer through the
//! type the server writes it with, every request input through its writer.

use std::path::PathBuf;

use crm_eadesk::wire::{
    ContactInput, ContactUpdateInput, ErrorBody, Params, Person, PersonContact, PersonInput,
    Wrapped,
};
use crm_testkit::round_trip::{Reader, check_goldens, difference, read_as};

/// Which wire type reads which golden answer (tests/golden, `.json` left off).
const GOLDENS: &[(&str, Reader)] = &[
    ("contact-create", read_as::<Wrapped<PersonContact>>),
    ("contact-update", read_as::<Wrapped<PersonContact>>),
    ("contacts-read", read_as::<Wrapped<Vec<PersonContact>>>),
    ("deleted", read_as::<Wrapped<bool>>),
    ("invalid-json", read_as::<ErrorBody>),
    ("invalid-regex", read_as::<ErrorBody>),
    ("no-method", read_as::<ErrorBody>),
    ("not-found", read_as::<ErrorBody>),
    ("person-create", read_as::<Person>),
    ("person-read-deleted-contact", read_as::<Vec<Person>>),
    ("person-read-deleted", read_as::<Vec<Person>>),
    ("person-read", read_as::<Vec<Person>>),
    ("person-update", read_as::<Wrapped<Person>>),
    ("too-large", read_as::<ErrorBody>),
    ("unauthorized", read_as::<ErrorBody>),
    ("captures/01-POST-person-create", read_as::<Person>),
    (
        "captures/02-POST-person-contacts-create",
        read_as::<Wrapped<PersonContact>>,
    ),
    (
        "captures/03-POST-person-contacts-create",
        read_as::<Wrapped<PersonContact>>,
    ),
    ("captures/04-GET-person-read", read_as::<Vec<Person>>),
    ("captures/05-GET-person-read", read_as::<Vec<Person>>),
    (
        "captures/06-GET-person-contacts-read",
        read_as::<Wrapped<Vec<PersonContact>>>,
    ),
    ("captures/07-POST-person-update", read_as::<Wrapped<Person>>),
    (
        "captures/08-POST-person-contacts-update",
        read_as::<Wrapped<PersonContact>>,
    ),
    (
        "captures/09-POST-person-contacts-delete",
        read_as::<Wrapped<bool>>,
    ),
    ("captures/10-GET-person-read", read_as::<Vec<Person>>),
    ("captures/11-GET-person-read", read_as::<Vec<Person>>),
    ("captures/12-POST-person-delete", read_as::<Wrapped<bool>>),
    ("captures/13-GET-person-read", read_as::<Vec<Person>>),
    ("captures/14-GET-person-read", read_as::<Vec<Person>>),
    ("captures/15-POST-person-update", read_as::<ErrorBody>),
    ("captures/16-GET-person-read", read_as::<ErrorBody>),
];

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

#[test]
fn every_golden_answer_reads_and_writes_back_unchanged() {
    // The placeholders stand in strings for strings: the goldens read as they are.
    check_goldens(&golden_dir(), GOLDENS, str::to_owned);
}

#[test]
fn a_golden_the_type_cannot_hold_is_a_difference() {
    let person = std::fs::read_to_string(golden_dir().join("person-create.json")).unwrap();
    let person = person.trim_end();
    let wrong: [(&str, Reader); 3] = [
        (person, read_as::<Wrapped<Person>>),
        (r#"{"err":"ENOT_FOUND","detail":"x"}"#, read_as::<ErrorBody>),
        (r#"{"result":[]}"#, read_as::<Wrapped<bool>>),
    ];
    for (body, reader) in wrong {
        assert!(difference(body, reader).is_some(), "{body}");
    }
    assert_eq!(
        difference(r#"{"err":"ENOT_FOUND","detail":"x"}"#, read_as::<ErrorBody>).unwrap(),
        "meaning differs:\n  read  {\"err\":\"ENOT_FOUND\",\"detail\":\"x\"}\n  wrote {\"err\":\"ENOT_FOUND\"}"
    );
}

#[test]
fn a_read_person_keeps_what_a_real_server_sent() {
    let body = r##"{"_id":"9067b9dea16f43108e2cce17","name":"Иван","description":"","segments":["a"],"contacts":[{"id":"437a6ecdbc4d4662b235503c","value":"+7 900","type":"phone","service":"whatsapp","origin":"pbx","status":"deleted"}],"accountId":"5c1","createdAt":"2023-11-26T00:57:18.348Z","avatarBgColor":"#E91E63","status":"deleted"}"##;
    let person: Person = serde_json::from_str(body).unwrap();
    assert_eq!(person.id, "9067b9dea16f43108e2cce17");
    assert_eq!(person.status.as_deref(), Some("deleted"));
    let contact = &person.contacts[0];
    assert_eq!(
        (&*contact.kind, &*contact.service, &*contact.origin),
        ("phone", "whatsapp", "pbx")
    );
    assert_eq!(serde_json::to_string(&person).unwrap(), body);
}

/// Writes `input` with `write`, checks that `read` gives it back equal, and
/// returns the text written.
fn written<T, W, R>(
    input: &T,
    write: fn(&T) -> Result<String, W>,
    read: fn(&[u8]) -> Result<T, R>,
) -> String
where
    T: PartialEq + std::fmt::Debug,
    W: std::fmt::Debug,
    R: std::fmt::Debug,
{
    let text = write(input).unwrap();
    assert_eq!(&read(text.as_bytes()).unwrap(), input, "{text}");
    text
}

/// Reads `sent` with `read`, then [`written`] of what it read.
fn rewritten<T, W, R>(
    sent: &str,
    write: fn(&T) -> Result<String, W>,
    read: fn(&[u8]) -> Result<T, R>,
) -> String
where
    T: PartialEq + std::fmt::Debug,
    W: std::fmt::Debug,
    R: std::fmt::Debug,
{
    written(&read(sent.as_bytes()).unwrap(), write, read)
}

fn person(name: Option<&str>, description: Option<&str>, segments: &[&str]) -> PersonInput {
    PersonInput {
        name: name.map(str::to_owned),
        description: description.map(str::to_owned),
        segments: segments.iter().map(|s| (*s).to_owned()).collect(),
    }
}

#[test]
fn person_inputs_read_back_what_they_write() {
    let cases = [
        (
            person(Some("Иван Петров"), Some("Клиент \"VIP\""), &["s1", "s2"]),
            r#"{"name":"Иван Петров","description":"Клиент \"VIP\"","segments":["s1","s2"]}"#,
        ),
        (person(None, None, &[]), "{}"),
        (
            person(Some(""), Some(""), &[""]),
            r#"{"name":"","description":"","segments":[""]}"#,
        ),
        (
            person(Some("a\\b\n\t\u{1}/😀"), None, &[]),
            r#"{"name":"a\\b\n\t\u0001/😀"}"#,
        ),
        (
            person(None, Some("только описание"), &[]),
            r#"{"description":"только описание"}"#,
        ),
    ];
    for (input, want) in cases {
        let text = written(&input, PersonInput::to_json, PersonInput::from_json);
        assert_eq!(text, want);
    }
}

#[test]
fn contact_inputs_read_back_what_they_write() {
    let contact = |value: &str, origin: Option<&str>| ContactInput {
        value: value.to_owned(),
        kind: "phone".to_owned(),
        service: "phone".to_owned(),
        origin: origin.map(str::to_owned),
    };
    let cases = [
        (
            contact("+7 (900) 571-83-48", None),
            r#"{"value":"+7 (900) 571-83-48","type":"phone","service":"phone"}"#,
        ),
        (
            contact("", Some("chatra")),
            r#"{"value":"","type":"phone","service":"phone","origin":"chatra"}"#,
        ),
        (
            contact("Пётр \"<&>\"", Some("")),
            r#"{"value":"Пётр \"<&>\"","type":"phone","service":"phone","origin":""}"#,
        ),
    ];
    for (input, want) in cases {
        let text = written(&input, ContactInput::to_json, ContactInput::from_json);
        assert_eq!(text, want);
    }
}

#[test]
fn contact_updates_read_back_what_they_write() {
    let update = |value: Option<&str>| ContactUpdateInput {
        value: value.map(str::to_owned),
        kind: "mail".to_owned(),
        service: "mail".to_owned(),
    };
    let cases = [
        (update(None), r#"{"type":"mail","service":"mail"}"#),
        (
            update(Some("")),
            r#"{"value":"","type":"mail","service":"mail"}"#,
        ),
        (
            update(Some("почта@пример.рф")),
            r#"{"value":"почта@пример.рф","type":"mail","service":"mail"}"#,
        ),
    ];
    for (input, want) in cases {
        let (write, read) = (ContactUpdateInput::to_json, ContactUpdateInput::from_json);
        assert_eq!(written(&input, write, read), want);
    }
}

/// The bodies the other tests and the captures send, and what the writer
/// makes of each once read: the same text but for nulls and keys the type
/// does not hold, which read the same as absent.
#[test]
fn sent_bodies_are_written_back_with_the_same_meaning() {
    let persons = [
        (
            r#"{"name":"Иван Петров","description":"Клиент \"VIP\"","segments":["s1","s2"]}"#,
            r#"{"name":"Иван Петров","description":"Клиент \"VIP\"","segments":["s1","s2"]}"#,
        ),
        ("{}", "{}"),
        ("", "{}"),
        (
            r#"{"name":"A","_id":"999","accountId":"77","status":"deleted","createdAt":"2000-01-01T00:00:00.000Z","contacts":[{"value":"x"}]}"#,
            r#"{"name":"A"}"#,
        ),
        (
            r#"{"name":"New","segments":["b","c"]}"#,
            r#"{"name":"New","segments":["b","c"]}"#,
        ),
        (r#"{"name":"x","segments":null}"#, r#"{"name":"x"}"#),
        (
            r#"{"name":"Иван Петров 261123005718348","description":"Клиент для проверки crm-gateway"}"#,
            r#"{"name":"Иван Петров 261123005718348","description":"Клиент для проверки crm-gateway"}"#,
        ),
    ];
    for (sent, want) in persons {
        let text = rewritten(sent, PersonInput::to_json, PersonInput::from_json);
        assert_eq!(text, want, "{sent}");
    }
    let contacts = [
        r#"{"value":"+7 (900) 571-83-48","type":"phone","service":"phone"}"#,
        r#"{"value":"chat-1","type":"id","service":"chatra","origin":"chatra"}"#,
        r#"{"value":"a@b.c","type":"mail","service":"mail"}"#,
    ];
    for sent in contacts {
        let text = rewritten(sent, ContactInput::to_json, ContactInput::from_json);
        assert_eq!(text, sent);
    }
    let updates = [
        r#"{"value":"new@x.ru","type":"mail","service":"mail"}"#,
        r#"{"type":"id","service":"skype"}"#,
        r#"{"value":"new.ivan.petrov.261123005718348@example.com","type":"mail","service":"mail"}"#,
    ];
    for sent in updates {
        let (write, read) = (ContactUpdateInput::to_json, ContactUpdateInput::from_json);
        assert_eq!(rewritten(sent, write, read), sent);
    }
}

#[test]
fn query_parameters_read_back_what_they_write() {
    let cases = [
        (Params::default(), ""),
        (
            Params::default()
                .with("token", "t")
                .with("search", r"\+7 \(900\) 571-83-48")
                .with("needExistingRecords", "true"),
            "token=t&search=%5C%2B7%20%5C(900%5C)%20571-83-48&needExistingRecords=true",
        ),
        (
            Params::default()
                .with("search", "Дарт Вейдер")
                .with("type", "mail,phone"),
            "search=%D0%94%D0%B0%D1%80%D1%82%20%D0%92%D0%B5%D0%B9%D0%B4%D0%B5%D1%80&type=mail%2Cphone",
        ),
        (
            Params::default().with("not_deleted", "").with("id", ""),
            "not_deleted=&id=",
        ),
        (
            Params::default()
                .with("value", "a&b=c+d%e#f?g/h")
                .with("k y", "1"),
            "value=a%26b%3Dc%2Bd%25e%23f%3Fg%2Fh&k%20y=1",
        ),
        (
            Params::default().with("limit", "5").with("limit", "10"),
            "limit=10",
        ),
    ];
    for (params, want) in cases {
        let written = params.to_query();
        assert_eq!(written, want);
        assert_eq!(Params::parse(&written, 100).unwrap(), params, "{written}");
    }
}

/// The captured queries of the real client come out of the writer byte for
/// byte, since it encodes as the client's `encodeURIComponent` does.
#[test]
fn captured_queries_are_written_as_the_real_client_wrote_them() {
    let sent = [
        "token=ed_tok_0123456789abcdef&id=9067b9dea16f43108e2cce17&needExistingRecords=true",
        "token=ed_tok_0123456789abcdef&search=%5C%2B7%20%5C(900%5C)%20571-83-48&needExistingRecords=true",
        "token=ed_tok_0123456789abcdef&contact_id=9067b9dea16f43108e2cce17",
        "token=not-a-valid-token-261123005718348&limit=1&needExistingRecords=true",
    ];
    for query in sent {
        assert_eq!(Params::parse(query, 100).unwrap().to_query(), query);
    }
    let bare = Params::parse("needExistingRecords&search=a+b", 100).unwrap();
    assert_eq!(bare.to_query(), "needExistingRecords=&search=a%20b");
    assert_eq!(Params::parse(&bare.to_query(), 100).unwrap(), bare);
}
