use crm_core::{ClientKind, ContactKind, Patch, UserId};
use crm_http::params::ParamLimits;

use super::*;
use crate::map::fixture::client;
use crate::wire::input::Encoding;

fn json(body: &str) -> Input {
    Input::parse(
        Encoding::Json,
        body.as_bytes(),
        ParamLimits {
            max_pairs: 100,
            max_depth: 5,
        },
    )
    .unwrap()
}

fn errors(body: &str, mode: Mode) -> Vec<(String, String)> {
    match validate(&json(body), mode).1.into_result() {
        Ok(()) => Vec::new(),
        Err(list) => list.into_iter().map(|e| (e.field, e.message)).collect(),
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(f, m)| ((*f).to_owned(), (*m).to_owned()))
        .collect()
}

#[test]
fn blank_and_integer_read_whitespace_as_php_and_pcre_do() {
    // PHP's trim() takes only ASCII whitespace (not a form feed, not a
    // no-break space); the integer pattern's \s is PCRE's ASCII class.
    for body in [r#"{"name":"\u00a0","type":1}"#, r#"{"name":"\f","type":1}"#] {
        assert_eq!(errors(body, Mode::Create), Vec::new(), "{body}");
    }
    assert_eq!(
        errors(r#"{"name":"N","type":"\u00a02"}"#, Mode::Create),
        pairs(&[("type", "Type must be an integer.")])
    );
    assert_eq!(
        errors(r#"{"name":"N","type":"\f2\u000b"}"#, Mode::Create),
        Vec::new()
    );
}

#[test]
fn create_requires_name_and_type() {
    assert_eq!(
        errors("{}", Mode::Create),
        pairs(&[
            ("name", "Name cannot be blank."),
            ("type", "Type cannot be blank.")
        ])
    );
    for body in [
        r#"{"name":"  ","type":null}"#,
        r#"{"name":"\t","type":" "}"#,
    ] {
        assert_eq!(
            errors(body, Mode::Create),
            pairs(&[
                ("name", "Name cannot be blank."),
                ("type", "Type cannot be blank.")
            ]),
            "{body}"
        );
    }
}

#[test]
fn every_string_rule_runs_before_the_email_rule() {
    assert_eq!(
        errors(
            r#"{"name":"A","type":1,"email":"bad","phone":5,"description":[1]}"#,
            Mode::Create
        ),
        pairs(&[
            ("phone", "Phone must be a string."),
            ("description", "Description must be a string."),
            ("email", "Email is not a valid email address."),
        ])
    );
}

#[test]
fn first_error_per_attribute_in_rule_order() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (r#"{"name":"A","type":3}"#, &[("type", "Type is invalid.")]),
        (
            r#"{"name":"A","type":"1x"}"#,
            &[("type", "Type must be an integer.")],
        ),
        (
            r#"{"name":"A","type":true}"#,
            &[("type", "Type must be an integer.")],
        ),
        (
            r#"{"name":"A","type":1.5}"#,
            &[("type", "Type must be an integer.")],
        ),
        (r#"{"name":"A","type":" 2 "}"#, &[]),
        (r#"{"name":"A","type":1.0}"#, &[]),
        (
            r#"{"name":"A","type":99999999999999999999}"#,
            &[("type", "Type must be an integer.")],
        ),
        (
            r#"{"name":"A","type":"99999999999999999999"}"#,
            &[("type", "Type is invalid.")],
        ),
        (
            r#"{"name":5,"type":1}"#,
            &[("name", "Name must be a string.")],
        ),
        (
            r#"{"name":["x"],"type":1}"#,
            &[("name", "Name must be a string.")],
        ),
        (
            r#"{"name":"A","type":1,"email":"nope"}"#,
            &[("email", "Email is not a valid email address.")],
        ),
        (
            r#"{"name":"A","type":1,"email":5}"#,
            &[("email", "Email must be a string.")],
        ),
        (
            r#"{"name":"A","type":1,"phone":89001234567}"#,
            &[("phone", "Phone must be a string.")],
        ),
        (
            r#"{"name":"A","type":1,"user":"x"}"#,
            &[("user", "User must be an integer.")],
        ),
        (
            r#"{"name":"A","type":1,"user":-4}"#,
            &[("user", "User is invalid.")],
        ),
        (r#"{"name":"A","type":1,"real_address":{}}"#, &[]),
        (
            r#"{"name":"A","type":1,"description":false}"#,
            &[("description", "Description must be a string.")],
        ),
        (
            r#"{"name":"A","type":1,"bank_details":1}"#,
            &[("bank_details", "Bank Details must be a string.")],
        ),
        (r#"{"name":"A","type":2,"bank_details":1}"#, &[]),
        (
            r#"{"email":"x","type":"a","name":""}"#,
            &[
                ("name", "Name cannot be blank."),
                ("type", "Type must be an integer."),
                ("email", "Email is not a valid email address."),
            ],
        ),
    ];
    for (body, want) in cases {
        assert_eq!(errors(body, Mode::Create), pairs(want), "{body}");
    }
}

#[test]
fn update_ignores_type_and_checks_only_what_is_sent() {
    assert_eq!(
        errors(r#"{"type":"bogus"}"#, Mode::Update(ClientKind::Person)),
        Vec::new()
    );
    assert_eq!(
        errors(r#"{"name":""}"#, Mode::Update(ClientKind::Person)),
        pairs(&[("name", "Name cannot be blank.")])
    );
    let (draft, _) = validate(
        &json(r#"{"type":1,"person_details":"p","company_address":"c"}"#),
        Mode::Update(ClientKind::Person),
    );
    assert_eq!(draft.kind, None);
    assert_eq!(
        draft.texts,
        vec![(Attribute::PersonDetails, Patch::Set("p".to_owned()))]
    );
}

#[test]
fn emails_follow_yiis_pattern() {
    for good in [
        "a@b.c",
        "clientcomp@clientcomp.com",
        "o'neil+x@mail.example.org",
    ] {
        assert!(is_email(good), "{good}");
    }
    // EmailValidator: a local part over 64 bytes, or over 254 in all, fails.
    let local_64 = format!("{}@b.c", "a".repeat(64));
    let total_254 = format!("a@{}.io", "b".repeat(249));
    assert!(is_email(&local_64) && is_email(&total_254));
    let long_local = format!("{}@b.c", "a".repeat(65));
    let long_total = format!("a@{}.io", "b".repeat(250));
    for bad in [
        "",
        "a",
        "a@",
        "@b.c",
        "a@b",
        "a b@c.d",
        "a@-b.c",
        "иван@почта.рф",
        long_local.as_str(),
        long_total.as_str(),
    ] {
        assert!(!is_email(bad), "{bad}");
    }
}

#[test]
fn a_create_draft_becomes_a_new_client() {
    let (draft, errs) = validate(
        &json(
            r#"{"name":"Ромашка","type":"1","user":"12","email":"a@b.c","phone":"+7 900","real_address":"","bank_details":"BIK","person_details":"x","id":9,"status":"deleted"}"#,
        ),
        Mode::Create,
    );
    assert!(errs.into_result().is_ok());
    let new = new_client(&draft, ClientKind::Company);
    assert_eq!(new.name.as_full(), "Ромашка");
    assert_eq!(new.attributes.responsible, Some(UserId(12)));
    assert_eq!(new.attributes.address.as_deref(), Some(""));
    assert_eq!(new.attributes.bank_details.as_deref(), Some("BIK"));
    assert_eq!(new.attributes.person_details, None);
    let points: Vec<_> = new
        .contacts
        .iter()
        .map(|p| (p.kind, p.value.as_str()))
        .collect();
    assert_eq!(
        points,
        [(ContactKind::Mail, "a@b.c"), (ContactKind::Phone, "+7 900")]
    );
}

#[test]
fn an_update_rewrites_the_first_point_in_place() {
    let current = client(ClientKind::Company);
    let (draft, _) = validate(
        &json(
            r#"{"name":"ClientCompany ltd","email":"new@x.io","phone":"8(890)56-67-67","description":null}"#,
        ),
        Mode::Update(ClientKind::Company),
    );
    let patch = patch(&draft, &current);
    assert_eq!(patch.name, Patch::Keep);
    assert_eq!(patch.attributes.description, Patch::Clear);
    assert!(patch.contacts.is_empty());
    assert_eq!(
        patch.rewrites,
        vec![crm_core::ContactRewrite {
            id: crm_core::ContactPointId(2),
            value: "new@x.io".to_owned()
        }]
    );
}

#[test]
fn an_empty_contact_removes_the_shown_point_and_a_new_one_is_added() {
    let mut current = client(ClientKind::Company);
    current.contacts.retain(|p| p.kind == ContactKind::Mail);
    let shown = current
        .contacts
        .iter()
        .filter(|p| p.status == crm_core::Status::Active)
        .min_by_key(|p| (p.position, p.id))
        .map(|p| p.id)
        .unwrap();
    let (draft, _) = validate(
        &json(r#"{"email":"","phone":"1"}"#),
        Mode::Update(ClientKind::Company),
    );
    let patch = patch(&draft, &current);
    assert!(patch.rewrites.is_empty());
    assert_eq!(patch.removals, vec![shown]);
    assert_eq!(patch.contacts.len(), 1);
    assert_eq!(patch.contacts[0].selector.kind, ContactKind::Phone);
    assert_eq!(patch.contacts[0].values[0].value, "1");
}
