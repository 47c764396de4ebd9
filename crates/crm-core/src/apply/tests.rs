use super::*;
use crate::model::*;

fn point(id: i64, label: Label, value: &str) -> ContactPoint {
    ContactPoint {
        id: ContactPointId(id),
        client: ClientId(1),
        kind: ContactKind::Phone,
        service: Service::Phone,
        label: Some(label),
        value: value.to_owned(),
        origin: Origin::Manual,
        status: Status::Active,
        position: id,
        created_at: Timestamp(0),
    }
}

fn phone(label: Label, value: &str) -> NewContactPoint {
    NewContactPoint {
        kind: ContactKind::Phone,
        service: Service::Phone,
        label: Some(label),
        value: value.to_owned(),
        origin: None,
    }
}

fn work_phones(values: &[&str]) -> ContactReplace {
    ContactReplace {
        selector: ContactSelector {
            kind: ContactKind::Phone,
            service: None,
            label: Some(Some(Label::Work)),
        },
        values: values.iter().map(|v| phone(Label::Work, v)).collect(),
    }
}

fn client() -> Client {
    Client {
        id: ClientId(1),
        kind: ClientKind::Person,
        name: Name::full("Иванов Иван"),
        attributes: ClientAttributes {
            position: Some("Директор".into()),
            responsible: Some(UserId(1)),
            ..ClientAttributes::default()
        },
        loyalty: None,
        source: None,
        group: None,
        fields: vec![FieldValue {
            number: 1,
            value: "a".into(),
        }],
        companies: vec![],
        has_avatar: false,
        origin: Origin::Manual,
        status: Status::Active,
        created_at: Timestamp(0),
        updated_at: Timestamp(0),
        contacts: vec![point(1, Label::Work, "1"), point(2, Label::Mobile, "2")],
    }
}

#[test]
fn replacing_a_slot_keeps_same_values_and_touches_no_other_slot() {
    let existing = client().contacts;
    let plan = plan_contacts(&existing, &[work_phones(&["1", "3"])]);
    assert_eq!(plan.delete, vec![]);
    assert_eq!(plan.insert, vec![phone(Label::Work, "3")]);
}

#[test]
fn replacing_a_slot_deletes_values_no_longer_sent() {
    let existing = client().contacts;
    let plan = plan_contacts(&existing, &[work_phones(&["3"])]);
    assert_eq!(plan.delete, vec![ContactPointId(1)]);
    assert_eq!(plan.insert, vec![phone(Label::Work, "3")]);
}

#[test]
fn identical_patch_reports_no_change() {
    let mut c = client();
    let patch = ClientPatch {
        attributes: AttributesPatch {
            position: Patch::Set("Директор".into()),
            ..Default::default()
        },
        fields: vec![(1, Patch::Set("a".into()))],
        contacts: vec![work_phones(&["1"])],
        ..Default::default()
    };
    let (changed, plan) = apply_patch(&mut c, &patch, ResolvedRefs::default());
    assert!(!changed);
    assert!(plan.is_empty());
}

#[test]
fn fields_are_set_cleared_and_kept_sorted() {
    let mut c = client();
    let patch = ClientPatch {
        fields: vec![
            (3, Patch::Set("c".into())),
            (1, Patch::Clear),
            (2, Patch::Set("b".into())),
        ],
        ..Default::default()
    };
    let (changed, _) = apply_patch(&mut c, &patch, ResolvedRefs::default());
    assert!(changed);
    let numbers: Vec<i64> = c.fields.iter().map(|f| f.number).collect();
    assert_eq!(numbers, vec![2, 3]);
}

#[test]
fn clearing_text_and_setting_avatar_are_changes() {
    let mut c = client();
    let patch = ClientPatch {
        attributes: AttributesPatch {
            position: Patch::Clear,
            ..Default::default()
        },
        avatar: Patch::Set(vec![1, 2, 3]),
        ..Default::default()
    };
    let (changed, _) = apply_patch(&mut c, &patch, ResolvedRefs::default());
    assert!(changed);
    assert_eq!(c.attributes.position, None);
    assert!(c.has_avatar);
}

#[test]
fn the_same_full_name_keeps_the_stored_parts() {
    let mut c = client();
    c.name = Name::from_parts("Иван", "Петрович", "Сидоров");
    let same = ClientPatch {
        name: Patch::Set(Name::full("Сидоров Иван Петрович")),
        ..Default::default()
    };
    let (changed, _) = apply_patch(&mut c, &same, ResolvedRefs::default());
    assert!(!changed);
    assert_eq!(c.name.parts().map(|p| p.given.as_str()), Some("Иван"));

    let other = ClientPatch {
        name: Patch::Set(Name::full("Сидоров Пётр")),
        ..Default::default()
    };
    let (changed, _) = apply_patch(&mut c, &other, ResolvedRefs::default());
    assert!(changed);
    assert_eq!(c.name, Name::full("Сидоров Пётр"));
}

#[test]
fn a_removal_deletes_only_that_live_point() {
    let mut c = client();
    let first = c.contacts[0].id;
    let patch = ClientPatch {
        removals: vec![first, ContactPointId(9_999)],
        rewrites: vec![ContactRewrite {
            id: first,
            value: "x".into(),
        }],
        ..Default::default()
    };
    let (changed, plan) = apply_patch(&mut c, &patch, ResolvedRefs::default());
    assert!(changed);
    assert_eq!(plan.delete, vec![first]);
    assert!(plan.rewrite.is_empty() && plan.insert.is_empty());
}
