use crm_core::{ClientKind, DocumentCounts, Role, User, UserId, UserStatus};
use serde_json::Value;

use super::*;
use crate::map::fixture::client;
use crate::op::Counts;

fn user() -> User {
    User {
        id: UserId(12),
        account: crm_core::AccountId(1),
        login: "Sidor".to_owned(),
        first_name: "S. S.".to_owned(),
        last_name: "Sidorov".to_owned(),
        email: "sidor@owncomp.com".to_owned(),
        role: Role::User,
        status: UserStatus::Active,
        manager: None,
        created_at: Timestamp(0),
    }
}

fn text(map: Map<String, Value>) -> String {
    Value::Object(map).to_string()
}

#[test]
fn list_item_is_the_spec_example() {
    let item = item(
        &client(ClientKind::Company),
        &Render::default(),
        Scope::List,
        &[],
        None,
    );
    assert_eq!(
        text(item),
        r#"{"id":123,"user":12,"name":"ClientCompany ltd","type":1,"email":"clientcomp@clientcomp.com","phone":"8(890)56-67-67","real_address":"Moscow, red square 1","description":"Additional descr for cur. client","created_at":"2014-04-14 12:23:06","updated_at":"2014-04-14 12:23:06"}"#
    );
}

#[test]
fn one_client_adds_its_type_attributes() {
    let company = item(
        &client(ClientKind::Company),
        &Render::default(),
        Scope::One,
        &[],
        None,
    );
    let keys: Vec<&str> = company.keys().map(String::as_str).collect();
    assert_eq!(&keys[10..], ["company_address", "bank_details"]);
    assert_eq!(company["bank_details"], Value::Null);
    let person = item(
        &client(ClientKind::Person),
        &Render::default(),
        Scope::One,
        &[],
        None,
    );
    assert_eq!(person["type"], 2);
    assert_eq!(person["person_details"], "passport");
    assert!(!person.contains_key("company_address"));
}

#[test]
fn expand_user_replaces_the_id_in_place() {
    let render = Render {
        expand_user: true,
        ..Render::default()
    };
    let out = item(
        &client(ClientKind::Company),
        &render,
        Scope::List,
        &[user()],
        None,
    );
    let keys: Vec<&str> = out.keys().map(String::as_str).collect();
    assert_eq!(&keys[..4], ["id", "user_id", "user", "name"]);
    assert_eq!(
        out["user"].to_string(),
        r#"{"id":12,"username":"Sidor","fname":"S. S.","lname":"Sidorov","email":"sidor@owncomp.com"}"#
    );
    let narrow = Render {
        fields: Some(vec!["id".to_owned()]),
        expand_user: true,
        ..Render::default()
    };
    let out = item(
        &client(ClientKind::Company),
        &narrow,
        Scope::List,
        &[],
        None,
    );
    assert_eq!(text(out), r#"{"id":123,"user_id":12,"user":null}"#);
}

#[test]
fn fields_keep_the_model_order_and_drop_unknown_names() {
    let render = Render {
        fields: Some(vec![
            "name".to_owned(),
            "id".to_owned(),
            "bogus".to_owned(),
            "bank_details".to_owned(),
        ]),
        ..Render::default()
    };
    let list = item(
        &client(ClientKind::Company),
        &render,
        Scope::List,
        &[],
        None,
    );
    assert_eq!(text(list), r#"{"id":123,"name":"ClientCompany ltd"}"#);
    let one = item(&client(ClientKind::Company), &render, Scope::One, &[], None);
    assert_eq!(
        text(one),
        r#"{"id":123,"name":"ClientCompany ltd","bank_details":null}"#
    );
    let none = Render {
        fields: Some(vec!["bogus".to_owned()]),
        ..Render::default()
    };
    assert_eq!(
        text(item(
            &client(ClientKind::Company),
            &none,
            Scope::List,
            &[],
            None
        )),
        "{}"
    );
}

#[test]
fn counts_come_last_in_the_spec_order() {
    let render = Render {
        fields: Some(vec!["id".to_owned()]),
        counts: Counts {
            deals: true,
            offers: true,
            contracts: true,
            invoices: true,
        },
        ..Render::default()
    };
    let counts = DocumentCounts {
        deals: 321,
        offers: 123,
        contracts: 78,
        invoices: 345,
    };
    let out = item(
        &client(ClientKind::Company),
        &render,
        Scope::List,
        &[],
        Some(&counts),
    );
    assert_eq!(
        text(out),
        r#"{"id":123,"count_deals":321,"count_offers":123,"count_invoices":345,"count_contracts":78}"#
    );
}
