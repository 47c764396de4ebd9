#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The requests both ways: every request real clients sent (tests/captures)
//! reads into `Request` and writes back to the same meaning and the same
//! signature, every call written reads back the same, and a request the
//! writer signs is accepted by the router.

mod support;

use std::path::{Path, PathBuf};

use crm_planfix::op::{ContactRef, ContractorsIn, FilterIn, ListIn, Op, Request, UserInfoIn};
use crm_planfix::wire::{
    ContactIds, ContactIn, ContactOut, CustomValueIn, Failure, PhoneIn, Reply, Session,
};
use crm_testkit::round_trip::files_below;
use support::Env;
use support::xml_tree::{Node, tree};

const CAPTURE_KEY: &str = "pf_private_key_fedcba9876543210";

fn captures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/captures")
}

/// The body of a captured HTTP request.
fn captured_body(path: &Path) -> String {
    let raw = std::fs::read(path).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = std::str::from_utf8(&raw[..split]).unwrap();
    let length: usize = head
        .split("\r\n")
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse().unwrap())
        })
        .unwrap();
    String::from_utf8(raw[split + 4..split + 4 + length].to_vec()).unwrap()
}

/// A request's meaning: the tree with each element's children in name order.
/// Neither the server nor the signature (reference/planfix.md §3) depends on
/// the order of differently named siblings, and clients differ in it.
fn meaning(mut node: Node) -> Node {
    node.children = node.children.into_iter().map(meaning).collect();
    node.children.sort_by(|a, b| a.name.cmp(&b.name));
    node
}

#[test]
fn every_captured_request_reads_and_writes_back_the_same_call() {
    let files = files_below(&captures_dir());
    assert_eq!(files.len(), 22, "{files:?}");
    for name in files {
        let body = captured_body(&captures_dir().join(&name));
        let request = Request::parse(&body).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let written = request.to_xml();
        assert_eq!(Request::parse(&written).unwrap(), request, "{name}");
        assert_eq!(meaning(tree(&written)), meaning(tree(&body)), "{name}");
        if let Some(signature) = &request.signature {
            // The writer signs what the client signed, so it finds the same signature.
            let resigned = request.clone().signed(CAPTURE_KEY);
            assert_eq!(resigned.signature.as_ref(), Some(signature), "{name}");
        }
    }
}

#[test]
fn the_php_clients_page_size_is_kept_as_an_extra_element() {
    let body = captured_body(&captures_dir().join("planfix-php-client/03-contact.get.txt"));
    let request = Request::parse(&body).unwrap();
    assert_eq!(request.op, Op::Get(ContactRef(4021)));
    assert_eq!(request.account, "acme");
    assert_eq!(
        request.sid.as_deref(),
        Some("0123456789abcdef0123456789abcdef")
    );
    assert_eq!(request.extra.len(), 1);
    assert_eq!(request.extra[0].name, "pageSize");
    assert_eq!(request.extra[0].text, "100");
}

fn full_contact() -> ContactIn {
    let text = |s: &str| Some(s.to_owned());
    ContactIn {
        name: text("Иван"),
        mid_name: text("Петрович"),
        last_name: text("Петров & сыновья <ООО>"),
        post: text(""),
        email: text("ivan@example.com"),
        secondary_emails: Some(vec![
            "i2@example.com".to_owned(),
            "i3@example.com".to_owned(),
        ]),
        mobile_phone: text("+79001112233"),
        work_phone: None,
        home_phone: text(""),
        phones: Some(vec![
            PhoneIn {
                number: "+7 (900) 111-22-33".to_owned(),
                type_id: Some("1".to_owned()),
            },
            PhoneIn {
                number: "8-800".to_owned(),
                type_id: None,
            },
        ]),
        address: text("Москва,\n\"Тверская\" 1"),
        description: text("  VIP\r\n"),
        sex: text("MALE"),
        site: text("https://example.com/?a=1&b=2"),
        skype: text("ivan.p"),
        facebook: None,
        vk: text("id1"),
        icq: text("12345"),
        telegram: text("ivan_p"),
        user_pic: None,
        birthdate: text("13-03-1987"),
        is_company: text("0"),
        group: text(""),
        custom_data: Some(vec![CustomValueIn {
            id: "2".to_owned(),
            value: "7701".to_owned(),
        }]),
    }
}

/// Every method with realistic parameters, including those no capture has.
fn calls() -> Vec<Op> {
    vec![
        Op::Login {
            login: "иван".to_owned(),
            password: "p@ss <word>".to_owned(),
        },
        Op::Add(Box::new(full_contact())),
        Op::Update(ContactRef(5), Box::new(full_contact())),
        Op::Update(
            ContactRef(5),
            Box::new(ContactIn {
                group: Some("3".to_owned()),
                phones: Some(Vec::new()),
                ..ContactIn::default()
            }),
        ),
        Op::UpdateCustomData(
            ContactRef(5),
            vec![
                CustomValueIn {
                    id: "1".to_owned(),
                    value: "Пермь".to_owned(),
                },
                CustomValueIn {
                    id: "2".to_owned(),
                    value: String::new(),
                },
            ],
        ),
        Op::Get(ContactRef(4021)),
        Op::GetList(ListIn {
            page: Some("2".to_owned()),
            page_size: Some("50".to_owned()),
            target: Some("company".to_owned()),
            company: Some("7".to_owned()),
            search: Some(" Иван ".to_owned()),
            have_access: Some("1".to_owned()),
            sort_type: Some("NAME_DESC".to_owned()),
            filters: vec![
                FilterIn {
                    kind: "4003".to_owned(),
                    operator: "equal".to_owned(),
                    value: "123456".to_owned(),
                },
                FilterIn {
                    kind: "4101".to_owned(),
                    operator: "equal".to_owned(),
                    value: String::new(),
                },
            ],
        }),
        Op::GetList(ListIn::default()),
        Op::ManageAccess {
            contact: ContactRef(5),
            grant: true,
            email: Some("ivan@example.com".to_owned()),
        },
        Op::ManageAccess {
            contact: ContactRef(5),
            grant: false,
            email: None,
        },
        Op::UpdateUserInfo(
            ContactRef(5),
            UserInfoIn {
                password: Some(String::new()),
                status: Some("ACTIVE".to_owned()),
                email: None,
            },
        ),
        Op::UpdateContractors(
            ContactRef(5),
            ContractorsIn::Change {
                add: vec!["30".to_owned(), "10".to_owned()],
                remove: vec!["20".to_owned()],
            },
        ),
        Op::UpdateContractors(
            ContactRef(5),
            ContractorsIn::Change {
                add: Vec::new(),
                remove: Vec::new(),
            },
        ),
        Op::UpdateContractors(
            ContactRef(5),
            ContractorsIn::Replace(vec!["10".to_owned(), "11".to_owned()]),
        ),
        Op::GetPhoneTypes,
        Op::GetGroupList,
        Op::Delete(ContactRef(4021)),
    ]
}

#[test]
fn every_call_written_and_signed_reads_back_the_same() {
    for op in calls() {
        let unsigned = Request::new("acme", Some("S1d"), op);
        assert_eq!(
            Request::parse(&unsigned.to_xml()).unwrap(),
            unsigned,
            "{unsigned:?}"
        );
        let signed = unsigned.clone().signed("KEY");
        let read = Request::parse(&signed.to_xml()).unwrap();
        assert_eq!(read, signed);
        assert_eq!(
            read.signature.as_deref().map(str::len),
            Some(32),
            "{signed:?}"
        );
        assert_eq!(
            crm_planfix::signature::sign_document(&unsigned.to_xml(), "KEY").unwrap(),
            signed.signature.unwrap()
        );
    }
}

#[test]
fn the_wiki_login_example_is_written_and_signed_exactly() {
    let login = Request::new(
        "acc",
        None,
        Op::Login {
            login: "login".to_owned(),
            password: "passw".to_owned(),
        },
    )
    .signed("KEY");
    assert_eq!(
        login.to_xml(),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request method=\"auth.login\"><account>acc</account><login>login</login><password>passw</password><signature>3e3a17e43d8ffc221c39593f0bd1aa1e</signature></request>"
    );
}

#[tokio::test]
async fn signed_requests_from_the_writer_are_served() {
    let env = Env::new().await;
    let key = env.private_key().to_owned();
    let login = Request::new(
        "acme",
        None,
        Op::Login {
            login: env.acct.issued.admin.login.clone(),
            password: env.acct.issued.password.expose().to_owned(),
        },
    )
    .signed(&key);
    let (_, text) = env.post(&login.to_xml()).await;
    let Reply::Ok(session) = Reply::<Session>::parse(text.as_bytes()).unwrap() else {
        panic!("login refused: {text}");
    };
    let add = Request::new(
        "acme",
        Some(&session.sid),
        Op::Add(Box::new(full_contact())),
    )
    .signed(&key);
    let (_, text) = env.post(&add.to_xml()).await;
    let Reply::Ok(ids) = Reply::<ContactIds>::parse(text.as_bytes()).unwrap() else {
        panic!("add refused: {text}");
    };
    assert_eq!((&ids.userid, &ids.general), (&ids.id, &ids.id));
    let get = Request::new(
        "acme",
        Some(&session.sid),
        Op::Get(ContactRef(ids.id.parse().unwrap())),
    )
    .signed(&key);
    let (_, text) = env.post(&get.to_xml()).await;
    let Reply::Ok(contact) = Reply::<ContactOut>::parse(text.as_bytes()).unwrap() else {
        panic!("get refused: {text}");
    };
    assert_eq!(contact.last_name, "Петров & сыновья <ООО>");
    assert_eq!(contact.address, "Москва,\n\"Тверская\" 1");
    assert_eq!(
        contact.secondary_emails,
        ["i2@example.com", "i3@example.com"]
    );
    assert_eq!(contact.telegram_name, "ivan_p");

    // The same request signed with another key is refused: the server checks it.
    let forged = get.signed("not the account's key");
    let (_, text) = env.post(&forged.to_xml()).await;
    assert_eq!(
        Reply::<ContactOut>::parse(text.as_bytes()).unwrap(),
        Reply::Error(Failure {
            code: "0006".to_owned(),
            message: "Неверная подпись".to_owned(),
        })
    );
}
