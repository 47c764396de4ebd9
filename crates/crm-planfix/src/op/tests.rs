use super::*;
use crate::wire::tree::{TreeLimits, parse};

fn op(xml: &str) -> Result<Op, PlanfixError> {
    let root = parse(xml, TreeLimits::default()).unwrap();
    Op::parse(Method::parse(root.attr("method").unwrap())?, &root)
}

#[test]
fn every_method_is_listed_and_named_as_it_is_parsed() {
    for method in Method::ALL {
        assert_eq!(Method::parse(method.name()).ok(), Some(method));
    }
    let names: std::collections::HashSet<&str> = Method::ALL.iter().map(|m| m.name()).collect();
    assert_eq!(names.len(), Method::ALL.len());
}

#[test]
fn unknown_method_is_0008() {
    assert_eq!(
        Method::parse("contact.fly"),
        Err(PlanfixError::UnknownMethod)
    );
}

#[test]
fn get_prefers_general_then_userid_then_id() {
    let got = op(
        "<request method=\"contact.get\"><contact><id>1</id><userid>2</userid><general>3</general></contact></request>",
    );
    assert_eq!(got, Ok(Op::Get(ContactRef(3))));
    let got = op(
        "<request method=\"contact.get\"><contact><id>1</id><userid>2</userid><general/></contact></request>",
    );
    assert_eq!(got, Ok(Op::Get(ContactRef(2))));
}

#[test]
fn update_prefers_id() {
    let got = op(
        "<request method=\"contact.update\"><contact><general>3</general><id>1</id></contact></request>",
    );
    assert!(matches!(got, Ok(Op::Update(ContactRef(1), _))));
}

#[test]
fn missing_and_bad_ids() {
    assert_eq!(
        op("<request method=\"contact.get\"/>"),
        Err(PlanfixError::MissingParameter("contact"))
    );
    assert_eq!(
        op("<request method=\"contact.get\"><contact><id/></contact></request>"),
        Err(PlanfixError::MissingParameter("contact/id"))
    );
    assert_eq!(
        op("<request method=\"contact.delete\"><contact><id>x</id></contact></request>"),
        Err(PlanfixError::ContactNotFound)
    );
}

#[test]
fn both_contractor_shapes() {
    let got = op(
        "<request method=\"contact.updateContractors\"><contact><id>5</id><contractors><addClient><id>30</id><id>10</id></addClient><delClient><id>20</id></delClient></contractors></contact></request>",
    );
    assert_eq!(
        got,
        Ok(Op::UpdateContractors(
            ContactRef(5),
            ContractorsIn::Change {
                add: vec!["30".into(), "10".into()],
                remove: vec!["20".into()]
            }
        ))
    );
    let got = op(
        "<request method=\"contact.updateContractors\"><contact><id>5</id><contractors><client><id>7</id><id>8</id></client></contractors></contact></request>",
    );
    assert_eq!(
        got,
        Ok(Op::UpdateContractors(
            ContactRef(5),
            ContractorsIn::Replace(vec!["7".into(), "8".into()])
        ))
    );
}

#[test]
fn login_needs_a_login() {
    assert_eq!(
        op("<request method=\"auth.login\"><password>p</password></request>"),
        Err(PlanfixError::MissingParameter("login"))
    );
}

#[test]
fn get_list_reads_filters() {
    let got = op(
        "<request method=\"contact.getList\"><pageCurrent>2</pageCurrent><filters><filter><type>4003</type><operator>equal</operator><value> 123 </value></filter></filters></request>",
    );
    let Ok(Op::GetList(list)) = got else {
        panic!("{got:?}")
    };
    assert_eq!(list.page.as_deref(), Some("2"));
    assert_eq!(
        list.filters,
        vec![FilterIn {
            kind: "4003".into(),
            operator: "equal".into(),
            value: "123".into()
        }]
    );
}
