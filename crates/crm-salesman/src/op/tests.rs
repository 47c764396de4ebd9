use crm_http::params::{ParamLimits, parse_query};

use super::*;
use crate::wire::Social;

fn params(q: &str) -> ParamMap {
    parse_query(
        q.as_bytes(),
        ParamLimits {
            max_pairs: 1000,
            max_depth: 5,
        },
    )
    .unwrap_or_default()
}

#[test]
fn unknown_or_missing_action_is_402() {
    for q in [
        "",
        "action=",
        "action=remove",
        "action[]=list",
        "action=LIST",
    ] {
        assert_eq!(
            Op::parse(&params(q)),
            Err(SalesmanError::UnknownAction),
            "{q}"
        );
    }
}

#[test]
fn both_spellings_of_add_list_are_accepted() {
    for action in ["addlist", "add.list"] {
        let op = Op::parse(&params(&format!(
            "action={action}&persons%5B0%5D%5Bperson%5D=A&persons%5B1%5D%5Bptitle%5D=x"
        )));
        let Ok(Op::AddList(entries)) = op else {
            unreachable!("{op:?}");
        };
        assert_eq!(entries.len(), 2);
        assert_eq!(
            entries[0].as_ref().map(|p| p.person.clone()),
            Ok(Some("A".to_owned()))
        );
    }
    assert_eq!(
        Op::parse(&params("action=addlist")),
        Err(SalesmanError::Missing)
    );
}

#[test]
fn pid_missing_is_405_and_garbage_is_403() {
    for action in ["info", "update", "delete"] {
        assert_eq!(
            Op::parse(&params(&format!("action={action}"))),
            Err(SalesmanError::NoPid)
        );
        assert_eq!(
            Op::parse(&params(&format!("action={action}&pid=+"))),
            Err(SalesmanError::NoPid)
        );
        for bad in ["abc", "-1", "0", "99999999999999999999", "1%27%20OR%201=1"] {
            assert_eq!(
                Op::parse(&params(&format!("action={action}&pid={bad}"))),
                Err(SalesmanError::NotFound),
                "{bad}"
            );
        }
    }
}

#[test]
fn list_defaults_follow_the_spec() {
    let Ok(Op::List(args)) = Op::parse(&params("action=list")) else {
        unreachable!();
    };
    assert_eq!(args.page, 0);
    assert_eq!(args.order, SortKey::Created);
    assert_eq!(args.direction, Direction::Desc);
    assert_eq!(args.view.columns, Column::DEFAULT.to_vec());
    assert!(!args.view.socials);
}

#[test]
fn hostile_order_offset_and_filter_keys_are_neutralised() {
    let q = "action=list&offset=-5&order=date_create%3BDROP+TABLE+x&first=old\
             &filter%5Bclid%5D=abc&filter%5Bpassword%5D=x&filter%5B1%3D1%5D=y\
             &filter%5Bptitle%5D=Dir&filter%5Binput3%5D=z&filter%5Bclientpath%5D=";
    let Ok(Op::List(args)) = Op::parse(&params(q)) else {
        unreachable!();
    };
    assert_eq!(args.page, 0);
    assert_eq!(args.order, SortKey::Created);
    assert_eq!(args.direction, Direction::Asc);
    assert_eq!(
        args.filters,
        vec![
            ListFilter::Text(TextField::Position, "Dir".to_owned()),
            ListFilter::Field(3, "z".to_owned()),
        ]
    );
}

#[test]
fn bad_dates_are_405_and_good_ones_are_utc_midnight() {
    assert!(matches!(
        Op::parse(&params("action=list&dateStart=2016-13-01")),
        Err(SalesmanError::Invalid(_))
    ));
    let Ok(Op::List(args)) = Op::parse(&params("action=list&dateStart=2016-01-01")) else {
        unreachable!();
    };
    assert_eq!(args.date_start, Some(Timestamp(1_451_606_400_000)));
}

#[test]
fn fields_are_trimmed_deduplicated_and_unknowns_dropped() {
    let Ok(Op::Info { view, .. }) = Op::parse(&params(
        "action=info&pid=5&fields=clid,+person,bogus,person,input2&socinfo=yes",
    )) else {
        unreachable!();
    };
    assert_eq!(
        view.columns,
        vec![Column::Clid, Column::Person, Column::Input(2)]
    );
    assert!(view.socials);
}

#[test]
fn person_input_reads_nested_and_flat_socials() {
    let p = PersonInput::parse(&params(
        "person=A&socials%5Bskype%5D=s&icq=1&socials%5Bblog%5D=&clid=0&mperson=yes&input10=x",
    ))
    .unwrap_or_default();
    assert_eq!(
        p.socials,
        vec![
            (Social::Blog, String::new()),
            (Social::Icq, "1".to_owned()),
            (Social::Skype, "s".to_owned()),
        ]
    );
    assert_eq!(p.clid, Some(None));
    assert_eq!(p.mperson, Some(true));
    assert_eq!(p.inputs, vec![(10, "x".to_owned())]);
}

#[test]
fn date_create_is_read_in_the_forms_strtotime_reads_and_ignored_otherwise() {
    let at = |q: &str| {
        PersonInput::parse(&params(q))
            .unwrap()
            .date_create
            .map(|t| t.to_utc().to_rfc3339())
    };
    let noon = Some("2024-05-17T12:30:00+00:00".to_owned());
    assert_eq!(at("date_create=2024-05-17+12%3A30%3A00"), noon);
    assert_eq!(at("date_create=2024-05-17+12%3A30"), noon);
    assert_eq!(at("date_create=2024-05-17T15%3A30%3A00%2B03%3A00"), noon);
    assert_eq!(at("date_create=17.05.2024+12%3A30"), noon);
    assert_eq!(
        at("date_create=17.05.2024"),
        Some("2024-05-17T00:00:00+00:00".to_owned())
    );
    assert_eq!(at("date_create=tomorrow"), None);
    assert_eq!(at("date_create=2024-13-45"), None);
    // Years a MySQL DATETIME cannot hold, and signed ones, are no dates.
    for outside in [
        "%2B10000-01-01",
        "-0001-01-01",
        "0000-01-01",
        "01.01.-5",
        "%2B2024-01-01",
    ] {
        assert_eq!(at(&format!("date_create={outside}")), None, "{outside}");
    }
}

#[test]
fn a_list_s_dates_hold_four_digit_years() {
    for bad in ["dateStart=%2B10000-01-01", "dateEnd=-0001-01-01"] {
        let parsed = Op::parse(&params(&format!("action=list&{bad}")));
        assert!(matches!(parsed, Err(SalesmanError::Invalid(_))), "{bad}");
    }
}

#[test]
fn a_refused_clid_is_quoted_as_sent() {
    let Err(SalesmanError::Invalid(text)) = PersonInput::parse(&params("clid=%03a")) else {
        panic!("clid=%03a is refused");
    };
    assert_eq!(text, "clid: ожидается целое число, получено \"\u{3}a\"");
}

#[test]
fn arrays_where_text_is_expected_are_405() {
    for q in ["person%5B%5D=x", "clid=abc", "socials%5Bskype%5D%5B%5D=x"] {
        assert!(
            matches!(
                PersonInput::parse(&params(q)),
                Err(SalesmanError::Invalid(_))
            ),
            "{q}"
        );
    }
}
