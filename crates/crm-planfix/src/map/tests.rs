use super::*;
use crate::wire::tree::{TreeLimits, parse};
use crm_core::{ClientKind, Label, Sex};

fn contact(xml: &str) -> ContactIn {
    let root = parse(xml, TreeLimits::default()).unwrap();
    ContactIn::read(&root)
}

#[test]
fn both_generations_make_one_client() {
    let c = contact(
        "<contact><name>Иван</name><midName>Петрович</midName><lastName>Сидоров</lastName><email>i@x.ru</email><secondaryEmails><email>j@x.ru</email></secondaryEmails><mobilePhone>+7900</mobilePhone><phones><phone><number>+7900</number><typeId>1</typeId></phone><phone><number>+7495</number><typeId>2</typeId></phone></phones><homePhone>+7812</homePhone><sex>MALE</sex><birthday>13-03-1987</birthday><skype>ivan.s</skype><unknown>x</unknown></contact>",
    );
    let client = new_client(&c).unwrap();
    assert_eq!(client.kind, ClientKind::Person);
    assert_eq!(client.name.as_full(), "Сидоров Иван Петрович");
    assert_eq!(client.attributes.sex, Some(Sex::Male));
    let points: Vec<(&str, Option<Label>)> = client
        .contacts
        .iter()
        .map(|p| (p.value.as_str(), p.label))
        .collect();
    assert_eq!(
        points,
        vec![
            ("i@x.ru", None),
            ("j@x.ru", None),
            ("+7900", Some(Label::Mobile)),
            ("+7495", Some(Label::Work)),
            ("+7812", Some(Label::Home)),
            ("ivan.s", None),
        ]
    );
}

#[test]
fn company_name_is_whole() {
    let client = new_client(&contact(
        "<contact><name>ООО Ромашка</name><isCompany>1</isCompany></contact>",
    ))
    .unwrap();
    assert_eq!(client.kind, ClientKind::Company);
    assert!(client.name.parts().is_none());
}

#[test]
fn nameless_contact_is_0009_and_bad_values_0015() {
    assert_eq!(
        new_client(&contact("<contact><email>a@b.c</email></contact>")),
        Err(PlanfixError::MissingParameter("contact/name"))
    );
    for bad in [
        "<contact><name>a</name><sex>X</sex></contact>",
        "<contact><name>a</name><birthdate>32-01-2000</birthdate></contact>",
        "<contact><name>a</name><isCompany>yes</isCompany></contact>",
        "<contact><name>a</name><phones><phone><number>1</number><typeId>9</typeId></phone></phones></contact>",
        "<contact><name>a</name><group><id>x</id></group></contact>",
        "<contact><name>a</name><customData><customValue><id>x</id><value>1</value></customValue></customData></contact>",
    ] {
        assert!(
            matches!(
                new_client(&contact(bad)),
                Err(PlanfixError::InvalidValue(_))
            ),
            "{bad}"
        );
    }
}

#[test]
fn absent_keeps_and_empty_clears() {
    let c = contact("<contact><post/><address>Москва</address><sex></sex></contact>");
    let existing = sample();
    let p = patch(&c, &existing).unwrap();
    assert_eq!(
        p.post_patch(),
        (&Patch::Clear, &Patch::Set("Москва".to_owned()))
    );
    assert_eq!(p.attributes.sex, Patch::Clear);
    assert_eq!(p.attributes.description, Patch::Keep);
    assert!(p.name.is_keep());
    assert!(p.contacts.is_empty());
}

#[test]
fn last_name_alone_keeps_given_name() {
    let p = patch(
        &contact("<contact><lastName>Петров</lastName></contact>"),
        &sample(),
    )
    .unwrap();
    let Patch::Set(name) = p.name else { panic!() };
    assert_eq!(name.as_full(), "Петров Иван");
}

trait PostPatch {
    fn post_patch(&self) -> (&Patch<String>, &Patch<String>);
}

impl PostPatch for ClientPatch {
    fn post_patch(&self) -> (&Patch<String>, &Patch<String>) {
        (&self.attributes.position, &self.attributes.address)
    }
}

fn sample() -> crm_core::Client {
    let new = new_client(&contact(
        "<contact><name>Иван</name><lastName>Сидоров</lastName></contact>",
    ))
    .unwrap();
    crm_testkit::stored::client(
        crm_core::ClientId(1),
        new.kind,
        new.name,
        crm_testkit::origin::PLANFIX,
    )
}

#[test]
fn group_without_an_id_is_unchanged_and_empty_group_clears() {
    assert_eq!(
        contact("<contact><group><name>Клиенты</name></group></contact>").group,
        None
    );
    assert_eq!(
        contact("<contact><group/></contact>").group.as_deref(),
        Some("")
    );
    assert_eq!(
        contact("<contact><group>3</group></contact>")
            .group
            .as_deref(),
        Some("3")
    );
    assert_eq!(
        contact("<contact><group><id>4</id><name>x</name></group></contact>")
            .group
            .as_deref(),
        Some("4")
    );
}

#[test]
fn the_filled_birth_date_wins_over_an_empty_one_of_the_other_generation() {
    let date = |xml: &str| contact(xml).birthdate;
    let both = "<contact><birthdate/><birthday>13-03-1987</birthday></contact>";
    assert_eq!(date(both).as_deref(), Some("13-03-1987"));
    let both = "<contact><birthdate>01-02-2000</birthdate><birthday/></contact>";
    assert_eq!(date(both).as_deref(), Some("01-02-2000"));
    assert_eq!(date("<contact><birthdate/></contact>").as_deref(), Some(""));
    assert_eq!(date("<contact><name>x</name></contact>"), None);
}
